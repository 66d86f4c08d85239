/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// Progress for a long install (the n8n host of `npm start` and the e2e suite: about 4 minutes and 2 GB):
// a line saying what is happening, a line every few seconds with the elapsed time and whatever the probe
// reports (packages on disk, npm's latest line), and a closing line with the time taken. The clock, the
// timers and the output are injected so the test drives it without waiting.
import { readdirSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

export interface ProgressTimers {
	setInterval(fn: () => void, ms: number): unknown;
	clearInterval(handle: unknown): void;
}

export interface ProgressOptions {
	/** Start of every line, e.g. "[e2e host]". */
	prefix: string;
	/** First line(s): what is happening and roughly how long it takes. */
	start: string | string[];
	/** Something real that moves, read at each tick (e.g. "812/2139 packages; npm: …"). */
	probe: () => string;
	/** Milliseconds between sign-of-life lines (default 10 000). */
	intervalMs?: number;
	now?: () => number;
	timers?: ProgressTimers;
	write?: (line: string) => void;
}

export interface Progress {
	/** Stops the ticks and prints "<what> in <elapsed>[ (<detail>)]"; returns the elapsed seconds. */
	finish(what: string, detail?: string): number;
	/** Stops the ticks without a closing line (the caller reports the error); returns the elapsed seconds. */
	stop(): number;
}

export const PROGRESS_INTERVAL_MS = 10_000;

/** "45 s", "3 min 05 s", "1 h 02 min". */
export function formatElapsed(ms: number): string {
	const s = Math.max(0, Math.floor(ms / 1000));
	if (s < 60) return `${s} s`;
	if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
	return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

const systemTimers: ProgressTimers = {
	setInterval: (fn, ms) => setInterval(fn, ms),
	clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export function startProgress(options: ProgressOptions): Progress {
	const now = options.now ?? Date.now;
	const timers = options.timers ?? systemTimers;
	const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
	const started = now();
	const line = (text: string) => write(`${options.prefix} ${text}`);
	for (const text of ([] as string[]).concat(options.start)) line(text);
	const tick = () => {
		let state: string;
		try {
			state = options.probe();
		} catch (error) {
			state = `(progress probe failed: ${error instanceof Error ? error.message : String(error)})`;
		}
		line(`... ${formatElapsed(now() - started)}${state ? `: ${state}` : ''}`);
	};
	const handle = timers.setInterval(tick, options.intervalMs ?? PROGRESS_INTERVAL_MS);
	// A tick must never keep the process alive on its own.
	(handle as { unref?: () => void } | undefined)?.unref?.();
	let stopped = false;
	const stop = () => {
		if (!stopped) timers.clearInterval(handle);
		stopped = true;
		return (now() - started) / 1000;
	};
	return {
		stop,
		finish(what, detail) {
			const seconds = stop();
			line(`${what} in ${formatElapsed(seconds * 1000)}${detail ? ` (${detail})` : ''}`);
			return seconds;
		},
	};
}

/**
 * What npm (run with --loglevel=info) has done so far, fed its output chunk by chunk (a line may span
 * chunks): registry requests and cache reads ("npm http fetch|cache ..."), install scripts started
 * ("npm info run <pkg> <event> <path> <command>"), and the latest of those lines. Warnings are left out:
 * npm prints them as multi-line objects whose last line says nothing.
 */
export class NpmActivity {
	requests = 0;
	scripts = 0;
	private latestLine = '';
	private latestAt = 0;
	private pending = '';

	constructor(
		private readonly now: () => number = Date.now,
		private readonly maxLength = 120,
	) {}

	push(chunk: string): void {
		const parts = (this.pending + chunk).split(/\r?\n|\r/);
		this.pending = parts.pop() ?? '';
		for (const part of parts) {
			// eslint-disable-next-line no-control-regex
			const line = part.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').trim();
			if (/^npm http (fetch|cache) /.test(line)) {
				this.requests++;
			} else if (/^npm info run \S+ \S+ /.test(line)) {
				if (!/^npm info run \S+ \S+ \{ code:/.test(line)) this.scripts++;
			} else {
				continue;
			}
			this.latestLine = line;
			this.latestAt = this.now();
		}
	}

	get latest(): string {
		const line = this.latestLine;
		return line.length > this.maxLength ? line.slice(0, this.maxLength - 1) + '…' : line;
	}

	/**
	 * "1932 fetches/cache reads, 7 install scripts; last (2 min 10 s ago): npm info run sqlite3@5.1.7 install …"
	 * (a compile can be quiet for minutes: the age says the line is still the current step).
	 */
	describe(): string {
		if (!this.latestLine) return 'no fetch or install script yet';
		return `${this.requests} fetches/cache reads, ${this.scripts} install scripts; last (${formatElapsed(this.now() - this.latestAt)} ago): ${this.latest}`;
	}
}

/**
 * Package folders under a node_modules tree (scoped and nested ones included, dot entries such as .bin
 * left out): what npm has extracted so far. Reads directories only, never files (about 0.1 s for n8n).
 */
export function countPackages(nodeModules: string): number {
	let entries;
	try {
		entries = readdirSync(nodeModules, { withFileTypes: true });
	} catch {
		return 0;
	}
	let count = 0;
	for (const entry of entries) {
		if (entry.name.startsWith('.') || !entry.isDirectory()) continue;
		const dir = path.join(nodeModules, entry.name);
		if (entry.name.startsWith('@')) {
			count += countPackages(dir);
			continue;
		}
		count += 1 + countPackages(path.join(dir, 'node_modules'));
	}
	return count;
}

/**
 * Disk usage (allocated blocks, as du counts them; the size where a file system has no blocks) and number of
 * files under `dir`, links not followed, read without blocking; 0/0 when it does not exist.
 */
export async function treeSize(dir: string, concurrency = 16): Promise<{ bytes: number; files: number }> {
	const queue = [dir];
	let bytes = 0;
	let files = 0;
	const worker = async () => {
		for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
			const current = next;
			let entries;
			try {
				entries = await readdir(current, { withFileTypes: true });
			} catch {
				continue; // removed meanwhile, or not there yet
			}
			const sizes = await Promise.all(
				entries.map(async (entry) => {
					const full = path.join(current, entry.name);
					if (entry.isDirectory()) {
						queue.push(full);
						return -1;
					}
					try {
						const stats = await lstat(full);
						return Number.isFinite(stats.blocks) ? stats.blocks * 512 : stats.size;
					} catch {
						return -1;
					}
				}),
			);
			for (const size of sizes) {
				if (size < 0) continue;
				bytes += size;
				files++;
			}
		}
	};
	// Workers that find the queue empty stop; keep starting them while directories are queued.
	while (queue.length) await Promise.all(Array.from({ length: concurrency }, worker));
	return { bytes, files };
}

/** "512 KB", "812 MB", "2.1 GB" (powers of 1024, as du -h). */
export function formatBytes(bytes: number): string {
	if (bytes < 1024 ** 2) return `${Math.round(bytes / 1024)} KB`;
	if (bytes < 1024 ** 3) return `${Math.round(bytes / 1024 ** 2)} MB`;
	return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/**
 * A measurement too slow to wait for at each tick (the size of a 2 GB tree takes seconds): poll() returns
 * the last finished value and starts the next measurement unless one is still running.
 */
export class Sampled<T> {
	private last: T | undefined;
	private running = false;

	constructor(private readonly measure: () => Promise<T>) {}

	poll(): T | undefined {
		if (!this.running) {
			this.running = true;
			this.measure()
				.then((value) => {
					this.last = value;
				})
				.catch(() => undefined)
				.finally(() => {
					this.running = false;
				});
		}
		return this.last;
	}
}
