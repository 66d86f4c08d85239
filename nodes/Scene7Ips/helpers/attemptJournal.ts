import type { IDataObject } from 'n8n-workflow';

/**
 * What earlier attempts of one node run completed, item by item. n8n's Retry On Fail runs the
 * node again with the same items and the same run index in the same process; the router returns
 * an item an earlier attempt completed instead of running it again, so nothing is copied (or
 * renamed, moved, deleted) twice. Kept in this process only, for a limited time and number.
 */
type Output = IDataObject | IDataObject[];

interface Journal {
	touched: number;
	items: Map<number, { fingerprint: string; output: Output }>;
}

const journals = new Map<string, Journal>();
const KEEP_MS = 30 * 60 * 1000;
const MAX_JOURNALS = 500;

function prune(now: number) {
	for (const [key, journal] of journals) {
		if (journals.size <= MAX_JOURNALS && journal.touched >= now - KEEP_MS) break;
		journals.delete(key);
	}
}

/** A short fingerprint of a text (53-bit hash), enough to tell one item's input from another's. */
export function fingerprintOf(text: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ code, 2654435761);
		h2 = Math.imul(h2 ^ code, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Marks an output as taken from an earlier attempt of the same run. */
const replayed = (output: IDataObject): IDataObject => ({
	...output,
	...('alreadyExisted' in output ? { alreadyExisted: true } : {}),
	fromEarlierAttempt: true,
});

export class AttemptJournal {
	private constructor(
		private readonly key: string,
		private readonly journal: Journal,
	) {}

	/** The journal of one node run (execution, node, run index), made on first use. */
	static of(key: string, now = Date.now()): AttemptJournal {
		let journal = journals.get(key);
		if (journal) journals.delete(key);
		journal ??= { touched: now, items: new Map() };
		journal.touched = now;
		// Re-inserted, so the map stays in order of last use and pruning takes the oldest first.
		journals.set(key, journal);
		prune(now);
		return new AttemptJournal(key, journal);
	}

	/** What an earlier attempt returned for this item, if its input was the same. */
	replay(itemIndex: number, fingerprint: string): Output | undefined {
		const entry = this.journal.items.get(itemIndex);
		if (!entry || entry.fingerprint !== fingerprint) return undefined;
		return Array.isArray(entry.output) ? entry.output.map(replayed) : replayed(entry.output);
	}

	record(itemIndex: number, fingerprint: string, output: Output): void {
		this.journal.items.set(itemIndex, { fingerprint, output });
	}

	/** Every item completed: no retry of this run will come. */
	forget(): void {
		journals.delete(this.key);
	}
}
