// Paging a poll's window: page sizes, where the scan stops, and starting over when the matches change.
import { OVERLAP_MS } from '../../../nodes/Scene7IpsTrigger/pollState';
import { FULL_PAGE_SIZE, MAX_RESTARTS, scanWindow } from '../../../nodes/Scene7IpsTrigger/scan';
import { FakeScene7, MINUTE, Poller, T0 } from './fakeScene7';

const SECOND = 1000;
const pagesAsked = (scene7: FakeScene7) => scene7.requests.map((r) => `${r.resultsPage}x${r.recordsPerPage}`);
/** A later poll's scan (Image Modified, window from 5 minutes before T0), with pages of `pageSize` when given. */
const scanRecent = (scene7: FakeScene7, pageSize?: number) =>
	scanWindow(scene7.fetchPage('modified'), { strategy: 'modified', from: T0 - OVERLAP_MS, overlapMs: OVERLAP_MS, ...(pageSize && { firstPageSize: pageSize, fullPageSize: pageSize }) });

describe('scanWindow', () => {
	it('a quiet folder costs one page of 100, stopping at the first asset older than the window', async () => {
		const scene7 = new FakeScene7();
		for (let i = 0; i < 250; i++) scene7.add(`old${i}`, T0 - 24 * 60 * MINUTE + i * SECOND);
		scene7.add('new', T0);
		const found = await scanRecent(scene7);
		expect(pagesAsked(scene7)).toEqual(['1x100']);
		expect(found[0].name).toBe('new');
		expect(found).toHaveLength(100);
	});

	it('more than 1,000 changes: starts over with pages of 1,000 and reads them all, once each', async () => {
		const scene7 = new FakeScene7();
		scene7.add('before', T0 - 60 * MINUTE);
		const poller = new Poller(scene7);
		await poller.poll(T0);
		scene7.requests.length = 0;
		for (let i = 0; i < 2500; i++) scene7.add(`img${i}`, T0 + 1 + (i % 50) * SECOND);
		const out = await poller.poll(T0 + MINUTE);
		expect(pagesAsked(scene7)).toEqual(['1x100', '1x1000', '2x1000', '3x1000']);
		expect(out).toHaveLength(2500);
		expect(new Set(out.map((e) => e.handle)).size).toBe(2500);
		expect(out.every((e) => e.event === 'added')).toBe(true);
		expect(await poller.poll(T0 + 2 * MINUTE)).toEqual([]);
	});

	it('starts over when an asset is deleted while paging, so the shift does not skip one', async () => {
		const scene7 = new FakeScene7();
		const assets = Array.from({ length: 6 }, (_, i) => scene7.add(`img${i}`, T0 + i * SECOND));
		let deleted = false;
		scene7.beforePage = (request) => {
			if (request.resultsPage === 2 && !deleted) {
				deleted = true;
				scene7.remove(assets[5]); // the newest, on page 1
			}
		};
		const found = await scanRecent(scene7, 3);
		expect(pagesAsked(scene7)).toEqual(['1x3', '2x3', '1x3', '2x3']);
		expect(new Set(found.map((a) => a.name))).toEqual(new Set(['img0', 'img1', 'img2', 'img3', 'img4']));
	});

	it(`gives up starting over after ${MAX_RESTARTS} changes and keeps what it read`, async () => {
		const scene7 = new FakeScene7();
		for (let i = 0; i < 4; i++) scene7.add(`img${i}`, T0 + i * SECOND);
		let n = 0;
		scene7.beforePage = () => {
			scene7.add(`burst${n++}`, T0 + 10 * SECOND + n);
		};
		const found = await scanRecent(scene7, 2);
		expect(scene7.requests.filter((r) => r.resultsPage === 1)).toHaveLength(MAX_RESTARTS + 1);
		expect(found.length).toBeGreaterThan(0);
	});

	it('first poll: the window reaches the overlap before the newest match', async () => {
		const scene7 = new FakeScene7();
		for (let i = 0; i < 150; i++) scene7.add(`recent${i}`, T0 - i * SECOND); // 150 within 2.5 minutes
		for (let i = 0; i < 150; i++) scene7.add(`old${i}`, T0 - 60 * MINUTE - i * SECOND);
		const found = await scanWindow(scene7.fetchPage('modified'), { strategy: 'modified', overlapMs: OVERLAP_MS });
		expect(pagesAsked(scene7)).toEqual(['1x100', '1x1000']);
		expect(found.filter((a) => a.name.startsWith('recent'))).toHaveLength(150);
	});

	it('asks for a Created range only for Image Added with a known window', async () => {
		const scene7 = new FakeScene7();
		scene7.add('x', T0);
		await scanWindow(scene7.fetchPage('created'), { strategy: 'created', from: T0 - OVERLAP_MS, overlapMs: OVERLAP_MS });
		await scanWindow(scene7.fetchPage('created'), { strategy: 'created', from: -Infinity, overlapMs: OVERLAP_MS });
		await scanWindow(scene7.fetchPage('created'), { strategy: 'created', overlapMs: OVERLAP_MS });
		await scanRecent(scene7);
		expect(scene7.requests.map((r) => r.createdFrom)).toEqual([T0 - OVERLAP_MS, undefined, undefined, undefined]);
	});

	it('stops on a page that brings nothing new, and reads on past full pages without totalRows', async () => {
		const same = [{ assetHandle: 'a|1', lastModified: new Date(T0).toISOString() }];
		let calls = 0;
		const repeated = await scanWindow(
			async () => {
				calls++;
				return { assets: same, totalRows: 0 };
			},
			{ strategy: 'modified', from: -Infinity, overlapMs: OVERLAP_MS, firstPageSize: 1, fullPageSize: 1 },
		);
		expect(calls).toBe(2);
		expect(repeated).toHaveLength(2);
		expect(FULL_PAGE_SIZE).toBe(1000);
	});
});
