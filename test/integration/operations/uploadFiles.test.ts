/* eslint-disable @n8n/community-nodes/no-restricted-globals */
// Job > Upload Files (issue #23) through n8n-core's engine against the sandbox's UploadFile servlet:
// each item's binary data goes in one multipart POST of one job; the job's log gives each row its asset.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { PNG } from 'pngjs';

import { UPLOAD_POSTS_IN_FLIGHT } from '../../../nodes/Scene7Ips/actions/job/uploadFiles.operation';
import { injectRule } from '../../sandbox/injector';
import { DEMO, startSandbox } from '../../sandbox/server';
import { runWorkflow } from '../../support/engine';
import { chain, CREDENTIAL_ID, itemsNode, scene7Node } from '../../support/workflows';
import { byHandle, byPath, demoCredential, operationsSent, runNode, useFastPolls, useSandbox } from './harness';

const MAX_FILE_SIZE = 200_000;
const sandbox = useSandbox({ jobStepMs: 30, uploadMaxFileSize: MAX_FILE_SIZE });
useFastPolls();
jest.setTimeout(60_000);

const uploadFiles = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'job',
	operation: 'uploadFiles',
	companyHandle: byHandle(DEMO.companyHandle),
	binaryPropertyName: 'data',
	folderHandle: byPath('ApiTestCo/uploads/'),
	fileName: '',
	options,
});

function png(width: number, height: number): Buffer {
	const image = new PNG({ width, height });
	image.data.fill(200);
	return PNG.sync.write(image);
}

/** An input item holding `bytes` as n8n binary data in its default (in-memory) mode. */
const fileItem = (fileName: string, bytes: Buffer, json: IDataObject = {}): IDataObject => ({
	...json,
	$binary: { data: { data: bytes.toString('base64'), mimeType: 'image/png', fileName } },
});

const uploadsSent = () => sandbox().requests.filter((request) => request.operation === 'UploadFile');
const assetNamed = (name: string) => sandbox().state.assets.find((asset) => asset.name === name && asset.companyHandle === DEMO.companyHandle);

describe('Job > Upload Files', () => {
	it("uploads every item's file in one job, one POST each and one to end it; each row gets its own asset", async () => {
		const rows = [fileItem('shoe.png', png(320, 200)), fileItem('boot.png', png(100, 80)), fileItem('hat.png', png(64, 64))];
		const { json, error } = await runNode(sandbox(), uploadFiles(), rows);
		expect(error).toBeUndefined();
		const jobs = sandbox().state.jobs.filter((job) => job.type === 'UploadPostJob');
		expect(jobs).toHaveLength(1);
		expect(jobs[0].uploadPost).toMatchObject({ posts: 4, endedBy: 'endJob', overwrite: true, readyForPublish: true, createMask: false });
		expect(jobs[0].uploadPost?.files.map((file) => [file.destPath, file.size])).toEqual([
			['ApiTestCo/uploads/shoe.png', png(320, 200).length],
			['ApiTestCo/uploads/boot.png', png(100, 80).length],
			['ApiTestCo/uploads/hat.png', png(64, 64).length],
		]);
		expect(uploadsSent()).toHaveLength(4);
		for (const [i, name] of ['shoe', 'boot', 'hat'].entries()) {
			expect(json[i]).toMatchObject({
				jobHandle: jobs[0].jobHandle,
				state: 'Uploaded',
				assetName: name,
				assetHandle: assetNamed(name)?.assetHandle,
				folder: 'ApiTestCo/uploads/',
				imageUrl: `${sandbox().url}/is/image/ApiTestCo/${name}`,
			});
		}
		expect(assetNamed('shoe')).toMatchObject({ folderHandle: 'ApiTestCo/uploads/', imageInfo: expect.objectContaining({ width: 320, height: 200 }) });
		// The file size is checked against Scene7's limit, asked once.
		expect(operationsSent(sandbox()).filter((operation) => operation === 'getProperty')).toHaveLength(2);
	});

	it('a file over the limit and a file that is no image fail only their rows; the others are uploaded', async () => {
		const rows = [
			fileItem('big.png', Buffer.alloc(MAX_FILE_SIZE + 1, 1)),
			fileItem('notes.png', Buffer.from('these are not the pixels you are looking for')),
			fileItem('fine.png', png(50, 40)),
		];
		const { json, error } = await runNode(sandbox(), uploadFiles(), rows, { onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		expect(json[0].error).toBe(
			"The file 'big.png' is 200,001 bytes (0.2 MB), more than the 200,000 bytes (0.2 MB) Scene7 takes in one upload [item 0]",
		);
		expect(String(json[1].error)).toMatch(/^Scene7 could not upload 'notes.png': /);
		expect(json[2]).toMatchObject({ state: 'Uploaded', assetHandle: assetNamed('fine')?.assetHandle });
		// The big file was never sent: one POST for each of the two others, one to end the job.
		expect(uploadsSent().map((request) => request.upload?.parts.filter((part) => part.filename).map((part) => part.filename))).toEqual([
			['notes.png'],
			['fine.png'],
			[],
		]);
	});

	it('a wrong password is a clear error and nothing is uploaded', async () => {
		const nodes = [itemsNode([fileItem('x.png', png(10, 10))]), scene7Node(uploadFiles())];
		const result = await runWorkflow({
			nodes,
			connections: chain(...nodes),
			credentials: [{ id: CREDENTIAL_ID, data: demoCredential(sandbox(), { password: 'not-the-password' }) }],
		});
		expect(result.error?.message).toMatch(/^Scene7 rejected the user name or password/);
		expect(JSON.stringify(result.error)).not.toContain(DEMO.password);
		expect(sandbox().state.jobs).toHaveLength(0);
		expect(sandbox().state.assets.find((asset) => asset.name === 'x')).toBeUndefined();
	});

	it('a re-run of the same files the same day takes the earlier job: no POST, the same assets', async () => {
		const rows = [fileItem('again_1.png', png(30, 30)), fileItem('again_2.png', png(31, 31))];
		const first = await runNode(sandbox(), uploadFiles(), rows);
		const posts = uploadsSent().length;
		const again = await runNode(sandbox(), uploadFiles(), rows);
		expect(again.error).toBeUndefined();
		expect(uploadsSent()).toHaveLength(posts);
		expect(again.json.map((row) => [row.jobHandle, row.assetHandle, row.fromEarlierJob])).toEqual(
			first.json.map((row) => [row.jobHandle, row.assetHandle, true]),
		);
	});

	it('a POST whose answer is lost is not sent again: the job log tells that its file arrived', async () => {
		sandbox().setInjector(injectRule({ operation: 'UploadFile', skip: 1, action: { kind: 'resetAfterCommit' } }));
		const rows = [fileItem('lost_1.png', png(20, 20)), fileItem('lost_2.png', png(21, 21)), fileItem('lost_3.png', png(22, 22))];
		const { json, error } = await runNode(sandbox(), uploadFiles(), rows);
		expect(error).toBeUndefined();
		expect(json.map((row) => [row.state, row.assetHandle])).toEqual(
			['lost_1', 'lost_2', 'lost_3'].map((name) => ['Uploaded', assetNamed(name)?.assetHandle]),
		);
		const files = uploadsSent().flatMap((request) => request.upload?.parts.filter((part) => part.filename).map((part) => part.filename) ?? []);
		expect(files.sort()).toEqual(['lost_1.png', 'lost_2.png', 'lost_3.png']);
	});

	it('Publish When Done publishes after the upload job; the images are then served at their size', async () => {
		const { json, error } = await runNode(sandbox(), uploadFiles({ publishWhenDone: true }), [fileItem('live.png', png(120, 90))]);
		expect(error).toBeUndefined();
		const publish = sandbox().state.jobs.filter((job) => job.type === 'ImageServingPublishJob');
		expect(publish).toHaveLength(1);
		expect(json[0]).toMatchObject({ publishJobHandle: publish[0].jobHandle, publishState: 'Done' });
		const served = await fetch(`${String(json[0].imageUrl)}?fmt=png`);
		expect(served.status).toBe(200);
		const image = PNG.sync.read(Buffer.from(await served.arrayBuffer()));
		expect([image.width, image.height]).toEqual([120, 90]);
	});

	it('two items with one file name: the later one fails naming the earlier, before anything is sent', async () => {
		const rows = [fileItem('front.png', png(10, 10)), fileItem('front.png', png(11, 11))];
		const { json } = await runNode(sandbox(), uploadFiles(), rows, { onError: 'continueRegularOutput' });
		expect(json[0]).toMatchObject({ state: 'Uploaded' });
		expect(json[1].error).toBe("'front.png' would be uploaded as asset 'front', the name item 0 of this run already uploads [item 1]");
	});

	it('an item without the binary field is its own clear error', async () => {
		const { json } = await runNode(sandbox(), uploadFiles(), [{ nothing: true }, fileItem('ok.png', png(12, 12))], { onError: 'continueRegularOutput' });
		expect(String(json[0].error)).toContain("'data'");
		expect(json[1]).toMatchObject({ state: 'Uploaded' });
	});
});

describe('Job > Upload Files: Cancel', () => {
	it('sends no further file after Cancel; the job, which n8n lets nobody end then, ends on its idle timeout', async () => {
		// Its own sandbox, slow to answer uploads (so the run is cancelled between POSTs), with a short idle timeout.
		const slow = await startSandbox({
			jobStepMs: 30,
			uploadJobIdleMs: 400,
			latencyMs: (request) => (request?.operation === 'UploadFile' ? 300 : 0),
		});
		const posts = () => slow.requests.filter((request) => request.operation === 'UploadFile');
		try {
			const rows = Array.from({ length: 12 }, (_, i) => fileItem(`cancel_${i}.png`, png(10 + i, 10)));
			const nodes = [itemsNode(rows), scene7Node(uploadFiles())];
			const result = await runWorkflow({
				nodes,
				connections: chain(...nodes),
				credentials: [{ id: CREDENTIAL_ID, data: demoCredential(slow) }],
				onStarted: (cancel) => {
					const poll = setInterval(() => {
						if (posts().length < 2) return;
						clearInterval(poll);
						cancel();
					}, 10);
				},
			});
			expect(result.status).toBe('canceled');
			await new Promise((resolve) => setTimeout(resolve, 1500));
			// After Cancel no POST starts: only the first and those already on their way when it came
			// (at most UPLOAD_POSTS_IN_FLIGHT) arrive, never all twelve files, and no endJob.
			const sent = posts();
			expect(sent.length).toBeGreaterThanOrEqual(2);
			expect(sent.length).toBeLessThanOrEqual(1 + UPLOAD_POSTS_IN_FLIGHT);
			expect(sent.every((request) => request.upload?.parts.some((part) => part.filename))).toBe(true);
			const [job] = slow.state.jobs.filter((entry) => entry.type === 'UploadPostJob');
			expect(job.uploadPost?.endedBy).toBe('idle');
			expect(job.uploadPost?.files).toHaveLength(sent.length);
		} finally {
			await slow.close();
		}
	});
});
