// Image operations through n8n-core's engine against the IPS sandbox: what each outputs, and what
// the sandbox holds afterwards (a lost answer and the sandbox's refusals: writes.test.ts; Rename, Move
// by path and Delete, each output and the sandbox after it: chain.test.ts).
import type { INodeParameters } from 'n8n-workflow';

import { DEMO, SEED } from '../../sandbox/server';
import { assetIn, byHandle, byPath, deriveDemo, image, NO_BACKOFF, operationsSent, runNode, useSandbox } from './harness';

const sandbox = useSandbox();
const A = SEED.assets;
const names = (json: Array<{ name?: unknown }>) => json.map((asset) => asset.name);

describe('Image > Get Many', () => {
	it.each<[string, INodeParameters, string[]]>([
		['a folder with its subfolders', { folderHandle: byPath('summer/') }, ['sale-banner', 'summer-hero']],
		['a folder without its subfolders', { folderHandle: byHandle('f|ApiTestCo/summer/'), filters: { includeSubfolders: false } }, ['summer-hero']],
		['a name filter', { filters: { name: 'SUMMER', nameMatch: 'StartsWith' } }, ['summer-hero']],
		['a name that is not there', { filters: { name: 'nothing-like-this' } }, []],
		['the trash', { filters: { trashState: 'InTrash' } }, ['old-banner']],
		['not marked for publish', { filters: { publishState: 'NotMarkedForPublish' } }, ['Spring Look Book']],
		['every type', { filters: { assetTypes: [], name: 'p', nameMatch: 'Contains' } }, ['product-guide', 'promo-video', 'Salt & Pepper', 'Spring Look Book']],
		['videos', { filters: { assetTypes: ['Video'] } }, ['promo-video']],
	])('searches %s', async (_case, parameters, expected) => {
		const { json, error } = await runNode(sandbox(), image('getAll', { returnAll: true, ...parameters }));
		expect(error).toBeUndefined();
		expect(names(json)).toEqual(expected);
	});

	it('sorts as asked', async () => {
		const { json } = await runNode(
			sandbox(),
			image('getAll', { returnAll: true, options: { sortBy: 'FileSize', sortDirection: 'Descending' } }),
		);
		expect(json.map((asset) => asset.fileSize)).toEqual([6000000, 3840000, 1920000, 640000, 480000]);
	});

	it('pages through all results with Return All, one searchAssets per page', async () => {
		const { json } = await runNode(sandbox(), image('getAll', { returnAll: true, options: { pageSize: 2 } }));
		// The company's images outside the trash, by name.
		expect(names(json)).toEqual(['macbookwin1', 'sale-banner', 'Salt & Pepper', 'Spring Look Book', 'summer-hero']);
		expect(json.every((asset) => asset.companyHandle === 'c|6' && asset.type === 'Image')).toBe(true);
		// Then the image URL's lookups, once for all assets.
		expect(operationsSent(sandbox())).toEqual(['searchAssets', 'searchAssets', 'searchAssets', 'getProperty', 'getCompanyInfo']);
		// Lists may be long: their answers come compressed; the lookups' short ones do not.
		expect(sandbox().requests.map(({ operation, headers }) => [operation, String(headers['accept-encoding']).includes('gzip')])).toEqual([
			['searchAssets', true],
			['searchAssets', true],
			['searchAssets', true],
			['getProperty', false],
			['getCompanyInfo', false],
		]);
	});
});

describe('Image > Get by Name', () => {
	it('looks up a mapped list of names, of every type', async () => {
		const { json } = await runNode(
			sandbox(),
			image('getByName', { assetName: '={{ $json.names }}', filters: { assetTypes: [] } }),
			[{ names: ['summer-hero', 'promo-video', 'no-such-asset'] }],
		);
		expect(json.map((asset) => asset.assetHandle).sort()).toEqual([A.summerHero, A.promoVideo].sort());
	});
});

describe('Image > Rename', () => {
	const rename = (newName: string, options: INodeParameters = NO_BACKOFF) =>
		image('rename', { assetHandle: byHandle(DEMO.assetHandle), newName, options });

	it("refuses a name in use, leaving the asset as it was, unless Validate Name is off", async () => {
		const refused = await runNode(sandbox(), rename('Summer-Hero'));
		expect(refused.error).toBe("Scene7 refused the name 'Summer-Hero' in New Name: Asset ID 'Summer-Hero' is already in use. (30000) [item 0]");
		expect(assetIn(sandbox(), DEMO.assetHandle)?.name).toBe('macbookwin1');

		const forced = await runNode(sandbox(), rename('Summer-Hero', { validateName: false }));
		expect(forced.error).toBeUndefined();
		expect(assetIn(sandbox(), DEMO.assetHandle)?.name).toBe('Summer-Hero');
	});
});

describe('Image > Replace', () => {
	it('replaces the image with the modifier applied', async () => {
		const { json } = await runNode(sandbox(), image('replace', { assetHandle: byHandle(DEMO.assetHandle), urlModifier: 'wid=800&fmt=jpg' }));
		expect(json).toEqual([{ assetHandle: DEMO.assetHandle, companyHandle: 'c|6', urlModifier: 'wid=800&fmt=jpg' }]);
		expect(assetIn(sandbox(), DEMO.assetHandle)?.replacements).toEqual([expect.objectContaining({ urlModifier: 'wid=800&fmt=jpg', by: DEMO.user })]);
	});
});

describe('Image > Set URL Modifier', () => {
	it('sets both modifiers, which Image > Get then shows', async () => {
		const set = await runNode(
			sandbox(),
			image('setUrlModifier', { assetHandle: byHandle(DEMO.assetHandle), urlModifier: 'op_sharpen=1', urlPostApplyModifier: 'fmt=jpg' }),
		);
		expect(set.json).toEqual([
			{ assetHandle: DEMO.assetHandle, companyHandle: 'c|6', urlModifier: 'op_sharpen=1', urlPostApplyModifier: 'fmt=jpg' },
		]);
		expect(assetIn(sandbox(), DEMO.assetHandle)?.imageInfo).toMatchObject({ urlModifier: 'op_sharpen=1', urlPostApplyModifier: 'fmt=jpg' });

		const got = await runNode(sandbox(), image('get', { assetHandle: byHandle(DEMO.assetHandle) }));
		expect(got.json[0]).toMatchObject({ urlModifier: 'op_sharpen=1', urlPostApplyModifier: 'fmt=jpg' });
	});

	it('clears a modifier set to empty', async () => {
		await runNode(sandbox(), image('setUrlModifier', { assetHandle: byHandle(DEMO.assetHandle), urlModifier: 'wid=10', urlPostApplyModifier: 'fmt=png' }));
		await runNode(sandbox(), image('setUrlModifier', { assetHandle: byHandle(DEMO.assetHandle), urlModifier: 'wid=20', urlPostApplyModifier: '' }));
		expect(assetIn(sandbox(), DEMO.assetHandle)?.imageInfo).toMatchObject({ urlModifier: 'wid=20', urlPostApplyModifier: '' });
	});
});

describe('Image > Create Derived', () => {
	it('creates an adjusted view in the folder, which Image > Get then returns', async () => {
		const { json } = await runNode(sandbox(), deriveDemo());
		const assetHandle = json[0]?.assetHandle as string;
		expect(json).toEqual([
			{
				assetHandle: expect.stringMatching(/^a\|\d+\|1\|\d+$/),
				companyHandle: 'c|6',
				ownerHandle: DEMO.assetHandle,
				folderHandle: SEED.folders.summer,
				name: 'macbook_square',
				type: 'AdjustedView',
				urlModifier: 'crop=0,0,800,800',
				urlPostApplyModifier: '',
			},
		]);
		expect(assetIn(sandbox(), assetHandle)).toMatchObject({
			type: 'AdjustedView',
			name: 'macbook_square',
			folderHandle: SEED.folders.summer,
			derivedFrom: { ownerHandle: DEMO.assetHandle, type: 'AdjustedView' },
			imageInfo: expect.objectContaining({ urlModifier: 'crop=0,0,800,800' }),
		});
		const got = await runNode(sandbox(), image('get', { assetHandle: byHandle(assetHandle) }));
		expect(got.json[0]).toMatchObject({ type: 'AdjustedView', urlModifier: 'crop=0,0,800,800', width: 1600 });
	});

	it('creates a layer view', async () => {
		const { json } = await runNode(sandbox(), deriveDemo({ derivedType: 'LayerView', name: 'macbook_layer', urlModifier: '', urlPostApplyModifier: 'fmt=png' }));
		expect(assetIn(sandbox(), json[0]?.assetHandle as string)).toMatchObject({
			type: 'LayerView',
			layerViewInfo: { urlModifier: '', urlPostApplyModifier: 'fmt=png' },
		});
	});
});
