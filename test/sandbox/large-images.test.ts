/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
// Large images (issue #22 item 10): noisy fixtures of several MB, uploaded, published and served by
// Image Serving at full size as PNGs of that size, each rendition encoded once while it stays published.
//
// The full-size images go through the standalone sandbox (`tsx test/sandbox/cli.ts`, a process of its
// own): inside Jest's vm context every global lookup is slow, and pngjs makes several per byte, so
// encoding one 1200×1000 PNG there takes seconds instead of a third of one. The test only reads sizes
// and headers of what it serves, and decodes one image. The cache is tested in-process on small images.
import { PNG } from 'pngjs';

import type { PublishedImage } from './image-store';
import { ImageStore } from './image-store';
import { RenditionCache, renditionCacheOf } from './image-serving';
import { noisyImage } from './images';
import type { SandboxState } from './model';
import { get, submitJob, waitDone, type Fields, type GetResponse } from './raw-soap';
import { DEMO } from './server';
import { runCli, useSandbox, waitFor } from './useSandbox';

const MB = 1024 * 1024;
const WIDTH = 1200;
const HEIGHT = 1000;

const JOB_TIMEOUT_MS = 30_000;

jest.setTimeout(60_000);

/** Width and height from a PNG's IHDR chunk, without decoding it. */
function pngSize(bytes: Buffer): [number, number] {
	expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
	expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
	return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

function expectLargePng(reply: GetResponse, width: number, height: number): void {
	expect(reply.status).toBe(200);
	expect(reply.type).toBe('image/png');
	expect(Number(reply.length)).toBe(reply.body.length);
	expect(reply.body.length).toBeGreaterThanOrEqual(2 * MB);
	expect(reply.body.length).toBeLessThanOrEqual(5 * MB);
	expect(pngSize(reply.body)).toEqual([width, height]);
}

/** Upload from URLs with an incremental publish when done, as the node's Publish When Done sends it. */
const uploadAndPublish = (sourceUrl: string, destPath: string): Fields => [
	['companyHandle', DEMO.companyHandle],
	['jobName', `large ${destPath}`],
	[
		'uploadUrlsJob',
		[
			['urlArray', [['items', [['sourceUrl', sourceUrl], ['destPath', destPath]]]]],
			['overwrite', 'true'],
			['readyForPublish', 'true'],
			['createMask', 'false'],
			['emailSetting', 'None'],
			['postImageServingPublishJob', [['publishType', 'Incremental'], ['emailSetting', 'None']]],
		],
	],
];

describe('full size, in the standalone sandbox', () => {
	let cli: ReturnType<typeof runCli> | undefined;
	let base: string;
	let serviceUrl: string;
	const fixture = (name: string, query = `w=${WIDTH}&h=${HEIGHT}&noise=1`) => `${base}/fixtures/${name}?${query}`;
	const served = (name: string, modifiers = 'fmt=png') => `${base}/is/image/${DEMO.rootPath}${name}?${modifiers}`;
	const state = async () => JSON.parse((await get(`${base}/__sandbox/state`)).body.toString('utf8')) as SandboxState;

	beforeAll(async () => {
		cli = runCli(['--port', '0', '--quiet', '--job-step-ms', '20'], { SANDBOX_PORT: '' });
		const output = cli.output;
		await waitFor(output, /Press Ctrl-C to stop/, 30_000);
		serviceUrl = (await waitFor(output, /Service URL:\s+(\S+)/))[1];
		base = new URL(serviceUrl).origin;
	});

	afterAll(async () => {
		if (!cli || cli.child.exitCode !== null) return;
		const { child } = cli;
		child.kill('SIGINT');
		const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
		await cli.exited;
		clearTimeout(timer);
	});

	it('makes noisy fixtures of 2-5 MB at 1200×1000: the same bytes for the same name, another picture for another', async () => {
		const a = await get(fixture('big.png'));
		expectLargePng(a, WIDTH, HEIGHT);
		expect((await get(fixture('big.png'))).body.equals(a.body)).toBe(true);
		const other = await get(fixture('other.png'));
		expectLargePng(other, WIDTH, HEIGHT);
		expect(other.body.equals(a.body)).toBe(false);
		// Without noise=1, the gradient of old: a tenth of the size.
		expect((await get(fixture('big.png', `w=${WIDTH}&h=${HEIGHT}`))).body.length).toBeLessThan(a.body.length / 10);
		const refused = await get(fixture('big.png', 'noise=2'));
		expect([refused.status, refused.body.toString('utf8')]).toEqual([400, "Invalid noise '2': expected 0 or 1"]);
	});

	it('serves a published noisy upload at full size as a 2-5 MB PNG of the uploaded pixels, the same bytes each time', async () => {
		const job = await submitJob(serviceUrl, uploadAndPublish(fixture('large_1.png'), 'ApiTestCo/large/large_1.png'));
		const after = await waitDone(state, job, JOB_TIMEOUT_MS);
		const asset = after.assets.find((a) => a.name === 'large_1');
		expect(asset).toMatchObject({ imageInfo: { width: WIDTH, height: HEIGHT } });
		expect(asset?.publishedAt).toBeDefined();

		const first = await get(served('large_1'));
		expectLargePng(first, WIDTH, HEIGHT);
		const png = PNG.sync.read(first.body);
		expect(png.data.equals(noisyImage('large_1', WIDTH, HEIGHT).data)).toBe(true);
		expect((await get(served('large_1'))).body.equals(first.body)).toBe(true);
		// Image Serving's default format stays JPEG.
		expect((await get(served('large_1', ''))).type).toBe('image/jpeg');
	});
});

describe('the rendition cache, in-process on small noisy images', () => {
	const sandbox = useSandbox({ jobStepMs: 20 });

	const fixture = (name: string) => `${sandbox().url}/fixtures/${name}?w=120&h=100&noise=1`;
	const served = (name: string, modifiers = 'fmt=png') => `${sandbox().imageServerUrl}${DEMO.rootPath}${name}?${modifiers}`;

	it('encodes each rendition once; a new publish or a reset makes a miss', async () => {
		const submitted = await submitJob(sandbox().serviceUrl, uploadAndPublish(fixture('small_1.png'), 'ApiTestCo/large/small_1.png'));
		await waitDone(sandbox(), submitted, JOB_TIMEOUT_MS);
		const cache = renditionCacheOf(sandbox().images);
		const first = await get(served('small_1'));
		expect(PNG.sync.read(first.body).data.equals(noisyImage('small_1', 120, 100).data)).toBe(true);
		expect(cache.size).toEqual({ entries: 1, bytes: first.body.length });
		expect((await get(served('small_1'))).body.equals(first.body)).toBe(true);
		expect(cache.size.entries).toBe(1);

		// Another rendition is an entry of its own, at its own size.
		const smaller = PNG.sync.read((await get(served('small_1', 'wid=60&fmt=png'))).body);
		expect([smaller.width, smaller.height]).toEqual([60, 50]);
		expect(cache.size.entries).toBe(2);

		// Published again: a new snapshot; the old entries go at the next insert.
		const publish: Fields = [
			['companyHandle', DEMO.companyHandle],
			['jobName', 'republish'],
			['imageServingPublishJob', [['publishType', 'Full'], ['emailSetting', 'None']]],
		];
		await waitDone(sandbox(), await submitJob(sandbox().serviceUrl, publish), JOB_TIMEOUT_MS);
		expect((await get(served('small_1'))).body.equals(first.body)).toBe(true);
		expect(cache.size).toEqual({ entries: 1, bytes: first.body.length });

		sandbox().reset();
		expect((await get(served('small_1'))).status).toBe(404);
	});

	describe('RenditionCache', () => {
		const images = new ImageStore();
		const snapshot = (assetHandle: string): PublishedImage => {
			const image: PublishedImage = {
				assetHandle,
				companyHandle: DEMO.companyHandle,
				name: assetHandle,
				width: 1,
				height: 1,
				publishedAt: '2026-01-01T00:00:00.000Z',
			};
			images.published.set(assetHandle, image);
			return image;
		};

		it('keeps within its byte budget, dropping the least recently served first, and never keeps an answer above it', () => {
			const cache = new RenditionCache(10);
			const [a, b, c] = ['a|1', 'a|2', 'a|3'].map(snapshot);
			cache.set(images, a, 'png', Buffer.alloc(4));
			cache.set(images, b, 'png', Buffer.alloc(4));
			expect(cache.get(a, 'png')?.length).toBe(4);
			cache.set(images, c, 'png', Buffer.alloc(4));
			expect(cache.size).toEqual({ entries: 2, bytes: 8 });
			expect(cache.get(b, 'png')).toBeUndefined();
			expect(cache.get(a, 'png')).toBeDefined();
			cache.set(images, a, 'jpeg', Buffer.alloc(11));
			expect(cache.size).toEqual({ entries: 2, bytes: 8 });
		});

		it('never serves an entry to another snapshot of the same asset', () => {
			const cache = new RenditionCache(100);
			const old = snapshot('a|9');
			cache.set(images, old, 'png', Buffer.alloc(4));
			const fresh = snapshot('a|9');
			expect(cache.get(fresh, 'png')).toBeUndefined();
			expect(cache.size).toEqual({ entries: 0, bytes: 0 });
		});
	});
});
