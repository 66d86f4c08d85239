import { wait } from '../helpers/wait';

export interface RetryPolicy {
	/** Tries in all, the first included; 1 turns retrying off. */
	attempts: number;
	/** Milliseconds before the first retry; each further retry waits twice as long. */
	backoff: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, backoff: 1000 };
const MAX_WAIT_MS = 30_000;

/**
 * Whether a failed call may have been carried out: `notSent` when Scene7 certainly did not run it
 * (connection refused, throttled), `unknown` when it may have (timeout, reset, gateway error).
 */
export type Delivery = 'notSent' | 'unknown';

export interface RetryableFailure {
	delivery: Delivery;
	/** Set when Scene7 asked the caller to slow down (HTTP 429/503), in ms. */
	throttleMs?: number;
}

/** The wait before retry number `retry` (1 for the first retry), with jitter so workers spread out. */
export function backoffDelay(policy: RetryPolicy, retry: number, random = Math.random): number {
	const exponential = policy.backoff * 2 ** (retry - 1);
	return Math.min(MAX_WAIT_MS, Math.round(exponential * (0.75 + random() / 2)));
}

/**
 * Holds back every call of one execution while Scene7 throttles: one worker's 429 or 503 pauses
 * all of them, not only the one that got it.
 */
export class ThrottleGate {
	private resumeAt = 0;

	pause(ms: number): void {
		this.resumeAt = Math.max(this.resumeAt, Date.now() + Math.min(ms, MAX_WAIT_MS));
	}

	/** Resolves when Scene7 may be called again; rejects at once when `signal` fires. */
	async wait(signal?: AbortSignal): Promise<void> {
		for (let left = this.resumeAt - Date.now(); left > 0; left = this.resumeAt - Date.now()) {
			await wait(left, signal);
		}
	}
}
