/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// The progress lines of the n8n host install (test/e2e/lib/host.ts), driven by a fake clock and fake timers.
import { lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	countPackages,
	formatBytes,
	formatElapsed,
	NpmActivity,
	Sampled,
	startProgress,
	treeSize,
	type ProgressTimers,
} from '../../support/installProgress';

/** Timers whose interval the test fires by hand, and a clock the test sets. */
function harness(probe: () => string, intervalMs?: number) {
	let clock = 1_000_000;
	const lines: string[] = [];
	const intervals: Array<{ fn: () => void; ms: number; handle: object; cleared: boolean }> = [];
	const timers: ProgressTimers = {
		setInterval: (fn, ms) => {
			const handle = {};
			intervals.push({ fn, ms, handle, cleared: false });
			return handle;
		},
		clearInterval: (handle) => {
			for (const i of intervals) if (i.handle === handle) i.cleared = true;
		},
	};
	const progress = startProgress({
		prefix: '[e2e host]',
		start: ['Installing n8n 2.8.4 into test/e2e/.n8n-host/2.8.4 (about 4 minutes, ~2 GB) ...', 'npm ci of test/e2e/n8n-host'],
		probe,
		intervalMs,
		now: () => clock,
		timers,
		write: (line) => lines.push(line),
	});
	return {
		progress,
		lines,
		intervals,
		/** Moves the clock and fires the interval once, as the real timer would. */
		tickAt: (secondsSinceStart: number) => {
			clock = 1_000_000 + secondsSinceStart * 1000;
			intervals[0].fn();
		},
		setClock: (secondsSinceStart: number) => {
			clock = 1_000_000 + secondsSinceStart * 1000;
		},
	};
}

describe('startProgress', () => {
	it('says what is happening, then elapsed time and the probe at each tick, then how long it took', () => {
		const packages = [120, 904, 1926];
		let call = 0;
		const h = harness(() => `${packages[call++]}/2139 packages in node_modules`);

		expect(h.lines).toEqual([
			'[e2e host] Installing n8n 2.8.4 into test/e2e/.n8n-host/2.8.4 (about 4 minutes, ~2 GB) ...',
			'[e2e host] npm ci of test/e2e/n8n-host',
		]);
		// One interval, at most 15 s apart (the default is 10 s).
		expect(h.intervals.map((i) => i.ms)).toEqual([10_000]);

		h.tickAt(10);
		h.tickAt(20.4);
		h.tickAt(187);
		const seconds = h.progress.finish('Installed n8n 2.8.4', '1926 packages');
		expect(h.lines.slice(2)).toEqual([
			'[e2e host] ... 10 s: 120/2139 packages in node_modules',
			'[e2e host] ... 20 s: 904/2139 packages in node_modules',
			'[e2e host] ... 3 min 07 s: 1926/2139 packages in node_modules',
			'[e2e host] Installed n8n 2.8.4 in 3 min 07 s (1926 packages)',
		]);
		expect(seconds).toBe(187);
		expect(h.intervals[0].cleared).toBe(true);
	});

	it('honours the interval it is given, and stop() ends the ticks without a closing line', () => {
		const h = harness(() => '', 15_000);
		expect(h.intervals.map((i) => i.ms)).toEqual([15_000]);
		h.tickAt(15);
		h.setClock(42.5);
		expect(h.progress.stop()).toBe(42.5);
		expect(h.intervals[0].cleared).toBe(true);
		expect(h.lines.slice(2)).toEqual(['[e2e host] ... 15 s']);
	});

	it('a probe that throws gives a line saying so and the install goes on', () => {
		const h = harness(() => {
			throw new Error('ENOENT: node_modules');
		});
		expect(() => h.tickAt(30)).not.toThrow();
		expect(h.lines[2]).toBe('[e2e host] ... 30 s: (progress probe failed: ENOENT: node_modules)');
	});
});

describe('formatElapsed and formatBytes', () => {
	it.each([
		[formatElapsed, 0, '0 s'],
		[formatElapsed, 59_999, '59 s'],
		[formatElapsed, 60_000, '1 min 00 s'],
		[formatElapsed, 245_500, '4 min 05 s'],
		[formatElapsed, 3_725_000, '1 h 02 min'],
		[formatBytes, 0, '0 KB'],
		[formatBytes, 71_002, '69 KB'],
		[formatBytes, 851_443_712, '812 MB'],
		[formatBytes, 2_254_857_830, '2.1 GB'],
	])('%p(%d) is %s', (format, value, text) => {
		expect(format(value)).toBe(text);
	});
});

describe('NpmActivity', () => {
	it('counts requests and script starts in npm --loglevel=info output split anywhere, and keeps the latest with its age', () => {
		let clock = 0;
		const npm = new NpmActivity(() => clock);
		expect(npm.describe()).toBe('no fetch or install script yet');
		npm.push('npm info using npm@11.19.1\nnpm warn EBADENGINE Unsupported engine {\nnpm warn EBADENGINE }\n');
		expect(npm.describe()).toBe('no fetch or install script yet');
		clock = 5_000;
		npm.push('npm http fetch GET 200 https://registry.npmjs.org/typescript 22044ms (cache stale)\nnpm http cache is-num');
		clock = 7_000;
		expect(npm.describe()).toBe(
			'1 fetches/cache reads, 0 install scripts; last (2 s ago): npm http fetch GET 200 https://registry.npmjs.org/typescript 22044ms (cache stale)',
		);
		npm.push('ber@https://registry.npmjs.org/is-number/-/is-number-7.0.0.tgz 0ms (cache hit)\r\n\n   \n');
		npm.push('\u001b[32mnpm info run\u001b[39m sqlite3@5.1.7 install node_modules/sqlite3 prebuild-install -r napi || node-gyp rebuild\n');
		npm.push('npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported\n');
		expect([npm.requests, npm.scripts]).toEqual([2, 1]);
		expect(npm.latest).toBe('npm info run sqlite3@5.1.7 install node_modules/sqlite3 prebuild-install -r napi || node-gyp rebuild');
		clock = 137_000; // a quiet compile: the line stays, its age grows
		expect(npm.describe()).toBe(
			'2 fetches/cache reads, 1 install scripts; last (2 min 10 s ago): npm info run sqlite3@5.1.7 install node_modules/sqlite3 prebuild-install -r napi || node-gyp rebuild',
		);
		npm.push('npm info run sqlite3@5.1.7 install { code: 0, signal: null }\n');
		expect([npm.requests, npm.scripts]).toEqual([2, 1]);
		expect(npm.describe()).toBe(
			'2 fetches/cache reads, 1 install scripts; last (0 s ago): npm info run sqlite3@5.1.7 install { code: 0, signal: null }',
		);
	});

	it('shortens long lines', () => {
		const npm = new NpmActivity(Date.now, 20);
		npm.push('npm http fetch GET 200 https://registry.npmjs.org/x 1ms\n');
		expect(npm.latest).toBe('npm http fetch GET …');
	});
});

describe('countPackages and treeSize', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'scene7-progress-'));
		const nm = path.join(dir, 'node_modules');
		for (const p of ['a', '@scope/b', '@scope/c/node_modules/d', 'a/node_modules/@x/e', '.bin']) mkdirSync(path.join(nm, p), { recursive: true });
		writeFileSync(path.join(nm, '.package-lock.json'), '{}');
		writeFileSync(path.join(nm, 'stray-file'), '');
		writeFileSync(path.join(nm, 'a', 'index.js'), 'x'.repeat(1000));
		writeFileSync(path.join(nm, '@scope/c/node_modules/d', 'big.bin'), Buffer.alloc(70_000));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('counts package folders, scoped and nested, leaving out dot entries and files', () => {
		// a, @scope/b, @scope/c, @scope/c/node_modules/d, a/node_modules/@x/e
		expect(countPackages(path.join(dir, 'node_modules'))).toBe(5);
	});

	it('is 0 before node_modules exists', () => {
		expect(countPackages(path.join(dir, 'missing', 'node_modules'))).toBe(0);
	});

	it('adds up the disk usage (allocated blocks, as du) and files of the whole tree', async () => {
		const nm = path.join(dir, 'node_modules');
		const files = ['.package-lock.json', 'stray-file', 'a/index.js', '@scope/c/node_modules/d/big.bin'].map((f) => lstatSync(path.join(nm, f)));
		const used = files.reduce((sum, stats) => sum + stats.blocks * 512, 0);
		expect(used).toBeGreaterThanOrEqual(71_002); // at least the 2 + 0 + 1000 + 70 000 bytes written
		await expect(treeSize(nm)).resolves.toEqual({ bytes: used, files: 4 });
		await expect(treeSize(nm, 1)).resolves.toEqual({ bytes: used, files: 4 });
		await expect(treeSize(path.join(dir, 'missing'))).resolves.toEqual({ bytes: 0, files: 0 });
	});
});

describe('Sampled', () => {
	it('returns the last finished measurement and starts at most one at a time', async () => {
		const pending: Array<(value: number) => void> = [];
		const sampled = new Sampled(() => new Promise<number>((resolve) => pending.push(resolve)));
		expect(sampled.poll()).toBeUndefined();
		expect(sampled.poll()).toBeUndefined();
		expect(pending).toHaveLength(1); // still running: no second measurement
		pending[0](812);
		await new Promise((resolve) => setImmediate(resolve));
		expect(sampled.poll()).toBe(812);
		expect(pending).toHaveLength(2);
		pending[1](1900);
		await new Promise((resolve) => setImmediate(resolve));
		expect(sampled.poll()).toBe(1900);
	});

	it('keeps the last value when a measurement fails', async () => {
		let call = 0;
		const sampled = new Sampled(() => (call++ === 0 ? Promise.resolve(5) : Promise.reject(new Error('ENOENT'))));
		sampled.poll();
		await new Promise((resolve) => setImmediate(resolve));
		expect(sampled.poll()).toBe(5);
		await new Promise((resolve) => setImmediate(resolve));
		expect(sampled.poll()).toBe(5);
		expect(call).toBe(3);
	});
});
