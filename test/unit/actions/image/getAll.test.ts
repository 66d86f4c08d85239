import type { IDataObject } from 'n8n-workflow';

import type { SentRequest } from '../../../support/executeContext';
import { assetsAnswer, assetXml, byHandle, byPath, param, paramOf, refusal, run, scripted, soapResult } from '../support';

const parameters = (overrides: IDataObject = {}) => ({
	resource: 'image',
	operation: 'getAll',
	companyHandle: byHandle('c|6'),
	folderHandle: byHandle(''),
	returnAll: false,
	limit: 50,
	...overrides,
	// The image URL's lookups have their own tests (imageUrlOutput.test.ts) unless a test turns it on.
	options: { includeImageUrl: false, ...((overrides as IDataObject).options as IDataObject) },
});

const COMPANY = '<companyHandle>c|6</companyHandle>';
const DEFAULTS_AFTER_FOLDER = '<includeSubfolders>true</includeSubfolders><trashState>NotInTrash</trashState>';
const IMAGES = '<assetTypeArray><items>Image</items></assetTypeArray>';
const SORT = '<sortBy>Name</sortBy><sortDirection>Ascending</sortDirection>';

const pageOf = (request: SentRequest) => Number(/<resultsPage>(\d+)<\/resultsPage>/.exec(request.body)?.[1]);
const perPageOf = (request: SentRequest) => Number(/<recordsPerPage>(\d+)<\/recordsPerPage>/.exec(request.body)?.[1]);

/** A catalog of `total` images served page by page as searchAssets would. */
function catalog(total: number, { reportTotal = true } = {}) {
	const handles = Array.from({ length: total }, (_, index) => `a|${100 + index}|1|1`);
	return (request: SentRequest) => {
		const page = pageOf(request);
		const perPage = perPageOf(request);
		const slice = handles.slice((page - 1) * perPage, page * perPage);
		return assetsAnswer(
			'searchAssets',
			slice.map((handle) => assetXml(handle, `img${handle}`)),
			reportTotal ? `<totalRows>${total}</totalRows>` : '',
		);
	};
}

describe('Image > Get Many', () => {
	it('searches the images of the company by name order, 50 by default, one item per asset', async () => {
		const { json, sent } = await run(parameters(), scripted({ searchAssets: [catalog(3)] }));
		expect(sent.map(paramOf)).toEqual([
			param(
				'searchAssets',
				`${COMPANY}${DEFAULTS_AFTER_FOLDER}${IMAGES}<recordsPerPage>50</recordsPerPage><resultsPage>1</resultsPage>${SORT}`,
			),
		]);
		expect(json?.map((asset) => asset.assetHandle)).toEqual(['a|100|1|1', 'a|101|1|1', 'a|102|1|1']);
		expect(json?.[0]).toMatchObject({ companyHandle: 'c|6', name: 'imga|100|1|1', readyForPublish: true });
	});

	it('sends every filter and option in the xsd:sequence order', async () => {
		const { sent } = await run(
			parameters({
				folderHandle: byHandle('f|ApiTestCo/summer/'),
				filters: {
					assetTypes: ['Image', 'Video'],
					includeSubfolders: false,
					name: ' Hero & Co ',
					nameMatch: 'StartsWith',
					publishState: 'MarkedForPublish',
					trashState: 'InTrash',
				},
				options: { sortBy: 'Modified', sortDirection: 'Descending', pageSize: 10 },
			}),
			scripted({ searchAssets: [catalog(0)] }),
		);
		expect(sent.map(paramOf)).toEqual([
			param(
				'searchAssets',
				`${COMPANY}<folder>ApiTestCo/summer/</folder><includeSubfolders>false</includeSubfolders>` +
					'<publishState>MarkedForPublish</publishState><trashState>InTrash</trashState>' +
					'<systemFieldConditionArray><items><field>Name</field><op>StartsWith</op><value>Hero &amp; Co</value></items></systemFieldConditionArray>' +
					'<assetTypeArray><items>Image</items><items>Video</items></assetTypeArray>' +
					'<recordsPerPage>10</recordsPerPage><resultsPage>1</resultsPage><sortBy>Modified</sortBy><sortDirection>Descending</sortDirection>',
			),
		]);
	});

	it('leaves the type filter out when Asset Types is emptied, and Any publish state out', async () => {
		const { sent } = await run(
			parameters({ filters: { assetTypes: [], publishState: 'any', name: '' } }),
			scripted({ searchAssets: [catalog(0)] }),
		);
		expect(paramOf(sent[0])).toBe(
			param('searchAssets', `${COMPANY}${DEFAULTS_AFTER_FOLDER}<recordsPerPage>50</recordsPerPage><resultsPage>1</resultsPage>${SORT}`),
		);
	});

	it('finds a folder given by path and searches it', async () => {
		const tree =
			'<folders><folderHandle>ApiTestCo/</folderHandle><path>ApiTestCo/</path><subfolderArray>' +
			'<items><folderHandle>ApiTestCo/summer/</folderHandle><path>ApiTestCo/summer/</path></items></subfolderArray></folders>';
		const { operations, sent } = await run(
			parameters({ folderHandle: byPath('summer') }),
			scripted({ getFolderTree: [soapResult('getFolderTree', tree)], searchAssets: [catalog(0)] }),
		);
		expect(operations).toEqual(['getFolderTree', 'searchAssets']);
		expect(paramOf(sent[1])).toContain(`${COMPANY}<folder>ApiTestCo/summer/</folder><includeSubfolders>true</includeSubfolders>`);
	});

	it('pages through everything with Return All, asking for pages 1, 2, 3 of a fixed size', async () => {
		const { json, sent } = await run(
			parameters({ returnAll: true, options: { pageSize: 2 } }),
			scripted({ searchAssets: [catalog(5)] }),
		);
		expect(sent.map((request) => [pageOf(request), perPageOf(request)])).toEqual([
			[1, 2],
			[2, 2],
			[3, 2],
		]);
		expect(json?.map((asset) => asset.assetHandle)).toEqual(['a|100|1|1', 'a|101|1|1', 'a|102|1|1', 'a|103|1|1', 'a|104|1|1']);
	});

	it.each([
		['asks for 1000 per page with Return All by default', { returnAll: true }, catalog(3), perPageOf, [1000], 3],
		['stops at Limit, even in the middle of a page', { limit: 3, options: { pageSize: 2 } }, catalog(9), pageOf, [1, 2], 3],
		['asks for no more than Limit when it is below the page size', { limit: 4 }, catalog(9), perPageOf, [4], 4],
		['stops at a short page when Scene7 reports no total', { returnAll: true, options: { pageSize: 2 } }, catalog(3, { reportTotal: false }), pageOf, [1, 2], 3],
	])('%s', async (_case, overrides, answer, read, expected, count) => {
		const { json, sent } = await run(parameters(overrides), scripted({ searchAssets: [answer] }));
		expect(sent.map(read)).toEqual(expected);
		expect(json).toHaveLength(count);
	});

	it('stops when a page brings nothing new (a server that ignores paging) and outputs each asset once', async () => {
		const same = assetsAnswer('searchAssets', [assetXml('a|1|1|1', 'one'), assetXml('a|2|1|1', 'two')], '<totalRows>10</totalRows>');
		const { json, sent } = await run(parameters({ returnAll: true, options: { pageSize: 2 } }), scripted({ searchAssets: [same] }));
		expect(sent).toHaveLength(2);
		expect(json?.map((asset) => asset.assetHandle)).toEqual(['a|1|1|1', 'a|2|1|1']);
	});

	it('outputs no items when nothing matches', async () => {
		const { output } = await run(parameters(), scripted({ searchAssets: [soapResult('searchAssets', '<totalRows>0</totalRows>')] }));
		expect(output).toEqual([]);
	});

	it('searches once per input item, each result paired to its item', async () => {
		const { output, sent } = await run(
			(itemIndex) => parameters({ filters: { name: `name${itemIndex}` } }),
			scripted({ searchAssets: [catalog(2)] }),
			{ items: [{ json: {} }, { json: {} }] },
		);
		expect(sent.map((request) => /<value>([^<]*)<\/value>/.exec(request.body)?.[1])).toEqual(['name0', 'name1']);
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 1 }]);
	});

	it('refuses a Name filter that is not text, before any request', async () => {
		expect(await refusal(parameters({ filters: { name: { a: 1 } } }))).toBe('Name must be text, but it is an object [item 0]');
	});
});
