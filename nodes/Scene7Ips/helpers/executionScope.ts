import type { ICredentialsDecrypted, INode } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { AdaptiveLimiter } from '../transport';

/** Whether a stored parameter value holds an expression anywhere (strings starting with '='). */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

export interface ExecutionScopeSettings {
	/** The Scene7 endpoint's window of calls in flight, shared across executions. */
	limiter?: AdaptiveLimiter;
	/** The credential, decrypted once for the execution's calls. */
	credentials?: ICredentialsDecrypted;
	/** Several items and Options > Concurrency above 1: the run's calls may be in flight together. */
	sideBySide?: boolean;
	/** The node as the run started (n8n's getNode() copies it on every call). */
	node?: INode;
}

/**
 * State shared by the items of one node execution, and only that: a new scope is made for every
 * execution, so nothing is cached across executions or kept in the process (queue-mode safe).
 */
export class ExecutionScope {
	private readonly lookups = new Map<string, Promise<unknown>>();

	private readonly batches = new Map<string, { keys: string[]; answers: Promise<Map<string, unknown>> }>();

	private readonly constants = new Map<string, unknown>();

	readonly limiter?: AdaptiveLimiter;

	readonly credentials?: ICredentialsDecrypted;

	readonly sideBySide: boolean;

	readonly node?: INode;

	constructor({ limiter, credentials, sideBySide = false, node }: ExecutionScopeSettings = {}) {
		this.limiter = limiter;
		this.credentials = credentials;
		this.sideBySide = sideBySide;
		this.node = node;
	}

	/**
	 * A parameter whose stored value holds no expression is the same for every item, so it is read
	 * once per execution (n8n evaluates and copies it on every read); others are read per item.
	 * Callers must not change the value they get.
	 */
	parameter<T>(stored: unknown, name: string, read: () => T): T {
		if (holdsExpression(stored)) return read();
		if (!this.constants.has(name)) this.constants.set(name, read());
		return this.constants.get(name) as T;
	}

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

	/**
	 * One answer per key, the keys asked for within one turn of the event loop loaded together by
	 * `loadMany` (at most `max` a load) instead of one call each. `group` names what is loaded (e.g.
	 * one company's assets). Pair it with `lookup` to ask for each key once per execution.
	 */
	async batch<T>(group: string, key: string, loadMany: (keys: string[]) => Promise<Map<string, T>>, max = 100): Promise<T | undefined> {
		let open = this.batches.get(group);
		if (!open || open.keys.length >= max) {
			const keys: string[] = [];
			// The items of a turn reach here one after another: the load waits for the turn to end.
			const answers = sleep(0).then(async () => {
				if (this.batches.get(group)?.keys === keys) this.batches.delete(group);
				return await loadMany(keys);
			});
			open = { keys, answers: answers as Promise<Map<string, unknown>> };
			this.batches.set(group, open);
		}
		open.keys.push(key);
		return (await open.answers).get(key) as T | undefined;
	}
}
