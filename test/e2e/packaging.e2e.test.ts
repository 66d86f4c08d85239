/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports */
// The suite must notice packaging mistakes. Every n8n of the run installs the packed tarball with
// `npm install` in `.n8n/nodes` (lib/package.ts), as n8n's installer does, so:
//   - the installed package is a real folder holding exactly what the tarball ships, the version of the
//     checkout, and n8n serves the node's and the credential's icons (light and dark) from it: an icon
//     left out of package.json `files` fails here;
//   - a tarball whose `n8n.nodes` points at a wrong dist path leaves the node type unknown and the
//     docs-example workflow fails (with the run's own tarball it passes: headless.e2e.test.ts).
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from './lib/host';
import { CREDENTIAL_TYPE, N8n, NODE_TYPE, PACKAGE_NAME, RestClient } from './lib/n8n';
import { nodesDir, packPackage, runTarball } from './lib/package';
import { assetsNamed, sandboxCredential, startSandbox, type Sandbox } from './lib/sandbox';
import { DOCS_EXAMPLE, docsExampleWorkflow } from './lib/workflows';

const CRED = { id: 'e2eCredPackage01', name: 'Scene7 sandbox' };
const OWNER = { email: 'owner@example.com', password: 'E2e-Owner-Passw0rd' };

interface PackageJson {
	name: string;
	version: string;
	n8n: { nodes: string[]; credentials: string[] };
}

function filesUnder(dir: string, base = dir): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full)];
	});
}

/** The files a tarball holds (paths inside `package/`). */
function tarballFiles(tarball: string): string[] {
	return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
		.split('\n')
		.filter((line) => line && !line.endsWith('/'))
		.map((line) => line.replace(/^package\//, ''))
		.sort();
}

/** The run's tarball, unpacked, its package.json edited, packed again. */
async function editedTarball(edit: (pkg: PackageJson) => void): Promise<{ tarball: string; dir: string }> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-pkg-'));
	const unpacked = path.join(dir, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', runTarball(), '-C', unpacked, '--strip-components=1']);
	const manifest = path.join(unpacked, 'package.json');
	const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as PackageJson;
	edit(pkg);
	writeFileSync(manifest, JSON.stringify(pkg, null, 2));
	return { tarball: await packPackage(path.join(dir, 'out'), unpacked), dir };
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

	async function runDocsExample(tarball: string, copyName: string) {
		const n8n = await N8n.create({ label: 'e2e-packaging', tarball });
		cleanup.push(async () => await n8n.dispose());
		await n8n.importCredentials([sandboxCredential(CRED, sandbox)]);
		await n8n.importWorkflows([docsExampleWorkflow('e2ePackagingWf01', CRED, { ...DOCS_EXAMPLE, name: copyName })]);
		return await n8n.execute('e2ePackagingWf01');
	}

	test('the package is installed from the tarball: a real folder with exactly its files, and n8n serves its icons', async () => {
		const tarball = runTarball();
		const n8n = await N8n.create({ label: 'e2e-packaging-icons' });
		cleanup.push(async () => await n8n.dispose());

		const installed = path.join(nodesDir(n8n.userFolder), 'node_modules', PACKAGE_NAME);
		expect(lstatSync(installed).isSymbolicLink()).toBe(false);
		// What n8n does with it first: both icons of the node and of the credential are served.
		await n8n.start();
		const rest = new RestClient(n8n.baseUrl);
		await rest.setupOwner(OWNER.email, OWNER.password);
		const nodeTypes = await rest.request<Array<{ name: string; iconUrl?: { light: string; dark: string } }>>('GET', '/types/nodes.json');
		const credentialTypes = await rest.request<Array<{ name: string; iconUrl?: { light: string; dark: string } }>>(
			'GET',
			'/types/credentials.json',
		);
		const node = nodeTypes.json.find((t) => t.name === NODE_TYPE);
		const credential = credentialTypes.json.find((t) => t.name === CREDENTIAL_TYPE);
		expect(node?.iconUrl).toEqual({ light: expect.any(String), dark: expect.any(String) });
		expect(credential?.iconUrl).toEqual({ light: expect.any(String), dark: expect.any(String) });
		const urls = [node!.iconUrl!.light, node!.iconUrl!.dark, credential!.iconUrl!.light, credential!.iconUrl!.dark];
		expect(new Set(urls.map((u) => path.basename(u)))).toEqual(new Set(['scene7.svg', 'scene7.dark.svg']));
		for (const url of urls) {
			const res = await rest.request('GET', `/${url.replace(/^\//, '')}`);
			expect({ url, status: res.status, svg: res.text.trimStart().startsWith('<svg') }).toEqual({ url, status: 200, svg: true });
		}

		const shipped = tarballFiles(tarball);
		expect(filesUnder(installed).sort()).toEqual(shipped);
		// What a user needs and nothing of the repository's development files.
		expect(shipped).toEqual(
			expect.arrayContaining([
				'package.json',
				'LICENSE.md',
				'README.md',
				'dist/nodes/Scene7Ips/Scene7Ips.node.js',
				'dist/credentials/Scene7IpsApi.credentials.js',
				'dist/icons/scene7.svg',
				'dist/icons/scene7.dark.svg',
			]),
		);
		expect(shipped.filter((f) => /^(test|nodes|credentials|bench|\.ci|\.github)\//.test(f) || f.endsWith('.ts'))).toEqual([]);
		const installedPkg = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as PackageJson;
		const checkoutPkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
		expect(installedPkg.version).toBe(checkoutPkg.version);
		// The nodes folder's manifest records the install, as n8n's installer leaves it.
		const nodesManifest = JSON.parse(readFileSync(path.join(nodesDir(n8n.userFolder), 'package.json'), 'utf8')) as {
			dependencies: Record<string, string>;
		};
		expect(Object.keys(nodesManifest.dependencies)).toEqual([PACKAGE_NAME]);
	});

	test('a wrong dist path in n8n.nodes makes the node type unrecognized and the run fail', async () => {
		const { tarball, dir } = await editedTarball((pkg) => {
			// A typical slip: the path's case differs from the built file's (Linux file systems are case-sensitive).
			pkg.n8n.nodes = pkg.n8n.nodes.map((p) => p.replace('Scene7Ips/', 'Scene7IPS/'));
		});
		cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
		const before = sandbox.requests.length;
		const res = await runDocsExample(tarball, 'Packaging_broken');
		expect(res.code).not.toBe(0);
		expect(res.run?.status).not.toBe('success');
		expect(`${res.stdout}\n${res.stderr}`).toContain(`Unrecognized node type: ${NODE_TYPE}`);
		expect(sandbox.requests.length).toBe(before);
		expect(assetsNamed(sandbox, 'Packaging_broken')).toHaveLength(0);
	});
});
