/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console */
// Shared by the benchmarks: timing, medians, tables, JSON results, the canned server, a Copy Image
// workflow run through n8n-core's engine (test/support/engine.ts), and `n8n execute` of the e2e
// suite's real n8n with its resident memory sampled (scale.ts, upload.ts).
import './preferTs';

import { fork, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import type { IDataObject } from 'n8n-workflow';

import { extractRunJson, type N8n, type NodeItem, type NodeRun, type RunJson, stopProcessGroup } from '../test/e2e/lib/n8n';
import type { RecordedRequest } from '../test/sandbox/server';
import { type RunResult, runWorkflow } from '../test/support/engine';
import { copyParameters, copyWorkflow, customCredential, SCENE7 } from '../test/support/workflows';
import type { ServerStats } from './server';

export const ROOT = join(__dirname, '..');

// ---- timing ----

export interface Timing {
	wallMs: number;
	cpuMs: number;
}

// A full collection before each timed run, so no run pays for the garbage of the one before.
setFlagsFromString('--expose-gc');
export const collectGarbage = runInNewContext('gc') as () => void;

/** Wall and CPU time (user + system, this process) of one call. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<Timing & { value: T }> {
	const cpu = process.cpuUsage();
	const start = process.hrtime.bigint();
	const value = await fn();
	const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
	const used = process.cpuUsage(cpu);
	return { wallMs, cpuMs: (used.user + used.system) / 1000, value };
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs each variant `rounds` times, interleaved (A B C, A B C, …) so drift hits all alike, after
 * `warmups` unrecorded rounds; `after` runs untimed after each run. Returns every variant's timings.
 */
export async function interleave<K extends string>(
	variants: Record<K, () => Promise<unknown>>,
	{ rounds, warmups = 1, after }: { rounds: number; warmups?: number; after?: (name: K) => Promise<void> },
): Promise<Record<K, Timing[]>> {
	const names = Object.keys(variants) as K[];
	const results = Object.fromEntries(names.map((name) => [name, [] as Timing[]])) as Record<K, Timing[]>;
	for (let round = -warmups; round < rounds; round++) {
		for (const name of names) {
			collectGarbage();
			await delay(100); // lets GC threads finish sweeping, so the next run's CPU time is its own
			const { wallMs, cpuMs } = await timed(variants[name]);
			if (round >= 0) results[name].push({ wallMs, cpuMs });
			await after?.(name);
		}
	}
	return results;
}

/** Microseconds per call of `fn`: the median of `batches` batches of `calls` calls, after one unrecorded batch. */
export async function microsPerCall(fn: () => unknown, calls = 2000, batches = 5): Promise<number> {
	const perBatch: number[] = [];
	for (let batch = -1; batch < batches; batch++) {
		const start = process.hrtime.bigint();
		for (let i = 0; i < calls; i++) {
			const result = fn();
			if (result instanceof Promise) await result;
		}
		if (batch >= 0) perBatch.push(Number(process.hrtime.bigint() - start) / 1e3 / calls);
	}
	return median(perBatch);
}

/**
 * The median of the per-round ratios a[i] / b[i] of interleaved runs: each pair ran back to back, so
 * a change in the machine's load between rounds cancels out.
 */
export const pairedRatio = (a: Timing[], b: Timing[], key: keyof Timing = 'wallMs') =>
	median(a.map((timing, i) => timing[key] / b[i][key]));

export const medianOf = (timings: Timing[]): Timing => ({
	wallMs: median(timings.map((t) => t.wallMs)),
	cpuMs: median(timings.map((t) => t.cpuMs)),
});

// ---- reporting ----

export const fmt = (value: number, digits = 1) =>
	value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Prints a table; numbers are right-aligned, text left-aligned. */
export function printTable(title: string, header: string[], rows: Array<Array<string | number>>): void {
	const cells = [header, ...rows.map((row) => row.map(String))];
	const widths = header.map((_, col) => Math.max(...cells.map((row) => (row[col] ?? '').length)));
	const numeric = header.map((_, col) => rows.every((row) => typeof row[col] === 'number' || /^[-\d.,]+\s*(%|x|µs|ms|s|MB|KB|kB|MB\/s)?$/.test(String(row[col]))));
	const line = (row: string[]) =>
		row.map((cell, col) => (numeric[col] && col > 0 ? cell.padStart(widths[col]) : cell.padEnd(widths[col]))).join('  ');
	console.log(`\n${title}`);
	console.log(line(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const row of cells.slice(1)) console.log(line(row));
}

/** One figure with a target, as the summary prints it. */
export interface Check {
	name: string;
	value: number;
	target: number;
	/** 'max': the value must not exceed the target; 'min': it must reach it. */
	kind: 'max' | 'min';
	unit: string;
	pass: boolean;
}

export function check(name: string, value: number, kind: 'max' | 'min', target: number, unit = ''): Check {
	return { name, value, target, kind, unit, pass: kind === 'max' ? value <= target : value >= target };
}

export const verdict = (c: Check) => (c.pass ? 'PASS' : 'MISS');

export const describeCheck = (c: Check) =>
	`${fmt(c.value, 2)}${c.unit} (target ${c.kind === 'max' ? '≤' : '≥'} ${fmt(c.target, 2)}${c.unit})  ${verdict(c)}`;

export interface BenchResult {
	name: string;
	checks: Check[];
	/** Key figures without a target, for the summary. */
	notes?: string[];
}

/** Writes bench/results/<name>.json with the machine it ran on. */
export function writeResult(name: string, data: object): void {
	const dir = join(__dirname, 'results');
	mkdirSync(dir, { recursive: true });
	const machine = { node: process.version, platform: process.platform, arch: process.arch, cpus: cpus().length, loadAverage: loadavg() };
	const file = join(dir, `${name}.json`);
	writeFileSync(file, `${JSON.stringify({ benchmark: name, at: new Date().toISOString(), machine, ...data }, null, 2)}\n`);
	console.log(`(written to ${file.slice(ROOT.length + 1)})`);
}

// ---- the canned server ----

export interface CannedServer {
	port: number;
	serviceUrl: string;
	/** What the server got since the last call, and a reset. */
	stats(): Promise<ServerStats>;
	close(): Promise<void>;
}

export async function startCannedServer(latencyMs = 0): Promise<CannedServer> {
	const child = fork(join(__dirname, 'server.ts'), [String(latencyMs)], { stdio: 'inherit' });
	const port = await new Promise<number>((resolve, reject) => {
		child.once('message', (message) => resolve((message as { port: number }).port));
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`The canned server exited (${code})`)));
	});
	const stats = () =>
		new Promise<ServerStats>((resolve, reject) => {
			http
				.get({ host: '127.0.0.1', port, path: '/__stats', agent: false }, (res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ServerStats));
				})
				.on('error', reject);
		});
	return {
		port,
		serviceUrl: `http://127.0.0.1:${port}/scene7/services/IpsApiService`,
		stats,
		close: async () => {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.disconnect();
			await exited;
		},
	};
}

// ---- the bare client (the floor) ----

/** The request headers a client sent, as pairs, without those Node sets per connection and body. */
export function replayableHeaders(rawHeaders: string[]): Array<[string, string]> {
	const pairs: Array<[string, string]> = [];
	for (let i = 0; i < rawHeaders.length; i += 2) {
		if (!/^(host|connection|content-length)$/i.test(rawHeaders[i])) pairs.push([rawHeaders[i], rawHeaders[i + 1]]);
	}
	return pairs;
}

/** One POST with bare node:http; resolves when the whole answer has been read. */
export function post(port: number, headers: Array<[string, string]>, body: string, agent: http.Agent | false): Promise<void> {
	return new Promise((resolve, reject) => {
		const request = http.request(
			{
				host: '127.0.0.1',
				port,
				path: '/scene7/services/IpsApiService',
				method: 'POST',
				headers: Object.fromEntries([...headers, ['Content-Length', String(Buffer.byteLength(body))]]),
				agent,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					Buffer.concat(chunks);
					resolve();
				});
				res.on('error', reject);
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

/** POSTs every body with at most `concurrency` in flight, each on a new connection (as n8n does). */
export async function postAll(port: number, headers: Array<[string, string]>, bodies: string[], concurrency: number): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < bodies.length) await post(port, headers, bodies[next++], false);
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
}

// ---- a Copy Image workflow through n8n-core ----

export const BENCH_USER = 'bench@example.com';
export const BENCH_PASSWORD = 'bench-password';
export const COMPANY = 'c|6';
export const SOURCE_ASSET = 'a|739|1|537';
export const TARGET_FOLDER = 'ApiTestCo/';

export const copyName = (index: number) => `bench_copy_${String(index).padStart(5, '0')}`;

export const copyItems = (count: number): IDataObject[] => Array.from({ length: count }, (_, i) => ({ name: copyName(i) }));

/**
 * Items → Scene7 IPS (Image > Copy) through n8n-core's WorkflowExecute, as a user would build it:
 * handles fixed, the new name mapped from each item by an expression (or, with `fixedName`, one
 * name typed in for all). Fails unless every item was copied.
 */
export async function runCopyWorkflow(serviceUrl: string, count: number, concurrency = 1, fixedName?: string): Promise<RunResult> {
	const parameters = copyParameters({
		company: COMPANY,
		asset: SOURCE_ASSET,
		folder: TARGET_FOLDER,
		name: fixedName ?? '={{ $json.name }}',
		// The copy's own call is what is measured: the image URL's two lookups (once per execution)
		// would go to the canned server too and change the call counts the benchmarks check.
		// Concurrency is always set: the node's default is the maximum, not 1.
		options: { includeImageUrl: false, concurrency },
	});
	const result = await runWorkflow(
		copyWorkflow(copyItems(count), parameters, customCredential(serviceUrl, BENCH_USER, BENCH_PASSWORD)),
	);
	const copied = result.outputOf(SCENE7).length;
	if (result.status !== 'success' || copied !== count) {
		throw new Error(`The copy run failed (${result.status}, ${copied}/${count} items): ${result.error?.message ?? ''}`);
	}
	return result;
}

// ---- resident memory of another process and its children ----

/** Peak resident memory of a process, and of it with its descendants, from /proc (Linux). */
export interface RssPeaks {
	/** The process itself: the larger of its VmHWM (the kernel's own peak) and the sampled VmRSS, KiB. */
	mainKb: number;
	/** The process and all its descendants, the largest sampled sum of VmRSS, KiB. */
	treeKb: number;
	/** Descendants alone (e.g. n8n's task runner), the largest sampled sum, KiB. */
	childrenKb: number;
	/** Samples taken, and the most processes seen in one sample. */
	samples: number;
	processes: number;
	/** Every sample (time, VmRSS of the process, and with its descendants), when asked for. */
	timeline?: RssSample[];
}

export interface RssSample {
	/** Date.now() of the sample. */
	at: number;
	mainKb: number;
	treeKb: number;
}

/** VmRSS and VmHWM of one process in KiB, or undefined once it is gone (or without /proc). */
function procStatus(pid: number): { rssKb: number; hwmKb: number } | undefined {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
		const rssKb = field('VmRSS');
		// A zombie (exited, not yet reaped) has no memory lines.
		return Number.isNaN(rssKb) ? undefined : { rssKb, hwmKb: field('VmHWM') };
	} catch {
		return undefined;
	}
}

/** The process's descendants, from each thread's `children` list; at most `limit` of them. */
function descendants(pid: number, limit = 64): number[] {
	const found: number[] = [];
	const queue = [pid];
	while (queue.length > 0 && found.length < limit) {
		const parent = queue.shift() as number;
		let tasks: string[] = [];
		try {
			tasks = readdirSync(`/proc/${parent}/task`);
		} catch {
			continue;
		}
		for (const tid of tasks) {
			let children = '';
			try {
				children = readFileSync(`/proc/${parent}/task/${tid}/children`, 'utf8');
			} catch {
				continue;
			}
			for (const child of children.split(/\s+/).filter(Boolean).map(Number)) {
				if (found.length < limit && !found.includes(child)) {
					found.push(child);
					queue.push(child);
				}
			}
		}
	}
	return found;
}

/**
 * Samples the resident memory of process `pid` and its descendants every `intervalMs` until stop()
 * (the sampler never keeps the event loop alive); with `keepTimeline`, every sample is kept. Where
 * /proc is missing, every figure is NaN.
 */
export function sampleRss(pid: number, intervalMs = 50, keepTimeline = false): { stop(): RssPeaks } {
	const peaks: RssPeaks = { mainKb: NaN, treeKb: NaN, childrenKb: NaN, samples: 0, processes: 0, ...(keepTimeline ? { timeline: [] } : {}) };
	const max = (a: number, b: number) => (Number.isNaN(a) ? b : Math.max(a, b));
	const sample = () => {
		const main = procStatus(pid);
		if (!main) return;
		const children = descendants(pid).flatMap((child) => procStatus(child) ?? []);
		const childrenKb = children.reduce((sum, s) => sum + s.rssKb, 0);
		peaks.mainKb = max(peaks.mainKb, Number.isNaN(main.hwmKb) ? main.rssKb : Math.max(main.rssKb, main.hwmKb));
		peaks.childrenKb = max(peaks.childrenKb, childrenKb);
		peaks.treeKb = max(peaks.treeKb, main.rssKb + childrenKb);
		peaks.samples++;
		peaks.processes = Math.max(peaks.processes, 1 + children.length);
		peaks.timeline?.push({ at: Date.now(), mainKb: main.rssKb, treeKb: main.rssKb + childrenKb });
	};
	sample();
	const timer = setInterval(sample, intervalMs);
	timer.unref();
	return {
		stop: () => {
			clearInterval(timer);
			sample();
			return { ...peaks, ...(peaks.timeline ? { timeline: [...peaks.timeline] } : {}) };
		},
	};
}

export const mib = (kb: number) => kb / 1024;

// ---- running n8n, sampled ----

/** A whole number from the environment variable `name` (`fallback` when unset), within min..max. */
export function whole(name: string, fallback: number, min: number, max: number): number {
	const raw = process.env[name]?.trim();
	if (!raw) return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name}=${raw}: expected a whole number ${min}..${max}`);
	return value;
}


export interface Executed {
	code: number | null;
	run?: RunJson;
	/** The end of stderr and stdout, for a run that failed. */
	tail: string;
	/** The `n8n execute` process, spawn to exit (n8n's start-up included), ms. */
	processMs: number;
	rss: RssPeaks;
	timedOut: boolean;
}

/**
 * `n8n execute --id --rawOutput`, as N8n.execute runs it (same binary, folder and environment, own
 * process group), spawned here so its pid can be sampled; ended after `timeoutMs`. With `timeline`
 * every sample is kept (rss.timeline).
 */
export async function executeSampled(n8n: N8n, id: string, timeoutMs: number, { timeline = false } = {}): Promise<Executed> {
	const started = Date.now();
	const child = spawn(n8n.host.nodeBin, [n8n.host.n8nBin, 'execute', `--id=${id}`, '--rawOutput'], {
		cwd: n8n.userFolder,
		env: n8n.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const sampler = child.pid === undefined ? undefined : sampleRss(child.pid, 50, timeline);
	const out: Buffer[] = [];
	const err: Buffer[] = [];
	child.stdout.on('data', (d: Buffer) => out.push(d));
	child.stderr.on('data', (d: Buffer) => err.push(d));
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		void stopProcessGroup(child, 2000);
	}, timeoutMs);
	const code = await new Promise<number | null>((resolve) => {
		child.once('error', () => resolve(null));
		child.once('close', (rc) => resolve(rc));
	});
	clearTimeout(timer);
	const processMs = Date.now() - started;
	const rss = sampler?.stop() ?? { mainKb: NaN, treeKb: NaN, childrenKb: NaN, samples: 0, processes: 0 };
	// n8n leaves its task runner behind now and then: end the group, as N8n.cli does.
	try {
		if (child.pid) process.kill(-child.pid, 'SIGKILL');
	} catch {
		// gone
	}
	const stdout = Buffer.concat(out).toString('utf8');
	let run: RunJson | undefined;
	try {
		run = extractRunJson(stdout);
	} catch {
		run = undefined;
	}
	const tail = `${stdout.slice(-1500)}\n${Buffer.concat(err).toString('utf8').slice(-1500)}`;
	return { code, run, tail, processMs, rss, timedOut };
}

export type TimedRun = NodeRun & { startTime?: number; executionTime?: number };
export type BinaryItem = NodeItem & { binary?: Record<string, { id?: string; fileSize?: string; bytes?: number; mimeType?: string }> };

export const firstRun = (run: RunJson | undefined, node: string) => run?.data.resultData.runData[node]?.[0] as TimedRun | undefined;

/** The node's items on its main output (errors included, the nodes continue on fail). */
export const itemsOf = (run: RunJson | undefined, node: string) => (firstRun(run, node)?.data?.main[0] ?? []) as BinaryItem[];

/** What went wrong in a run, or undefined when it succeeded. */
export function failure(executed: Executed, node: string): string | undefined {
	if (executed.timedOut) return `timed out after ${fmt(executed.processMs / 1000, 0)} s`;
	const { run } = executed;
	if (!run) return `no run data (rc=${executed.code}): ${executed.tail.slice(-400)}`;
	const error = run.data.resultData.error?.message ?? firstRun(run, node)?.error?.message;
	if (run.status !== 'success' || error) return `${run.status ?? 'unknown status'}: ${error ?? ''}`;
	return undefined;
}

export const countBy = <T>(values: T[], key: (value: T) => string) => {
	const counts: Record<string, number> = {};
	for (const value of values) counts[key(value)] = (counts[key(value)] ?? 0) + 1;
	return counts;
};

export const callsOf = (requests: RecordedRequest[]) => countBy(requests, (r) => r.operation ?? '(none)');
export const describeCalls = (calls: Record<string, number>) =>
	Object.entries(calls)
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.map(([operation, count]) => `${operation} ${count}`)
		.join(', ') || 'none';

export const mb = (bytes: number) => bytes / 1024 / 1024;

/** The id of binary data n8n keeps in its filesystem store (filesystem mode). */
export const STORAGE_ID = /^filesystem(-v2)?:/;
export const perSecond = (count: number, ms: number) => count / (ms / 1000);

