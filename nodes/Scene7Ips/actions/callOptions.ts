import { DEFAULT_RETRY, type RetryPolicy } from '../transport';

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
