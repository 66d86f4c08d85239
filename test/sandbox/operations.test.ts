// The operations around copyImage (priority 2), driven with raw envelopes.
import {
	authHeaderXml,
	call,
	elementText,
	elementTexts,
	parseFault,
	type Fields,
} from './raw-soap';
import { DEMO, ROLE_USERS, SEED, startSandbox, type Sandbox } from './server';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => sandbox.reset());

const op = (operation: string, fields: Fields, header?: string) =>
	call(sandbox.serviceUrl, operation, fields, header === undefined ? {} : { header });
const asAdmin = authHeaderXml({ user: ROLE_USERS.IpsAdmin.email });
const asCompanyAdmin = authHeaderXml({ user: ROLE_USERS.IpsCompanyAdmin.email });
const C6: [string, string] = ['companyHandle', 'c|6'];
const items = (...values: string[]): Fields => values.map((v) => ['items', v]);
const nameCondition = (opName: string, value: string): Fields => [
	[
		'items',
		[
			['field', 'Name'],
			['op', opName],
			['value', value],
		],
	],
];

describe('getCompanyMembership', () => {
	it('lists the caller’s companies with role and isActive', async () => {
		const res = await op('getCompanyMembership', []);
		expect(elementTexts(res.body, 'companyHandle')).toEqual(['c|6', 'c|7']);
		expect(elementTexts(res.body, 'name')).toEqual(['ApiTestCo', 'OtherCo']);
		expect(elementTexts(res.body, 'rootPath')).toEqual(['ApiTestCo/', 'OtherCo/']);
		expect(elementTexts(res.body, 'expires')).toEqual(['2099-12-31T23:59:59.000Z']);
		expect(elementTexts(res.body, 'role')).toEqual(['IpsUser', 'IpsUser']);
		expect(elementTexts(res.body, 'isActive')).toEqual(['true', 'true']);
	});

	it('lets IpsAdmin ask about another user, and refuses others (20007)', async () => {
		const other = [['userHandle', ROLE_USERS.TrialSiteUser.userHandle]] as Fields;
		const admin = await op('getCompanyMembership', other, asAdmin);
		expect(elementTexts(admin.body, 'role')).toEqual(['TrialSiteUser', 'TrialSiteUser']);
		const user = await op('getCompanyMembership', other);
		expect(parseFault(user.body)).toMatchObject({ element: 'authorizationFault', code: 20007 });
	});

	it('refuses an unknown userHandle with 20002', async () => {
		const res = await op('getCompanyMembership', [['userHandle', '1|nobody']], asAdmin);
		expect(parseFault(res.body)).toMatchObject({
			code: 20002,
			reason: "Invalid userHandle '1|nobody'",
		});
	});
});

describe('getUserInfo', () => {
	it('returns the caller for an empty param', async () => {
		const res = await op('getUserInfo', []);
		expect(elementText(res.body, 'userHandle')).toBe(DEMO.userHandle);
		expect(elementText(res.body, 'firstName')).toBe('Ips');
		expect(elementText(res.body, 'lastName')).toBe('User');
		expect(elementText(res.body, 'email')).toBe(DEMO.user);
		expect(elementText(res.body, 'isValid')).toBe('true');
		expect(elementText(res.body, 'isIpsAdmin')).toBe('false');
	});

	it('looks users up by email for a company admin, and says 20001 for an unknown email', async () => {
		const res = await op(
			'getUserInfo',
			[['email', ROLE_USERS.ImagePortalUser.email]],
			asCompanyAdmin,
		);
		expect(elementText(res.body, 'userHandle')).toBe(ROLE_USERS.ImagePortalUser.userHandle);
		const unknown = await op('getUserInfo', [['email', 'ghost@sandbox.test']], asCompanyAdmin);
		expect(parseFault(unknown.body)).toMatchObject({ code: 20001 });
	});

	it('marks the IpsAdmin user', async () => {
		const res = await op('getUserInfo', [], asAdmin);
		expect(elementText(res.body, 'isIpsAdmin')).toBe('true');
	});
});

describe('getCompanyInfo', () => {
	it('finds a company by handle or by name', async () => {
		const byHandle = await op('getCompanyInfo', [C6]);
		expect(elementText(byHandle.body, 'name')).toBe('ApiTestCo');
		const byName = await op('getCompanyInfo', [['companyName', 'OtherCo']]);
		expect(elementText(byName.body, 'companyHandle')).toBe('c|7');
		expect(elementText(byName.body, 'rootPath')).toBe('OtherCo/');
	});

	it('needs one of them (30002), knows only real companies (20000) and the caller’s (20006)', async () => {
		expect(parseFault((await op('getCompanyInfo', [])).body)).toMatchObject({
			code: 30002,
			reason: 'Either companyHandle or companyName is required',
		});
		expect(parseFault((await op('getCompanyInfo', [['companyName', 'NoSuchCo']])).body)?.code).toBe(
			20000,
		);
		expect(parseFault((await op('getCompanyInfo', [['companyName', 'ThirdCo']])).body)?.code).toBe(
			20006,
		);
	});

	it('refuses parameters out of order (companyName before companyHandle)', async () => {
		const res = await op('getCompanyInfo', [['companyName', 'ApiTestCo'], C6]);
		expect(parseFault(res.body)?.code).toBe(30003);
	});
});

describe('getAssetsByName', () => {
	it('finds assets by name, case-insensitively, in the company only', async () => {
		const res = await op('getAssetsByName', [
			C6,
			['nameArray', items('MACBOOKWIN1', 'Salt & Pepper', 'nope')],
		]);
		expect(elementTexts(res.body, 'assetHandle')).toEqual([
			DEMO.assetHandle,
			SEED.assets.saltAndPepper,
		]);
		expect(elementTexts(res.body, 'name')).toEqual(['macbookwin1', 'Salt & Pepper']);
		expect(res.body).toContain('<t:name>Salt &amp; Pepper</t:name>');
	});

	it('filters by assetTypeArray and excludeAssetTypeArray', async () => {
		const names: [string, Fields] = ['nameArray', items('promo-video', 'summer-hero')];
		const images = await op('getAssetsByName', [C6, names, ['assetTypeArray', items('Image')]]);
		expect(elementTexts(images.body, 'name')).toEqual(['summer-hero']);
		const notImages = await op('getAssetsByName', [
			C6,
			names,
			['excludeAssetTypeArray', items('Image')],
		]);
		expect(elementTexts(notImages.body, 'name')).toEqual(['promo-video']);
		expect(elementText(notImages.body, 'originalFile')).toBe('promo-video.mp4');
	});

	it('requires nameArray (30002)', async () => {
		expect(parseFault((await op('getAssetsByName', [C6])).body)?.code).toBe(30002);
	});

	it('honours responseFieldArray and excludeFieldArray', async () => {
		const only = await op('getAssetsByName', [
			C6,
			['nameArray', items('macbookwin1')],
			['responseFieldArray', items('assetArray/items/name', 'assetArray/items/imageInfo/width')],
		]);
		expect(only.body).toContain(
			'<t:items><t:name>macbookwin1</t:name><t:imageInfo><t:width>1600</t:width></t:imageInfo></t:items>',
		);
		const without = await op('getAssetsByName', [
			C6,
			['nameArray', items('macbookwin1')],
			['excludeFieldArray', items('assetArray/items/imageInfo')],
		]);
		expect(without.body).not.toContain('imageInfo');
		expect(elementText(without.body, 'assetHandle')).toBe(DEMO.assetHandle);
	});
});

describe('searchAssets', () => {
	it('needs includeSubfolders (30002)', async () => {
		const res = await op('searchAssets', [C6, ['folder', 'ApiTestCo/']]);
		expect(parseFault(res.body)).toMatchObject({
			code: 30002,
			reason: "Missing required element 'includeSubfolders' in 'searchAssetsParam'",
		});
	});

	it('searches one folder or its whole subtree, leaving trashed assets out', async () => {
		const flat = await op('searchAssets', [
			C6,
			['folder', SEED.folders.summer],
			['includeSubfolders', 'false'],
		]);
		expect(elementText(flat.body, 'totalRows')).toBe('2');
		expect(elementTexts(flat.body, 'name').sort()).toEqual(['promo-video', 'summer-hero']);
		const deep = await op('searchAssets', [
			C6,
			['folder', SEED.folders.summer],
			['includeSubfolders', 'true'],
		]);
		expect(elementTexts(deep.body, 'name').sort()).toEqual([
			'promo-video',
			'sale-banner',
			'summer-hero',
		]);
		const all = await op('searchAssets', [C6, ['includeSubfolders', 'true']]);
		expect(elementText(all.body, 'totalRows')).toBe('7');
		const trash = await op('searchAssets', [
			C6,
			['includeSubfolders', 'true'],
			['trashState', 'InTrash'],
		]);
		expect(elementTexts(trash.body, 'name')).toEqual(['old-banner']);
	});

	it('matches name conditions (MatchAll / MatchAny), case-insensitively', async () => {
		const startsWith = await op('searchAssets', [
			C6,
			['includeSubfolders', 'true'],
			['systemFieldConditionArray', nameCondition('StartsWith', 'S')],
		]);
		expect(elementTexts(startsWith.body, 'name').sort()).toEqual(
			['sale-banner', 'Salt & Pepper', 'Spring Look Book', 'summer-hero'].sort(),
		);
		const any = await op('searchAssets', [
			C6,
			['includeSubfolders', 'true'],
			['systemFieldMatchMode', 'MatchAny'],
			[
				'systemFieldConditionArray',
				[...nameCondition('Equals', 'MACBOOKWIN1'), ...nameCondition('EndsWith', 'book')],
			],
		]);
		expect(elementTexts(any.body, 'name').sort()).toEqual(
			['macbookwin1', 'Spring Look Book'].sort(),
		);
		const all = await op('searchAssets', [
			C6,
			['includeSubfolders', 'true'],
			[
				'systemFieldConditionArray',
				[...nameCondition('Contains', 'e'), ...nameCondition('NotContains', 'banner')],
			],
		]);
		expect(elementTexts(all.body, 'name').sort()).toEqual(
			['product-guide', 'promo-video', 'Salt & Pepper', 'summer-hero'].sort(),
		);
	});

	it('filters by type and publish state', async () => {
		const images = await op('searchAssets', [
			C6,
			['includeSubfolders', 'true'],
			['publishState', 'NotMarkedForPublish'],
			['assetTypeArray', items('Image')],
		]);
		expect(elementTexts(images.body, 'name')).toEqual(['Spring Look Book']);
	});

	it('pages with recordsPerPage and 1-based resultsPage, sorted', async () => {
		const page = (n: number) =>
			op('searchAssets', [
				C6,
				['includeSubfolders', 'true'],
				['recordsPerPage', '3'],
				['resultsPage', String(n)],
				['sortBy', 'Name'],
				['sortDirection', 'Ascending'],
			]);
		const names = [];
		for (const n of [1, 2, 3]) {
			const res = await page(n);
			expect(elementText(res.body, 'totalRows')).toBe('7');
			names.push(...elementTexts(res.body, 'name'));
		}
		expect(names).toEqual([
			'macbookwin1',
			'product-guide',
			'promo-video',
			'sale-banner',
			'Salt & Pepper',
			'Spring Look Book',
			'summer-hero',
		]);
		const beyond = await page(4);
		expect(elementTexts(beyond.body, 'name')).toEqual([]);
		const desc = await op('searchAssets', [
			C6,
			['includeSubfolders', 'true'],
			['recordsPerPage', '1'],
			['sortBy', 'Name'],
			['sortDirection', 'Descending'],
		]);
		expect(elementTexts(desc.body, 'name')).toEqual(['summer-hero']);
	});

	it.each([
		['resultsPage 0', [['resultsPage', '0']], 30001],
		['recordsPerPage 0', [['recordsPerPage', '0']], 30001],
		['a non-integer page', [['resultsPage', 'two']], 30001],
		['an unknown sort field', [['sortBy', 'Size']], 30001],
		['an unknown trash state', [['trashState', 'Deleted']], 30001],
	] as Array<[string, Fields, number]>)('refuses %s', async (_what, extra, code) => {
		// Each extra field comes after includeSubfolders in the WSDL sequence.
		const fields: Fields = [C6, ['includeSubfolders', 'true'], ...extra];
		const res = await op('searchAssets', fields);
		expect(parseFault(res.body)?.code).toBe(code);
	});

	it('refuses conditions it does not model instead of ignoring them', async () => {
		const res = await op('searchAssets', [
			C6,
			['includeSubfolders', 'true'],
			[
				'systemFieldConditionArray',
				[
					[
						'items',
						[
							['field', 'Keywords'],
							['op', 'Contains'],
							['value', 'x'],
						],
					],
				],
			],
		]);
		expect(parseFault(res.body)).toMatchObject({ code: 30001 });
		expect(parseFault(res.body)?.reason).toContain('not supported by the IPS sandbox');
		const meta = await op('searchAssets', [
			C6,
			['includeSubfolders', 'true'],
			[
				'metadataConditionArray',
				[
					[
						'items',
						[
							['fieldHandle', 'm|1'],
							['op', 'Equals'],
							['value', 'x'],
						],
					],
				],
			],
		]);
		expect(parseFault(meta.body)?.reason).toBe(
			"Parameter 'metadataConditionArray' is not supported by the IPS sandbox",
		);
	});

	it('refuses an unknown system field or operator (30001)', async () => {
		const bad = await op('searchAssets', [
			C6,
			['includeSubfolders', 'true'],
			['systemFieldConditionArray', nameCondition('Like', 'x')],
		]);
		expect(parseFault(bad.body)?.reason).toContain(
			"Invalid systemFieldConditionArray/items[1]/op 'Like'",
		);
	});
});

describe('getFolderTree and getFolders', () => {
	it('returns the tree under the root with depth -1, nested in subfolderArray', async () => {
		const res = await op('getFolderTree', [C6, ['depth', '-1']]);
		expect(elementTexts(res.body, 'path')).toEqual([
			'ApiTestCo/',
			'ApiTestCo/Folder With Space/',
			'ApiTestCo/summer/',
			'ApiTestCo/summer/sale/',
			'ApiTestCo/uploads/',
		]);
		expect(res.body).toContain(
			'<t:path>ApiTestCo/summer/</t:path><t:lastModified>2024-03-15T14:30:00.000Z</t:lastModified><t:hasSubfolders>true</t:hasSubfolders><t:subfolderArray><t:items><t:folderHandle>ApiTestCo/summer/sale/</t:folderHandle>',
		);
	});

	it('limits the tree by depth and starts at folderPath', async () => {
		const top = await op('getFolderTree', [C6, ['depth', '0']]);
		expect(elementTexts(top.body, 'path')).toEqual(['ApiTestCo/']);
		expect(elementText(top.body, 'hasSubfolders')).toBe('true');
		const one = await op('getFolderTree', [C6, ['depth', '1']]);
		expect(elementTexts(one.body, 'path')).not.toContain('ApiTestCo/summer/sale/');
		const summer = await op('getFolderTree', [
			C6,
			['folderPath', 'ApiTestCo/summer'],
			['depth', '5'],
		]);
		expect(elementTexts(summer.body, 'path')).toEqual([
			'ApiTestCo/summer/',
			'ApiTestCo/summer/sale/',
		]);
	});

	it('requires depth (30002) and a known folderPath (30001)', async () => {
		expect(parseFault((await op('getFolderTree', [C6])).body)?.code).toBe(30002);
		expect(
			parseFault(
				(await op('getFolderTree', [C6, ['folderPath', 'ApiTestCo/nope/'], ['depth', '1']])).body,
			),
		).toMatchObject({
			code: 30001,
			reason: "Invalid folderPath 'ApiTestCo/nope/'",
		});
	});

	it('lists folders flat with getFolders', async () => {
		const res = await op('getFolders', [['companyHandle', 'c|7']]);
		expect(elementTexts(res.body, 'folderHandle')).toEqual(['OtherCo/', 'OtherCo/uploads/']);
		expect(res.body).not.toContain('subfolderArray');
	});
});

describe('checkAssetNames, getAssets', () => {
	it('reports the names in use (case-insensitive, trash included)', async () => {
		const res = await op('checkAssetNames', [
			C6,
			['assetNameArray', items('MacBookWin1', 'free-name', 'old-banner')],
		]);
		expect(res.body).toContain(
			'<t:inUseNameArray><t:items>MacBookWin1</t:items><t:items>old-banner</t:items></t:inUseNameArray>',
		);
	});

	it('answers an empty inUseNameArray when nothing is taken', async () => {
		const res = await op('checkAssetNames', [C6, ['assetNameArray', items('free-name')]]);
		expect(res.body).toContain('<t:inUseNameArray></t:inUseNameArray>');
	});

	it('returns assets by handle in request order, skipping unknown and foreign ones', async () => {
		const res = await op('getAssets', [
			C6,
			[
				'assetHandleArray',
				items(SEED.assets.promoVideo, 'a|0|0|0', SEED.assets.otherLogo, DEMO.assetHandle),
			],
		]);
		expect(elementTexts(res.body, 'assetHandle')).toEqual([
			SEED.assets.promoVideo,
			DEMO.assetHandle,
		]);
		expect(elementTexts(res.body, 'type')).toEqual(['Video', 'Image']);
	});
});

describe('changing assets', () => {
	const assetOf = (handle: string) => sandbox.state.assets.find((a) => a.assetHandle === handle);

	it('renames, checking uniqueness only when validateName is true', async () => {
		const taken = await op('renameAsset', [
			C6,
			['assetHandle', SEED.assets.summerHero],
			['newName', 'MACBOOKWIN1'],
			['validateName', 'true'],
		]);
		expect(parseFault(taken.body)).toMatchObject({
			code: 30000,
			reason: "Asset ID 'MACBOOKWIN1' is already in use.",
		});
		const ok = await op('renameAsset', [
			C6,
			['assetHandle', SEED.assets.summerHero],
			['newName', 'summer-hero-2024'],
			['validateName', 'true'],
		]);
		expect(ok.body).toMatch(/<t:renameAssetReturn [^>]*><\/t:renameAssetReturn>/);
		expect(assetOf(SEED.assets.summerHero)).toMatchObject({
			name: 'summer-hero-2024',
			lastModifyUser: DEMO.user,
		});
		// No character rule (none is documented): a:b is taken as written; an empty name is not.
		const colon = await op('renameAsset', [
			C6,
			['assetHandle', SEED.assets.summerHero],
			['newName', 'a:b'],
			['validateName', 'false'],
		]);
		expect(parseFault(colon.body)).toBeUndefined();
		expect(assetOf(SEED.assets.summerHero)).toMatchObject({ name: 'a:b' });
		const bad = await op('renameAsset', [
			C6,
			['assetHandle', SEED.assets.summerHero],
			['newName', ' '],
			['validateName', 'false'],
		]);
		expect(parseFault(bad.body)?.code).toBe(30001);
	});

	it('requires validateName (30002)', async () => {
		const res = await op('renameAsset', [
			C6,
			['assetHandle', SEED.assets.summerHero],
			['newName', 'x'],
		]);
		expect(parseFault(res.body)).toMatchObject({
			code: 30002,
			reason: "Missing required element 'validateName' in 'renameAssetParam'",
		});
	});

	it('moves an asset to another folder', async () => {
		const res = await op('moveAsset', [
			C6,
			['assetHandle', DEMO.assetHandle],
			['folderHandle', SEED.folders.uploads],
		]);
		expect(res.status).toBe(200);
		expect(assetOf(DEMO.assetHandle)?.folderHandle).toBe('ApiTestCo/uploads/');
		const bad = await op('moveAsset', [
			C6,
			['assetHandle', DEMO.assetHandle],
			['folderHandle', 'Nowhere/'],
		]);
		expect(parseFault(bad.body)).toMatchObject({
			code: 30001,
			reason: "Invalid folderHandle 'Nowhere/'",
		});
	});

	it('deletes an asset with the assets derived from it', async () => {
		const derived = await op('createDerivedAsset', [
			C6,
			['ownerHandle', DEMO.assetHandle],
			['folderHandle', 'ApiTestCo/'],
			['name', 'mac-view'],
			['type', 'AdjustedView'],
			['urlModifier', 'crop=0,0,100,100'],
		]);
		const derivedHandle = elementText(derived.body, 'assetHandle') as string;
		expect(assetOf(derivedHandle)).toMatchObject({
			type: 'AdjustedView',
			derivedFrom: { ownerHandle: DEMO.assetHandle },
			imageInfo: { urlModifier: 'crop=0,0,100,100' },
		});
		const res = await op('deleteAsset', [C6, ['assetHandle', DEMO.assetHandle]]);
		expect(res.body).toMatch(/<t:deleteAssetReturn [^>]*><\/t:deleteAssetReturn>/);
		expect(assetOf(DEMO.assetHandle)).toBeUndefined();
		expect(assetOf(derivedHandle)).toBeUndefined();
		const again = await op('deleteAsset', [C6, ['assetHandle', DEMO.assetHandle]]);
		expect(parseFault(again.body)?.code).toBe(30001);
	});

	it('replaces an image (same handle back) and refuses non-images', async () => {
		const res = await op('replaceImage', [
			C6,
			['assetHandle', DEMO.assetHandle],
			['urlModifier', 'action=none'],
		]);
		expect(elementText(res.body, 'assetHandle')).toBe(DEMO.assetHandle);
		expect(assetOf(DEMO.assetHandle)?.replacements).toEqual([
			expect.objectContaining({ urlModifier: 'action=none', by: DEMO.user }),
		]);
		const video = await op('replaceImage', [
			C6,
			['assetHandle', SEED.assets.promoVideo],
			['urlModifier', ''],
		]);
		expect(parseFault(video.body)?.code).toBe(30001);
	});

	it('sets urlModifier and urlPostApplyModifier, visible through getAssets', async () => {
		await op('setUrlModifier', [
			C6,
			['assetHandle', DEMO.assetHandle],
			['urlModifier', 'op_sharpen=1'],
			['urlPostApplyModifier', 'fmt=png'],
		]);
		const res = await op('getAssets', [C6, ['assetHandleArray', items(DEMO.assetHandle)]]);
		expect(elementText(res.body, 'urlModifier')).toBe('op_sharpen=1');
		expect(elementText(res.body, 'urlPostApplyModifier')).toBe('fmt=png');
		const only = await op('setUrlModifier', [
			C6,
			['assetHandle', DEMO.assetHandle],
			['urlPostApplyModifier', 'qlt=80'],
		]);
		expect(only.status).toBe(200);
		expect(assetOf(DEMO.assetHandle)?.imageInfo).toMatchObject({
			urlModifier: 'op_sharpen=1',
			urlPostApplyModifier: 'qlt=80',
		});
		const video = await op('setUrlModifier', [
			C6,
			['assetHandle', SEED.assets.promoVideo],
			['urlModifier', 'x'],
		]);
		expect(parseFault(video.body)?.code).toBe(30001);
	});

	it('creates a LayerView derived asset and refuses other types', async () => {
		const res = await op('createDerivedAsset', [
			C6,
			['ownerHandle', DEMO.assetHandle],
			['folderHandle', 'ApiTestCo/'],
			['name', 'mac-layer'],
			['type', 'LayerView'],
		]);
		const handle = elementText(res.body, 'assetHandle') as string;
		const got = await op('getAssets', [C6, ['assetHandleArray', items(handle)]]);
		expect(got.body).toContain(
			'<t:layerViewInfo><t:url>ApiTestCo/macbookwin1</t:url><t:urlModifier></t:urlModifier><t:urlPostApplyModifier></t:urlPostApplyModifier></t:layerViewInfo>',
		);
		const wrong = await op('createDerivedAsset', [
			C6,
			['ownerHandle', DEMO.assetHandle],
			['folderHandle', 'ApiTestCo/'],
			['name', 'x'],
			['type', 'Image'],
		]);
		expect(parseFault(wrong.body)?.reason).toBe(
			"Invalid type 'Image'; expected one of: AdjustedView, LayerView",
		);
		const dup = await op('createDerivedAsset', [
			C6,
			['ownerHandle', DEMO.assetHandle],
			['folderHandle', 'ApiTestCo/'],
			['name', 'Mac-Layer'],
			['type', 'LayerView'],
		]);
		expect(parseFault(dup.body)?.code).toBe(30000);
	});
});

describe('folders', () => {
	it('creates a folder under the company root and returns its handle', async () => {
		const res = await op('createFolder', [C6, ['folderPath', 'ApiTestCo/winter/']]);
		expect(elementText(res.body, 'folderHandle')).toBe('ApiTestCo/winter/');
		const relative = await op('createFolder', [C6, ['folderPath', '/winter/sale']]);
		expect(elementText(relative.body, 'folderHandle')).toBe('ApiTestCo/winter/sale/');
		const copy = await call(sandbox.serviceUrl, 'copyImage', [
			C6,
			['assetHandle', DEMO.assetHandle],
			['folderHandle', 'ApiTestCo/winter/sale/'],
			['name', 'w'],
			['urlModifier', ''],
		]);
		expect(copy.status).toBe(200);
	});

	it('refuses an existing folder (30000), a missing parent or bad characters (30001)', async () => {
		expect(
			parseFault((await op('createFolder', [C6, ['folderPath', 'ApiTestCo/summer/']])).body),
		).toMatchObject({
			code: 30000,
			reason: "Folder 'ApiTestCo/summer/' already exists.",
		});
		expect(
			parseFault((await op('createFolder', [C6, ['folderPath', 'ApiTestCo/a/b/']])).body)?.reason,
		).toContain("parent folder 'ApiTestCo/a/' does not exist");
		expect(
			parseFault((await op('createFolder', [C6, ['folderPath', 'ApiTestCo/a*b/']])).body)?.code,
		).toBe(30001);
	});

	it('deletes a folder with its subfolders and assets, but never the root', async () => {
		const res = await op('deleteFolder', [C6, ['folderHandle', SEED.folders.summer]]);
		expect(res.status).toBe(200);
		expect(sandbox.state.folders.map((f) => f.path)).not.toContain('ApiTestCo/summer/sale/');
		expect(sandbox.state.assets.map((a) => a.assetHandle)).not.toContain(SEED.assets.saleBanner);
		expect(sandbox.state.assets.map((a) => a.assetHandle)).toContain(DEMO.assetHandle);
		const root = await op('deleteFolder', [C6, ['folderHandle', 'ApiTestCo/']]);
		expect(parseFault(root.body)?.reason).toContain('the company root folder cannot be deleted');
	});
});

describe('dates: what moves them, searching and sorting by them', () => {
	const assetOf = (handle: string) => {
		const asset = sandbox.state.assets.find((a) => a.assetHandle === handle);
		if (!asset) throw new Error(`no asset ${handle}`);
		return asset;
	};
	const dateRange = (field: string, opName: string, min?: string, max?: string): Fields => [
		[
			'items',
			[
				['field', field],
				['op', opName],
				...(min === undefined ? [] : ([['minDate', min]] as Fields)),
				...(max === undefined ? [] : ([['maxDate', max]] as Fields)),
			],
		],
	];
	const search = (extra: Fields) => op('searchAssets', [C6, ['includeSubfolders', 'true'], ...extra]);

	it('a copy is created and modified at the call; rename, move and setUrlModifier move lastModified only', async () => {
		const SEED_CREATED = '2024-03-01T09:00:00.000Z';
		const before = Date.now();
		const copy = await op('copyImage', [
			C6,
			['assetHandle', DEMO.assetHandle],
			['folderHandle', SEED.folders.summer],
			['name', 'dated-copy'],
			['urlModifier', ''],
		]);
		const after = Date.now();
		const copied = assetOf(elementText(copy.body, 'assetHandle') ?? '');
		expect(Date.parse(copied.created)).toBeGreaterThanOrEqual(before);
		expect(Date.parse(copied.created)).toBeLessThanOrEqual(after);
		expect(copied.lastModified).toBe(copied.created);

		const changes: Array<[string, Fields]> = [
			['renameAsset', [['newName', 'summer-hero-2'], ['validateName', 'true']]],
			['moveAsset', [['folderHandle', SEED.folders.uploads]]],
			['setUrlModifier', [['urlModifier', 'wid=10']]],
		];
		for (const [operation, fields] of changes) {
			const hero = assetOf(SEED.assets.summerHero);
			hero.lastModified = '2024-03-15T14:30:00.000Z';
			const start = Date.now();
			const res = await op(operation, [C6, ['assetHandle', SEED.assets.summerHero], ...fields]);
			expect(res.status).toBe(200);
			expect(Date.parse(hero.lastModified)).toBeGreaterThanOrEqual(start);
			expect(hero.created).toBe(SEED_CREATED);
		}
	});

	it('Created Between / NotBetween (documented) and LastModified Between (Adobe’s example), bounds included', async () => {
		assetOf(SEED.assets.summerHero).created = '2025-01-01T10:00:00.000Z';
		assetOf(SEED.assets.saleBanner).created = '2025-01-01T10:00:05.000Z';
		assetOf(SEED.assets.saltAndPepper).lastModified = '2025-02-01T00:00:00.000Z';
		const created = await search([
			['systemFieldConditionArray', dateRange('Created', 'Between', '2025-01-01T10:00:00Z', '2025-01-01T10:00:05Z')],
		]);
		expect(elementTexts(created.body, 'name').sort()).toEqual(['sale-banner', 'summer-hero']);
		const narrower = await search([
			['systemFieldConditionArray', dateRange('Created', 'Between', '2025-01-01T10:00:01Z', '2030-01-01T00:00:00Z')],
		]);
		expect(elementTexts(narrower.body, 'name')).toEqual(['sale-banner']);
		const outside = await search([
			['systemFieldConditionArray', dateRange('Created', 'NotBetween', '2025-01-01T00:00:00Z', '2030-01-01T00:00:00Z')],
		]);
		expect(elementText(outside.body, 'totalRows')).toBe('5');
		const modified = await search([
			['systemFieldConditionArray', dateRange('LastModified', 'Between', '2025-01-31T00:00:00Z', '2025-02-02T00:00:00Z')],
		]);
		expect(elementTexts(modified.body, 'name')).toEqual(['Salt & Pepper']);
	});

	it('refuses a range without maxDate (30002) and a string operator on a date (30001)', async () => {
		const noMax = await search([['systemFieldConditionArray', dateRange('Created', 'Between', '2025-01-01T00:00:00Z')]]);
		expect(parseFault(noMax.body)).toMatchObject({ code: 30002 });
		expect(parseFault(noMax.body)?.reason).toContain("'maxDate'");
		const stringOp = await search([
			['systemFieldConditionArray', dateRange('Created', 'Contains', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z')],
		]);
		expect(parseFault(stringOp.body)).toMatchObject({ code: 30001 });
	});

	it('sorts by Modified and Created as instants, newest first when descending (ties by handle, reversed too)', async () => {
		assetOf(SEED.assets.summerHero).lastModified = '2025-05-01T12:00:00.000Z';
		// The same instant written with an offset: text order would put it first.
		assetOf(SEED.assets.saleBanner).lastModified = '2025-05-01T14:00:00.000+02:00';
		assetOf(DEMO.assetHandle).lastModified = '2025-05-01T12:00:01.000Z';
		const res = await search([
			['recordsPerPage', '3'],
			['sortBy', 'Modified'],
			['sortDirection', 'Descending'],
		]);
		expect(elementTexts(res.body, 'assetHandle')).toEqual([
			DEMO.assetHandle,
			SEED.assets.saleBanner,
			SEED.assets.summerHero,
		]);
		assetOf(SEED.assets.productGuide).created = '2026-01-01T00:00:00.000Z';
		const byCreated = await search([
			['recordsPerPage', '1'],
			['sortBy', 'Created'],
			['sortDirection', 'Descending'],
		]);
		expect(elementTexts(byCreated.body, 'name')).toEqual(['product-guide']);
	});
});
