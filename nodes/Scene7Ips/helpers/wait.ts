import * as n8nWorkflow from 'n8n-workflow';

type Wait = (ms: number, signal?: AbortSignal) => Promise<void>;

// n8n-workflow's cancellable wait has two shapes across the n8n versions the package supports:
// `sleepWithAbort(ms, signal)` (n8n 1.x and 2.x up to at least 2.8), and `sleep(ms, signal)` once
// sleepWithAbort was folded into sleep (n8n 2.41 exports no sleepWithAbort).
const waits = n8nWorkflow as unknown as { sleepWithAbort?: Wait; sleep: Wait };

/** Waits `ms`; rejects at once when `signal` fires (before or during the wait). */
export async function wait(ms: number, signal?: AbortSignal): Promise<void> {
	if (typeof waits.sleepWithAbort === 'function') return await waits.sleepWithAbort(ms, signal);
	if (signal?.aborted) throw new Error('aborted');
	return await waits.sleep(ms, signal);
}
