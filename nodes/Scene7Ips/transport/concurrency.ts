import { ThrottleGate } from './retry';

/** What one call told the limiter about Scene7's state. */
export type CallSignal =
	/** Scene7 answered (a result or a fault) in this many ms. */
	| { kind: 'answered'; latencyMs: number }
	/** HTTP 429/503: Scene7 asked to slow down. */
	| { kind: 'throttled' }
	/** The call timed out. */
	| { kind: 'timeout' }
	/** Anything else (refused, reset, gateway error): says nothing about load. */
	| { kind: 'other' };

export interface LimiterSettings {
	/** The window a new (or long idle) endpoint starts with. */
	initial: number;
	/** The largest window. */
	max: number;
}

/**
 * A new endpoint starts at the largest window, and Scene7's answers bring it down. Scene7 documents
 * no limit on calls in flight; starting lower costs every bulk run round trips it cannot get back
 * (measured in real n8n, 400 copies at 100 ms: started at 16 the node reached 0.61x the HTTP
 * Request workaround's speed, at 64 0.90x, at 128 1.02x; README, Performance).
 */
export const DEFAULT_LIMITER: LimiterSettings = { initial: 128, max: 128 };

// A call this much slower than the fastest recent answer counts as Scene7 slowing down. Generous,
// because the time also holds n8n's own work on a bunch of answers that arrived together.
const LATENCY_RISE_FACTOR = 3;
const LATENCY_RISE_SLACK_MS = 100;
// After this long without calls the window goes back to its start (or below) and to slow start, as
// the load may have changed.
const IDLE_RESET_MS = 30_000;

/**
 * How many calls to one Scene7 endpoint are in flight at once, for every execution in this process
 * (AIMD, as TCP does): from its start, the window doubles each round trip while answers stay as
 * fast as the fastest recent one (slow start), then grows by one per round trip; it halves when
 * Scene7 throttles (HTTP 429/503) or a call times out, and shrinks by a fifth when answers get
 * three times as slow, at most once per round trip. Retry-After pauses every call to the endpoint.
 */
export class AdaptiveLimiter {
	private window: number;
	private slowStart = true;
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];
	private baselineMs = Infinity;
	private lastDecreaseAt = 0;
	private lastActivityAt = 0;

	/** Holds back every call to the endpoint while Scene7 throttles. */
	readonly gate = new ThrottleGate();

	constructor(
		private readonly settings: LimiterSettings = DEFAULT_LIMITER,
		private readonly now: () => number = Date.now,
	) {
		this.window = settings.initial;
	}

	/** The current window, in whole calls. */
	get limit(): number {
		return Math.max(1, Math.floor(this.window));
	}

	get active(): number {
		return this.inFlight;
	}

	/**
	 * Waits for a slot (and for the endpoint's throttle pause), then returns the function that gives
	 * it back with what the call showed. Rejects when `signal` fires while waiting.
	 */
	async acquire(signal?: AbortSignal): Promise<(outcome: CallSignal) => void> {
		await this.gate.wait(signal);
		const now = this.now();
		if (this.inFlight === 0 && this.lastActivityAt && now - this.lastActivityAt > IDLE_RESET_MS) {
			this.window = Math.min(this.window, this.settings.initial);
			this.slowStart = true;
		}
		this.lastActivityAt = now;
		// A queued caller's slot is counted when it is granted (wakeUp), so releases cannot overfill.
		if (this.inFlight >= this.limit || this.waiting.length > 0) await this.queue(signal);
		else this.inFlight++;
		let released = false;
		return (outcome) => {
			if (released) return;
			released = true;
			this.inFlight--;
			this.learn(outcome);
			this.wakeUp();
		};
	}

	private async queue(signal?: AbortSignal): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			const onAbort = () => {
				const at = this.waiting.indexOf(grant);
				if (at >= 0) this.waiting.splice(at, 1);
				reject(signal?.reason ?? new Error('aborted'));
			};
			const grant = () => {
				signal?.removeEventListener('abort', onAbort);
				resolve();
			};
			if (signal?.aborted) return onAbort();
			signal?.addEventListener('abort', onAbort, { once: true });
			this.waiting.push(grant);
		});
	}

	private wakeUp() {
		while (this.waiting.length > 0 && this.inFlight < this.limit) {
			this.inFlight++;
			(this.waiting.shift() as () => void)();
		}
	}

	private learn(outcome: CallSignal) {
		const now = this.now();
		this.lastActivityAt = now;
		if (outcome.kind === 'throttled' || outcome.kind === 'timeout') {
			this.decrease(now, 0.5);
			return;
		}
		if (outcome.kind !== 'answered') return;
		const { latencyMs } = outcome;
		// The baseline follows the fastest answers and drifts up slowly if Scene7 gets slower for good.
		this.baselineMs = latencyMs < this.baselineMs ? latencyMs : this.baselineMs + (latencyMs - this.baselineMs) * 0.01;
		if (latencyMs > this.baselineMs * LATENCY_RISE_FACTOR + LATENCY_RISE_SLACK_MS) {
			this.decrease(now, 0.8);
			return;
		}
		this.window = Math.min(this.settings.max, this.window + (this.slowStart ? 1 : 1 / this.window));
	}

	private decrease(now: number, factor: number) {
		this.slowStart = false;
		// One cut per round trip: the answers of one bunch all report the same overload.
		if (now - this.lastDecreaseAt < Math.max(this.baselineMs, 100)) return;
		this.lastDecreaseAt = now;
		this.window = Math.max(1, this.window * factor);
	}
}

const limiters = new Map<string, AdaptiveLimiter>();
const MAX_ENDPOINTS = 100;

/**
 * Image Serving reads (Image → Download) in flight at once per Image Serving host, for every
 * execution in this process: a window of their own, apart from the IPS endpoint's. An image is far
 * larger than an IPS answer, so this bounds what the downloads hold at once, not Scene7's load.
 */
export const DOWNLOAD_LIMITER: LimiterSettings = { initial: 16, max: 16 };

/** The limiter every execution in this process shares for one Scene7 endpoint (or Image Serving host). */
export function limiterFor(endpoint: string, settings: LimiterSettings = DEFAULT_LIMITER): AdaptiveLimiter {
	let limiter = limiters.get(endpoint);
	if (!limiter) {
		if (limiters.size >= MAX_ENDPOINTS) limiters.delete(limiters.keys().next().value as string);
		limiter = new AdaptiveLimiter(settings);
		limiters.set(endpoint, limiter);
	}
	return limiter;
}
