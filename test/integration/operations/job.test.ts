// Job operations through n8n-core's engine against the IPS sandbox: its jobs really run (the upload
// fetches the sandbox's own fixture images, the publish makes Image Serving serve them).
import type { INodeParameters } from 'n8n-workflow';
import { PNG } from 'pngjs';

import { DEMO } from '../../sandbox/server';
import { byHandle, byPath, job, operationsSent, runNode, useFastPolls, useSandbox } from './harness';

const sandbox = useSandbox({ jobStepMs: 30 });
useFastPolls();
// Jobs really run here (fetches, steps, polls): on a loaded machine a test takes seconds.
jest.setTimeout(60_000);
const upload = (options: INodeParameters = {}) =>
	job('uploadFromUrls', {
		sourceUrl: '={{ $json.url }}',
		folderHandle: byPath('ApiTestCo/summer/'),
		fileName: '={{ $json.file }}',
		options,
	});
const fixture = (name: string) => `${sandbox().url}/fixtures/${name}`;

async function served(url: string): Promise<{ status: number; width?: number }> {
	const response = await fetch(url);
	if (response.status !== 200) return { status: response.status };
	const png = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
	return { status: 200, width: png.width };
}

describe('Job > Upload from URLs', () => {
	const rows = () => [
		{ url: fixture('shoe.png?w=320&h=200'), file: 'shoe_a.png' },
		{ url: fixture('broken.png'), file: 'shoe_b.png' },
		{ url: fixture('boot.jpg?w=100&h=100'), file: 'boot_c.jpg' },
	];

	it('uploads all rows in one job, pairs each with its new asset, and makes the broken one its error', async () => {
		const { json, error } = await runNode(sandbox(), upload(), rows(), { onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		const jobs = sandbox().state.jobs;
		expect(jobs).toHaveLength(1);
		expect(jobs[0]).toMatchObject({ type: 'UploadUrlsJob', state: 'Done', counts: expect.objectContaining({ success: 2, error: 1 }) });
		expect(operationsSent(sandbox()).filter((operation) => operation === 'submitJob')).toHaveLength(1);

		const made = (name: string) => sandbox().state.assets.find((asset) => asset.name === name && asset.companyHandle === DEMO.companyHandle);
		expect([made('shoe_a')?.folderHandle, made('shoe_b'), made('boot_c')?.folderHandle]).toEqual(['ApiTestCo/summer/', undefined, 'ApiTestCo/summer/']);
		expect(json[0]).toMatchObject({
			jobHandle: jobs[0].jobHandle,
			assetName: 'shoe_a',
			assetHandle: made('shoe_a')?.assetHandle,
			imageUrl: `${sandbox().url}/is/image/ApiTestCo/shoe_a`,
		});
		expect(json[2]).toMatchObject({ assetName: 'boot_c', assetHandle: made('boot_c')?.assetHandle });
		expect(String(json[1].error)).toContain('shoe_b');
		expect(json[1].assetHandle).toBeUndefined();
	});

	it('leaves the image unserved until a publish, and Publish (waiting) makes it served at the requested width', async () => {
		const first = await runNode(sandbox(), upload(), [rows()[0]]);
		const imageUrl = String(first.json[0].imageUrl);
		expect(await served(`${imageUrl}?wid=100&fmt=png`)).toEqual({ status: 404 });

		const published = await runNode(sandbox(), job('publish', { publishType: 'Incremental', options: { waitForCompletion: true } }), [{}, {}]);
		expect(published.error).toBeUndefined();
		const publishJobs = sandbox().state.jobs.filter((entry) => entry.type === 'ImageServingPublishJob');
		// Two rows of one company: one publish, both rows carry its result.
		expect(publishJobs).toHaveLength(1);
		expect(published.json.map((entry) => [entry.jobHandle, entry.state])).toEqual([
			[publishJobs[0].jobHandle, 'Done'],
			[publishJobs[0].jobHandle, 'Done'],
		]);
		expect(await served(`${imageUrl}?wid=100&fmt=png`)).toEqual({ status: 200, width: 100 });
	});
});

describe('Job > Upload from URLs: names and re-runs (issue #22)', () => {
	// 2,500 rows in three jobs, each its own asset: e2e/jobs.e2e.test.ts; the cut at 1,000 files and
	// every log page read: unit job/uploadFromUrls.test.ts and job/get.test.ts.
	it('reports the second of two rows with one file name in two folders, and uploads only the first', async () => {
		const rows = [
			{ url: fixture('a.png'), file: 'front.png', folder: 'ApiTestCo/summer/' },
			{ url: fixture('b.png'), file: 'front.png', folder: 'ApiTestCo/winter/' },
		];
		const { json } = await runNode(sandbox(), { ...upload(), folderHandle: byHandle('={{ $json.folder }}') }, rows, { onError: 'continueRegularOutput' });
		expect(json[0]).toMatchObject({ state: 'Uploaded', destPath: 'ApiTestCo/summer/front.png' });
		expect(json[1].error).toBe(
			"'front.png' would be uploaded as asset 'front', the name item 0 of this run already uploads ('ApiTestCo/summer/front.png') [item 1]",
		);
		expect(sandbox().state.jobs[0].upload?.urls.map((entry) => entry.destPath)).toEqual(['ApiTestCo/summer/front.png']);
	});

	it('a wait that runs out is a state, and a re-run of the same rows takes that job instead of submitting again', async () => {
		const rows = [{ url: fixture('r1.png'), file: 'rerun_1.png' }, { url: fixture('r2.png'), file: 'rerun_2.png' }];
		const first = await runNode(sandbox(), upload({ waitTimeout: 0 }), rows);
		expect(first.error).toBeUndefined();
		expect(first.json.map((entry) => entry.timedOut)).toEqual([true, true]);
		const again = await runNode(sandbox(), upload(), rows);
		expect(again.error).toBeUndefined();
		expect(sandbox().state.jobs).toHaveLength(1);
		expect(again.json.map((entry) => [entry.jobHandle, entry.state, entry.fromEarlierJob])).toEqual([
			[first.json[0].jobHandle, 'Uploaded', true],
			[first.json[0].jobHandle, 'Uploaded', true],
		]);
		expect(operationsSent(sandbox()).filter((operation) => operation === 'submitJob')).toHaveLength(1);
	});
});

describe('Job > Get', () => {
	it("reads a finished job's log with its details", async () => {
		const uploaded = await runNode(sandbox(), upload(), [{ url: fixture('one.png'), file: 'get_one.png' }]);
		const jobHandle = String(uploaded.json[0].jobHandle);
		const { json, error } = await runNode(sandbox(), job('get', { jobHandle }));
		expect(error).toBeUndefined();
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({ jobHandle, state: 'Done', fileSuccessCount: 1, fileErrorCount: 0 });
		const details = json[0].details as Array<Record<string, unknown>>;
		expect(details.map((detail) => [detail.assetName, detail.logType])).toEqual([
			['get_one', 'UploadSuccess'],
			[undefined, 'Info'],
		]);
	});

	// A publish queued behind another: the sandbox lists it as WaitingCoordinator only with
	// includeWaitingJobs (test/sandbox/jobs.test.ts), which Job > Get sends and shows as Queued
	// (unit job/get.test.ts).
});
