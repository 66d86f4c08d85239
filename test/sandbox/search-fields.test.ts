// searchAssets with responseFieldArray / excludeFieldArray: only the fields asked for come back,
// totalRows included (the polling trigger asks for its fields this way).
import { call, elementText, elementTexts, type Fields } from './raw-soap';
import { DEMO, SEED } from './server';
import { useSandbox } from './useSandbox';

const sandbox = useSandbox();

const items = (...values: string[]): Fields => values.map((v) => ['items', v]);
// Key order is searchAssetsParam's sequence: the field lists come after sortDirection.
const search = (fieldLists: Fields) =>
	call(sandbox().serviceUrl, 'searchAssets', [
		['companyHandle', DEMO.companyHandle],
		['folder', SEED.folders.summer],
		['includeSubfolders', 'false'],
		['assetTypeArray', items('Image')],
		['sortBy', 'Name'],
		['sortDirection', 'Ascending'],
		...fieldLists,
	]);

describe('searchAssets field selection', () => {
	it('returns only the listed fields, with totalRows when listed', async () => {
		const res = await search([
			['responseFieldArray', items('totalRows', 'assetArray/items/assetHandle', 'assetArray/items/lastModified', 'assetArray/items/imageInfo')],
		]);
		expect(res.status).toBe(200);
		expect(elementText(res.body, 'totalRows')).toBe('1');
		expect(elementTexts(res.body, 'assetHandle')).toEqual([SEED.assets.summerHero]);
		expect(elementText(res.body, 'lastModified')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(elementText(res.body, 'width')).toBe('2400');
		for (const left of ['name', 'type', 'created', 'createUser', 'folderHandle']) expect(elementText(res.body, left)).toBeUndefined();
	});

	it('leaves totalRows out when the list does not name it, or excludeFieldArray does', async () => {
		const unlisted = await search([['responseFieldArray', items('assetArray/items/name')]]);
		expect(elementTexts(unlisted.body, 'name')).toEqual(['summer-hero']);
		expect(elementText(unlisted.body, 'totalRows')).toBeUndefined();
		const excluded = await search([['excludeFieldArray', items('totalRows')]]);
		expect(elementTexts(excluded.body, 'name')).toEqual(['summer-hero']);
		expect(elementText(excluded.body, 'totalRows')).toBeUndefined();
	});
});
