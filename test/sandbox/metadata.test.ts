// Metadata fields, setAssetMetadata (all or nothing), batchSetAssetMetadata (per update), and
// Asset.metadataArray on getAssets.
import { call, elementText, elementTexts, parseFault, type Fields } from './raw-soap';
import { DEMO, SEED, metadataFieldHandle } from './server';
import { useSandbox } from './useSandbox';

const sandbox = useSandbox();

const F = (name: string) => metadataFieldHandle('c|6', name);
const update = (fieldHandle: string, ...value: Fields): [string, Fields] => [
	'items',
	[['fieldHandle', fieldHandle], ...value],
];
const meta = (handle: string) => sandbox().state.assets.find((a) => a.assetHandle === handle)?.metadata;
const op = (operation: string, fields: Fields) => call(sandbox().serviceUrl, operation, [['companyHandle', 'c|6'], ...fields]);
const setMetadata = (updates: Fields) => op('setAssetMetadata', [['assetHandle', DEMO.assetHandle], ['updateArray', updates]]);
const demoAsset = (extra: Fields = []) => op('getAssets', [['assetHandleArray', [['items', DEMO.assetHandle]]], ...extra]);
/** One BatchMetadataUpdate: these updates on these assets. */
const batch = (assetHandles: string[], updates: Fields): [string, Fields] => [
	'items',
	[['assetHandleArray', assetHandles.map((handle) => ['items', handle] as [string, string])], ['updateArray', updates]],
];

it('getMetadataFields lists the seeded fields with their types', async () => {
	const res = await op('getMetadataFields', [['assetType', 'Image']]);
	expect(elementTexts(res.body, 'fieldHandle')).toEqual(
		['Photographer', 'Approved', 'ShotCount', 'Rating', 'ShootDate', 'Keywords', 'Season'].map(F),
	);
	expect(elementTexts(res.body, 'type')).toEqual([
		'String',
		'Boolean',
		'Int',
		'Float',
		'Date',
		'MultiTag',
		'SingleFixedTag',
	]);
});

it('setAssetMetadata stores typed values and returns them in metadataArray when asked', async () => {
	const res = await setMetadata([
		update(F('Photographer'), ['value', 'Ann']),
		update(F('Approved'), ['boolVal', 'true']),
		update(F('ShotCount'), ['longVal', '12']),
		update(F('Rating'), ['doubleVal', '4.5']),
		update(F('ShootDate'), ['dateVal', '2024-05-01T10:00:00Z']),
		update(F('Keywords'), ['addTagValueArray', [['items', 'red'], ['items', 'sale']]]),
		update(F('Season'), ['value', 'Summer']),
	]);
	expect(parseFault(res.body)).toBeUndefined();
	expect(meta(DEMO.assetHandle)).toEqual({
		[F('Photographer')]: 'Ann',
		[F('Approved')]: true,
		[F('ShotCount')]: 12,
		[F('Rating')]: 4.5,
		[F('ShootDate')]: '2024-05-01T10:00:00.000Z',
		[F('Keywords')]: ['red', 'sale'],
		[F('Season')]: 'Summer',
	});
	expect((await demoAsset()).body).not.toContain('metadataArray');
	const asked = await demoAsset([['responseFieldArray', [['items', 'assetArray/items/name'], ['items', 'assetArray/items/metadataArray']]]]);
	expect(parseFault(asked.body)).toBeUndefined();
	expect(elementTexts(asked.body, 'name')).toEqual([
		'macbookwin1',
		'Photographer',
		'Approved',
		'ShotCount',
		'Rating',
		'ShootDate',
		'Keywords',
		'Season',
	]);
	expect(elementText(asked.body, 'longVal')).toBe('12');
	expect(elementText(asked.body, 'boolVal')).toBe('true');
});

it.each<[string, Fields]>([
	['unknown field', [update('m|6|Nope', ['value', 'x'])]],
	['text for an Int field', [update(F('ShotCount'), ['value', 'many'])]],
	['boolVal for a String field', [update(F('Photographer'), ['boolVal', 'true'])]],
	['a value outside a closed tag list', [update(F('Season'), ['value', 'Monsoon'])]],
	// Refused by the schema check, before any update is looked at.
	['a longVal that is not an xsd:long', [update(F('ShotCount'), ['longVal', 'twelve'])]],
])('setAssetMetadata: %s is a 30001 fault and nothing is applied', async (_case, updates) => {
	const res = await setMetadata([update(F('Photographer'), ['value', 'Ann']), ...updates]);
	expect(parseFault(res.body)?.code).toBe(30001);
	expect(meta(DEMO.assetHandle)).toBeUndefined();
});

it('setAssetMetadata refuses an update whose elements are out of order (30003)', async () => {
	const order = await setMetadata([['items', [['value', 'x'], ['fieldHandle', F('Photographer')]]]]);
	expect(parseFault(order.body)?.code).toBe(30003);
});

it('batchSetAssetMetadata: one bad field on one asset is one error; the rest is applied', async () => {
	const res = await op('batchSetAssetMetadata', [
		[
			'updateArray',
			[
				batch([DEMO.assetHandle, SEED.assets.summerHero], [update(F('Photographer'), ['value', 'Bo']), update(F('Approved'), ['value', 'yes'])]),
				batch([SEED.assets.saleBanner], [update(F('Approved'), ['value', 'true'])]),
			],
		],
	]);
	expect(parseFault(res.body)).toBeUndefined();
	expect(elementText(res.body, 'successCount')).toBe('3');
	expect(elementText(res.body, 'warningCount')).toBe('0');
	expect(elementText(res.body, 'errorCount')).toBe('2');
	expect(elementTexts(res.body, 'assetHandle')).toEqual([DEMO.assetHandle, SEED.assets.summerHero]);
	expect(elementTexts(res.body, 'fieldHandle')).toEqual([F('Approved'), F('Approved')]);
	expect(elementText(res.body, 'code')).toBe('30001');
	expect(meta(DEMO.assetHandle)).toEqual({ [F('Photographer')]: 'Bo' });
	expect(meta(SEED.assets.summerHero)).toEqual({ [F('Photographer')]: 'Bo' });
	expect(meta(SEED.assets.saleBanner)).toEqual({ [F('Approved')]: true });
});

it('setAssetPublishState marks and unmarks for publish', async () => {
	const publishState = (state: string) => op('setAssetPublishState', [['assetHandle', SEED.assets.springLookBook], ['publishState', state]]);
	expect(parseFault((await publishState('MarkedForPublish')).body)).toBeUndefined();
	expect(sandbox().state.assets.find((a) => a.assetHandle === SEED.assets.springLookBook)?.readyForPublish).toBe(true);
	const bad = await publishState('Published');
	expect(parseFault(bad.body)?.code).toBe(30001);
});
