import type { IDataObject } from 'n8n-workflow';

import { searchCompanies, searchFolders, searchImages, searchMetadataFields } from '../../../nodes/Scene7Ips/methods/listSearch';
import { fakeExecuteContext, type SentRequest, soapResult } from '../../support/executeContext';

const MEMBERSHIPS =
	'<membershipArray>' +
	['c|7:OtherCo', 'c|6:ApiTestCo', 'c|9:Archive & Co']
		.map((entry) => {
			const [handle, name] = entry.split(':');
			return `<items><company><companyHandle>${handle}</companyHandle><name>${name.replace('&', '&amp;')}</name><rootPath>${name}/</rootPath></company><role>IpsUser</role><isActive>true</isActive></items>`;
		})
		.join('') +
	'</membershipArray>';

const TREE =
	'<folders><folderHandle>ApiTestCo/</folderHandle><path>ApiTestCo/</path><subfolderArray>' +
	'<items><folderHandle>ApiTestCo/uploads/</folderHandle><path>ApiTestCo/uploads/</path></items>' +
	'<items><folderHandle>ApiTestCo/summer/</folderHandle><path>ApiTestCo/summer/</path><subfolderArray>' +
	'<items><folderHandle>ApiTestCo/summer/sale/</folderHandle><path>ApiTestCo/summer/sale/</path></items></subfolderArray></items>' +
	'</subfolderArray></folders>';

const assetItems = (from: number, count: number) =>
	Array.from(
		{ length: count },
		(_, index) =>
			`<items><assetHandle>a|${from + index}|1|1</assetHandle><name>img${from + index}</name><type>Image</type><folder>ApiTestCo/</folder></items>`,
	).join('');

function context(parameters: IDataObject, respond: (request: SentRequest) => ReturnType<typeof soapResult>) {
	return fakeExecuteContext({ parameters, respond });
}

/** The node's Company locator, as the editor stores it. */
const company = (mode: string, value: string) => ({ companyHandle: { __rl: true, mode, value } });

describe('list searches', () => {
	it('lists the companies the user belongs to, sorted and filtered by name', async () => {
		const { loadOptionsContext, sent } = context({}, () => soapResult('getCompanyMembership', MEMBERSHIPS));
		const all = {
			results: [
				{ name: 'ApiTestCo', value: 'c|6' },
				{ name: 'Archive & Co', value: 'c|9' },
				{ name: 'OtherCo', value: 'c|7' },
			],
		};
		expect(await searchCompanies.call(loadOptionsContext)).toEqual(all);
		// Every name holds "co", in some case.
		expect(await searchCompanies.call(loadOptionsContext, 'co')).toEqual(all);
		expect(await searchCompanies.call(loadOptionsContext, 'API')).toEqual({ results: [{ name: 'ApiTestCo', value: 'c|6' }] });
		expect(sent[0].options.headers).toMatchObject({ SOAPAction: 'getCompanyMembership' });
	});

	it('lists the folders of the chosen company as paths, searchable', async () => {
		const { loadOptionsContext, sent } = context(company('list', 'c|6'), () => soapResult('getFolderTree', TREE));
		expect(await searchFolders.call(loadOptionsContext)).toEqual({
			results: [
				{ name: 'ApiTestCo/', value: 'ApiTestCo/' },
				{ name: 'ApiTestCo/summer/', value: 'ApiTestCo/summer/' },
				{ name: 'ApiTestCo/summer/sale/', value: 'ApiTestCo/summer/sale/' },
				{ name: 'ApiTestCo/uploads/', value: 'ApiTestCo/uploads/' },
			],
		});
		expect(await searchFolders.call(loadOptionsContext, 'SUMMER')).toEqual({
			results: [
				{ name: 'ApiTestCo/summer/', value: 'ApiTestCo/summer/' },
				{ name: 'ApiTestCo/summer/sale/', value: 'ApiTestCo/summer/sale/' },
			],
		});
		expect(sent[0].body).toContain('<getFolderTreeParam xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"><companyHandle>c|6</companyHandle><depth>-1</depth></getFolderTreeParam>');
	});

	it('resolves a company given by name before listing its folders', async () => {
		const { loadOptionsContext, sent } = context(company('name', 'ApiTestCo'), (request) =>
			request.options.headers?.SOAPAction === 'getCompanyInfo'
				? soapResult('getCompanyInfo', '<companyInfo><companyHandle>c|6</companyHandle><name>ApiTestCo</name></companyInfo>')
				: soapResult('getFolderTree', TREE),
		);
		expect((await searchFolders.call(loadOptionsContext)).results).toHaveLength(4);
		expect(sent[1].body).toContain('<companyHandle>c|6</companyHandle>');
	});

	it.each([
		['folders, with an empty Company', searchFolders, company('list', '')],
		['metadata fields, without a Company', searchMetadataFields, {}],
	])('asks for a company before it lists %s', async (_what, search, parameters) => {
		const { loadOptionsContext, sent } = context(parameters, () => soapResult('getFolderTree', TREE));
		await expect(search.call(loadOptionsContext)).rejects.toThrow('Choose a company first');
		expect(sent).toHaveLength(0);
	});

	it('searches images by name page by page', async () => {
		const { loadOptionsContext, sent } = context(company('id', 'c|6'), (request) => {
			const page = Number(/<resultsPage>(\d+)<\/resultsPage>/.exec(request.body)?.[1]);
			return soapResult(
				'searchAssets',
				`<totalRows>120</totalRows><assetArray>${assetItems((page - 1) * 50, page === 3 ? 20 : 50)}</assetArray>`,
			);
		});
		const first = await searchImages.call(loadOptionsContext, 'img');
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({ name: 'img0 (ApiTestCo/)', value: 'a|0|1|1' });
		expect(first.paginationToken).toBe('2');
		const third = await searchImages.call(loadOptionsContext, 'img', '3');
		expect(third.results).toHaveLength(20);
		expect(third.paginationToken).toBeUndefined();
		expect(sent[0].body).toContain(
			'<companyHandle>c|6</companyHandle><includeSubfolders>true</includeSubfolders><trashState>NotInTrash</trashState>' +
				'<systemFieldConditionArray><items><field>Name</field><op>Contains</op><value>img</value></items></systemFieldConditionArray>' +
				'<assetTypeArray><items>Image</items></assetTypeArray><recordsPerPage>50</recordsPerPage><resultsPage>1</resultsPage>' +
				'<sortBy>Name</sortBy><sortDirection>Ascending</sortDirection>',
		);
	});

	it('searches without a name condition when the filter is empty', async () => {
		const { loadOptionsContext, sent } = context(company('id', 'c|6'), () => soapResult('searchAssets', '<totalRows>0</totalRows>'));
		expect(await searchImages.call(loadOptionsContext)).toEqual({ results: [], paginationToken: undefined });
		expect(sent[0].body).not.toContain('systemFieldConditionArray');
	});
});

describe('metadata field list search', () => {
	const FIELDS =
		'<fieldArray>' +
		[
			['m|6|IMAGE|102', 'Approved', 'Boolean'],
			['m|6|IMAGE|101', 'Caption', 'String'],
			['m|6|IMAGE|106', 'Colors', 'Tag'],
		]
			.map(([handle, name, type]) => `<items><fieldHandle>${handle}</fieldHandle><name>${name}</name><type>${type}</type></items>`)
			.join('') +
		'</fieldArray>';

	it("lists the chosen company's image metadata fields as name (type), filtered by the search text", async () => {
		const { loadOptionsContext, sent } = context(company('list', 'c|6'), () => soapResult('getMetadataFields', FIELDS));
		expect(await searchMetadataFields.call(loadOptionsContext)).toEqual({
			results: [
				{ name: 'Approved (Boolean)', value: 'm|6|IMAGE|102' },
				{ name: 'Caption (String)', value: 'm|6|IMAGE|101' },
				{ name: 'Colors (Tag)', value: 'm|6|IMAGE|106' },
			],
		});
		expect(await searchMetadataFields.call(loadOptionsContext, 'co')).toEqual({ results: [{ name: 'Colors (Tag)', value: 'm|6|IMAGE|106' }] });
		expect(sent[0].body).toContain('<getMetadataFieldsParam xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"><companyHandle>c|6</companyHandle><assetType>Image</assetType></getMetadataFieldsParam>');
	});
});
