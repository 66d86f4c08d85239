/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
// Checks the built package the way n8n loads it and the way n8n's verification scans it.
// Needs `npm run build` first (CI builds before testing).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import packageJson from '../package.json';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

function filesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(full) : [full];
	});
}

beforeAll(() => {
	if (!fs.existsSync(path.join(dist, 'nodes'))) throw new Error('dist/ is missing: run `npm run build` before the tests');
});

describe('package.json', () => {
	it('has no runtime dependencies and only n8n-workflow as a peer', () => {
		expect((packageJson as { dependencies?: object }).dependencies).toBeUndefined();
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(packageJson.n8n.strict).toBe(true);
		expect(packageJson.license).toBe('MIT');
		expect(packageJson.keywords).toContain('n8n-community-node-package');
	});

	it('registers files that exist in dist/', () => {
		const registered = [...packageJson.n8n.nodes, ...packageJson.n8n.credentials];
		expect(registered).toEqual([
			'dist/nodes/Scene7Ips/Scene7Ips.node.js',
			'dist/nodes/Scene7IpsTrigger/Scene7IpsTrigger.node.js',
			'dist/credentials/Scene7IpsApi.credentials.js',
		]);
		for (const file of registered) expect(fs.existsSync(path.join(root, file))).toBe(true);
	});
});

describe('dist/', () => {
	it('holds the node, the credential, both icons, the codex and the vendored XML library with its licence', () => {
		const files = filesUnder(dist).map((file) => path.relative(dist, file)).sort();
		expect(files).toEqual(
			[
				'credentials/Scene7IpsApi.credentials.js',
				'icons/scene7.dark.svg',
				'icons/scene7.svg',
				'nodes/Scene7Ips/Scene7Ips.node.js',
				'nodes/Scene7Ips/Scene7Ips.node.json',
				'nodes/Scene7IpsTrigger/Scene7IpsTrigger.node.js',
				'nodes/Scene7IpsTrigger/Scene7IpsTrigger.node.json',
				'vendor/fast-xml-parser.LICENSE',
				'vendor/fast-xml-parser.js',
			].sort(),
		);
	});

	it('requires no package but n8n-workflow, and only files that exist', () => {
		for (const file of filesUnder(dist).filter((name) => name.endsWith('.js'))) {
			const required = [...fs.readFileSync(file, 'utf8').matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((match) => match[1]);
			for (const target of required) {
				if (target.startsWith('.')) {
					expect(fs.existsSync(path.resolve(path.dirname(file), target))).toBe(true);
				} else {
					expect(target).toBe('n8n-workflow');
				}
			}
		}
	});

	it('loads the nodes and the credential with icons that resolve to different files', () => {
		// As n8n loads them: require() of the built files.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const load = (file: string) => require(path.join(dist, file));
		const { Scene7Ips } = load('nodes/Scene7Ips/Scene7Ips.node.js');
		const { Scene7IpsTrigger } = load('nodes/Scene7IpsTrigger/Scene7IpsTrigger.node.js');
		const { Scene7IpsApi } = load('credentials/Scene7IpsApi.credentials.js');
		const node = new Scene7Ips();
		const trigger = new Scene7IpsTrigger();
		const credential = new Scene7IpsApi();
		expect(node.description.name).toBe('scene7Ips');
		expect(trigger.description).toMatchObject({ name: 'scene7IpsTrigger', polling: true, inputs: [] });
		expect(credential.name).toBe('scene7IpsApi');
		for (const [dir, icon] of [
			['nodes/Scene7Ips', node.description.icon],
			['nodes/Scene7IpsTrigger', trigger.description.icon],
			['credentials', credential.icon],
		]) {
			const light = path.resolve(dist, dir, icon.light.replace('file:', ''));
			const dark = path.resolve(dist, dir, icon.dark.replace('file:', ''));
			expect(fs.readFileSync(light, 'utf8')).toMatch(/^<svg/);
			expect(fs.readFileSync(dark, 'utf8')).toMatch(/^<svg/);
			expect(light).not.toBe(dark);
		}
		const codex = JSON.parse(fs.readFileSync(path.join(dist, 'nodes/Scene7Ips/Scene7Ips.node.json'), 'utf8'));
		expect(codex.node).toBe('n8n-nodes-scene7.scene7Ips');
		const triggerCodex = JSON.parse(fs.readFileSync(path.join(dist, 'nodes/Scene7IpsTrigger/Scene7IpsTrigger.node.json'), 'utf8'));
		expect(triggerCodex.node).toBe('n8n-nodes-scene7.scene7IpsTrigger');
	});

	it('passes the community-node rules n8n verification runs on the published JavaScript', () => {
		const output = execFileSync(process.execPath, [path.join(__dirname, 'support/scan-dist.js')], { encoding: 'utf8' });
		const { files, problems } = JSON.parse(output) as { files: number; problems: unknown[] };
		expect(files).toBe(4);
		expect(problems).toEqual([]);
	});
});
