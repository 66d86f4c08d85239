/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
// Redis for the queue-mode test: Debian's redis-server, started by the test on a free localhost port.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort, stopProcessGroup, waitFor } from './n8n';

function findRedisServer(): string | undefined {
	const res = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	const found = res.stdout.trim();
	if (found) return found;
	return undefined;
}

/** Make sure `redis-server` exists; as root on Debian/Ubuntu it is installed with apt-get. */
export async function ensureRedisServer(): Promise<string> {
	const existing = findRedisServer();
	if (existing) return existing;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).stdout.trim() !== '';
	if (!isRoot || !hasApt) {
		throw new Error('redis-server is needed by the queue-mode e2e test: install it (Debian: apt-get install -y redis-server)');
	}
	const started = Date.now();
	console.log('[e2e] redis-server missing: apt-get install -y redis-server ...');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	let res = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { env, encoding: 'utf8' });
	if (res.status !== 0) {
		spawnSync('apt-get', ['update'], { env, encoding: 'utf8' });
		res = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { env, encoding: 'utf8' });
	}
	const installed = findRedisServer();
	if (res.status !== 0 || !installed) {
		throw new Error(`apt-get install redis-server failed (rc=${res.status}):\n${(res.stdout + res.stderr).slice(-2000)}`);
	}
	console.log(`[e2e] redis-server installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return installed;
}

export interface RunningRedis {
	port: number;
	stop: () => Promise<void>;
}

/** A throw-away redis-server on 127.0.0.1:<free port>, without persistence. */
export async function startRedis(): Promise<RunningRedis> {
	const bin = await ensureRedisServer();
	const port = await freePort();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-redis-'));
	const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let log = '';
	child.stdout.on('data', (d: Buffer) => (log += d.toString('utf8')));
	child.stderr.on('data', (d: Buffer) => (log += d.toString('utf8')));
	await waitFor(
		async () => {
			if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}):\n${log}`);
			return log.includes('Ready to accept connections');
		},
		30_000,
		() => `redis-server did not start:\n${log}`,
		100,
	);
	return {
		port,
		stop: async () => {
			await stopProcessGroup(child, 5000);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
