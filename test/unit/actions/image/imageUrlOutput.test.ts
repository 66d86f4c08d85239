/* eslint-disable @n8n/community-nodes/no-restricted-globals */
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
		const { json, error, operations } = await run(
			copyParameters({ name: 'plain' }),
			scripted({
				copyImage: [copied],
				getProperty: [soapFault('authorizationFault', 20003, "User does not have permission to access operation 'getProperty'")],
				getCompanyInfo: urlLookups.getCompanyInfo,
			}),
		);
		expect(error).toBeUndefined();
		// One item: one call at a time, and the company is not asked once the prefix failed.
		expect(operations).toEqual(['copyImage', 'getProperty']);
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

describe('imageUrl lookups of a run', () => {
	const rows = (concurrency: number) => (index: number) => copyParameters({ name: `copy_${index}`, urlModifier: '', options: { concurrency, retry: { settings: { attempts: 1 } } } });
	const items = (count: number) => ({ items: Array.from({ length: count }, () => ({ json: {} })) });

	/** Answers copies after 30 ms and lookups after 5 ms, recording when each call was sent and answered. */
	function timedScript(script: ReturnType<typeof scripted>) {
		const events: string[] = [];
		let inFlight = 0;
		let peak = 0;
		const respond = async (request: Parameters<typeof script>[0]) => {
			const operation = operationOf(request);
			events.push(`send ${operation}`);
			peak = Math.max(peak, ++inFlight);
			await new Promise((resolve) => setTimeout(resolve, operation === 'copyImage' ? 30 : 5));
			inFlight--;
			events.push(`answer ${operation}`);
			return script(request);
		};
		return { events, respond, peak: () => peak };
	}
	const copies = scripted({ copyImage: [(request) => soapResult('copyImage', `<assetHandle>a|${/<name>copy_(\d+)</.exec(request.body)?.[1]}|1|1</assetHandle>`)], ...urlLookups });

	it('side by side, both lookups go out beside the first copies, together, once for the run', async () => {
		const timed = timedScript(copies);
		const { json, operations } = await run(rows(4), timed.respond, items(4));
		const firstCopyAnswer = timed.events.indexOf('answer copyImage');
		// Prefetched: sent before any copy has answered.
		expect(timed.events.indexOf('send getProperty')).toBeLessThan(firstCopyAnswer);
		expect(timed.events.indexOf('send getCompanyInfo')).toBeLessThan(firstCopyAnswer);
		// In parallel: the second was sent before the first was answered.
		expect(timed.events.indexOf('send getCompanyInfo')).toBeLessThan(timed.events.indexOf('answer getProperty'));
		expect(operations.filter((operation) => operation !== 'copyImage')).toEqual(['getProperty', 'getCompanyInfo']);
		expect(json?.map((output) => output.imageUrl)).toEqual([0, 1, 2, 3].map((index) => `https://s7d1.scene7.com/is/image/ApiTestCo/copy_${index}`));
	});

	it('with Concurrency 1, one call at a time: the lookups after the first copy, one after the other', async () => {
		const timed = timedScript(copies);
		const { json, operations } = await run(rows(1), timed.respond, items(3));
		expect(timed.peak()).toBe(1);
		expect(operations).toEqual(['copyImage', 'getProperty', 'getCompanyInfo', 'copyImage', 'copyImage']);
		expect(json?.map((output) => output.imageUrl)).toEqual([0, 1, 2].map((index) => `https://s7d1.scene7.com/is/image/ApiTestCo/copy_${index}`));
	});

	it('each company its own root: items of two companies side by side', async () => {
		const companyAnswer = (handle: string, root: string) =>
			soapResult('getCompanyInfo', `<companyInfo><companyHandle>${handle}</companyHandle><name>${root}</name><rootPath>${root}/</rootPath></companyInfo>`);
		const { json, operations } = await run(
			(index) => ({ ...rows(4)(index), companyHandle: byHandle(index % 2 ? 'c|7' : 'c|6') }),
			scripted({
				copyImage: [copies],
				getProperty: urlLookups.getProperty,
				getCompanyInfo: [(request) => (request.body.includes('c|7') ? companyAnswer('c|7', 'OtherCo') : companyAnswer('c|6', 'ApiTestCo'))],
			}),
			items(4),
		);
		expect(operations.filter((operation) => operation === 'getCompanyInfo')).toHaveLength(2);
		expect(operations.filter((operation) => operation === 'getProperty')).toHaveLength(1);
		expect(json?.map((output) => output.imageUrl)).toEqual(
			[0, 1, 2, 3].map((index) => `https://s7d1.scene7.com/is/image/${index % 2 ? 'OtherCo' : 'ApiTestCo'}/copy_${index}`),
		);
	});

	it('a failed lookup is asked once and becomes each item’s own imageUrlError', async () => {
		for (const concurrency of [1, 4]) {
			const { json, operations } = await run(
				rows(concurrency),
				scripted({
					copyImage: [copies],
					getProperty: urlLookups.getProperty,
					getCompanyInfo: [soapFault('ipsApiFault', 10000, 'Company c|6 not found')],
				}),
				items(3),
			);
			expect(operations.filter((operation) => operation === 'getCompanyInfo')).toHaveLength(1);
			expect(json?.map((output) => [output.assetHandle, output.imageUrlError])).toEqual(
				[0, 1, 2].map((index) => [
					`a|${index}|1|1`,
					`Scene7 could not run getCompanyInfo: Company c|6 not found (10000) (while looking up company c|6) [item ${index}]`,
				]),
			);
		}
	});
});
