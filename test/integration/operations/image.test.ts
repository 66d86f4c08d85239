// Image operations through n8n-core's engine against the IPS sandbox: what each outputs, and what
// the sandbox holds afterwards.
import type { INodeParameters } from 'n8n-workflow';

import { DEMO, injectRule, SEED } from '../../sandbox/server';
import { assetIn, byHandle, byName, byPath, operationsSent, runNode, useSandbox } from './harness';

const sandbox = useSandbox();
const A = SEED.assets;
const NO_BACKOFF = { retry: { settings: { attempts: 3, backoff: 0 } } };

const image = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'image',
	operation,
	companyHandle: byHandle(DEMO.companyHandle),
	...parameters,
});
const names = (json: Array<{ name?: unknown }>) => json.map((asset) => asset.name);

describe('Image > Get', () => {
	it('outputs the asset the sandbox holds, flattened and typed', async () => {
		const { json } = await runNode(sandbox(), image('get', { assetHandle: byHandle(DEMO.assetHandle) }));
		expect(json).toEqual([
			{
				assetHandle: DEMO.assetHandle,
				companyHandle: 'c|6',
				name: 'macbookwin1',
				type: 'Image',
				fileName: 'macbookwin1.jpg',
				folder: 'ApiTestCo/',
				folderHandle: 'ApiTestCo/',
				readyForPublish: true,
				trashState: 'NotInTrash',
				created: '2024-03-01T09:00:00.000Z',
				createUser: 'ips-company-admin@sandbox.test',
				lastModified: '2024-03-15T14:30:00.000Z',
				lastModifyUser: 'ips-company-admin@sandbox.test',
				originalPath: 'ApiTestCo/',
				originalFile: 'macbookwin1.jpg',
				width: 1600,
				height: 1200,
				fileSize: 1920000,
				resolution: 72,
				urlModifier: '',
				urlPostApplyModifier: '',
				imageUrl: `${sandbox().url}/is/image/ApiTestCo/macbookwin1`,
			},
		]);
	});

	it('gets an image by name', async () => {
		const { json } = await runNode(sandbox(), image('get', { assetHandle: byName('summer-hero') }));
		expect(json).toEqual([expect.objectContaining({ assetHandle: A.summerHero, width: 2400, height: 1600 })]);
	});

	it("reports a handle the company doesn't have", async () => {
		const { error } = await runNode(sandbox(), image('get', { assetHandle: byHandle(A.otherMacbook) }));
		expect(error).toBe(`No asset has the handle '${A.otherMacbook}' in company c|6 [item 0]`);
	});
});

describe('Image > Get Many', () => {
	it('returns the images of the company outside the trash, by name', async () => {
		const { json } = await runNode(sandbox(), image('getAll', { returnAll: true }));
		expect(names(json)).toEqual(['macbookwin1', 'sale-banner', 'Salt & Pepper', 'Spring Look Book', 'summer-hero']);
		expect(json.every((asset) => asset.companyHandle === 'c|6' && asset.type === 'Image')).toBe(true);
	});

	it('searches a folder with or without its subfolders', async () => {
		const inSummer = await runNode(sandbox(), image('getAll', { returnAll: true, folderHandle: byPath('summer/') }));
		expect(names(inSummer.json)).toEqual(['sale-banner', 'summer-hero']);
		const summerOnly = await runNode(
			sandbox(),
			image('getAll', { returnAll: true, folderHandle: byHandle('f|ApiTestCo/summer/'), filters: { includeSubfolders: false } }),
		);
		expect(names(summerOnly.json)).toEqual(['summer-hero']);
	});

	it.each([
		['a name filter', { name: 'SUMMER', nameMatch: 'StartsWith' }, ['summer-hero']],
		['a name that is not there', { name: 'nothing-like-this' }, []],
		['the trash', { trashState: 'InTrash' }, ['old-banner']],
		['not marked for publish', { publishState: 'NotMarkedForPublish' }, ['Spring Look Book']],
		['every type', { assetTypes: [], name: 'p', nameMatch: 'Contains' }, ['product-guide', 'promo-video', 'Salt & Pepper', 'Spring Look Book']],
		['videos', { assetTypes: ['Video'] }, ['promo-video']],
	])('filters by %s', async (_case, filters, expected) => {
		const { json, error } = await runNode(sandbox(), image('getAll', { returnAll: true, filters }));
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
		expect(names(json)).toEqual(['macbookwin1', 'sale-banner', 'Salt & Pepper', 'Spring Look Book', 'summer-hero']);
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

	it('stops at Limit', async () => {
		const { json } = await runNode(sandbox(), image('getAll', { returnAll: false, limit: 3, options: { pageSize: 2 } }));
		expect(names(json)).toEqual(['macbookwin1', 'sale-banner', 'Salt & Pepper']);
		expect(operationsSent(sandbox())).toEqual(['searchAssets', 'searchAssets', 'getProperty', 'getCompanyInfo']);
	});
});

describe('Image > Get by Name', () => {
	it('finds images by name whatever the case', async () => {
		const { json } = await runNode(sandbox(), image('getByName', { assetName: 'MACBOOKWIN1' }));
		expect(json).toEqual([expect.objectContaining({ assetHandle: DEMO.assetHandle, name: 'macbookwin1', width: 1600 })]);
	});

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

	it('gives the asset its new name', async () => {
		const { json } = await runNode(sandbox(), rename('macbook_2024'));
		expect(json).toEqual([{ assetHandle: DEMO.assetHandle, companyHandle: 'c|6', name: 'macbook_2024' }]);
		expect(assetIn(sandbox(), DEMO.assetHandle)?.name).toBe('macbook_2024');
	});

	it("refuses a name in use, leaving the asset as it was, unless Validate Name is off", async () => {
		const refused = await runNode(sandbox(), rename('Summer-Hero'));
		expect(refused.error).toBe("Scene7 refused the name 'Summer-Hero' in New Name: Asset ID 'Summer-Hero' is already in use. (30000) [item 0]");
		expect(assetIn(sandbox(), DEMO.assetHandle)?.name).toBe('macbookwin1');

		const forced = await runNode(sandbox(), rename('Summer-Hero', { validateName: false }));
		expect(forced.error).toBeUndefined();
		expect(assetIn(sandbox(), DEMO.assetHandle)?.name).toBe('Summer-Hero');
	});

	it('renames once when the answer is lost after Scene7 renamed', async () => {
		sandbox().setInjector(injectRule({ action: { kind: 'resetAfterCommit' }, operation: 'renameAsset' }));
		const { json, error } = await runNode(sandbox(), rename('macbook_2024'));
		expect(error).toBeUndefined();
		expect(json).toEqual([expect.objectContaining({ name: 'macbook_2024' })]);
		expect(operationsSent(sandbox())).toEqual(['renameAsset', 'getAssets']);
		expect(assetIn(sandbox(), DEMO.assetHandle)?.name).toBe('macbook_2024');
	});
});

describe('Image > Move', () => {
	it('moves the asset into the folder given by path', async () => {
		const { json } = await runNode(sandbox(), image('move', { assetHandle: byHandle(DEMO.assetHandle), folderHandle: byPath('summer/sale') }));
		expect(json).toEqual([{ assetHandle: DEMO.assetHandle, companyHandle: 'c|6', folderHandle: SEED.folders.sale }]);
		expect(assetIn(sandbox(), DEMO.assetHandle)?.folderHandle).toBe(SEED.folders.sale);
	});

	it('moves once when the answer is lost after Scene7 moved', async () => {
		sandbox().setInjector(injectRule({ action: { kind: 'statusAfterCommit', status: 502 }, operation: 'moveAsset' }));
		const { error } = await runNode(
			sandbox(),
			image('move', { assetHandle: byHandle(DEMO.assetHandle), folderHandle: byHandle(SEED.folders.uploads), options: NO_BACKOFF }),
		);
		expect(error).toBeUndefined();
		expect(operationsSent(sandbox())).toEqual(['moveAsset', 'getAssets']);
		expect(assetIn(sandbox(), DEMO.assetHandle)?.folderHandle).toBe(SEED.folders.uploads);
	});

	it("explains the sandbox's fault for an unknown folder", async () => {
		const { error } = await runNode(sandbox(), image('move', { assetHandle: byHandle(DEMO.assetHandle), folderHandle: byHandle('ApiTestCo/nowhere/') }));
		expect(error).toBe("Scene7 could not run moveAsset: Invalid folderHandle 'ApiTestCo/nowhere/' (30001)");
		expect(assetIn(sandbox(), DEMO.assetHandle)?.folderHandle).toBe('ApiTestCo/');
	});
});

describe('Image > Delete', () => {
	it('deletes the asset and outputs { deleted: true }', async () => {
		const { json } = await runNode(sandbox(), image('delete', { assetHandle: byName('summer-hero') }));
		expect(json).toEqual([{ deleted: true }]);
		expect(assetIn(sandbox(), A.summerHero)).toBeUndefined();
	});

	it('deletes once when the answer is lost after Scene7 deleted', async () => {
		sandbox().setInjector(injectRule({ action: { kind: 'resetAfterCommit' }, operation: 'deleteAsset' }));
		const { json, error } = await runNode(sandbox(), image('delete', { assetHandle: byHandle(A.summerHero), options: NO_BACKOFF }));
		expect(error).toBeUndefined();
		expect(json).toEqual([{ deleted: true }]);
		expect(operationsSent(sandbox())).toEqual(['deleteAsset', 'getAssets']);
	});

	it("explains the sandbox's fault for a handle it doesn't know", async () => {
		const { error } = await runNode(sandbox(), image('delete', { assetHandle: byHandle('a|1|1|1') }));
		expect(error).toBe("Scene7 could not run deleteAsset: Invalid assetHandle 'a|1|1|1' (30001)");
	});
});

describe('Image > Replace', () => {
	it('replaces the image with the modifier applied', async () => {
		const { json } = await runNode(sandbox(), image('replace', { assetHandle: byHandle(DEMO.assetHandle), urlModifier: 'wid=800&fmt=jpg' }));
		expect(json).toEqual([{ assetHandle: DEMO.assetHandle, companyHandle: 'c|6', urlModifier: 'wid=800&fmt=jpg' }]);
		expect(assetIn(sandbox(), DEMO.assetHandle)?.replacements).toEqual([expect.objectContaining({ urlModifier: 'wid=800&fmt=jpg', by: DEMO.user })]);
	});

	it('never replaces twice when the answer is lost', async () => {
		sandbox().setInjector(injectRule({ action: { kind: 'resetAfterCommit' }, operation: 'replaceImage' }));
		const { error } = await runNode(
			sandbox(),
			image('replace', { assetHandle: byHandle(DEMO.assetHandle), urlModifier: 'wid=800', options: NO_BACKOFF }),
		);
		expect(error).toBe('Could not reach Scene7 for replaceImage: the connection was reset');
		expect(operationsSent(sandbox())).toEqual(['replaceImage']);
		expect(assetIn(sandbox(), DEMO.assetHandle)?.replacements).toHaveLength(1);
	});

	it("explains the sandbox's refusal to replace a video", async () => {
		const { error } = await runNode(sandbox(), image('replace', { assetHandle: byHandle(A.promoVideo), urlModifier: 'wid=800' }));
		expect(error).toBe(`Scene7 could not run replaceImage: Invalid assetHandle '${A.promoVideo}': asset 'promo-video' is of type Video, not Image (30001)`);
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
	const derive = (parameters: INodeParameters) =>
		image('createDerived', {
			assetHandle: byHandle(DEMO.assetHandle),
			folderHandle: byPath('summer/'),
			name: 'macbook_square',
			derivedType: 'AdjustedView',
			urlModifier: 'crop=0,0,800,800',
			urlPostApplyModifier: '',
			options: NO_BACKOFF,
			...parameters,
		});

	it('creates an adjusted view in the folder, which Image > Get then returns', async () => {
		const { json } = await runNode(sandbox(), derive({}));
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
		const { json } = await runNode(sandbox(), derive({ derivedType: 'LayerView', name: 'macbook_layer', urlModifier: '', urlPostApplyModifier: 'fmt=png' }));
		expect(assetIn(sandbox(), json[0]?.assetHandle as string)).toMatchObject({
			type: 'LayerView',
			layerViewInfo: { urlModifier: '', urlPostApplyModifier: 'fmt=png' },
		});
	});

	it('creates one asset when the answer is lost after Scene7 created it', async () => {
		sandbox().setInjector(injectRule({ action: { kind: 'resetAfterCommit' }, operation: 'createDerivedAsset' }));
		const { json, error } = await runNode(sandbox(), derive({}));
		expect(error).toBeUndefined();
		expect(operationsSent(sandbox())).toEqual(['getFolderTree', 'createDerivedAsset', 'getAssetsByName']);
		const made = sandbox().state.assets.filter((asset) => asset.name === 'macbook_square');
		expect(made).toHaveLength(1);
		expect(json[0]?.assetHandle).toBe(made[0].assetHandle);
	});

	it("explains the sandbox's refusal of a name in use", async () => {
		const { error } = await runNode(sandbox(), derive({ name: 'summer-hero' }));
		expect(error).toBe("Scene7 refused the name 'summer-hero' in New Name: Asset ID 'summer-hero' is already in use. (30000) [item 0]");
	});
});
