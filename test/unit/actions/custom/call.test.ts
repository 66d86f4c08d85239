import type { IDataObject } from 'n8n-workflow';

import {
	assetsAnswer,
	assetXml,
	byHandle,
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

const parameters = (operationName: string, parametersJson: string | IDataObject, overrides: IDataObject = {}): IDataObject => ({
	resource: 'custom',
	operation: 'call',
	operationName,
	parameters: parametersJson,
	options: { retry: { settings: { attempts: 3, backoff: 0 } } },
	...overrides,
});

describe('Custom Operation > Call', () => {
	it('sends the JSON as the operation parameters, keys in order, and returns the parsed return element', async () => {
		const { json, sent } = await run(
			parameters('getAssets', '{"companyHandle": "c|6", "assetHandleArray": {"items": ["a|739|1|537"]}}'),
			scripted({ getAssets: [assetsAnswer('getAssets', [assetXml('a|739|1|537', 'macbookwin1', { imageInfo: { width: '1600' } })])] }),
		);
		expect(sent[0].options.headers).toMatchObject({ SOAPAction: 'getAssets' });
		expect(sent.map(paramOf)).toEqual([
			param('getAssets', '<companyHandle>c|6</companyHandle><assetHandleArray><items>a|739|1|537</items></assetHandleArray>'),
		]);
		expect(json).toEqual([
			{
				assetArray: {
					items: [
						{
							assetHandle: 'a|739|1|537',
							type: 'Image',
							name: 'macbookwin1',
							fileName: 'macbookwin1.jpg',
							folder: 'ApiTestCo/',
							folderHandle: 'ApiTestCo/',
							readyForPublish: 'true',
							trashState: 'NotInTrash',
							created: '2024-03-01T09:00:00.000Z',
							imageInfo: { width: '1600' },
						},
					],
				},
			},
		]);
	});

	it('sends the same getAssets envelope as Image > Get', async () => {
		const answer = scripted({ getAssets: [assetsAnswer('getAssets', [assetXml('a|739|1|537', 'macbookwin1')])] });
		const custom = await run(parameters('getAssets', { companyHandle: 'c|6', assetHandleArray: ['a|739|1|537'] }), answer);
		const typed = await run(
			{ resource: 'image', operation: 'get', companyHandle: byHandle('c|6'), assetHandle: byHandle('a|739|1|537') },
			answer,
		);
		expect(custom.sent[0].body).toBe(typed.sent[0].body);
	});

	it('puts a plain list into items, keeps explicit items, writes numbers and booleans as text and nests objects', async () => {
		const { sent } = await run(
			parameters(
				'searchAssets',
				JSON.stringify({
					companyHandle: 'c|6',
					includeSubfolders: true,
					systemFieldConditionArray: [{ field: 'Name', op: 'Contains', value: 'a&b' }],
					assetTypeArray: { items: ['Image', 'Video'] },
					recordsPerPage: 5,
				}),
			),
			scripted({ searchAssets: [soapResult('searchAssets', '<totalRows>0</totalRows>')] }),
		);
		expect(paramOf(sent[0])).toBe(
			param(
				'searchAssets',
				'<companyHandle>c|6</companyHandle><includeSubfolders>true</includeSubfolders>' +
					'<systemFieldConditionArray><items><field>Name</field><op>Contains</op><value>a&amp;b</value></items></systemFieldConditionArray>' +
					'<assetTypeArray><items>Image</items><items>Video</items></assetTypeArray><recordsPerPage>5</recordsPerPage>',
			),
		);
	});

	it('returns {} for an operation without a result, and an empty string for an empty element', async () => {
		const { json, sent } = await run(
			parameters('setUrlModifier', { companyHandle: 'c|6', assetHandle: 'a|1', urlModifier: '' }),
			scripted({ setUrlModifier: [emptyAnswer('setUrlModifier')] }),
		);
		expect(paramOf(sent[0])).toBe(param('setUrlModifier', '<companyHandle>c|6</companyHandle><assetHandle>a|1</assetHandle><urlModifier/>'));
		expect(json).toEqual([{}]);
	});

	it('sends an empty parameter element for empty parameters', async () => {
		const { sent } = await run(
			parameters('getCompanyMembership', ''),
			scripted({ getCompanyMembership: [soapResult('getCompanyMembership', '<membershipArray/>')] }),
		);
		expect(paramOf(sent[0])).toBe(param('getCompanyMembership', ''));
	});

	it("explains Scene7's faults", async () => {
		const { error } = await run(
			parameters('getAssets', '{"companyHandle":"c|6"}'),
			scripted({ getAssets: [soapFault('ipsApiFault', 30002, "Missing required element 'assetHandleArray' in 'getAssetsParam'")] }),
		);
		expect(error?.message).toBe("Scene7 could not run getAssets: Missing required element 'assetHandleArray' in 'getAssetsParam' (30002)");
	});

	it('tries a read again after a lost answer', async () => {
		const { operations } = await run(
			parameters('getCompanyMembership', '{}'),
			scripted({ getCompanyMembership: [connectionReset, soapResult('getCompanyMembership', '')] }),
		);
		expect(operations).toEqual(['getCompanyMembership', 'getCompanyMembership']);
	});

	it('never sends an operation that may change something twice after a lost answer', async () => {
		const { error, operations } = await run(
			parameters('deleteAsset', '{"companyHandle":"c|6","assetHandle":"a|1"}'),
			scripted({ deleteAsset: [connectionReset, emptyAnswer('deleteAsset')] }),
		);
		expect(operations).toEqual(['deleteAsset']);
		expect(error?.message).toBe('Could not reach Scene7 for deleteAsset: the connection was reset');
	});

	it.each([
		['an empty operation', '', '{}', 'IPS Operation is empty [item 0]'],
		['an operation that is not a name', 'get Assets', '{}', "IPS Operation 'get Assets' is not an operation name [item 0]"],
		['JSON that does not parse', 'getAssets', '{"companyHandle": ', /^Parameters is not valid JSON: .+ \[item 0\]$/],
		['a JSON list', 'getAssets', '["c|6"]', 'Parameters must be a JSON object [item 0]'],
		['a null value', 'getAssets', '{"companyHandle": null}', 'Parameters has null at $.companyHandle; leave the key out instead [item 0]'],
		['a list in a list', 'getAssets', '{"a": [["x"]]}', 'Parameters has a list inside a list at $.a[0] [item 0]'],
		['a key that is no element name', 'getAssets', '{"a b": "x"}', "Parameters has 'a b', which is not an element name, at $ [item 0]"],
	])('refuses %s before any request', async (_case, operationName, json, message) => {
		expect(await refusal(parameters(operationName, json))).toMatch(message);
	});
});
