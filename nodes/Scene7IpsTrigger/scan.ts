// Reading the window of one poll page by page, newest first, until the pages are older than the
// window. The search itself is passed in, so the paging can be tested without Scene7.
import { type AssetStamp, type Strategy, stampOf } from './pollState';

export interface PageRequest {
	resultsPage: number;
	recordsPerPage: number;
	/** Only assets created at or after this date (ms): the search's Created condition. */
	createdFrom?: number;
}

export interface Page<A> {
	assets: A[];
	totalRows: number;
}

export type FetchPage<A> = (request: PageRequest) => Promise<Page<A>>;

/** A quiet folder costs one small page per poll; a busy one switches to Scene7's largest pages. */
export const FIRST_PAGE_SIZE = 100;
export const FULL_PAGE_SIZE = 1000;

/** How often a scan starts over when the number of matches changed while it paged. */
export const MAX_RESTARTS = 3;

export interface ScanOptions {
	strategy: Strategy;
	/** The window's start (ms); undefined on the first poll, when the newest match sets it. */
	from?: number;
	/** Used on the first poll: the window reaches this far before the newest match. */
	overlapMs: number;
	firstPageSize?: number;
	fullPageSize?: number;
}

/**
 * Every asset of the window (and possibly a few older ones), newest first by the strategy's date.
 * With the 'created' strategy and a known window the search itself is limited to the window.
 * Pages are numbered in units of their size, so a scan keeps one size: it starts small and starts
 * over with full pages when the first page lies wholly inside the window. Deleting an asset while
 * paging shifts the later pages up by one, which could skip an asset; so when the number of matches
 * changes between pages, the scan starts over (at most MAX_RESTARTS times).
 */
export async function scanWindow<A extends AssetStamp>(fetchPage: FetchPage<A>, options: ScanOptions): Promise<A[]> {
	const small = options.firstPageSize ?? FIRST_PAGE_SIZE;
	const full = Math.max(small, options.fullPageSize ?? FULL_PAGE_SIZE);
	let recordsPerPage = small;
	let restarts = 0;
	for (;;) {
		const pass = await scanPass(fetchPage, options, recordsPerPage, full, restarts < MAX_RESTARTS);
		if (pass.outcome === 'done') return pass.assets;
		if (pass.outcome === 'countChanged') restarts++;
		else recordsPerPage = full;
	}
}

type ScanPass<A> = { outcome: 'done'; assets: A[] } | { outcome: 'countChanged' | 'useFullPages' };

/**
 * One pass over the pages at one page size; it ends with the window's assets or asks to start over.
 * (A pass is a function rather than a labelled loop: Stryker's instrumentation breaks `continue label`.)
 */
async function scanPass<A extends AssetStamp>(
	fetchPage: FetchPage<A>,
	options: ScanOptions,
	recordsPerPage: number,
	full: number,
	mayRestart: boolean,
): Promise<ScanPass<A>> {
	let from = options.from;
	let totalRows: number | undefined;
	const collected: A[] = [];
	const handles = new Set<unknown>();
	for (let resultsPage = 1; ; resultsPage++) {
		const createdFrom =
			options.strategy === 'created' && options.from !== undefined && Number.isFinite(options.from) ? options.from : undefined;
		const page = await fetchPage({ resultsPage, recordsPerPage, createdFrom });
		if (totalRows !== undefined && page.totalRows !== totalRows && mayRestart) return { outcome: 'countChanged' };
		totalRows = page.totalRows;
		collected.push(...page.assets);
		const before = handles.size;
		for (const asset of page.assets) handles.add(asset.assetHandle);
		if (from === undefined) {
			const newest = page.assets.map((asset) => stampOf(asset, options.strategy)).find((stamp) => stamp !== undefined);
			if (newest === undefined) return { outcome: 'done', assets: collected };
			from = newest - options.overlapMs;
		}
		const last = page.assets.length > 0 ? stampOf(page.assets[page.assets.length - 1], options.strategy) : undefined;
		const reachedOlder = last !== undefined && last < from;
		// A full page without totalRows says nothing about the next; one with no new asset ends a loop.
		const lastPage =
			page.assets.length < recordsPerPage ||
			(page.totalRows > 0 && resultsPage * recordsPerPage >= page.totalRows) ||
			handles.size === before;
		if (reachedOlder || lastPage) return { outcome: 'done', assets: collected };
		if (resultsPage === 1 && recordsPerPage < full) return { outcome: 'useFullPages' };
	}
}
