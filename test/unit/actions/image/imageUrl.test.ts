import { assetsAnswer, assetXml, byHandle, operationOf, param, paramOf, run, scripted, soapFault, soapResult } from '../support';
import { urlLookups } from './urlAnswers';

const copyParameters = (overrides = {}) => ({
	resource: 'image',
	operation: 'copy',
	companyHandle: byHandle('c|6'),
	assetHandle: byHandle('a|739|1|537'),
	folderHandle: byHandle('ApiTestCo/'),
	name: 'Copy macbook #1',
	urlModifier: 'wid=800&fmt=jpg',
	options: { retry: { settings: { attempts: 1 } } },
	...overrides,
});

const copied = soapResult('copyImage', '<assetHandle>a|1000|1|2000</assetHandle>');

describe('imageUrl on image outputs', () => {
	it('Copy outputs the URL of the copy, its name percent-encoded, and the URL with the modifier', async () => {
		const { json, sent } = await run(copyParameters(), scripted({ copyImage: [copied], ...urlLookups }));
		expect(sent.map(operationOf)).toEqual(['copyImage', 'getProperty', 'getCompanyInfo']);
		expect(paramOf(sent[1])).toBe(param('getProperty', '<name>IpsImageServerUrl</name>'));
		expect(json).toEqual([
			{
				assetHandle: 'a|1000|1|2000',
				companyHandle: 'c|6',
				sourceAssetHandle: 'a|739|1|537',
				folderHandle: 'ApiTestCo/',
				name: 'Copy macbook #1',
				urlModifier: 'wid=800&fmt=jpg',
				alreadyExisted: false,
				imageUrl: 'https://s7d1.scene7.com/is/image/ApiTestCo/Copy%20macbook%20%231',
				imageUrlWithModifier: 'https://s7d1.scene7.com/is/image/ApiTestCo/Copy%20macbook%20%231?wid=800&fmt=jpg',
			},
		]);
	});

	it('Copy without a modifier has no imageUrlWithModifier', async () => {
		const { json } = await run(copyParameters({ name: 'plain', urlModifier: '' }), scripted({ copyImage: [copied], ...urlLookups }));
		expect(json?.[0].imageUrl).toBe('https://s7d1.scene7.com/is/image/ApiTestCo/plain');
		expect(json?.[0]).not.toHaveProperty('imageUrlWithModifier');
	});

	it('a failed URL lookup leaves a completed copy a success, with the reason in imageUrlError', async () => {
		const { json, error } = await run(
			copyParameters({ name: 'plain' }),
			scripted({
				copyImage: [copied],
				getProperty: [soapFault('authorizationFault', 20003, "User does not have permission to access operation 'getProperty'")],
				getCompanyInfo: urlLookups.getCompanyInfo,
			}),
		);
		expect(error).toBeUndefined();
		expect(json?.[0]).toMatchObject({ assetHandle: 'a|1000|1|2000', name: 'plain' });
		expect(json?.[0]).not.toHaveProperty('imageUrl');
		expect(json?.[0].imageUrlError).toBe(
			"Your Scene7 user's role may not use getProperty (20003) " +
				"(while looking up Scene7's Image Server URL (getProperty IpsImageServerUrl)) [item 0]",
		);
	});

	it('looks the Image Server URL and the company up once for many items', async () => {
		const { json, operations } = await run(
			(index) => ({ resource: 'image', operation: 'get', companyHandle: byHandle('c|6'), assetHandle: byHandle(`a|${index}|1|1`) }),
			scripted({
				getAssets: [0, 1, 2].map((index) => assetsAnswer('getAssets', [assetXml(`a|${index}|1|1`, `image ${index}`)])),
				...urlLookups,
			}),
			{ items: [{ json: {} }, { json: {} }, { json: {} }] },
		);
		expect(operations.filter((operation) => operation === 'getProperty')).toHaveLength(1);
		expect(operations.filter((operation) => operation === 'getCompanyInfo')).toHaveLength(1);
		expect(json?.map((output) => output.imageUrl)).toEqual([
			'https://s7d1.scene7.com/is/image/ApiTestCo/image%200',
			'https://s7d1.scene7.com/is/image/ApiTestCo/image%201',
			'https://s7d1.scene7.com/is/image/ApiTestCo/image%202',
		]);
	});

	it('Get Many adds the URL to images but not to assets Image Serving does not serve as images', async () => {
		const { json, operations } = await run(
			{
				resource: 'image',
				operation: 'getAll',
				companyHandle: byHandle('c|6'),
				folderHandle: byHandle(''),
				returnAll: false,
				limit: 50,
				filters: { assetTypes: ['Image', 'Video'] },
			},
			scripted({
				searchAssets: [
					assetsAnswer('searchAssets', [assetXml('a|1|1|1', 'shoe'), assetXml('a|2|1|2', 'clip', { type: 'Video' })], '<totalRows>2</totalRows>'),
				],
				...urlLookups,
			}),
		);
		expect(operations).toEqual(['searchAssets', 'getProperty', 'getCompanyInfo']);
		expect(json?.map((output) => [output.name, output.imageUrl])).toEqual([
			['shoe', 'https://s7d1.scene7.com/is/image/ApiTestCo/shoe'],
			['clip', undefined],
		]);
	});

	it('Include Image URL off makes no lookup', async () => {
		const { json, operations } = await run(
			{ resource: 'image', operation: 'get', companyHandle: byHandle('c|6'), assetHandle: byHandle('a|1|1|1'), options: { includeImageUrl: false } },
			scripted({ getAssets: [assetsAnswer('getAssets', [assetXml('a|1|1|1', 'shoe')])] }),
		);
		expect(operations).toEqual(['getAssets']);
		expect(json?.[0]).not.toHaveProperty('imageUrl');
	});
});
