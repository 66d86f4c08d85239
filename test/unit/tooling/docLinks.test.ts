/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// The editor's Docs links (node codex files and the credential's documentationUrl) point at pages of
// this repository. n8n appends `?utm_…` to them, which breaks a `#fragment`, so each link is a whole
// file that exists here.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { Scene7IpsApi } from '../../../credentials/Scene7IpsApi.credentials';
import packageJson from '../../../package.json';

const ROOT = path.resolve(__dirname, '../../..');
const REPO_FILES = `${packageJson.homepage.replace(/#.*$/, '')}/blob/main/`;

function codexLinks(file: string): string[] {
	const codex = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as {
		resources: Record<string, Array<{ url: string }>>;
	};
	return Object.values(codex.resources).flatMap((links) => links.map(({ url }) => url));
}

const LINKS: Array<[string, string]> = [
	...codexLinks('nodes/Scene7Ips/Scene7Ips.node.json').map((url): [string, string] => ['Scene7 IPS', url]),
	...codexLinks('nodes/Scene7IpsTrigger/Scene7IpsTrigger.node.json').map((url): [string, string] => ['Scene7 IPS Trigger', url]),
	['the credential', new Scene7IpsApi().documentationUrl],
];

describe('documentation links shown in the editor', () => {
	it('cover the node, the trigger and the credential pages', () => {
		expect(LINKS.map(([, url]) => url.slice(REPO_FILES.length)).sort()).toEqual([
			'README.md',
			'docs/credentials.md',
			'docs/credentials.md',
			'docs/credentials.md',
			'docs/trigger.md',
		]);
	});

	it.each(LINKS)('of %s (%s) name a file of this repository, without a fragment', (_owner, url) => {
		expect(url.startsWith(REPO_FILES)).toBe(true);
		expect(url).not.toContain('#');
		expect(fs.existsSync(path.join(ROOT, url.slice(REPO_FILES.length)))).toBe(true);
	});
});
