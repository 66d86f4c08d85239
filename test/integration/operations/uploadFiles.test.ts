/* eslint-disable @n8n/community-nodes/no-restricted-globals */
// Job > Upload Files (issue #23) through n8n-core's engine against the sandbox's UploadFile servlet:
// each item's binary data goes in one multipart POST of one job; the job's log gives each row its asset.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { PNG } from 'pngjs';

import { UPLOAD_POSTS_IN_FLIGHT } from '../../../nodes/Scene7Ips/actions/job/uploadFiles.operation';
import { bareFault, invalidParameter } from '../../sandbox/faults';
import { injectRule } from '../../sandbox/injector';
import { DEMO, startSandbox } from '../../sandbox/server';
import { runWorkflow } from '../../support/engine';
import { chain, CREDENTIAL_ID, itemsNode, scene7Node } from '../../support/workflows';
import { byHandle, byPath, demoCredential, operationsSent, runNode, useFastPolls, useSandbox } from './harness';

const MAX_FILE_SIZE = 200_000;
const sandbox = useSandbox({ jobStepMs: 30, uploadMaxFileSize: MAX_FILE_SIZE });
useFastPolls();
jest.setTimeout(60_000);

const uploadFiles = (options: INodeParameters = {}, fileName = ''): INodeParameters => ({
	resource: 'job',
	operation: 'uploadFiles',
	companyHandle: byHandle(DEMO.companyHandle),
	binaryPropertyName: 'data',
	folderHandle: byPath('ApiTestCo/uploads/'),
	fileName,
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
/** The file names the sandbox received, over every POST in order. */
const filesSent = () => uploadsSent().flatMap((request) => request.upload?.parts.filter((part) => part.filename).map((part) => part.filename) ?? []);
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

	// A lost answer is never sent again: the job log decides. Lost on the first POST, the job is found
	// by its name; lost before Scene7 took the file ('reset'), that row is Not in log.
	it.each([
		['the first', 0, 'resetAfterCommit', ['Uploaded', 'Uploaded', 'Uploaded']],
		['a later', 1, 'resetAfterCommit', ['Uploaded', 'Uploaded', 'Uploaded']],
		['a later', 1, 'reset', ['Uploaded', 'no entry', 'Uploaded']],
	] as const)('%s POST whose answer is lost (%s, %s) is not sent again', async (_, skip, kind, states) => {
		sandbox().setInjector(injectRule({ operation: 'UploadFile', skip, action: { kind } }));
		const names = [1, 2, 3].map((n) => `lost${skip}${kind}_${n}`);
		const rows = names.map((name, i) => fileItem(`${name}.png`, png(20 + i, 20)));
		const { json, error } = await runNode(sandbox(), uploadFiles(), rows, { onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		const jobHandle = sandbox().state.jobs.find((job) => job.name === json[0].jobName)?.jobHandle;
		expect(json.map((row) => (row.error ? 'no entry' : row.state))).toEqual(states);
		for (const [i, name] of names.entries()) {
			if (states[i] === 'Uploaded') expect(json[i]).toMatchObject({ jobHandle, assetHandle: assetNamed(name)?.assetHandle });
			else expect(json[i].error).toBe(`The log of Scene7 upload job ${jobHandle} has no entry for '${name}.png' [item ${i}]`);
		}
		expect(filesSent().sort()).toEqual(names.map((name) => `${name}.png`));
	});

	it('a POST Scene7 refuses fails only its row; the job goes on with the others', async () => {
		const refusal = bareFault(invalidParameter('The sandbox refuses this file'));
		sandbox().setInjector(injectRule({ operation: 'UploadFile', skip: 1, action: { kind: 'status', status: 500, body: refusal } }));
		const rows = [fileItem('take_1.png', png(20, 20)), fileItem('take_2.png', png(21, 21)), fileItem('take_3.png', png(22, 22))];
		const { json } = await runNode(sandbox(), uploadFiles(), rows, { onError: 'continueRegularOutput' });
		expect(json[1].error).toMatch(/The sandbox refuses this file/);
		expect([json[0].assetHandle, json[2].assetHandle]).toEqual([assetNamed('take_1')?.assetHandle, assetNamed('take_3')?.assetHandle]);
		expect(json[0].assetHandle).toEqual(expect.any(String));
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

	it('File Name (here an expression per row) names the file over its own name; none or a slash fails only that row', async () => {
		const unnamed = { name: '', $binary: { data: { data: png(12, 12).toString('base64'), mimeType: 'image/png' } } };
		const named = (fileName: string, name: string) => fileItem(fileName, png(10, 10), { name });
		const rows = [named('camera_0001.png', 'renamed.png'), named('own.png', ' '), named('x.png', 'in/folder.png'), unnamed];
		const { json } = await runNode(sandbox(), uploadFiles({}, '={{ $json.name }}'), rows, { onError: 'continueRegularOutput' });
		expect(json.map((row) => row.assetName ?? row.error)).toEqual([
			'renamed',
			'own',
			"The File Name 'in/folder.png' contains a slash [item 2]",
			"The binary field 'data' has no file name [item 3]",
		]);
		expect(filesSent()).toEqual(['renamed.png', 'own.png']);
	});

	it('a Job Name is used as it is, a new job on each run; without waiting each row is Submitted', async () => {
		const options = { jobName: 'Spring shoot', waitForCompletion: false };
		const run = async () => (await runNode(sandbox(), uploadFiles(options), [fileItem('spring.png', png(14, 14))])).json;
		const outputs = [...(await run()), ...(await run())];
		const jobs = sandbox().state.jobs.filter((job) => job.name === 'Spring shoot');
		expect(jobs).toHaveLength(2);
		expect(outputs).toEqual(
			jobs.map(({ jobHandle }) => ({ jobHandle, jobName: 'Spring shoot', companyHandle: DEMO.companyHandle, fileName: 'spring.png', state: 'Submitted' })),
		);
	});

	it('a job still running at Wait Timeout is output as such, not as an error', async () => {
		const { json } = await runNode(sandbox(), uploadFiles({ waitTimeout: 0 }), [fileItem('slow.png', png(15, 15))]);
		expect(json[0]).toMatchObject({ fileName: 'slow.png', timedOut: true, waitedSeconds: 0 });
		expect(json[0].assetHandle).toBeUndefined();
	});

	it('Publish When Done starts no publish when no file was uploaded', async () => {
		const rows = [fileItem('nothing.png', Buffer.from('no pixels here'))];
		const { json } = await runNode(sandbox(), uploadFiles({ publishWhenDone: true }), rows, { onError: 'continueRegularOutput' });
		expect(String(json[0].error)).toMatch(/^Scene7 could not upload 'nothing.png': /);
		expect(sandbox().state.jobs.filter((job) => job.type === 'ImageServingPublishJob')).toHaveLength(0);
	});

	it('a maximum upload size Scene7 does not give (here 0) fails every row before anything is sent', async () => {
		const zero = await startSandbox({ uploadMaxFileSize: 0 });
		try {
			const rows = [fileItem('a.png', png(5, 5)), fileItem('b.png', png(6, 6))];
			const { json } = await runNode(zero, uploadFiles(), rows, { onError: 'continueRegularOutput' });
			expect(json.map((row) => row.error)).toEqual(
				[0, 1].map((i) => `Scene7 gave no usable maximum upload size (getProperty UploadPostMaxFileSize answered '0') [item ${i}]`),
			);
			expect(zero.requests.filter((request) => request.operation === 'UploadFile')).toHaveLength(0);
		} finally {
			await zero.close();
		}
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
