/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console */
// 4. Load cost: how long a fresh Node process takes to require the built node and credential
// (dist/, as n8n loads them), with n8n-workflow already loaded (as in n8n) and counting its load too,
// and the size of the package n8n installs; against node-soap's client, the usual way to call a SOAP
// API from Node: require('soap') in a fresh process, its tarball and its installed dependency tree.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { type BenchResult, fmt, median, printTable, ROOT, writeResult } from './lib';

const ROUNDS = 7;
const NODE_FILE = './dist/nodes/Scene7Ips/Scene7Ips.node.js';
const CREDENTIAL_FILE = './dist/credentials/Scene7IpsApi.credentials.js';

/** Scripts run with `node -e` in the repository; each prints the ms its requires took. */
const timeRequires = (preload: string[], measured: string[]) =>
	`${preload.map((m) => `require(${JSON.stringify(m)});`).join('')}` +
	'const start = process.hrtime.bigint();' +
	`${measured.map((m) => `require(${JSON.stringify(m)});`).join('')}` +
	'console.log(Number(process.hrtime.bigint() - start) / 1e6);';

const SCRIPTS = {
	ours: timeRequires(['n8n-workflow'], [NODE_FILE, CREDENTIAL_FILE]),
	oursCold: timeRequires([], [NODE_FILE, CREDENTIAL_FILE]),
	n8nWorkflow: timeRequires([], ['n8n-workflow']),
	soap: timeRequires([], ['soap']),
};

const LABELS: Record<keyof typeof SCRIPTS, string> = {
	ours: 'our node + credential (dist/), n8n-workflow already loaded',
	oursCold: 'our node + credential (dist/), counting n8n-workflow',
	n8nWorkflow: 'n8n-workflow alone, for reference',
	soap: "require('soap') (node-soap's client)",
};

interface PackInfo {
	name: string;
	version: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
}

function npmPack(args: string[], cwd: string): PackInfo | undefined {
	try {
		const out = execFileSync('npm', ['pack', '--dry-run', '--json', ...args], { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
		return (JSON.parse(out.toString('utf8')) as PackInfo[])[0];
	} catch (error) {
		console.log(`npm pack ${args.join(' ')} failed: ${(error as Error).message.split('\n')[0]}`);
		return undefined;
	}
}

/** Bytes of a folder's files, its own node_modules left out (those are counted as packages). */
function folderSize(dir: string): number {
	let total = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'node_modules') continue;
		const path = join(dir, entry.name);
		if (entry.isDirectory()) total += folderSize(path);
		else if (entry.isFile()) total += statSync(path).size;
	}
	return total;
}

/** Where Node would find package `name` from `fromDir` (node_modules lookup up the folders). */
function findPackage(name: string, fromDir: string): string | undefined {
	for (let dir = fromDir; ; dir = dirname(dir)) {
		const candidate = join(dir, 'node_modules', name);
		if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
		if (dirname(dir) === dir) return undefined;
	}
}

/** The installed dependency tree of a package: every package it pulls in, each counted once. */
function dependencyTree(rootDir: string): { packages: number; bytes: number } {
	const seen = new Set<string>();
	const visit = (dir: string) => {
		if (seen.has(dir)) return;
		seen.add(dir);
		const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
			dependencies?: Record<string, string>;
			optionalDependencies?: Record<string, string>;
		};
		for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
			const found = findPackage(dep, dir);
			if (found) visit(found);
		}
	};
	visit(rootDir);
	seen.delete(rootDir);
	return { packages: seen.size, bytes: [...seen].reduce((sum, dir) => sum + folderSize(dir), 0) };
}

const kB = (bytes: number) => `${fmt(bytes / 1024)} kB`;

export async function run(): Promise<BenchResult> {
	console.log('\n== 4. Load cost: require in a fresh process, and package size ==');
	if (!existsSync(join(ROOT, NODE_FILE))) throw new Error('dist/ is missing: run `npm run build` first');

	const times: Record<string, number[]> = Object.fromEntries(Object.keys(SCRIPTS).map((name) => [name, []]));
	for (let round = 0; round < ROUNDS; round++) {
		for (const [name, script] of Object.entries(SCRIPTS)) {
			times[name].push(Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT }).toString('utf8')));
		}
	}
	const ms = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)])) as Record<keyof typeof SCRIPTS, number>;
	printTable(
		`Time to require, fresh process, median of ${ROUNDS} (${process.version})`,
		['what', 'ms', 'vs soap'],
		(Object.keys(LABELS) as Array<keyof typeof SCRIPTS>).map((name) => [LABELS[name], fmt(ms[name]), `${fmt(ms[name] / ms.soap, 2)}x`]),
	);

	const ours = npmPack([], ROOT);
	const soapDir = findPackage('soap', ROOT) as string;
	const soapVersion = (JSON.parse(readFileSync(join(soapDir, 'package.json'), 'utf8')) as { version: string }).version;
	const soap = npmPack([`soap@${soapVersion}`], tmpdir());
	const soapTree = dependencyTree(soapDir);
	const soapInstalled = folderSize(soapDir) + soapTree.bytes;
	printTable(
		'Package size (npm pack --dry-run; installed bytes counted on disk from node_modules)',
		['package', 'tarball', 'unpacked', 'files', 'runtime dependencies', 'installed with dependencies'],
		[
			[`${ours?.name}@${ours?.version}`, kB(ours?.size ?? NaN), kB(ours?.unpackedSize ?? NaN), String(ours?.entryCount), '0 (n8n-workflow is a peer)', kB(ours?.unpackedSize ?? NaN)],
			[`soap@${soapVersion}`, kB(soap?.size ?? NaN), kB(soap?.unpackedSize ?? NaN), String(soap?.entryCount), `${soapTree.packages} packages, ${kB(soapTree.bytes)}`, kB(soapInstalled)],
		],
	);
	if (ours && soap) {
		console.log(
			`ours / soap: tarball ${fmt(ours.size / soap.size, 2)}x; installed ${fmt(ours.unpackedSize / soapInstalled, 3)}x (soap's tarball + dependency tree: ${kB(soap.size)} + ${kB(soapTree.bytes)} installed); require ${fmt(ms.ours / ms.soap, 2)}x`,
		);
	}
	writeResult('load', {
		rounds: ROUNDS,
		requireMs: ms,
		requireRunsMs: times,
		ours,
		soap: { ...soap, version: soapVersion, dependencies: soapTree.packages, dependenciesInstalledBytes: soapTree.bytes, installedBytes: soapInstalled },
	});
	const notes = [
		`require ${fmt(ms.ours)} ms with n8n-workflow loaded, ${fmt(ms.oursCold)} ms counting it; soap ${fmt(ms.soap)} ms (${fmt(ms.ours / ms.soap, 2)}x, ${fmt(ms.oursCold / ms.soap, 2)}x)`,
		`tarball ${kB(ours?.size ?? NaN)} vs soap ${kB(soap?.size ?? NaN)} + ${soapTree.packages} dependencies (${kB(soapTree.bytes)} installed)`,
	];
	return { name: 'load', checks: [], notes };
}
