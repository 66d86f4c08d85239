/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions */
// One sandbox per test file; test/integration/operations/harness.ts wraps it with the engine's shutdown.
// runCli and waitFor drive the standalone sandbox (`npm run sandbox`) as a process of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

import { startSandbox, type Sandbox, type SandboxOptions } from './server';

/** Starts a sandbox for the file (or describe), resets it before each test and stops it after. */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
	});
	beforeEach(() => {
		sandbox?.reset();
		sandbox?.setInjector(undefined);
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	return () => {
		if (!sandbox) throw new Error('The sandbox is not running');
		return sandbox;
	};
}

/** A sandbox of its own for one test (other options than the file's), closed when `run` ends. */
export async function withSandbox(options: SandboxOptions, run: (sandbox: Sandbox) => Promise<void>): Promise<void> {
	const own = await startSandbox(options);
	try {
		await run(own);
	} finally {
		await own.close();
	}
}

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** `tsx test/sandbox/cli.ts` with these arguments, its output (stdout and stderr) collected. */
export function runCli(args: string[], env: Record<string, string> = {}): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
	const child = spawn(TSX, ['test/sandbox/cli.ts', ...args], {
		cwd: ROOT,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, output: () => out, exited };
}

/** Waits until the output matches, failing with the output after `timeoutMs`. */
export async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 20000): Promise<RegExpMatchArray> {
	const started = Date.now();
	for (;;) {
		const m = read().match(pattern);
		if (m) return m;
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${pattern}; output:\n${read()}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}
