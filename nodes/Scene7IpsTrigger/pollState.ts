// The trigger's memory between polls, and what one poll makes of what Scene7 returned. Pure: no
// calls, no clock; the caller passes the time and the assets.
//
// The window of a poll starts at the newest Scene7 date seen so far (the mark) minus an overlap, so
// Scene7's dates are only compared with Scene7's dates and a difference between Scene7's and n8n's
// clocks does not matter. Inside the window an asset counts once per date: the remembered handles
// keep the date of the version already handled. n8n's clock only dates the poll (lastPollAt).

/** What happened to an asset, as the trigger outputs it. */
export type ChangeEvent = 'added' | 'modified';

/** Which date orders the scan: creation (Image Added only) or last modification. */
export type Strategy = 'created' | 'modified';

/** The fields of an asset the state machine reads. */
export interface AssetStamp {
	assetHandle?: unknown;
	created?: unknown;
	lastModified?: unknown;
}

export interface PollState {
	version: 1;
	/** The parameters the state belongs to; another scope starts from scratch. */
	scope: string;
	/** When the last poll ran, on n8n's clock (ms). */
	lastPollAt: number;
	/** The newest date Scene7 gave a matching asset so far, on Scene7's clock (ms). */
	mark?: number;
	/** Handle → the date (ms) of the version already handled, for the assets inside the window. */
	seen: Record<string, number>;
	/** Dates below this are not looked at again: set when `seen` had to be cut to its bound, or the look-back grew. */
	floor?: number;
	/** The look-back (ms) `seen` was kept for; states written before it was an option used OVERLAP_MS. */
	overlapMs?: number;
}

export interface PollConfig {
	strategy: Strategy;
	/** The events that are output; the others are only remembered. */
	events: ChangeEvent[];
	overlapMs: number;
	/** The most handles remembered. */
	maxSeen: number;
}

/** How far each poll looks back before the mark, unless the trigger's Look-Back option says otherwise. */
export const OVERLAP_MS = 5 * 60 * 1000;

/** The most handles remembered between polls. */
export const MAX_SEEN = 5000;

const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** A Scene7 dateTime in ms. One without a zone is read as UTC (an assumption); no date gives undefined. */
export function parseStamp(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	const ms = Date.parse(HAS_ZONE.test(text) || !text.includes('T') ? text : `${text}Z`);
	return Number.isNaN(ms) ? undefined : ms;
}

/** The date that orders the scan: created for the 'created' strategy, lastModified otherwise. */
export function stampOf(asset: AssetStamp, strategy: Strategy): number | undefined {
	return parseStamp(strategy === 'created' ? asset.created : asset.lastModified);
}

const handleOf = (asset: AssetStamp) => (typeof asset.assetHandle === 'string' ? asset.assetHandle : '');

/** The state, if `stored` is one this version wrote for this scope. */
export function readState(stored: unknown, scope: string): PollState | undefined {
	const state = stored as Partial<PollState> | undefined;
	if (!state || state.version !== 1 || state.scope !== scope) return undefined;
	if (typeof state.lastPollAt !== 'number' || typeof state.seen !== 'object' || state.seen === null) return undefined;
	return state as PollState;
}

/**
 * The oldest date a poll looks at (inclusive): the overlap before the mark. Without a mark nothing
 * matched so far, so whatever matches now is new, whatever its date.
 */
export function windowStart(state: PollState, overlapMs: number): number {
	const floor = state.floor ?? -Infinity;
	return state.mark === undefined ? floor : Math.max(state.mark - overlapMs, floor);
}

/**
 * The state as a poll with this look-back reads it. A state kept for a shorter look-back has
 * forgotten the handles dated before its window, so a longer one would report those again: its
 * window starts no earlier than the old one (the floor) and widens as the mark moves on.
 */
export function withLookBack(state: PollState, overlapMs: number): PollState {
	const kept = typeof state.overlapMs === 'number' ? state.overlapMs : OVERLAP_MS;
	if (overlapMs <= kept || state.mark === undefined) return state;
	return { ...state, floor: Math.max(state.floor ?? -Infinity, state.mark - kept) };
}

/** The newest version of each asset, in the order first met; assets without a handle or date are left out. */
function newestVersions<A extends AssetStamp>(assets: A[], strategy: Strategy): Array<{ asset: A; stamp: number }> {
	const byHandle = new Map<string, { asset: A; stamp: number }>();
	for (const asset of assets) {
		const handle = handleOf(asset);
		const stamp = stampOf(asset, strategy);
		if (!handle || stamp === undefined) continue;
		const known = byHandle.get(handle);
		if (!known || stamp > known.stamp) byHandle.set(handle, { asset, stamp });
	}
	return [...byHandle.values()];
}

/** Keeps the entries a later window can still meet, at most `maxSeen` of them (the newest, ties kept together). */
function bounded(
	seen: Record<string, number>,
	from: number,
	maxSeen: number,
): { seen: Record<string, number>; floor?: number } {
	const inside = Object.entries(seen).filter(([, stamp]) => stamp >= from);
	if (inside.length <= maxSeen) return { seen: Object.fromEntries(inside) };
	inside.sort((a, b) => b[1] - a[1]);
	const cut = inside[maxSeen - 1][1];
	return { seen: Object.fromEntries(inside.filter(([, stamp]) => stamp >= cut)), floor: cut };
}

function settle(
	scope: string,
	now: number,
	mark: number | undefined,
	seen: Record<string, number>,
	config: PollConfig,
	floor?: number,
): PollState {
	const state: PollState = { version: 1, scope, lastPollAt: now, seen: {}, overlapMs: config.overlapMs };
	if (mark !== undefined) state.mark = mark;
	if (floor !== undefined) state.floor = floor;
	const kept = bounded(seen, windowStart(state, config.overlapMs), config.maxSeen);
	state.seen = kept.seen;
	if (kept.floor !== undefined) state.floor = Math.max(kept.floor, floor ?? -Infinity);
	return state;
}

/**
 * The state after the first poll of a scope: everything that matches now counts as handled, so
 * nothing is output; later polls report what changes after this.
 */
export function firstState(assets: AssetStamp[], scope: string, now: number, config: PollConfig): PollState {
	const versions = newestVersions(assets, config.strategy);
	const mark = versions.reduce<number | undefined>((max, { stamp }) => (max === undefined || stamp > max ? stamp : max), undefined);
	const seen = Object.fromEntries(versions.map(({ asset, stamp }) => [handleOf(asset), stamp]));
	return settle(scope, now, mark, seen, config);
}

export interface PollOutcome<A> {
	/** The changes to output, newest first. */
	changes: Array<{ asset: A; event: ChangeEvent }>;
	state: PollState;
}

/**
 * One poll: which of `assets` (the scan of the window, any order, duplicates allowed) are changes
 * not handled yet, and the state to keep. An asset not remembered is 'added' when it was created
 * inside the window, 'modified' otherwise; a remembered one whose date moved is 'modified'.
 */
export function advance<A extends AssetStamp>(state: PollState, assets: A[], now: number, config: PollConfig): PollOutcome<A> {
	const from = windowStart(state, config.overlapMs);
	const seen = { ...state.seen };
	let mark = state.mark;
	const found: Array<{ asset: A; event: ChangeEvent; stamp: number }> = [];
	for (const { asset, stamp } of newestVersions(assets, config.strategy)) {
		if (stamp < from) continue;
		const handle = handleOf(asset);
		const handled = seen[handle];
		if (mark === undefined || stamp > mark) mark = stamp;
		if (handled !== undefined && handled >= stamp) continue;
		const created = parseStamp(asset.created);
		const event: ChangeEvent = handled === undefined && created !== undefined && created >= from ? 'added' : 'modified';
		seen[handle] = stamp;
		if (config.events.includes(event)) found.push({ asset, event, stamp });
	}
	found.sort((a, b) => b.stamp - a.stamp);
	return {
		changes: found.map(({ asset, event }) => ({ asset, event })),
		state: settle(state.scope, now, mark, seen, config, state.floor),
	};
}

/** The event of an asset shown by a manual test run: its newest change as far as its dates tell. */
export function eventOfLatest(asset: AssetStamp, strategy: Strategy): ChangeEvent {
	if (strategy === 'created') return 'added';
	const created = parseStamp(asset.created);
	const modified = parseStamp(asset.lastModified);
	return created !== undefined && modified !== undefined && modified > created ? 'modified' : 'added';
}
