/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// `npm start` headlessly: spawn it on free ports, wait for the ready line, log in like the editor, run the
// imported example workflow through the editor's API, check the copy in the sandbox, then Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DEMO_OWNER, DEMO_TRIGGER_NAME, DEMO_WORKFLOW_ID, PID_FILE, READY_LINE } from './lib/demo';
import { runWorkflowFromEditor } from './lib/editor';
import { hostPaths, REPO_ROOT } from './lib/host';
import { freePort, nodeOutput, RestClient, stopProcessGroup, waitFor } from './lib/n8n';
import type { AssetRecord } from './lib/sandbox';

async function reachable(url: string): Promise<boolean> {
	try {
		await fetch(url);
		return true;
	} catch {
		return false;
	}
}

describe('npm start (demo)', () => {
	let child: ChildProcess;
	let output = '';
	let userFolder: string;
	let port: number;
	let sandboxPort: number;

	beforeAll(async () => {
		port = await freePort();
		sandboxPort = await freePort();
		userFolder = mkdtempSync(path.join(os.tmpdir(), 'e2e-demo-'));
		// Like a user typing `npm start` (the build was done before the suite; the suite never builds).
		child = spawn(
			'npm',
			['start', '--', '--no-build', '--port', String(port), '--sandbox-port', String(sandboxPort), '--user-folder', userFolder],
			{ cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
		);
		child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
		child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
		await waitFor(
			async () => {
				if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
				return output.includes(READY_LINE);
			},
			300_000,
			() => `npm start did not print "${READY_LINE}":\n${output.slice(-4000)}`,
			500,
		);
	});

	afterAll(async () => {
		if (child) await stopProcessGroup(child, 5000);
		// n8n runs in its own process group: if the demo did not stop it, do it here.
		const pidFile = userFolder && path.join(userFolder, PID_FILE);
		if (pidFile && existsSync(pidFile)) {
			try {
				process.kill(-Number(readFileSync(pidFile, 'utf8').trim()), 'SIGKILL');
			} catch {
				// already gone
			}
		}
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	});

	test('prints the editor URL and the demo login', () => {
		expect(output).toContain(`http://localhost:${port}`);
		expect(output).toContain(`${DEMO_OWNER.email} / ${DEMO_OWNER.password}`);
		expect(output).toContain(`/workflow/${DEMO_WORKFLOW_ID}`);
		expect(output).toContain(`http://127.0.0.1:${sandboxPort}/scene7/services/IpsApiService`);
	});

	test('the example workflow runs from the editor API and copies the docs example', async () => {
		const rest = new RestClient(`http://127.0.0.1:${port}`);
		await rest.login(DEMO_OWNER.email, DEMO_OWNER.password);
		// The package's node and credential are known to the editor.
		const types = await rest.request<Array<{ name: string }>>('GET', '/types/nodes.json');
		expect(types.status).toBe(200);
		expect(types.json.map((t) => t.name)).toContain('n8n-nodes-scene7.scene7Ips');

		const { execution, run } = await runWorkflowFromEditor(rest, hostPaths(), DEMO_WORKFLOW_ID, DEMO_TRIGGER_NAME);
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('manual');
		const out = nodeOutput(run, 'Copy Image');
		expect(out).toHaveLength(1);

		// The sandbox runs inside `npm start`: read its state through its control API.
		const state = (await (await fetch(`http://127.0.0.1:${sandboxPort}/__sandbox/state`)).json()) as { assets: AssetRecord[] };
		const copies = state.assets.filter((a) => a.name === 'Copy_macbookwin1');
		expect(copies).toHaveLength(1);
		expect(out[0]).toMatchObject({
			assetHandle: copies[0].assetHandle,
			sourceAssetHandle: 'a|739|1|537',
			folderHandle: 'ApiTestCo/',
			name: 'Copy_macbookwin1',
		});
		expect(out[0].assetHandle).toMatch(/^a\|/);
		expect(nodeOutput(run, 'Use Handle')[0].copiedHandle).toBe(copies[0].assetHandle);
	});

	test('Ctrl-C stops n8n and the sandbox', async () => {
		const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
		process.kill(-(child.pid as number), 'SIGINT');
		await exited;
		await waitFor(
			async () => !(await reachable(`http://127.0.0.1:${port}/healthz`)) && !(await reachable(`http://127.0.0.1:${sandboxPort}/__sandbox/health`)),
			30_000,
			() => `still reachable after Ctrl-C:\n${output.slice(-2000)}`,
		);
		expect(output).toContain('Stopping n8n and the IPS sandbox');
	});
});
