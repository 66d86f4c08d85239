/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// `npm start` headlessly: spawn it on free ports, wait for the ready line, log in like the editor, run the
// imported demo workflow through the editor's API twice (If Name Exists: Rename keeps it green), check the
// copies in the sandbox, check every example of examples/ is imported with the demo credential (examples.e2e
// runs them), save a workflow of the user's own, then Ctrl-C. Started again on the same folder (and another sandbox
// port), the user's workflow is still there, the demo credential and the examples point at the new
// sandbox; `--reset` starts with only the demo workflow and the examples.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DEMO_CREDENTIAL, DEMO_OWNER, DEMO_TRIGGER_NAME, DEMO_WORKFLOW_ID, PID_FILE, READY_LINE } from './lib/demo';
import { runWorkflowFromEditor } from './lib/editor';
import { exampleFiles, isScene7Node, loadExample, readExample, WEBHOOK_EXAMPLE } from './lib/examples';
import { hostPaths, REPO_ROOT } from './lib/host';
import { CREDENTIAL_TYPE, freePort, nodeOutput, RestClient, stopProcessGroup, waitFor, type WorkflowJson } from './lib/n8n';
import type { AssetRecord } from './lib/sandbox';
import { manualTriggerNode, setNode } from './lib/workflows';

async function reachable(url: string): Promise<boolean> {
	try {
		await fetch(url);
		return true;
	} catch {
		return false;
	}
}

interface Demo {
	child: ChildProcess;
	output: () => string;
	port: number;
	sandboxPort: number;
}

/** `npm start` like a user types it (the build was done before the suite; the suite never builds). */
async function startDemo(userFolder: string, extraArgs: string[] = []): Promise<Demo> {
	const port = await freePort();
	let sandboxPort = await freePort();
	while (sandboxPort === port) sandboxPort = await freePort();
	let output = '';
	const child = spawn(
		'npm',
		['start', '--', '--no-build', '--port', String(port), '--sandbox-port', String(sandboxPort), '--user-folder', userFolder, ...extraArgs],
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
	return { child, output: () => output, port, sandboxPort };
}

/** Ctrl-C, and wait until neither n8n nor the sandbox answers. */
async function ctrlC(demo: Demo): Promise<void> {
	const exited = new Promise<number | null>((resolve) => demo.child.once('exit', (code) => resolve(code)));
	process.kill(-(demo.child.pid as number), 'SIGINT');
	await exited;
	await waitFor(
		async () =>
			!(await reachable(`http://127.0.0.1:${demo.port}/healthz`)) && !(await reachable(`http://127.0.0.1:${demo.sandboxPort}/__sandbox/health`)),
		30_000,
		() => `still reachable after Ctrl-C:\n${demo.output().slice(-2000)}`,
	);
}

async function loggedIn(demo: Demo): Promise<RestClient> {
	const rest = new RestClient(`http://127.0.0.1:${demo.port}`);
	await rest.login(DEMO_OWNER.email, DEMO_OWNER.password);
	return rest;
}

async function sandboxAssets(demo: Demo): Promise<AssetRecord[]> {
	const state = (await (await fetch(`http://127.0.0.1:${demo.sandboxPort}/__sandbox/state`)).json()) as { assets: AssetRecord[] };
	return state.assets;
}

const workflowNames = async (rest: RestClient) =>
	(await rest.ok<Array<{ id: string; name: string }>>('GET', '/rest/workflows')).map((w) => w.name).sort();

/**
 * The demo run through the editor API: the copy lands in this start's sandbox, named `name` (If Name
 * Exists: Rename gives the second run Copy_macbookwin1_1).
 */
async function runDemoWorkflow(demo: Demo, rest: RestClient, name = 'Copy_macbookwin1') {
	const { execution, run } = await runWorkflowFromEditor(rest, hostPaths(), DEMO_WORKFLOW_ID, DEMO_TRIGGER_NAME);
	expect(execution.status).toBe('success');
	expect(execution.mode).toBe('manual');
	const out = nodeOutput(run, 'Copy Image');
	expect(out).toHaveLength(1);
	const copies = (await sandboxAssets(demo)).filter((a) => a.name === name);
	expect(copies).toHaveLength(1);
	expect(out[0]).toMatchObject({
		assetHandle: copies[0].assetHandle,
		sourceAssetHandle: 'a|739|1|537',
		folderHandle: 'ApiTestCo/',
		name,
		...(name === 'Copy_macbookwin1' ? {} : { requestedName: 'Copy_macbookwin1' }),
	});
	expect(out[0].assetHandle).toMatch(/^a\|/);
	expect(nodeOutput(run, 'Use Handle')[0].copiedHandle).toBe(copies[0].assetHandle);
}

const USER_WORKFLOW = 'My own workflow (saved in the editor)';
const DEMO_WORKFLOW = 'Scene7: copy the docs example';
const EXAMPLES = exampleFiles().map((file) => ({ file, shipped: readExample(file) }));
/** The workflows npm start imports: the demo and every example. */
const IMPORTED = [DEMO_WORKFLOW, ...EXAMPLES.map((e) => e.shipped.name)];

/** Each example in the editor's database is the file as npm start loads it for this sandbox (demo credential on every Scene7 node). */
async function checkImportedExamples(demo: Demo, rest: RestClient) {
	for (const { file, shipped } of EXAMPLES) {
		const stored = await rest.ok<WorkflowJson>('GET', `/rest/workflows/${shipped.id}`);
		const expected = loadExample(file, { credential: DEMO_CREDENTIAL, sandboxUrl: `http://127.0.0.1:${demo.sandboxPort}` });
		expect({ file, name: stored.name }).toEqual({ file, name: shipped.name });
		for (const node of expected.nodes) {
			const got = stored.nodes.find((n) => n.name === node.name);
			expect({ file, node: node.name, parameters: got?.parameters }).toEqual({ file, node: node.name, parameters: expect.objectContaining(node.parameters) });
			if (isScene7Node(node)) expect({ file, node: node.name, credentials: got?.credentials }).toEqual({ file, node: node.name, credentials: { [CREDENTIAL_TYPE]: { ...DEMO_CREDENTIAL } } });
		}
	}
}

describe('npm start (demo)', () => {
	let userFolder: string;
	let demo: Demo | undefined;

	beforeAll(async () => {
		userFolder = mkdtempSync(path.join(os.tmpdir(), 'e2e-demo-'));
		demo = await startDemo(userFolder);
	});

	afterAll(async () => {
		if (demo) await stopProcessGroup(demo.child, 5000);
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

	test('prints the editor URL, the demo login and where the data lives', () => {
		const output = demo!.output();
		expect(output).toContain(`http://localhost:${demo!.port}`);
		expect(output).toContain(`${DEMO_OWNER.email} / ${DEMO_OWNER.password}`);
		expect(output).toContain(`/workflow/${DEMO_WORKFLOW_ID}`);
		for (const { file, shipped } of EXAMPLES) expect(output).toContain(`http://localhost:${demo!.port}/workflow/${shipped.id}  (${file})`);
		expect(output).toContain(`http://localhost:${demo!.port}/webhook-test/${WEBHOOK_EXAMPLE.path}`);
		expect(output).toContain(`http://127.0.0.1:${demo!.sandboxPort}/scene7/services/IpsApiService`);
		expect(output).toContain(`New demo data in ${userFolder}`);
		expect(output).toContain(`${userFolder} (kept between starts; npm start -- --reset starts fresh)`);
	});

	test('the demo workflow runs from the editor API and copies the docs example; a second run is green too (Rename)', async () => {
		const rest = await loggedIn(demo!);
		// The package's node and credential are known to the editor.
		const types = await rest.request<Array<{ name: string }>>('GET', '/types/nodes.json');
		expect(types.status).toBe(200);
		expect(types.json.map((t) => t.name)).toContain('n8n-nodes-scene7.scene7Ips');
		await runDemoWorkflow(demo!, rest);
		await runDemoWorkflow(demo!, rest, 'Copy_macbookwin1_1');
	});

	// examples.e2e runs each of these, imported the same way (lib/examples).
	test('every example of examples/ is imported with the demo credential', async () => {
		await checkImportedExamples(demo!, await loggedIn(demo!));
	});

	test('the user saves a workflow of their own; Ctrl-C stops n8n and the sandbox', async () => {
		const rest = await loggedIn(demo!);
		const saved = await rest.ok<{ id: string; name: string }>('POST', '/rest/workflows', {
			name: USER_WORKFLOW,
			active: false,
			nodes: [manualTriggerNode(), setNode('Note', { note: 'kept between starts' }, [220, 0])],
			connections: { 'Manual Trigger': { main: [[{ node: 'Note', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		expect(saved.name).toBe(USER_WORKFLOW);
		expect(await workflowNames(rest)).toEqual([USER_WORKFLOW, ...IMPORTED].sort());

		await ctrlC(demo!);
		expect(demo!.output()).toContain('Stopping n8n and the IPS sandbox');
		demo = undefined;
	});

	test('started again: the saved workflow is still there, the demo credential points at the new sandbox', async () => {
		demo = await startDemo(userFolder);
		expect(demo.output()).toContain(`Keeping the demo data in ${userFolder}`);
		const rest = await loggedIn(demo);
		expect(await workflowNames(rest)).toEqual([USER_WORKFLOW, ...IMPORTED].sort());
		const mine = (await rest.ok<Array<{ id: string; name: string }>>('GET', '/rest/workflows')).find((w) => w.name === USER_WORKFLOW)!;
		const full = await rest.ok<{ nodes: Array<{ name: string; parameters: Record<string, unknown> }> }>('GET', `/rest/workflows/${mine.id}`);
		expect(full.nodes.map((n) => n.name)).toEqual(['Manual Trigger', 'Note']);
		// This start's sandbox has another port and an empty state: the run only succeeds if the credential
		// was updated to it; the catalogue example's source URLs point at it too.
		await runDemoWorkflow(demo, rest);
		await checkImportedExamples(demo, rest);
		await ctrlC(demo);
		demo = undefined;
	});

	test('npm start -- --reset starts from an empty folder: only the demo workflow and the examples', async () => {
		demo = await startDemo(userFolder, ['--reset']);
		expect(demo.output()).toContain(`New demo data in ${userFolder}`);
		const rest = await loggedIn(demo);
		expect(await workflowNames(rest)).toEqual([...IMPORTED].sort());
		await ctrlC(demo);
		demo = undefined;
	});
});
