import * as n8nWorkflow from 'n8n-workflow';

type Wait = (ms: number, signal?: AbortSignal) => Promise<void>;
type N8nWaits = { sleepWithAbort?: Wait; sleep: Wait };

/**
 * The cancellable wait of the n8n-workflow at hand. It has two shapes across the n8n versions the
 * package supports: `sleepWithAbort(ms, signal)` (n8n 1.x and 2.x up to at least 2.8), and
 * `sleep(ms, signal)` once sleepWithAbort was folded into sleep (n8n 2.41 exports no sleepWithAbort).
 * Which one is read at each call, so a test's spy on n8n-workflow is seen.
 */
export function waitOf(waits: N8nWaits): Wait {
	return async (ms, signal) => {
		if (typeof waits.sleepWithAbort === 'function') return await waits.sleepWithAbort(ms, signal);
		if (signal?.aborted) throw new Error('aborted');
		return await waits.sleep(ms, signal);
	};
}

/** Waits `ms`; rejects at once when `signal` fires (before or during the wait). */
export const wait: Wait = waitOf(n8nWorkflow as unknown as N8nWaits);
