import type { IDataObject } from 'n8n-workflow';

import {
	byHandle,
	byPath,
	connectionReset,
	emptyAnswer,
	param,
	paramOf,
	refusal,
	run,
	scripted,
	soapFault,
	soapResult,
} from '../support';

const TREE =
	'<folders><folderHandle>ApiTestCo/</folderHandle><path>ApiTestCo/</path><lastModified>2024-03-15T14:30:00.000Z</lastModified>' +
	'<hasSubfolders>true</hasSubfolders><subfolderArray>' +
	'<items><folderHandle>ApiTestCo/summer/</folderHandle><path>ApiTestCo/summer/</path><hasSubfolders>true</hasSubfolders><subfolderArray>' +
	'<items><folderHandle>ApiTestCo/summer/sale/</folderHandle><path>ApiTestCo/summer/sale/</path><hasSubfolders>false</hasSubfolders></items>' +
	'</subfolderArray></items>' +
	'<items><folderHandle>ApiTestCo/uploads/</folderHandle><path>ApiTestCo/uploads/</path><hasSubfolders>false</hasSubfolders></items>' +
	'</subfolderArray></folders>';
const tree = soapResult('getFolderTree', TREE);
const RETRY = { retry: { settings: { attempts: 3, backoff: 0 } } };

describe('Folder > Create', () => {
	const parameters = (overrides: IDataObject = {}) => ({
		resource: 'folder',
		operation: 'create',
		companyHandle: byHandle('c|6'),
		folderPath: 'summer/2024/',
		options: RETRY,
		...overrides,
	});
	const created = soapResult('createFolder', '<folderHandle>ApiTestCo/summer/2024/</folderHandle>');

	it('sends createFolder and outputs the new handle', async () => {
		const { json, sent } = await run(parameters(), scripted({ createFolder: [created] }));
		expect(sent.map(paramOf)).toEqual([
			param('createFolder', '<companyHandle>c|6</companyHandle><folderPath>summer/2024/</folderPath>'),
		]);
		expect(json).toEqual([{ folderHandle: 'ApiTestCo/summer/2024/', companyHandle: 'c|6', folderPath: 'summer/2024/' }]);
	});

	it("explains Scene7's fault for a folder that exists", async () => {
		const { error } = await run(
			parameters(),
			scripted({ createFolder: [soapFault('ipsApiFault', 30000, "Folder 'ApiTestCo/summer/2024/' already exists.")] }),
		);
		expect(error?.message).toBe("Scene7 could not run createFolder: Folder 'ApiTestCo/summer/2024/' already exists. (30000)");
	});

	it('refuses an empty path before any request', async () => {
		expect(await refusal(parameters({ folderPath: ' ' }))).toBe('Folder Path is empty [item 0]');
	});

	it.each([['summer/sale'], ['ApiTestCo/summer/sale/'], ['/summer/sale/']])(
		'after a lost answer, returns the folder %s if the company now has it',
		async (folderPath) => {
			const { json, operations } = await run(parameters({ folderPath }), scripted({ createFolder: [connectionReset], getFolderTree: [tree] }));
			expect(operations).toEqual(['createFolder', 'getFolderTree']);
			expect(json?.[0]).toMatchObject({ folderHandle: 'ApiTestCo/summer/sale/' });
		},
	);

	it('after a lost answer, creates the folder again if the company does not have it', async () => {
		const { operations } = await run(parameters(), scripted({ createFolder: [connectionReset, created], getFolderTree: [tree] }));
		expect(operations).toEqual(['createFolder', 'getFolderTree', 'createFolder']);
	});
});

describe('Folder > Get Many', () => {
	const parameters = (overrides: IDataObject = {}) => ({
		resource: 'folder',
		operation: 'getAll',
		companyHandle: byHandle('c|6'),
		returnAll: true,
		...overrides,
	});

	it('reads the whole tree and outputs one item per folder, parents first', async () => {
		const { json, sent } = await run(parameters(), scripted({ getFolderTree: [tree] }));
		expect(sent.map(paramOf)).toEqual([param('getFolderTree', '<companyHandle>c|6</companyHandle><depth>-1</depth>')]);
		expect(json).toEqual([
			{
				folderHandle: 'ApiTestCo/',
				companyHandle: 'c|6',
				path: 'ApiTestCo/',
				name: 'ApiTestCo',
				lastModified: '2024-03-15T14:30:00.000Z',
				hasSubfolders: true,
			},
			{ folderHandle: 'ApiTestCo/summer/', companyHandle: 'c|6', path: 'ApiTestCo/summer/', name: 'summer', hasSubfolders: true },
			{
				folderHandle: 'ApiTestCo/summer/sale/',
				companyHandle: 'c|6',
				path: 'ApiTestCo/summer/sale/',
				name: 'sale',
				hasSubfolders: false,
			},
			{ folderHandle: 'ApiTestCo/uploads/', companyHandle: 'c|6', path: 'ApiTestCo/uploads/', name: 'uploads', hasSubfolders: false },
		]);
	});

	it('starts at Folder Path and stops at Limit', async () => {
		const { json, sent } = await run(
			parameters({ returnAll: false, limit: 2, filters: { folderPath: ' summer/ ' } }),
			scripted({ getFolderTree: [tree] }),
		);
		expect(paramOf(sent[0])).toBe(
			param('getFolderTree', '<companyHandle>c|6</companyHandle><folderPath>summer/</folderPath><depth>-1</depth>'),
		);
		expect(json).toHaveLength(2);
	});
});

describe('Folder > Delete', () => {
	const parameters = (overrides: IDataObject = {}) => ({
		resource: 'folder',
		operation: 'delete',
		companyHandle: byHandle('c|6'),
		folderHandle: byHandle('ApiTestCo/uploads/'),
		options: RETRY,
		...overrides,
	});

	it('sends deleteFolder and outputs { deleted: true }', async () => {
		const { json, sent } = await run(parameters(), scripted({ deleteFolder: [emptyAnswer('deleteFolder')] }));
		expect(sent.map(paramOf)).toEqual([
			param('deleteFolder', '<companyHandle>c|6</companyHandle><folderHandle>ApiTestCo/uploads/</folderHandle>'),
		]);
		expect(json).toEqual([{ deleted: true }]);
	});

	it('finds a folder given by path first', async () => {
		const { operations, sent } = await run(
			parameters({ folderHandle: byPath('summer/sale') }),
			scripted({ getFolderTree: [tree], deleteFolder: [emptyAnswer('deleteFolder')] }),
		);
		expect(operations).toEqual(['getFolderTree', 'deleteFolder']);
		expect(paramOf(sent[1])).toContain('<folderHandle>ApiTestCo/summer/sale/</folderHandle>');
	});

	it('after a lost answer, does not delete again when the folder is gone', async () => {
		const { json, operations } = await run(
			parameters({ folderHandle: byHandle('ApiTestCo/gone/') }),
			scripted({ deleteFolder: [connectionReset], getFolderTree: [tree] }),
		);
		expect(operations).toEqual(['deleteFolder', 'getFolderTree']);
		expect(json).toEqual([{ deleted: true }]);
	});

	it('after a lost answer, deletes again when the folder is still there', async () => {
		const { operations } = await run(
			parameters({ folderHandle: byHandle('f|ApiTestCo/uploads/') }),
			scripted({ deleteFolder: [connectionReset, emptyAnswer('deleteFolder')], getFolderTree: [tree] }),
		);
		expect(operations).toEqual(['deleteFolder', 'getFolderTree', 'deleteFolder']);
	});
});
