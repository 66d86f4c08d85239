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
 * Items that start in one turn of the event loop while others are in flight. A request goes on the
 * wire only when the event loop turns, and preparing an item (n8n evaluating its expressions) takes
 * CPU; started in small groups, each group's requests go out, and answers come in, while the next
 * group is prepared, instead of everything waiting behind one long burst.
 */
export const STARTS_PER_TURN = 8;

/**
 * The one loop that runs a node's items: at most `concurrency` at once, outcomes in input order
 * whatever order they finish in. Its `signal` fires when the run stops (Cancel, or a failure under
 * On Error = Stop): no item starts after that, and calls made with the signal start no further try
 * and end their waits at once. Items in flight are left to finish, so their outcomes are known.
 */
export class RunController {
	private readonly stopper = new AbortController();

	private startedThisTurn = 0;

	private nextTurn?: Promise<void>;

	private readonly itemStoppers = new Set<AbortController>();

	private readonly stopAll = () => {
		this.stopper.abort();
		for (const itemStopper of this.itemStoppers) itemStopper.abort();
	};

	constructor(private readonly settings: RunSettings) {
		// Watched for the controller's whole life (the items, then a batch's call and its wait), so
		// Cancel reaches every wait; `dispose` lets go of the execution's signal.
		if (settings.cancelSignal?.aborted) this.stopAll();
		settings.cancelSignal?.addEventListener('abort', this.stopAll, { once: true });
	}

	/** Fires when the run stops: give it to every call and wait of the run. */
	get signal(): AbortSignal {
		return this.stopper.signal;
	}

	get cancelled(): boolean {
		return this.settings.cancelSignal?.aborted === true;
	}

	/**
	 * A signal of one item's own that fires with the run's. Each call and wait adds a listener to
	 * the signal it is given; one signal per item keeps a run of many items in flight from piling
	 * hundreds of listeners on one signal (Node warns above ten).
	 */
	itemSignal(): AbortSignal {
		const itemStopper = new AbortController();
		if (this.stopper.signal.aborted) itemStopper.abort();
		else this.itemStoppers.add(itemStopper);
		return itemStopper.signal;
	}

	/** The run is over: stop watching the execution's cancel signal. */
	dispose(): void {
		this.settings.cancelSignal?.removeEventListener('abort', this.stopAll);
		this.itemStoppers.clear();
	}

	/** The next turn of the event loop, one timer shared by all workers waiting for it. */
	private async turn(): Promise<void> {
		// No signal: a wait with it would leave a listener on it per turn.
		this.nextTurn ??= wait(0).then(() => {
			this.nextTurn = undefined;
			this.startedThisTurn = 0;
		});
		await this.nextTurn;
	}

	async run<T>(count: number, task: (index: number) => Promise<T>): Promise<Array<ItemOutcome<T>>> {
		const outcomes = new Array<ItemOutcome<T>>(count).fill(undefined);
		const { stopOnFailure } = this.settings;

		let next = 0;
		let inFlight = 0;
		const worker = async () => {
			for (let first = true; next < count && !this.stopper.signal.aborted; first = false) {
				// Under Stop, answers that arrived together with this worker's get their turn before
				// the next item starts, so a failure that has already come in stops it. Only other
				// items in flight can have such answers: one at a time, the yield (a timer, at least
				// 1 ms) would only slow every item down; so would pacing.
				if (stopOnFailure && !first && inFlight > 0) await this.turn();
				while (this.startedThisTurn >= STARTS_PER_TURN && inFlight > 0) await this.turn();
				if (this.stopper.signal.aborted || next >= count) break;
				this.startedThisTurn++;
				const index = next++;
				inFlight++;
				try {
					outcomes[index] = { ok: true, value: await task(index) };
				} catch (error) {
					outcomes[index] = { ok: false, error };
					if (stopOnFailure) this.stopAll();
				} finally {
					inFlight--;
				}
			}
		};
		const workers = Math.max(1, Math.min(Math.floor(this.settings.concurrency) || 1, count));
		await Promise.all(Array.from({ length: workers }, worker));
		return outcomes;
	}
}
