import type { IBinaryData, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { extensionOf, fileNameFor, mimeTypeOf } from '../../../../nodes/Scene7Ips/helpers/download';
import type { FakeResponse, SentRequest } from '../../../support/executeContext';
import { assetsAnswer, assetXml, byHandle, operationOf, paramOf, refusal, run as runNode, type RunOptions, scripted, soapFault } from '../support';
import { urlLookups } from './urlAnswers';

/** A body read chunk by chunk, as n8n's stream encoding gives it. */
const streamOf = (chunks: Buffer[]) => ({
	async *[Symbol.asyncIterator]() {
		for (const chunk of chunks) yield await Promise.resolve(chunk);
	},
});

const parameters = (overrides: IDataObject = {}) => ({
	resource: 'image',
	operation: 'download',
	companyHandle: byHandle('c|6'),
	assetHandle: byHandle('a|739|1|537'),
	urlModifier: 'wid=800&fmt=png',
	...overrides,
});

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const imageAnswer = (statusCode: number, body: unknown, headers: Record<string, string> = {}) =>
	({ statusCode, body, headers }) as unknown as FakeResponse;

/** Runs the node with the fake context plus n8n's prepareBinaryData; IPS calls are scripted, Image Serving answers `image`. */
interface RunExtra extends RunOptions {
	prepareBinaryData?: (data: never, fileName: string, mimeType: string) => Promise<IBinaryData>;
	/** Answers the IPS calls; by default the one image and the image URL's lookups. */
	ips?: (request: SentRequest) => FakeResponse;
}

async function run(
	params: IDataObject | ((index: number) => IDataObject),
	image: (request: SentRequest) => FakeResponse | Promise<FakeResponse>,
	{ prepareBinaryData, ips = scripted({ getAssets: [assetsAnswer('getAssets', [assetXml('a|739|1|537', 'macbook win1')])], ...urlLookups }), ...options }: RunExtra = {},
) {
	const prepare = (context: { helpers: object }) =>
		Object.assign(context.helpers, {
			prepareBinaryData:
				prepareBinaryData ??
				(async (data: Buffer, fileName: string, mimeType: string) =>
					({ data: data.toString('base64'), fileName, mimeType, fileSize: String(data.length) }) as IBinaryData),
		});
	return await runNode(params, (request) => (request.options.method === 'GET' ? image(request) : ips(request)), { ...options, prepare });
}

const URL = 'https://s7d1.scene7.com/is/image/ApiTestCo/macbook%20win1?wid=800&fmt=png';

describe('Image > Download', () => {
	it('GETs the Image Serving URL through the credential unchanged and outputs the bytes as binary data', async () => {
		const { output, sent } = await run(parameters(), () => imageAnswer(200, streamOf([JPEG.subarray(0, 3), JPEG.subarray(3)]), { 'Content-Type': 'image/png; charset=binary' }));
		const get = sent.find((request) => request.options.method === 'GET') as SentRequest;
		expect(sent.filter((request) => request !== get).map(operationOf)).toEqual(['getAssets', 'getProperty', 'getCompanyInfo']);
		expect(get.credentialType).toBe('scene7IpsApi');
		expect(get.options as IHttpRequestOptions).toEqual({
			method: 'GET',
			url: URL,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: undefined,
			abortSignal: expect.any(AbortSignal),
		});
		expect(output).toEqual([
			{
				json: {
					assetHandle: 'a|739|1|537',
					companyHandle: 'c|6',
					name: 'macbook win1',
					imageUrl: URL,
					mimeType: 'image/png',
					fileSize: 7,
				},
				binary: { data: { data: JPEG.toString('base64'), fileName: 'macbook win1.png', mimeType: 'image/png', fileSize: '7' } },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('puts the file in the binary property and under the file name the Options give', async () => {
		const { output } = await run(parameters({ urlModifier: '', options: { binaryPropertyName: 'image', fileName: 'hero.jpg' } }), () =>
			imageAnswer(200, JPEG, { 'content-type': 'image/jpeg' }),
		);
		expect(output?.[0].json.imageUrl).toBe('https://s7d1.scene7.com/is/image/ApiTestCo/macbook%20win1');
		expect(output?.[0].binary).toEqual({ image: { data: JPEG.toString('base64'), fileName: 'hero.jpg', mimeType: 'image/jpeg', fileSize: '7' } });
	});

	it.each([403, 404])('says an image Image Serving answers %i for is likely not published, and how to publish it', async (status) => {
		const { error } = await run(parameters(), () => imageAnswer(status, Buffer.from('<html>not found</html>'), { 'content-type': 'text/html' }));
		expect(error?.message).toBe(`Image Serving does not serve image 'macbook win1' (HTTP ${status}) at ${URL} [item 0]`);
		expect(error?.description).toBe(
			'The likely cause is that the image is not published yet (Image Serving only serves published assets). Publish it (Job → Publish) and download it again once the publish job is done. A URL Modifier Image Serving refuses, or a company served from its own domain, can cause this too.',
		);
	});

	it('reports another HTTP status as an item error (Continue)', async () => {
		const { output } = await run(parameters(), () => imageAnswer(503, Buffer.from('busy')), { continueOnFail: true });
		expect(output?.[0].json).toEqual({
			error: `Image Serving answered HTTP 503 for ${URL} [item 0]`,
			description: 'Check the URL Modifier, or run the item again later if the server is busy.',
		});
	});

	it('refuses an image declared larger than 64 MB without reading it', async () => {
		const { error } = await run(parameters(), () => imageAnswer(200, Buffer.alloc(1), { 'content-type': 'image/jpeg', 'content-length': String(65 * 1024 * 1024) }));
		expect(error?.message).toBe(`The image at ${URL} is larger than 64 MB [item 0]`);
	});

	it('follows up to 3 redirects by hand, each to an Image Serving URL that gets nothing from the credential', async () => {
		const hops = ['https://s7d9.scene7.com/is/image/ApiTestCo/a', '/is/image/ApiTestCo/b', 'https://images.example.com/is/image/ApiTestCo/c'];
		let hop = -1;
		const { output, sent } = await run(parameters(), () => {
			hop += 1;
			return hop < hops.length ? imageAnswer(hop % 2 ? 308 : 302, Buffer.from('moved'), { Location: hops[hop] }) : imageAnswer(200, JPEG, { 'content-type': 'image/jpeg' });
		});
		const gets = sent.filter((request) => request.options.method === 'GET');
		expect(gets.map((request) => request.options.url)).toEqual([URL, hops[0], 'https://s7d9.scene7.com/is/image/ApiTestCo/b', hops[2]]);
		for (const get of gets) {
			expect(get.options.disableFollowRedirect).toBe(true);
			expect(get.options.body).toBeUndefined();
			expect(JSON.stringify(get.options)).not.toContain('unit-Pa$$w0rd');
		}
		expect(output?.[0].json.fileSize).toBe(JPEG.length);
	});

	it('stops at a fourth redirect', async () => {
		const { error, sent } = await run(parameters(), () => imageAnswer(301, Buffer.from(''), { location: 'https://s7d1.scene7.com/is/image/ApiTestCo/loop' }));
		expect(error?.message).toBe(`Image Serving redirected ${URL} more than 3 times [item 0]`);
		expect(sent.filter((request) => request.options.method === 'GET')).toHaveLength(4);
	});

	it.each([
		['a URL that is not Image Serving', 'https://collector.example/steal', 'to host collector.example, which is not a plain Image Serving URL'],
		['a URL with user info', 'https://user:pw@s7d1.scene7.com/is/image/x', 'to host s7d1.scene7.com, which is not a plain Image Serving URL'],
	])('does not follow a redirect to %s', async (_what, location, words) => {
		const { error, sent } = await run(parameters(), () => imageAnswer(302, Buffer.from(''), { Location: location }));
		expect(error?.message).toContain(words);
		expect(sent.filter((request) => request.options.method === 'GET')).toHaveLength(1);
	});

	it('reports a redirect without a Location', async () => {
		const { error } = await run(parameters(), () => imageAnswer(302, Buffer.from('')));
		expect(error?.message).toBe(`Image Serving answered HTTP 302 for ${URL} without saying where to [item 0]`);
	});

	it('hands a stream of known length to n8n as it comes, without reading it into memory first', async () => {
		const body = streamOf([JPEG]);
		let given: unknown;
		const { output } = await run(parameters(), () => imageAnswer(200, body, { 'content-type': 'image/jpeg', 'content-length': String(JPEG.length) }), {
			prepareBinaryData: async (data: unknown, fileName: string, mimeType: string) => {
				given = data;
				return { data: 'filesystem-v2', id: 'filesystem-v2:x', fileName, mimeType, bytes: JPEG.length } as unknown as IBinaryData;
			},
		});
		expect(given).toBe(body);
		expect(output?.[0].json.fileSize).toBe(JPEG.length);
		expect(output?.[0].binary?.data).toMatchObject({ id: 'filesystem-v2:x', fileName: 'macbook win1.jpg' });
	});

	it('makes a stream that breaks off the item\'s error', async () => {
		const { error } = await run(parameters(), () => imageAnswer(200, streamOf([JPEG]), { 'content-type': 'image/jpeg', 'content-length': '7' }), {
			prepareBinaryData: async () => {
				throw new Error('aborted');
			},
		});
		expect(error?.message).toBe(`Image Serving stopped sending ${URL} before the image was complete: aborted [item 0]`);
	});

	it('runs at most 16 downloads at once, whatever the Concurrency (a window of their own)', async () => {
		let inFlight = 0;
		let most = 0;
		const count = 40;
		const { output } = await run(
			parameters(),
			async () => {
				inFlight += 1;
				most = Math.max(most, inFlight);
				await sleep(5);
				inFlight -= 1;
				return imageAnswer(200, JPEG, { 'content-type': 'image/jpeg' });
			},
			{ items: Array.from({ length: count }, () => ({ json: {} })) },
		);
		expect(output).toHaveLength(count);
		expect(most).toBe(16);
	});

	it('looks the images of a run up together: one getAssets for the items of a turn, each handle once', async () => {
		const handles = Array.from({ length: 12 }, (_, i) => `a|6|${i % 6}`);
		const ips = scripted({
			getAssets: [(request) => assetsAnswer('getAssets', [...paramOf(request).matchAll(/<items>(a\|6\|\d+)<\/items>/g)].map(([, handle]) => assetXml(handle, `img ${handle.slice(4)}`)))],
			...urlLookups,
		});
		const { output = [], sent } = await run(
			(index) => parameters({ assetHandle: byHandle(handles[index]) }),
			() => imageAnswer(200, JPEG, { 'content-type': 'image/jpeg' }),
			{ items: handles.map(() => ({ json: {} })), ips },
		);
		const lookups = sent.filter((request) => operationOf(request) === 'getAssets').map((request) => (paramOf(request).match(/<items>/g) ?? []).length);
		expect(lookups.reduce((sum, count) => sum + count, 0)).toBe(6);
		expect(lookups.length).toBeLessThan(6);
		expect(output.map((item) => item.json.name)).toEqual(handles.map((handle) => `img ${handle.slice(4)}`));
	});

	it('asks one handle at a time when Scene7 refuses the batch, so only the bad handle\'s item fails', async () => {
		const ips = scripted({
			getAssets: [
				(request) => {
					const asked = [...paramOf(request).matchAll(/<items>(a\|[^<]+)<\/items>/g)].map(([, handle]) => handle);
					if (asked.includes('a|6|bad')) return soapFault('ipsApiFault', 30001, "Invalid assetHandle 'a|6|bad'");
					return assetsAnswer('getAssets', asked.map((handle) => assetXml(handle, `img ${handle.slice(4)}`)));
				},
			],
			...urlLookups,
		});
		const handles = ['a|6|1', 'a|6|bad', 'a|6|2'];
		const { output = [] } = await run(
			(index) => parameters({ assetHandle: byHandle(handles[index]) }),
			() => imageAnswer(200, JPEG, { 'content-type': 'image/jpeg' }),
			{ items: handles.map(() => ({ json: {} })), continueOnFail: true, ips },
		);
		expect(output.map((item) => item.json.name ?? item.json.error)).toEqual([
			'img 1',
			expect.stringContaining("Invalid assetHandle 'a|6|bad'"),
			'img 2',
		]);
	});

	it('refuses a modifier that is certainly not Image Serving syntax before any request', async () => {
		expect(await refusal(parameters({ urlModifier: 'wid=800<' }))).toMatch(/^URL Modifier is not valid Image Serving syntax: .* \[item 0\]$/);
	});
});

describe('download helpers', () => {
	it('names the file by the served format', () => {
		expect(mimeTypeOf('Image/JPEG; q=1')).toBe('image/jpeg');
		expect(mimeTypeOf(undefined)).toBe('');
		expect(extensionOf('image/jpeg')).toBe('jpg');
		expect(extensionOf('image/x-unknown')).toBe('');
		expect(fileNameFor('shoe', 'jpg')).toBe('shoe.jpg');
		expect(fileNameFor('shoe.JPG', 'jpg')).toBe('shoe.JPG');
		expect(fileNameFor('shoe', '')).toBe('shoe');
	});
});
