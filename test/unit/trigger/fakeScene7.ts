// A small stand-in for Scene7's searchAssets over a list of assets, and a driver that polls it the way
// the trigger does (scanWindow + firstState/advance), so tests can replay timelines without n8n.
import {
	advance,
	type ChangeEvent,
	firstState,
	MAX_SEEN,
	OVERLAP_MS,
	type PollConfig,
	type PollState,
	type Strategy,
	windowStart,
	withLookBack,
} from '../../../nodes/Scene7IpsTrigger/pollState';
import { type FetchPage, type PageRequest, scanWindow } from '../../../nodes/Scene7IpsTrigger/scan';

export interface FakeAsset {
	assetHandle: string;
	name: string;
	created: string;
	lastModified: string;
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const T0 = Date.parse('2026-06-01T10:00:00.000Z');
export const MINUTE = 60_000;

export class FakeScene7 {
	readonly assets: FakeAsset[] = [];
	readonly requests: PageRequest[] = [];
	/** Called before each page is answered (e.g. to change the store while the trigger pages). */
	beforePage?: (request: PageRequest) => void;
	private next = 1;

	/** Scene7's clock is n8n's plus this. */
	constructor(public skewMs = 0) {}

	add(name: string, atN8nMs: number): FakeAsset {
		const stamp = iso(atN8nMs + this.skewMs);
		const asset = { assetHandle: `a|${this.next++}`, name, created: stamp, lastModified: stamp };
		this.assets.push(asset);
		return asset;
	}

	modify(asset: FakeAsset, atN8nMs: number): void {
		asset.lastModified = iso(atN8nMs + this.skewMs);
	}

	remove(asset: FakeAsset): void {
		this.assets.splice(this.assets.indexOf(asset), 1);
	}

	fetchPage(strategy: Strategy): FetchPage<FakeAsset> {
		return async (request) => {
			this.requests.push(request);
			this.beforePage?.(request);
			const key = (a: FakeAsset) => Date.parse(strategy === 'created' ? a.created : a.lastModified);
			const hits = this.assets
				.filter((a) => request.createdFrom === undefined || Date.parse(a.created) >= request.createdFrom)
				.sort((x, y) => key(y) - key(x) || y.assetHandle.localeCompare(x.assetHandle));
			const start = (request.resultsPage - 1) * request.recordsPerPage;
			return { assets: hits.slice(start, start + request.recordsPerPage).map((a) => ({ ...a })), totalRows: hits.length };
		};
	}
}

export interface Emitted {
	handle: string;
	name: string;
	event: ChangeEvent;
	lastModified: string;
}

/** Polls a FakeScene7 as the trigger does, remembering the state between polls; config.overlapMs is its Look-Back. */
export class Poller {
	state?: PollState;
	readonly emitted: Emitted[][] = [];
	readonly config: PollConfig;

	constructor(
		readonly scene7: FakeScene7,
		events: ChangeEvent[] = ['added', 'modified'],
		options: Partial<PollConfig> = {},
	) {
		const strategy: Strategy = events.includes('modified') ? 'modified' : 'created';
		this.config = { strategy, events, overlapMs: OVERLAP_MS, maxSeen: MAX_SEEN, ...options };
	}

	async poll(nowMs: number): Promise<Emitted[]> {
		const { strategy, overlapMs } = this.config;
		// The first poll's window reaches back from the newest match; a later one starts at the kept state's window.
		const current = this.state && withLookBack(this.state, overlapMs);
		const assets = await scanWindow(this.scene7.fetchPage(strategy), { strategy, from: current && windowStart(current, overlapMs), overlapMs });
		if (!current) {
			this.state = firstState(assets, 'scope', nowMs, this.config);
			this.emitted.push([]);
			return [];
		}
		const { changes, state } = advance(current, assets, nowMs, this.config);
		this.state = state;
		const out = changes.map(({ asset, event }) => ({ handle: asset.assetHandle, name: asset.name, event, lastModified: asset.lastModified }));
		this.emitted.push(out);
		return out;
	}

	/** Everything emitted so far, as "event name" strings. */
	all(): string[] {
		return this.emitted.flat().map((e) => `${e.event} ${e.name}`);
	}
}
