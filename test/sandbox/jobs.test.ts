/* eslint-disable @n8n/community-nodes/no-restricted-globals */
// Jobs over time (upload from URLs, publish, stop), getProperty and the Image Serving route.
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

import { call, elementText, elementTexts, get, parseFault, submitJob, waitDone, type Fields } from './raw-soap';
import { DEMO, SEED } from './server';
import { useSandbox, withSandbox } from './useSandbox';

// Long enough that a loaded machine still sees each state, short enough for a quick suite.
const sandbox = useSandbox({ jobStepMs: 150 });

const upload = (urls: Array<[string, string]>, overwrite = 'false', createMask = 'false'): Fields => [
	['companyHandle', DEMO.companyHandle],
	['jobName', 'upload-test'],
	[
		'uploadUrlsJob',
		[
			['urlArray', urls.map(([sourceUrl, destPath]) => ['items', [['sourceUrl', sourceUrl], ['destPath', destPath]]] as [string, Fields])],
			['overwrite', overwrite],
			['readyForPublish', 'true'],
			['createMask', createMask],
			['emailSetting', 'None'],
		],
	],
];
const publish: Fields = [
	['companyHandle', DEMO.companyHandle],
	['jobName', 'publish-test'],
	['imageServingPublishJob', [['publishType', 'Full'], ['emailSetting', 'None']]],
];

const submit = (fields: Fields) => submitJob(sandbox().serviceUrl, fields);
const op = (operation: string, fields: Fields) => call(sandbox().serviceUrl, operation, fields);
const activeJobs = () => op('getActiveJobs', [['companyHandle', DEMO.companyHandle]]);
const done = (jobHandle: string) => waitDone(sandbox(), jobHandle);

const fixture = (name: string) => `${sandbox().url}/fixtures/${name}`;

describe('upload from URLs', () => {
	it('moves New → Running → Done and logs 2 successes and 1 error with handles', async () => {
		const handle = await submit(
			upload([
				[fixture('red.png?w=64&h=48'), 'uploads/red.png'],
				[fixture('blue.jpg?w=80&h=60'), 'ApiTestCo/uploads/new/blue.jpg'],
				[fixture('broken.png'), 'uploads/broken.png'],
			]),
		);
		expect(handle).toMatch(/^j\|6\|\d+$/);
		const seen = new Set<string>();
		expect(elementTexts((await activeJobs()).body, 'state')).toEqual(['New']);
		for (let i = 0; i < 1000 && !seen.has('Done'); i++) {
			seen.add(sandbox().state.jobs[0].state);
			await new Promise((r) => setTimeout(r, 5));
		}
		expect([...seen]).toEqual(['New', 'Running', 'Done']);
		expect(elementTexts((await activeJobs()).body, 'jobHandle')).toEqual([]);

		const job = sandbox().state.jobs[0];
		expect(job.counts).toEqual({ success: 2, error: 1, warning: 0, duplicate: 0, update: 0, total: 3 });
		const logs = await op('getJobLogDetails', [['companyHandle', DEMO.companyHandle], ['jobHandle', handle]]);
		expect(elementText(logs.body, 'fileSuccessCount')).toBe('2');
		expect(elementText(logs.body, 'fileErrorCount')).toBe('1');
		expect(elementText(logs.body, 'totalFileCount')).toBe('3');
		expect(elementText(logs.body, 'fatalError')).toBe('false');
		const created = job.details.filter((d) => d.assetHandle);
		expect(created.map((d) => d.assetName)).toEqual(['red', 'blue']);
		const error = job.details.find((d) => d.logType === 'UploadError');
		expect(error).toMatchObject({ assetName: 'broken' });
		expect(error?.logMessage).toMatch(/not a valid image/);
		const blue = sandbox().state.assets.find((a) => a.assetHandle === created[1].assetHandle);
		expect(blue).toMatchObject({ name: 'blue', fileName: 'blue.jpg', folderHandle: 'ApiTestCo/uploads/new/', readyForPublish: true, imageInfo: { width: 80, height: 60 } });
		expect(sandbox().state.folders.some((f) => f.path === 'ApiTestCo/uploads/new/')).toBe(true);
	});

	it('refuses a non-loopback host per file, without touching the network', async () => {
		const fetchSpy = jest.spyOn(globalThis, 'fetch');
		const handle = await submit(upload([['http://example.com/a.png', 'uploads/a.png']]));
		await done(handle);
		expect(fetchSpy).not.toHaveBeenCalled();
		fetchSpy.mockRestore();
		const job = sandbox().state.jobs[0];
		expect(job.counts).toMatchObject({ success: 0, error: 1, total: 1 });
		expect(job.fatalError).toBe(false);
		expect(job.details[0]).toMatchObject({ logType: 'UploadError', assetName: 'a' });
		expect(job.details[0].logMessage).toMatch(/only fetches from loopback/);
	});

	it('counts an existing name as a duplicate, or as an update with overwrite', async () => {
		const src = fixture('x.png?w=10&h=10');
		const dup = await submit(upload([[src, 'uploads/macbookwin1.png']]));
		await done(dup);
		expect(sandbox().state.jobs[0].counts).toMatchObject({ duplicate: 1, success: 0 });
		expect(sandbox().state.assets.find((a) => a.assetHandle === DEMO.assetHandle)?.imageInfo?.width).toBe(1600);
		const upd = await submit(upload([[src, 'uploads/macbookwin1.png']], 'true'));
		await done(upd);
		expect(sandbox().state.jobs[1].counts).toMatchObject({ update: 1, success: 1 });
		expect(sandbox().state.assets.find((a) => a.assetHandle === DEMO.assetHandle)?.imageInfo?.width).toBe(10);
	});

	it('refuses job types and options it does not run', async () => {
		const res = await op('submitJob', [['companyHandle', DEMO.companyHandle], ['jobName', 'x'], ['exportJob', '']]);
		expect(parseFault(res.body)).toMatchObject({ code: 30001, reason: expect.stringMatching(/exportJob' is not supported/) });
		const mask = await op('submitJob', upload([[fixture('a.png'), 'a.png']], 'false', 'true'));
		expect(parseFault(mask.body)?.code).toBe(30001);
		const order = await op('submitJob', [['jobName', 'x'], ['companyHandle', 'c|6']]);
		expect(parseFault(order.body)?.code).toBe(30003);
		const bad = await op('submitJob', [['companyHandle', 'c|6'], ['jobName', 'x'], ['imageServingPublishJob', [['publishType', 'Sometimes'], ['emailSetting', 'None']]]]);
		expect(parseFault(bad.body)?.code).toBe(30001);
	});
});

describe('publish and Image Serving', () => {
	it('serves a published asset at the requested size and refuses it before', async () => {
		const url = `${sandbox().url}/is/image/ApiTestCo/macbookwin1?wid=300&fmt=png`;
		const before = await get(url);
		expect(before.status).toBe(404);
		await done(await submit(publish));
		const png = await get(url);
		expect(png.status).toBe(200);
		expect(png.type).toBe('image/png');
		const decoded = PNG.sync.read(png.body);
		expect([decoded.width, decoded.height]).toEqual([300, 225]);
		const jpg = await get(`${sandbox().url}/is/image/ApiTestCo/macbookwin1?wid=120&hei=50`);
		expect(jpg.type).toBe('image/jpeg');
		expect(jpeg.decode(jpg.body).width).toBe(120);
		// Not marked for publish: stays unserved.
		expect((await get(`${sandbox().url}/is/image/ApiTestCo/Spring%20Look%20Book`)).status).toBe(404);
		expect(sandbox().state.assets.find((a) => a.assetHandle === SEED.assets.springLookBook)?.publishedAt).toBeUndefined();
		expect(sandbox().state.assets.find((a) => a.assetHandle === DEMO.assetHandle)?.publishedAt).toBeDefined();
	});

	it('a copy with wid/hei in its urlModifier has that size', async () => {
		const res = await op('copyImage', [['companyHandle', 'c|6'], ['assetHandle', DEMO.assetHandle], ['folderHandle', DEMO.folderHandle], ['name', 'small'], ['urlModifier', 'wid=200']]);
		const copy = sandbox().state.assets.find((a) => a.assetHandle === elementText(res.body, 'assetHandle'));
		expect(copy?.imageInfo).toMatchObject({ width: 200, height: 150 });
	});
});

describe('stopJob, getProperty', () => {
	it('stops a running job: Done, log says stopped', async () => {
		await withSandbox({ jobStepMs: 5000 }, async (slow) => {
			const handle = await submitJob(slow.serviceUrl, publish);
			const stop = (jobHandle: string) => call(slow.serviceUrl, 'stopJob', [['companyHandle', 'c|6'], ['jobHandle', jobHandle]]);
			expect(parseFault((await stop(handle)).body)).toBeUndefined();
			expect(slow.state.jobs[0]).toMatchObject({ state: 'Done', stopped: true });
			expect(slow.state.jobs[0].details.map((d) => d.logMessage)).toEqual([`Job stopped by ${DEMO.user}`]);
			expect(parseFault((await stop(handle)).body)?.code).toBe(30000);
			expect(parseFault((await stop('j|6|9')).body)?.code).toBe(30001);
		});
	});

	it('getProperty IpsImageServerUrl is the /is/image/ prefix; other names are refused', async () => {
		const res = await op('getProperty', [['name', 'IpsImageServerUrl']]);
		expect(elementText(res.body, 'value')).toBe(`${sandbox().url}/is/image/`);
		const bad = await op('getProperty', [['name', 'Nope']]);
		expect(parseFault(bad.body)?.code).toBe(30001);
	});
});

describe('job log pages and queued jobs (issue #22)', () => {
	it('pages getJobLogDetails at 1,000 details by default and at most, with detailTotalRows the whole count', async () => {
		const handle = await submit(publish);
		await done(handle);
		const job = sandbox().state.jobs[0];
		const extra = Array.from({ length: 2500 }, (_, i) => ({ logMessage: `m${i}`, logType: 'UploadSuccess' as const, dateCreated: '2026-12-01T10:00:00.000Z', assetName: `p${i}` }));
		job.details = extra;
		const page = async (fields: Fields) => {
			const res = await op('getJobLogDetails', [['companyHandle', 'c|6'], ['jobHandle', handle], ...fields]);
			expect(parseFault(res.body)).toBeUndefined();
			return { rows: elementTexts(res.body, 'logMessage'), total: elementText(res.body, 'detailTotalRows') };
		};
		const first = await page([]);
		expect(first).toEqual({ rows: extra.slice(0, 1000).map((d) => d.logMessage), total: '2500' });
		expect((await page([['recordsPerPage', '5000'], ['resultsPage', '3']])).rows).toEqual(extra.slice(2000).map((d) => d.logMessage));
		expect((await page([['recordsPerPage', '10'], ['resultsPage', '2']])).rows).toEqual(extra.slice(10, 20).map((d) => d.logMessage));
		expect((await page([['resultsPage', '4']])).rows).toEqual([]);
	});

	it('queues a publish behind a running publish of the company: listed only with includeWaitingJobs, started when the first ends', async () => {
		const first = await submit(publish);
		const second = await submit([...publish.slice(0, 1), ['jobName', 'publish-queued'], publish[2]]);
		const listed = async (includeWaitingJobs?: string) => {
			const res = await op('getActiveJobs', [['companyHandle', 'c|6'], ...(includeWaitingJobs ? ([['includeWaitingJobs', includeWaitingJobs]] as Fields) : [])]);
			return elementTexts(res.body, 'jobHandle').map((jobHandle, i) => [jobHandle, elementTexts(res.body, 'state')[i]]);
		};
		expect(await listed()).toEqual([[first, 'New']]);
		expect(await listed('true')).toEqual([[first, 'New'], [second, 'WaitingCoordinator']]);
		await done(first);
		expect(sandbox().state.jobs[1].state).not.toBe('WaitingCoordinator');
		await done(second);
		expect(sandbox().state.jobs[1].details.map((d) => d.logMessage)).toContain('Job completed');
	});
});
