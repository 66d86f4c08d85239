import { wait } from '../helpers/wait';

/** What became of one item: its value, its failure, or nothing when it never started. */
export type ItemOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown } | undefined;

export interface RunSettings {
	/** The most items in flight at once (at least 1). */
	concurrency: number;
	/** On Error = Stop: the first failure keeps further items from starting. */
	stopOnFailure: boolean;
	/** The execution's cancel signal (Stop in the editor, or n8n cancelling the run). */
	cancelSignal?: AbortSignal;
}

/**
 * The one loop that runs a node's items: at most `concurrency` at once, outcomes in input order
 * whatever order they finish in. Its `signal` fires when the run stops (Cancel, or a failure under
 * On Error = Stop): no item starts after that, and calls made with the signal start no further try
 * and end their waits at once. Items in flight are left to finish, so their outcomes are known.
 */
export class RunController {
	private readonly stopper = new AbortController();

	constructor(private readonly settings: RunSettings) {}

	/** Fires when the run stops: give it to every call and wait of the run. */
	get signal(): AbortSignal {
		return this.stopper.signal;
	}

	get cancelled(): boolean {
		return this.settings.cancelSignal?.aborted === true;
	}

	async run<T>(count: number, task: (index: number) => Promise<T>): Promise<Array<ItemOutcome<T>>> {
		const outcomes = new Array<ItemOutcome<T>>(count).fill(undefined);
		const { cancelSignal, stopOnFailure } = this.settings;
		const stop = () => this.stopper.abort();
		if (cancelSignal?.aborted) stop();
		cancelSignal?.addEventListener('abort', stop, { once: true });

		let next = 0;
		const worker = async () => {
			for (let first = true; next < count && !this.stopper.signal.aborted; first = false) {
				// Under Stop, answers that arrived together with this worker's get their turn before
				// the next item starts, so a failure that has already come in stops it. (No signal:
				// a wait with it would leave a listener on it per item.)
				if (stopOnFailure && !first) await wait(0);
				if (this.stopper.signal.aborted || next >= count) break;
				const index = next++;
				try {
					outcomes[index] = { ok: true, value: await task(index) };
				} catch (error) {
					outcomes[index] = { ok: false, error };
					if (stopOnFailure) stop();
				}
			}
		};
		try {
			const workers = Math.max(1, Math.min(Math.floor(this.settings.concurrency) || 1, count));
			await Promise.all(Array.from({ length: workers }, worker));
		} finally {
			cancelSignal?.removeEventListener('abort', stop);
		}
		return outcomes;
	}
}
