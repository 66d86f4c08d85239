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
	const once: Wait = async (ms, signal) => {
		if (typeof waits.sleepWithAbort === 'function') return await waits.sleepWithAbort(ms, signal);
		if (signal?.aborted) throw new Error('aborted');
		return await waits.sleep(ms, signal);
	};
	return async (ms, signal) => {
		if (!signal) return await once(ms);
		// n8n 2.8.4's sleepWithAbort leaves its abort listener on the signal when the wait ends, and a
		// job wait polls hundreds of times on the run's one signal: each wait gets a signal of its own,
		// tied to the run's by a listener that goes when the wait ends.
		const own = new AbortController();
		const forward = () => own.abort();
		if (signal.aborted) own.abort();
		else signal.addEventListener('abort', forward, { once: true });
		try {
			return await once(ms, own.signal);
		} finally {
			signal.removeEventListener('abort', forward);
		}
	};
}

/** Waits `ms`; rejects at once when `signal` fires (before or during the wait). */
export const wait: Wait = waitOf(n8nWorkflow as unknown as N8nWaits);
