/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// The suite must notice packaging mistakes: the package is loaded by n8n from its package.json `n8n`
// section exactly as when installed from npm. A copy of the package whose `n8n.nodes` points at a wrong
// dist path leaves the node type unknown, and the docs-example workflow fails.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from './lib/host';
import { N8n, NODE_TYPE, nodeOutput } from './lib/n8n';
import { assetsNamed, DEMO, startSandbox, type Sandbox } from './lib/sandbox';
import { DOCS_EXAMPLE, docsExampleWorkflow, scene7Credential } from './lib/workflows';

const CRED = { id: 'e2eCredPackage01', name: 'Scene7 sandbox' };

interface PackageJson {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
}

/** A package folder like the published one: its own package.json, the real dist/ and node_modules/. */
function packageCopy(edit: (pkg: PackageJson) => void): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-pkg-'));
	const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
	edit(pkg);
	writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
	for (const entry of ['dist', 'node_modules', 'index.js']) symlinkSync(path.join(REPO_ROOT, entry), path.join(dir, entry));
	return dir;
}

describe('packaging mistakes are caught', () => {
	let sandbox: Sandbox;
	const cleanup: Array<() => Promise<void> | void> = [];

	beforeAll(async () => {
		sandbox = await startSandbox();
	});

	afterAll(async () => {
		for (const fn of cleanup.reverse()) await fn();
		await sandbox?.close();
	});

	async function runDocsExample(packageDir: string, copyName: string) {
		const n8n = await N8n.create({ label: 'e2e-packaging', packageDir });
		cleanup.push(async () => await n8n.dispose());
		await n8n.importCredentials([
			scene7Credential({ ...CRED, serviceUrl: sandbox.serviceUrl, user: DEMO.user, password: DEMO.password }),
		]);
		await n8n.importWorkflows([docsExampleWorkflow('e2ePackagingWf01', CRED, { ...DOCS_EXAMPLE, name: copyName })]);
		return await n8n.execute('e2ePackagingWf01');
	}

	test('control: an unmodified copy of the package runs the docs example', async () => {
		const dir = packageCopy(() => undefined);
		cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
		const res = await runDocsExample(dir, 'Packaging_control');
		expect(res.code).toBe(0);
		expect(res.run?.status).toBe('success');
		expect(nodeOutput(res.run!, 'Copy Image')[0].name).toBe('Packaging_control');
		expect(assetsNamed(sandbox, 'Packaging_control')).toHaveLength(1);
	});

	test('a wrong dist path in n8n.nodes makes the node type unrecognized and the run fail', async () => {
		const dir = packageCopy((pkg) => {
			// A typical slip: the path's case differs from the built file's (Linux file systems are case-sensitive).
			pkg.n8n.nodes = pkg.n8n.nodes.map((p) => p.replace('Scene7Ips/', 'Scene7IPS/'));
		});
		cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
		const before = sandbox.requests.length;
		const res = await runDocsExample(dir, 'Packaging_broken');
		expect(res.code).not.toBe(0);
		expect(res.run?.status).not.toBe('success');
		expect(`${res.stdout}\n${res.stderr}`).toContain(`Unrecognized node type: ${NODE_TYPE}`);
		expect(sandbox.requests.length).toBe(before);
		expect(assetsNamed(sandbox, 'Packaging_broken')).toHaveLength(0);
	});
});
