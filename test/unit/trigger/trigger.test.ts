// The trigger node's poll() against the in-process IPS sandbox (pollHarness.ts).
import type { IDataObject } from 'n8n-workflow';

import { DEMO, injectRule, SEED } from '../../sandbox/server';
import { jsonOf, poll, rl, useSandbox } from './pollHarness';

const env = useSandbox();
const { pollContext, activated, soap, copyInto } = env;
const handleNamed = (name: string) => env.sandbox.state.assets.find((a) => a.name === name)?.assetHandle;
const searches = (since: number) => env.sandbox.requests.slice(since).filter((r) => r.operation === 'searchAssets');

const summerParameters = (event: string): IDataObject => ({
	event,
	companyHandle: rl(DEMO.companyHandle),
	folderHandle: rl(SEED.folders.summer),
	filters: {},
});

describe('Scene7 IPS Trigger poll()', () => {
	it('first activation outputs nothing; then added and modified images of the folder, once each, with the Image → Get fields', async () => {
		const h = pollContext(summerParameters('addedOrModified'));
		expect(await poll(h)).toBeNull();
		expect(h.staticData.scene7PollState).toMatchObject({ version: 1, seen: {} });

		await copyInto(SEED.folders.summer, 'trigger-new');
		await copyInto(SEED.folders.sale, 'trigger-in-subfolder');
		await copyInto(SEED.folders.uploads, 'trigger-elsewhere');
		await soap('setUrlModifier', [
			['assetHandle', SEED.assets.summerHero],
			['urlModifier', 'wid=100'],
		]);

		const out = jsonOf(await poll(h));
		expect(out.map((j) => `${j.event} ${j.name}`).sort()).toEqual([
			'added trigger-in-subfolder',
			'added trigger-new',
			'modified summer-hero',
		]);
		const added = out.find((j) => j.name === 'trigger-new');
		const copy = env.sandbox.state.assets.find((a) => a.name === 'trigger-new')!;
		expect(added).toMatchObject({
			event: 'added',
			assetHandle: copy.assetHandle,
			companyHandle: DEMO.companyHandle,
			name: 'trigger-new',
			type: 'Image',
			folderHandle: SEED.folders.summer,
			created: copy.created,
			lastModified: copy.lastModified,
			width: 1600,
			height: 1200,
		});
		expect(out.find((j) => j.name === 'summer-hero')).toMatchObject({ urlModifier: 'wid=100', width: 2400 });
		// Nothing happened since: nothing is output again.
		expect(await poll(h)).toBeNull();
	});

	it('Image Added asks Scene7 for a Created range sorted by Created; the other events sort by Modified without one', async () => {
		await copyInto(SEED.folders.summer, 'seed-copy');
		const added = await activated(summerParameters('added'));
		let since = env.sandbox.requests.length;
		await poll(added);
		const [withRange] = searches(since);
		expect(withRange.rawBody).toMatch(/<field>Created<\/field><op>Between<\/op><minDate>[^<]+<\/minDate><maxDate>[^<]+<\/maxDate>/);
		expect(withRange.rawBody).toContain('<sortBy>Created</sortBy><sortDirection>Descending</sortDirection>');
		const minDate = /<minDate>([^<]+)<\/minDate>/.exec(withRange.rawBody)![1];
		const copy = env.sandbox.state.assets.find((a) => a.name === 'seed-copy')!;
		expect(Date.parse(minDate)).toBe(Date.parse(copy.created) - 5 * 60 * 1000);

		const modified = await activated(summerParameters('modified'));
		since = env.sandbox.requests.length;
		await poll(modified);
		const [bySort] = searches(since);
		expect(bySort.rawBody).not.toContain('<systemFieldConditionArray>');
		expect(bySort.rawBody).toContain('<sortBy>Modified</sortBy><sortDirection>Descending</sortDirection>');
		expect(bySort.rawBody).toContain(`<folder>${SEED.folders.summer}</folder><includeSubfolders>true</includeSubfolders>`);
		expect(bySort.rawBody).toContain('<assetTypeArray><items>Image</items></assetTypeArray>');
	});

	it('Image Added with a name filter sends both conditions, to be matched together', async () => {
		// With a match at activation the window has a start (an empty scope reads everything, without a range).
		await copyInto(SEED.folders.summer, 'promo-first');
		const h = await activated({ ...summerParameters('added'), filters: { name: 'promo' } });
		await copyInto(SEED.folders.summer, 'promo-shot');
		await copyInto(SEED.folders.summer, 'other-shot');
		const since = env.sandbox.requests.length;
		expect(jsonOf(await poll(h)).map((j) => `${j.event} ${j.name}`)).toEqual(['added promo-shot']);
		const [search] = searches(since);
		expect(search.rawBody).toMatch(
			/<systemFieldMatchMode>MatchAll<\/systemFieldMatchMode><systemFieldConditionArray><items><field>Name<\/field><op>Contains<\/op><value>promo<\/value><\/items><items><field>Created<\/field>/,
		);
	});

	it('Image Modified ignores new images until they change; filters by name and subfolders', async () => {
		const h = await activated({
			...summerParameters('modified'),
			companyHandle: rl(DEMO.companyName, 'name'),
			folderHandle: rl('summer', 'path'),
			filters: { includeSubfolders: false, name: 'KEEP' },
		});
		await copyInto(SEED.folders.summer, 'keep-me');
		expect(await poll(h)).toBeNull();
		await soap('setUrlModifier', [['assetHandle', handleNamed('keep-me')!], ['urlModifier', 'wid=1']]);
		await soap('setUrlModifier', [['assetHandle', SEED.assets.summerHero], ['urlModifier', 'wid=2']]);
		await soap('setUrlModifier', [['assetHandle', SEED.assets.saleBanner], ['urlModifier', 'wid=3']]);
		await copyInto(SEED.folders.sale, 'keep-sub');
		await soap('setUrlModifier', [['assetHandle', handleNamed('keep-sub')!], ['urlModifier', 'wid=4']]);
		expect(jsonOf(await poll(h)).map((j) => `${j.event} ${j.name}`)).toEqual(['modified keep-me']);
	});

	it('a manual test run returns the newest matching image and leaves the state alone', async () => {
		await copyInto(SEED.folders.summer, 'newest-one');
		const staticData: IDataObject = {};
		const h = pollContext(summerParameters('addedOrModified'), { mode: 'manual', staticData });
		const out = jsonOf(await poll(h));
		expect(out).toHaveLength(1);
		expect(out[0]).toMatchObject({ event: 'added', name: 'newest-one', assetHandle: handleNamed('newest-one') });
		expect(staticData).toEqual({});
		const empty = pollContext({ ...summerParameters('added'), filters: { name: 'no-such-name' } }, { mode: 'manual' });
		await expect(poll(empty)).rejects.toThrow('No asset matches the trigger yet');
	});

	it('a wrong password fails the poll with the credential message, never the password, and keeps the state', async () => {
		const good = await activated(summerParameters('added'));
		const saved = JSON.parse(JSON.stringify(good.staticData)) as IDataObject;
		const wrong = 'Wr0ng-trigger-§-pass';
		const bad = pollContext(summerParameters('added'), { password: wrong, staticData: good.staticData });
		const error = (await poll(bad).catch((e: unknown) => e)) as Error & { description?: string };
		expect(error.message).toBe('Scene7 rejected the user name or password (10001)');
		expect(error.description).toContain('Check User');
		expect(JSON.stringify(error)).not.toContain(wrong);
		expect(`${error.message} ${error.description}`).not.toContain(wrong);
		expect(good.staticData).toEqual(saved);
	});

	it('a poll that fails throws, keeps the state, and the next poll still reports what changed', async () => {
		const h = await activated(summerParameters('added'));
		const saved = JSON.parse(JSON.stringify(h.staticData)) as IDataObject;
		await copyInto(SEED.folders.summer, 'during-outage');
		// A proxy's error page instead of Scene7's answer (not retried: HTTP 500 is not a gateway error).
		env.sandbox.setInjector(injectRule({ action: { kind: 'status', status: 500 }, operation: 'searchAssets', times: 1 }));
		await expect(poll(h)).rejects.toThrow('Scene7 answered with a web page instead of a SOAP response (HTTP 500)');
		expect(h.staticData).toEqual(saved);
		expect(jsonOf(await poll(h)).map((j) => `${j.event} ${j.name}`)).toEqual(['added during-outage']);
	});

	it('a changed folder starts again from now instead of reporting the new folder’s images', async () => {
		const staticData: IDataObject = {};
		await poll(pollContext(summerParameters('added'), { staticData }));
		await copyInto(SEED.folders.uploads, 'in-uploads');
		const moved = pollContext({ ...summerParameters('added'), folderHandle: rl(SEED.folders.uploads) }, { staticData });
		expect(await poll(moved)).toBeNull();
		await copyInto(SEED.folders.uploads, 'in-uploads-2');
		expect(jsonOf(await poll(moved)).map((j) => j.name)).toEqual(['in-uploads-2']);
	});

	it('says what is missing when no company is chosen', async () => {
		const h = pollContext({ ...summerParameters('added'), companyHandle: rl('') });
		await expect(poll(h)).rejects.toThrow('Company is empty');
	});
});
