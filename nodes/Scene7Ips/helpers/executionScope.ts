import type { ICredentialsDecrypted } from 'n8n-workflow';

import type { AdaptiveLimiter } from '../transport';

/**
 * State shared by the items of one node execution, and only that: a new scope is made for every
 * execution, so nothing is cached across executions or kept in the process (queue-mode safe).
 */
export class ExecutionScope {
	private readonly lookups = new Map<string, Promise<unknown>>();

	/**
	 * @param limiter the Scene7 endpoint's window of calls in flight, shared across executions
	 * @param credentials the credential, decrypted once for the execution's calls
	 */
	constructor(
		readonly limiter?: AdaptiveLimiter,
		readonly credentials?: ICredentialsDecrypted,
	) {}

	/**
	 * One lookup per distinct key in this execution; items asking at the same time share it, and a
	 * failure is shared too (retries happen inside each call, so asking again would only repeat it).
	 * Each item makes its own error from a shared failure (ItemContext), so none carries another's index.
	 */
	async lookup<T>(key: string, load: () => Promise<T>): Promise<T> {
		let pending = this.lookups.get(key) as Promise<T> | undefined;
		if (!pending) {
			pending = load();
			this.lookups.set(key, pending);
		}
		return await pending;
	}
}
