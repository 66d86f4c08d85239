import { DEFAULT_RETRY, type IpsCallOptions, type RetryPolicy } from '../transport';
import type { ExecutionScope } from './executionScope';

/** The Timeout and Retry fields every operation's Options collection offers. */
export interface CallSettings {
	retry?: { settings?: Partial<RetryPolicy> };
	timeout?: number;
}

export function retryPolicy(options: CallSettings): RetryPolicy {
	const settings = options.retry?.settings ?? {};
	return {
		attempts: settings.attempts ?? DEFAULT_RETRY.attempts,
		backoff: settings.backoff ?? DEFAULT_RETRY.backoff,
	};
}

/** How one item's IPS calls are made: its index for errors, its timeout and retries, the run's throttle gate. */
export function callOptions(options: CallSettings, itemIndex: number, scope: ExecutionScope): IpsCallOptions {
	return { itemIndex, timeout: options.timeout, retry: retryPolicy(options), gate: scope.gate };
}
