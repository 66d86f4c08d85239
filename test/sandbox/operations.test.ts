// The operations around copyImage (priority 2), driven with raw envelopes.
import {
	authHeaderXml,
	call,
	elementText,
	elementTexts,
	parseFault,
	type Fields,
} from './raw-soap';
import { DEMO, ROLE_USERS, SEED } from './server';
import { useSandbox } from './useSandbox';

const sandbox = useSandbox();

const op = (operation: string, fields: Fields, header?: string) =>
	call(sandbox().serviceUrl, operation, fields, header === undefined ? {} : { header });
const asAdmin = authHeaderXml({ user: ROLE_USERS.IpsAdmin.email });
const asCompanyAdmin = authHeaderXml({ user: ROLE_USERS.IpsCompanyAdmin.email });
const C6: [string, string] = ['companyHandle', 'c|6'];
const items = (...values: string[]): Fields => values.map((v) => ['items', v]);
const nameCondition = (opName: string, value: string): Fields => [['items', [['field', 'Name'], ['op', opName], ['value', value]]]];
const dateRange = (field: string, opName: string, min?: string, max?: string): Fields => [
	['items', [['field', field], ['op', opName], ...(min === undefined ? [] : ([['minDate', min]] as Fields)), ...(max === undefined ? [] : ([['maxDate', max]] as Fields))]],
];
const search = (extra: Fields) => op('searchAssets', [C6, ['includeSubfolders', 'true'], ...extra]);
/** The names searchAssets finds for these conditions, sorted. */
const found = async (...conditions: Fields) => elementTexts((await search([['systemFieldConditionArray', conditions]])).body, 'name').sort();
const getAssets = (...handles: string[]) => op('getAssets', [C6, ['assetHandleArray', items(...handles)]]);
const tree = (...fields: Fields) => op('getFolderTree', [C6, ...fields]);

it.each<[string, Fields, string]>([
	['getAssetsByName', [C6], 'nameArray'],
	['searchAssets', [C6, ['folder', 'ApiTestCo/']], 'includeSubfolders'],
	['getFolderTree', [C6], 'depth'],
	['renameAsset', [C6, ['assetHandle', SEED.assets.summerHero], ['newName', 'x']], 'validateName'],
	['getMetadataFields', [C6], 'assetType'],
	['getProperty', [], 'name'],
])('%s refuses a request without a required element (30002)', async (operation, fields, missing) => {
	expect(parseFault((await op(operation, fields)).body)).toMatchObject({
		code: 30002,
		reason: `Missing required element '${missing}' in '${operation}Param'`,
	});
});

describe('getCompanyMembership', () => {
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
		const res = await op('getUserInfo', [['email', ROLE_USERS.ImagePortalUser.email]], asCompanyAdmin);
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
	it('needs one of them (30002), knows only real companies (20000) and the caller’s (20006)', async () => {
		expect(parseFault((await op('getCompanyInfo', [])).body)).toMatchObject({
			code: 30002,
			reason: 'Either companyHandle or companyName is required',
		});
		expect(parseFault((await op('getCompanyInfo', [['companyName', 'NoSuchCo']])).body)?.code).toBe(20000);
		expect(parseFault((await op('getCompanyInfo', [['companyName', 'ThirdCo']])).body)?.code).toBe(20006);
	});

	it('refuses parameters out of order (companyName before companyHandle)', async () => {
		const res = await op('getCompanyInfo', [['companyName', 'ApiTestCo'], C6]);
		expect(parseFault(res.body)?.code).toBe(30003);
	});
});

describe('getAssetsByName', () => {
	it('finds assets by name, case-insensitively, in the company only', async () => {
		const res = await op('getAssetsByName', [C6, ['nameArray', items('MACBOOKWIN1', 'Salt & Pepper', 'nope')]]);
		expect(elementTexts(res.body, 'assetHandle')).toEqual([DEMO.assetHandle, SEED.assets.saltAndPepper]);
		expect(elementTexts(res.body, 'name')).toEqual(['macbookwin1', 'Salt & Pepper']);
		expect(res.body).toContain('<t:name>Salt &amp; Pepper</t:name>');
	});

	it('filters by assetTypeArray and excludeAssetTypeArray', async () => {
		const names: [string, Fields] = ['nameArray', items('promo-video', 'summer-hero')];
		const images = await op('getAssetsByName', [C6, names, ['assetTypeArray', items('Image')]]);
		expect(elementTexts(images.body, 'name')).toEqual(['summer-hero']);
		const notImages = await op('getAssetsByName', [C6, names, ['excludeAssetTypeArray', items('Image')]]);
		expect(elementTexts(notImages.body, 'name')).toEqual(['promo-video']);
		expect(elementText(notImages.body, 'originalFile')).toBe('promo-video.mp4');
	});

	it('honours responseFieldArray and excludeFieldArray', async () => {
		const mac = (fieldList: Fields[number]) => op('getAssetsByName', [C6, ['nameArray', items('macbookwin1')], fieldList]);
		const only = await mac(['responseFieldArray', items('assetArray/items/name', 'assetArray/items/imageInfo/width')]);
		expect(only.body).toContain('<t:items><t:name>macbookwin1</t:name><t:imageInfo><t:width>1600</t:width></t:imageInfo></t:items>');
		const without = await mac(['excludeFieldArray', items('assetArray/items/imageInfo')]);
		expect(without.body).not.toContain('imageInfo');
		expect(elementText(without.body, 'assetHandle')).toBe(DEMO.assetHandle);
	});
});

describe('searchAssets', () => {
	it('matches name conditions (MatchAll / MatchAny), case-insensitively', async () => {
		expect(await found(...nameCondition('StartsWith', 'S'))).toEqual(['sale-banner', 'Salt & Pepper', 'Spring Look Book', 'summer-hero'].sort());
		const any = await search([
			['systemFieldMatchMode', 'MatchAny'],
			['systemFieldConditionArray', [...nameCondition('Equals', 'MACBOOKWIN1'), ...nameCondition('EndsWith', 'book')]],
		]);
		expect(elementTexts(any.body, 'name').sort()).toEqual(['macbookwin1', 'Spring Look Book'].sort());
		expect(await found(...nameCondition('Contains', 'e'), ...nameCondition('NotContains', 'banner'))).toEqual(['product-guide', 'promo-video', 'Salt & Pepper', 'summer-hero'].sort());
	});

	it('pages with recordsPerPage and 1-based resultsPage, sorted', async () => {
		const page = (n: number) => search([['recordsPerPage', '3'], ['resultsPage', String(n)], ['sortBy', 'Name'], ['sortDirection', 'Ascending']]);
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
		const desc = await search([['recordsPerPage', '1'], ['sortBy', 'Name'], ['sortDirection', 'Descending']]);
		expect(elementTexts(desc.body, 'name')).toEqual(['summer-hero']);
	});

	it.each<[string, Fields, number, string]>([
		['resultsPage 0', [['resultsPage', '0']], 30001, "Invalid resultsPage '0': pages are numbered from 1"],
		['recordsPerPage 0', [['recordsPerPage', '0']], 30001, "Invalid recordsPerPage '0': must be at least 1"],
		['a non-integer page', [['resultsPage', 'two']], 30001, "Invalid value 'two' for parameter 'searchAssetsParam/resultsPage' (expected xsd:int)"],
		['an unknown sort field', [['sortBy', 'Size']], 30001, "Invalid sortBy 'Size'"],
		['an unknown trash state', [['trashState', 'Deleted']], 30001, "Invalid trashState 'Deleted'"],
		['an unknown operator', [['systemFieldConditionArray', nameCondition('Like', 'x')]], 30001, "Invalid systemFieldConditionArray/items[1]/op 'Like'"],
		// Conditions it does not model are refused, not ignored.
		['a condition on a field it does not model', [['systemFieldConditionArray', [['items', [['field', 'Keywords'], ['op', 'Contains'], ['value', 'x']]]]]], 30001, "Parameter 'systemFieldConditionArray/items[1]/field=Keywords' is not supported by the IPS sandbox"],
		['a metadata condition', [['metadataConditionArray', [['items', [['fieldHandle', 'm|1'], ['op', 'Equals'], ['value', 'x']]]]]], 30001, "Parameter 'metadataConditionArray' is not supported by the IPS sandbox"],
		['a date range without maxDate', [['systemFieldConditionArray', dateRange('Created', 'Between', '2025-01-01T00:00:00Z')]], 30002, "Missing required element 'maxDate' in 'systemFieldConditionArray/items[1]' for op Between"],
		['a string operator on a date', [['systemFieldConditionArray', dateRange('Created', 'Contains', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z')]], 30001, "Invalid systemFieldConditionArray/items[1]/op 'Contains'; expected one of: Between, NotBetween"],
	])('refuses %s', async (_what, extra, code, reason) => {
		// Each extra field comes after includeSubfolders in the WSDL sequence.
		const fault = parseFault((await search(extra)).body);
		expect(fault).toMatchObject({ code, reason: expect.stringContaining(reason) });
	});
});

describe('getFolderTree and getFolders', () => {
	it('returns the tree under the root with depth -1, nested in subfolderArray', async () => {
		const res = await tree(['depth', '-1']);
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
		const top = await tree(['depth', '0']);
		expect(elementTexts(top.body, 'path')).toEqual(['ApiTestCo/']);
		expect(elementText(top.body, 'hasSubfolders')).toBe('true');
		const one = await tree(['depth', '1']);
		expect(elementTexts(one.body, 'path')).not.toContain('ApiTestCo/summer/sale/');
		const summer = await tree(['folderPath', 'ApiTestCo/summer'], ['depth', '5']);
		expect(elementTexts(summer.body, 'path')).toEqual(['ApiTestCo/summer/', 'ApiTestCo/summer/sale/']);
	});

	it('refuses an unknown folderPath (30001)', async () => {
		const res = await tree(['folderPath', 'ApiTestCo/nope/'], ['depth', '1']);
		expect(parseFault(res.body)).toMatchObject({ code: 30001, reason: "Invalid folderPath 'ApiTestCo/nope/'" });
	});

	it('lists folders flat with getFolders', async () => {
		const res = await op('getFolders', [['companyHandle', 'c|7']]);
		expect(elementTexts(res.body, 'folderHandle')).toEqual(['OtherCo/', 'OtherCo/uploads/']);
		expect(res.body).not.toContain('subfolderArray');
	});
});

describe('checkAssetNames, getAssets', () => {
	it('answers an empty inUseNameArray when nothing is taken', async () => {
		const res = await op('checkAssetNames', [C6, ['assetNameArray', items('free-name')]]);
		expect(res.body).toContain('<t:inUseNameArray></t:inUseNameArray>');
	});

	it('returns assets by handle in request order, skipping unknown and foreign ones', async () => {
		const res = await getAssets(SEED.assets.promoVideo, 'a|0|0|0', SEED.assets.otherLogo, DEMO.assetHandle);
		expect(elementTexts(res.body, 'assetHandle')).toEqual([SEED.assets.promoVideo, DEMO.assetHandle]);
		expect(elementTexts(res.body, 'type')).toEqual(['Video', 'Image']);
	});
});

describe('changing assets', () => {
	const assetOf = (handle: string) => sandbox().state.assets.find((a) => a.assetHandle === handle);
	const derive = (name: string, type: string, extra: Fields = []) =>
		op('createDerivedAsset', [C6, ['ownerHandle', DEMO.assetHandle], ['folderHandle', 'ApiTestCo/'], ['name', name], ['type', type], ...extra]);
	const setUrlModifier = (assetHandle: string, ...fields: Fields) => op('setUrlModifier', [C6, ['assetHandle', assetHandle], ...fields]);

	it('renames, recording the user; takes any name but a blank one', async () => {
		const rename = (newName: string, validateName = 'true') =>
			op('renameAsset', [C6, ['assetHandle', SEED.assets.summerHero], ['newName', newName], ['validateName', validateName]]);
		const ok = await rename('summer-hero-2024');
		expect(ok.body).toMatch(/<t:renameAssetReturn [^>]*><\/t:renameAssetReturn>/);
		expect(assetOf(SEED.assets.summerHero)).toMatchObject({ name: 'summer-hero-2024', lastModifyUser: DEMO.user });
		// No character rule (none is documented): a:b is taken as written; a blank name is not.
		expect(parseFault((await rename('a:b', 'false')).body)).toBeUndefined();
		expect(assetOf(SEED.assets.summerHero)).toMatchObject({ name: 'a:b' });
		expect(parseFault((await rename(' ', 'false')).body)?.code).toBe(30001);
	});

	it('deletes an asset with the assets derived from it', async () => {
		const derived = await derive('mac-view', 'AdjustedView', [['urlModifier', 'crop=0,0,100,100']]);
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

	it('sets urlModifier and urlPostApplyModifier, visible through getAssets', async () => {
		await setUrlModifier(DEMO.assetHandle, ['urlModifier', 'op_sharpen=1'], ['urlPostApplyModifier', 'fmt=png']);
		const res = await getAssets(DEMO.assetHandle);
		expect(elementText(res.body, 'urlModifier')).toBe('op_sharpen=1');
		expect(elementText(res.body, 'urlPostApplyModifier')).toBe('fmt=png');
		const only = await setUrlModifier(DEMO.assetHandle, ['urlPostApplyModifier', 'qlt=80']);
		expect(only.status).toBe(200);
		expect(assetOf(DEMO.assetHandle)?.imageInfo).toMatchObject({ urlModifier: 'op_sharpen=1', urlPostApplyModifier: 'qlt=80' });
		const video = await setUrlModifier(SEED.assets.promoVideo, ['urlModifier', 'x']);
		expect(parseFault(video.body)?.code).toBe(30001);
	});

	it('creates a LayerView derived asset and refuses other types', async () => {
		const res = await derive('mac-layer', 'LayerView');
		const handle = elementText(res.body, 'assetHandle') as string;
		const got = await getAssets(handle);
		expect(got.body).toContain(
			'<t:layerViewInfo><t:url>ApiTestCo/macbookwin1</t:url><t:urlModifier></t:urlModifier><t:urlPostApplyModifier></t:urlPostApplyModifier></t:layerViewInfo>',
		);
		const wrong = await derive('x', 'Image');
		expect(parseFault(wrong.body)?.reason).toBe("Invalid type 'Image'; expected one of: AdjustedView, LayerView");
		const dup = await derive('Mac-Layer', 'LayerView');
		expect(parseFault(dup.body)?.code).toBe(30000);
	});
});

describe('folders', () => {
	it('creates a folder under the company root and returns its handle', async () => {
		const res = await op('createFolder', [C6, ['folderPath', 'ApiTestCo/winter/']]);
		expect(elementText(res.body, 'folderHandle')).toBe('ApiTestCo/winter/');
		const relative = await op('createFolder', [C6, ['folderPath', '/winter/sale']]);
		expect(elementText(relative.body, 'folderHandle')).toBe('ApiTestCo/winter/sale/');
		const copy = await op('copyImage', [C6, ['assetHandle', DEMO.assetHandle], ['folderHandle', 'ApiTestCo/winter/sale/'], ['name', 'w'], ['urlModifier', '']]);
		expect(copy.status).toBe(200);
	});

	it('refuses a folder path with characters a folder name cannot have (30001)', async () => {
		const res = await op('createFolder', [C6, ['folderPath', 'ApiTestCo/a*b/']]);
		expect(parseFault(res.body)).toMatchObject({ code: 30001, reason: "Invalid folderPath 'ApiTestCo/a*b/'" });
	});
});

describe('dates: what moves them, searching and sorting by them', () => {
	const assetOf = (handle: string) => {
		const asset = sandbox().state.assets.find((a) => a.assetHandle === handle);
		if (!asset) throw new Error(`no asset ${handle}`);
		return asset;
	};

	it('a copy is created and modified at the call; rename, move and setUrlModifier move lastModified only', async () => {
		const SEED_CREATED = '2024-03-01T09:00:00.000Z';
		const before = Date.now();
		const copy = await op('copyImage', [C6, ['assetHandle', DEMO.assetHandle], ['folderHandle', SEED.folders.summer], ['name', 'dated-copy'], ['urlModifier', '']]);
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
		expect(await found(...dateRange('Created', 'Between', '2025-01-01T10:00:00Z', '2025-01-01T10:00:05Z'))).toEqual(['sale-banner', 'summer-hero']);
		expect(await found(...dateRange('Created', 'Between', '2025-01-01T10:00:01Z', '2030-01-01T00:00:00Z'))).toEqual(['sale-banner']);
		const outside = await search([['systemFieldConditionArray', dateRange('Created', 'NotBetween', '2025-01-01T00:00:00Z', '2030-01-01T00:00:00Z')]]);
		expect(elementText(outside.body, 'totalRows')).toBe('5');
		expect(await found(...dateRange('LastModified', 'Between', '2025-01-31T00:00:00Z', '2025-02-02T00:00:00Z'))).toEqual(['Salt & Pepper']);
	});

	it('sorts by Modified and Created as instants, newest first when descending (ties by handle, reversed too)', async () => {
		assetOf(SEED.assets.summerHero).lastModified = '2025-05-01T12:00:00.000Z';
		// The same instant written with an offset: text order would put it first.
		assetOf(SEED.assets.saleBanner).lastModified = '2025-05-01T14:00:00.000+02:00';
		assetOf(DEMO.assetHandle).lastModified = '2025-05-01T12:00:01.000Z';
		const res = await search([['recordsPerPage', '3'], ['sortBy', 'Modified'], ['sortDirection', 'Descending']]);
		expect(elementTexts(res.body, 'assetHandle')).toEqual([DEMO.assetHandle, SEED.assets.saleBanner, SEED.assets.summerHero]);
		assetOf(SEED.assets.productGuide).created = '2026-01-01T00:00:00.000Z';
		const byCreated = await search([['recordsPerPage', '1'], ['sortBy', 'Created'], ['sortDirection', 'Descending']]);
		expect(elementTexts(byCreated.body, 'name')).toEqual(['product-guide']);
	});
});
