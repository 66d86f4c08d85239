// What a poll costs and reads at scale: calls per quiet poll, the look-back option, the fields asked
// for, and the company and folder resolved once and kept in the node's static data.
import type { IDataObject } from 'n8n-workflow';

import { INFO_BLOCKS } from '../../../nodes/Scene7IpsTrigger/fields';
import { DEMO, SEED } from '../../sandbox/server';
import { jsonOf, poll, rl, useSandbox } from './pollHarness';

const env = useSandbox();
const { pollContext, activated, soap, copyInto } = env;
/** The operations Scene7 was asked for since request number `since`. */
const callsSince = (since: number) => env.sandbox.requests.slice(since).map((r) => r.operation);

/** Company by name and folder by path: the locators that each cost a lookup. */
const byNameAndPath = (event: string, filters: IDataObject = {}): IDataObject => ({
	event,
	companyHandle: rl(DEMO.companyName, 'name'),
	folderHandle: rl('summer', 'path'),
	filters,
});

const searchBodies = (since: number) => env.sandbox.requests.slice(since).filter((r) => r.operation === 'searchAssets').map((r) => r.rawBody);
/** The responseFieldArray items a search asked for, in order. */
const fieldsAskedIn = (body: string) => {
	const list = /<responseFieldArray>(.*?)<\/responseFieldArray>/.exec(body)?.[1] ?? '';
	return [...list.matchAll(/<items>([^<]*)<\/items>/g)].map((m) => m[1]);
};
const ASSET_FIELDS = ['assetHandle', 'type', 'subType', 'name', 'fileName', 'folder', 'folderHandle', 'readyForPublish', 'trashState', 'projects', 'ipsImageUrl', 'created', 'createUser', 'lastModified', 'lastModifyUser'];
const asked = (...fields: string[]) => ['totalRows', ...fields.map((f) => `assetArray/items/${f}`)];
const MINUTE = 60_000;

describe('Scene7 IPS Trigger at scale', () => {
	it.each(['added', 'modified', 'addedOrModified'])('a quiet %s poll costs exactly one searchAssets once company and folder are resolved', async (event) => {
		await copyInto(SEED.folders.summer, 'already-there');
		const h = pollContext(byNameAndPath(event));
		let since = env.sandbox.requests.length;
		expect(await poll(h)).toBeNull();
		// Activation resolves the company by name and the folder by path once.
		expect(callsSince(since)).toEqual(['getCompanyInfo', 'getFolderTree', 'searchAssets']);
		for (let i = 0; i < 3; i++) {
			since = env.sandbox.requests.length;
			expect(await poll(h)).toBeNull();
			expect(callsSince(since)).toEqual(['searchAssets']);
		}
		// A change costs no more: the same one search finds it.
		await copyInto(SEED.folders.summer, 'new-one');
		since = env.sandbox.requests.length;
		const out = jsonOf(await poll(h));
		expect(out.map((j) => j.name)).toEqual(event === 'modified' ? [] : ['new-one']);
		expect(callsSince(since)).toEqual(['searchAssets']);
	});

	it('keeps the resolved company and folder in static data; a changed value is looked up again, once', async () => {
		const staticData: IDataObject = {};
		await poll(pollContext(byNameAndPath('added'), { staticData }));
		expect(staticData.scene7Locators).toEqual({
			company: { value: DEMO.companyName, handle: DEMO.companyHandle },
			folder: { value: JSON.stringify([DEMO.companyHandle, 'summer']), handle: SEED.folders.summer },
		});
		const moved = pollContext({ ...byNameAndPath('added'), folderHandle: rl('uploads', 'path') }, { staticData });
		let since = env.sandbox.requests.length;
		await poll(moved);
		expect(callsSince(since)).toEqual(['getFolderTree', 'searchAssets']);
		expect((staticData.scene7Locators as IDataObject).folder).toEqual({ value: JSON.stringify([DEMO.companyHandle, 'uploads']), handle: SEED.folders.uploads });
		since = env.sandbox.requests.length;
		await poll(moved);
		expect(callsSince(since)).toEqual(['searchAssets']);
		// Handles need no lookup, so nothing is kept for them.
		await poll(pollContext({ ...byNameAndPath('added'), companyHandle: rl(DEMO.companyHandle), folderHandle: rl(SEED.folders.summer) }, { staticData }));
		expect(staticData.scene7Locators).toBeUndefined();
	});

	it('a kept folder handle Scene7 refuses is looked up again and the poll tried once more', async () => {
		await copyInto(SEED.folders.summer, 'first');
		const h = await activated(byNameAndPath('added'));
		// As if the folder had been renamed since: the kept handle no longer exists.
		(h.staticData.scene7Locators as { folder: { handle: string } }).folder.handle = 'ApiTestCo/renamed/';
		await copyInto(SEED.folders.summer, 'second');
		const since = env.sandbox.requests.length;
		expect(jsonOf(await poll(h)).map((j) => j.name)).toEqual(['second']);
		expect(callsSince(since)).toEqual(['searchAssets', 'getFolderTree', 'searchAssets']);
		expect(env.sandbox.requests[since].faultReason).toContain('ApiTestCo/renamed/');
		expect((h.staticData.scene7Locators as { folder: { handle: string } }).folder.handle).toBe(SEED.folders.summer);
	});

	it('a kept folder that is gone fails the poll with the lookup’s message and is not kept', async () => {
		const h = await activated(byNameAndPath('added'));
		await soap('deleteFolder', [['folderHandle', SEED.folders.summer]]);
		const saved = JSON.parse(JSON.stringify(h.staticData.scene7PollState)) as IDataObject;
		await expect(poll(h)).rejects.toThrow(`No folder has the path 'summer/' in company ${DEMO.companyHandle}`);
		expect((h.staticData.scene7Locators as IDataObject).folder).toBeUndefined();
		expect(h.staticData.scene7PollState).toEqual(saved);
	});

	// By path, the folder is kept per company: its lookup in the stale company is what Scene7 refuses.
	it.each([
		['Scene7 refuses', rl('summer', 'path'), ['getFolderTree', 'getCompanyInfo', 'getFolderTree', 'searchAssets'], { company: { value: DEMO.companyName, handle: DEMO.companyHandle }, folder: { value: JSON.stringify([DEMO.companyHandle, 'summer']), handle: SEED.folders.summer } }],
		['the search refuses (folder given by handle)', rl(SEED.folders.summer), ['searchAssets', 'getCompanyInfo', 'searchAssets'], { company: { value: DEMO.companyName, handle: DEMO.companyHandle } }],
	])('a kept company handle %s is looked up by name again', async (_case, folderHandle, calls, locators) => {
		const h = await activated({ ...byNameAndPath('added'), folderHandle });
		(h.staticData.scene7Locators as { company: { handle: string } }).company.handle = 'c|999';
		const since = env.sandbox.requests.length;
		expect(await poll(h)).toBeNull();
		expect(callsSince(since)).toEqual(calls);
		expect(env.sandbox.requests[since].faultCode).toBe(20000);
		expect(h.staticData.scene7Locators).toEqual(locators);
	});

	it('a fault that is not about the company or folder is thrown as it is, without lookups', async () => {
		const h = await activated(byNameAndPath('added'));
		const since = env.sandbox.requests.length;
		const wrong = pollContext(byNameAndPath('added'), { staticData: h.staticData, password: 'wrong' });
		await expect(poll(wrong)).rejects.toThrow('Scene7 rejected the user name or password (10001)');
		expect(callsSince(since)).toEqual(['searchAssets']);
	});

	it('a manual test run looks company and folder up and keeps nothing', async () => {
		await copyInto(SEED.folders.summer, 'newest');
		const staticData: IDataObject = {};
		const h = pollContext(byNameAndPath('added'), { mode: 'manual', staticData });
		expect(jsonOf(await poll(h)).map((j) => j.name)).toEqual(['newest']);
		expect(staticData).toEqual({});
	});

	it('Look-Back catches an asset dated 10 minutes before the newest one seen; the default 5 minutes misses it', async () => {
		const seesLateAsset = async (filters: IDataObject) => {
			env.sandbox.reset();
			await copyInto(SEED.folders.summer, 'mark');
			const h = await activated(byNameAndPath('added', filters));
			await copyInto(SEED.folders.summer, 'late');
			// Dated 10 minutes earlier in Scene7, as an asset whose date arrives late in search would be.
			const late = env.sandbox.state.assets.find((a) => a.name === 'late')!;
			late.created = new Date(Date.parse(late.created) - 10 * MINUTE).toISOString();
			late.lastModified = late.created;
			const since = env.sandbox.requests.length;
			const names = jsonOf(await poll(h)).map((j) => j.name);
			const minDate = /<minDate>([^<]+)<\/minDate>/.exec(searchBodies(since)[0])![1];
			const mark = env.sandbox.state.assets.find((a) => a.name === 'mark')!;
			return { names, windowMinutes: (Date.parse(mark.created) - Date.parse(minDate)) / MINUTE };
		};
		expect(await seesLateAsset({ lookBackMinutes: 15 })).toEqual({ names: ['late'], windowMinutes: 15 });
		expect(await seesLateAsset({})).toEqual({ names: [], windowMinutes: 5 });
		expect(await seesLateAsset({ lookBackMinutes: 5 })).toEqual({ names: [], windowMinutes: 5 });
	});

	it.each([0, -1, 1441, 'ten'])('Look-Back %p is refused with what to enter', async (lookBackMinutes) => {
		const h = pollContext(byNameAndPath('added', { lookBackMinutes }));
		const error = (await poll(h).catch((e: unknown) => e)) as Error & { description?: string };
		expect(error.message).toBe('Look-Back must be a number of minutes from 1 to 1440');
		expect(error.description).toContain(`is '${String(lookBackMinutes)}'`);
	});

	it('searches ask for the output’s fields only, after sortDirection as searchAssetsParam orders them', async () => {
		await copyInto(SEED.folders.summer, 'one');
		const fieldsFor = async (filters: IDataObject) => {
			const since = env.sandbox.requests.length;
			await poll(pollContext(byNameAndPath('modified', filters), { mode: 'manual' }));
			const [body] = searchBodies(since);
			expect(body).toMatch(/<sortDirection>Descending<\/sortDirection><responseFieldArray>(<items>[^<]+<\/items>)+<\/responseFieldArray><\/searchAssetsParam>/);
			return fieldsAskedIn(body);
		};
		expect(await fieldsFor({})).toEqual(asked(...ASSET_FIELDS, 'imageInfo'));
		expect(await fieldsFor({ assetTypes: ['Video', 'Image', 'LayerView'] })).toEqual(asked(...ASSET_FIELDS, 'imageInfo', 'layerViewInfo', 'videoInfo'));
		// Every type, or a type without a block of its name: every block, rather than a guess.
		expect(await fieldsFor({ assetTypes: [] })).toEqual(asked(...ASSET_FIELDS, ...INFO_BLOCKS));
		expect(await fieldsFor({ assetTypes: ['Image', 'SpinSet'] })).toEqual(asked(...ASSET_FIELDS, ...INFO_BLOCKS));
		expect(INFO_BLOCKS).toHaveLength(41);
	});
});
