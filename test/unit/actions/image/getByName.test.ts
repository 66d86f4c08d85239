import type { IDataObject } from 'n8n-workflow';

import { assetsAnswer, assetXml, byHandle, emptyAnswer, param, paramOf, refusal, run, scripted } from '../support';
import { urlLookups } from './urlAnswers';

const parameters = (overrides: IDataObject = {}) => ({
	resource: 'image',
	operation: 'getByName',
	companyHandle: byHandle('c|6'),
	assetName: 'macbookwin1',
	...overrides,
	// The image URL's lookups have their own tests (imageUrlOutput.test.ts) unless a test turns it on.
	options: { includeImageUrl: false, ...((overrides as IDataObject).options as IDataObject) },
});

describe('Image > Get by Name', () => {
	it('sends getAssetsByName for images and outputs one item per asset found', async () => {
		const { json, sent } = await run(
			parameters({ options: { includeImageUrl: true } }),
			scripted({
				...urlLookups,
				getAssetsByName: [
					assetsAnswer('getAssetsByName', [
						assetXml('a|739|1|537', 'macbookwin1'),
						assetXml('a|740|1|1', 'MacbookWin1', { folder: 'ApiTestCo/summer/', folderHandle: 'ApiTestCo/summer/' }),
					]),
				],
			}),
		);
		expect(sent.map(paramOf)).toEqual([
			param(
				'getAssetsByName',
				'<companyHandle>c|6</companyHandle><nameArray><items>macbookwin1</items></nameArray>' +
					'<assetTypeArray><items>Image</items></assetTypeArray>',
			),
			// One lookup each for both assets.
			param('getProperty', '<name>IpsImageServerUrl</name>'),
			param('getCompanyInfo', '<companyHandle>c|6</companyHandle>'),
		]);
		expect(json).toEqual([
			expect.objectContaining({
				assetHandle: 'a|739|1|537',
				companyHandle: 'c|6',
				name: 'macbookwin1',
				folder: 'ApiTestCo/',
				imageUrl: 'https://s7d1.scene7.com/is/image/ApiTestCo/macbookwin1',
			}),
			expect.objectContaining({
				assetHandle: 'a|740|1|1',
				name: 'MacbookWin1',
				folder: 'ApiTestCo/summer/',
				imageUrl: 'https://s7d1.scene7.com/is/image/ApiTestCo/MacbookWin1',
			}),
		]);
	});

	it('looks up every name of a mapped list at once, with the types asked for', async () => {
		const { sent } = await run(
			parameters({ assetName: ['a & b', 42], filters: { assetTypes: ['Image', 'Video'] } }),
			scripted({ getAssetsByName: [emptyAnswer('getAssetsByName')] }),
		);
		expect(paramOf(sent[0])).toBe(
			param(
				'getAssetsByName',
				'<companyHandle>c|6</companyHandle><nameArray><items>a &amp; b</items><items>42</items></nameArray>' +
					'<assetTypeArray><items>Image</items><items>Video</items></assetTypeArray>',
			),
		);
	});

	it('asks for every type when Asset Types is emptied, and outputs nothing when nothing has the name', async () => {
		const { output, sent } = await run(
			parameters({ filters: { assetTypes: [] } }),
			scripted({ getAssetsByName: [emptyAnswer('getAssetsByName')] }),
		);
		expect(paramOf(sent[0])).toBe(
			param('getAssetsByName', '<companyHandle>c|6</companyHandle><nameArray><items>macbookwin1</items></nameArray>'),
		);
		expect(output).toEqual([]);
	});

	it.each([
		['an empty name', { assetName: '  ' }, 'Name is empty [item 0]'],
		['an empty list', { assetName: [] }, 'Name is empty [item 0]'],
		['a list with an empty name', { assetName: ['ok', ''] }, 'Name 2 is empty [item 0]'],
		['an object', { assetName: { name: 'x' } }, 'Name must be text, but it is an object [item 0]'],
	])('refuses %s before any request', async (_case, overrides, message) => {
		expect(await refusal(parameters(overrides))).toBe(message);
	});
});
