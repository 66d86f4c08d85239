/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Issue #14 in a real n8n: the catalogue pipeline of examples/catalog-pipeline.json, as shipped and
// loaded as npm start imports it (credential assigned, the sandbox's address): Rows (10) → Upload from URLs (wait) →
// Copy Image (the row's modifier) → Set Metadata → Publish (wait) → Download. The workflow is imported
// once per step, cut after it; each cut runs from the seed, so the sandbox's state after every step is
// checked, and so is every output's imageUrl: refused before the publish, served after it.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { PNG } from 'pngjs';

import { loadExample } from './lib/examples';
import { N8n, nodeItems, nodeOutput, type RunJson, type WorkflowJson } from './lib/n8n';
import { DEMO, startSandbox, type Sandbox } from './lib/sandbox';
import { scene7Credential } from './lib/workflows';

const CRED = { id: 'e2eCredPipeline1', name: 'Scene7 sandbox' };
const STEPS = ['Upload from URLs', 'Copy Image', 'Set Metadata', 'Publish', 'Download'] as const;
type Step = (typeof STEPS)[number];
const SKUS = Array.from({ length: 10 }, (_, i) => `sku-${String(i + 1).padStart(3, '0')}`);
const widthOf = (i: number) => 400 + 40 * i;

/** The example with its credential and source base pointed at this run's sandbox, cut after `step`. */
function pipelineUpTo(step: Step, sandbox: Sandbox): WorkflowJson {
	const workflow = loadExample('catalog-pipeline.json', { credential: CRED, sandboxUrl: sandbox.url });
	const keep = ['Manual Trigger', 'Rows', ...STEPS.slice(0, STEPS.indexOf(step) + 1)];
	workflow.id = `e2ePipe${String(STEPS.indexOf(step)).padStart(9, '0')}`;
	workflow.nodes = workflow.nodes.filter((node) => keep.includes(node.name));
	workflow.connections = Object.fromEntries(Object.entries(workflow.connections).filter(([from]) => keep.includes(from) && from !== step));
	return workflow;
}

async function fetchStatus(url: string): Promise<number> {
	return (await fetch(url)).status;
}

describe('n8n CLI: the catalogue pipeline Upload → Copy → Set Metadata → Publish → Download (issue #14)', () => {
	let sandbox: Sandbox;
	let n8n: N8n;

	beforeAll(async () => {
		sandbox = await startSandbox({ jobStepMs: 100 });
		// Binary data in the run JSON itself, so the test can decode the downloaded images.
		n8n = await N8n.create({ label: 'e2e-pipeline', env: { N8N_DEFAULT_BINARY_DATA_MODE: 'default' } });
		await n8n.importCredentials([
			scene7Credential({ ...CRED, serviceUrl: sandbox.serviceUrl, user: DEMO.user, password: DEMO.password }),
		]);
		await n8n.importWorkflows(STEPS.map((step) => pipelineUpTo(step, sandbox)));
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.close();
	});

	async function runUpTo(step: Step): Promise<RunJson> {
		sandbox.reset();
		const res = await n8n.execute(`e2ePipe${String(STEPS.indexOf(step)).padStart(9, '0')}`);
		if (res.code !== 0 || res.run?.status !== 'success') {
			throw new Error(`execute up to ${step}: rc=${res.code} status=${res.run?.status}\n${res.stdout.slice(-3000)}\n${res.stderr.slice(-2000)}`);
		}
		return res.run;
	}
	const asset = (name: string) => sandbox.state.assets.filter((entry) => entry.name === name && entry.companyHandle === DEMO.companyHandle);
	const submitted = (type: string) => sandbox.state.jobs.filter((job) => job.type === type);

	test('Upload from URLs: one job brings in all 10 rows; each row carries its new asset and an image URL that is not served yet', async () => {
		const run = await runUpTo('Upload from URLs');
		const jobs = submitted('UploadUrlsJob');
		expect(jobs).toHaveLength(1);
		expect(jobs[0]).toMatchObject({ state: 'Done', counts: expect.objectContaining({ success: 10, error: 0 }) });
		const out = nodeOutput(run, 'Upload from URLs');
		expect(out.map((row) => row.assetName)).toEqual(SKUS);
		for (const [i, row] of out.entries()) {
			const [uploaded] = asset(SKUS[i]);
			expect(uploaded).toMatchObject({ folderHandle: 'ApiTestCo/summer/', readyForPublish: true });
			expect(row).toMatchObject({ jobHandle: jobs[0].jobHandle, assetHandle: uploaded.assetHandle, imageUrl: `${sandbox.url}/is/image/ApiTestCo/${SKUS[i]}` });
		}
		expect(await fetchStatus(String(out[0].imageUrl))).toBe(404);
	});

	test("Copy Image: each upload copied with its row's modifier, sized by it", async () => {
		const run = await runUpTo('Copy Image');
		const out = nodeOutput(run, 'Copy Image');
		expect(out).toHaveLength(10);
		for (const [i, row] of out.entries()) {
			const [copy] = asset(`${SKUS[i]}_web`);
			expect(copy.imageInfo?.width).toBe(widthOf(i));
			expect(row).toMatchObject({
				assetHandle: copy.assetHandle,
				urlModifier: `wid=${widthOf(i)}&fmt=jpg&qlt=85`,
				imageUrl: `${sandbox.url}/is/image/ApiTestCo/${SKUS[i]}_web`,
				imageUrlWithModifier: `${sandbox.url}/is/image/ApiTestCo/${SKUS[i]}_web?wid=${widthOf(i)}&fmt=jpg&qlt=85`,
			});
		}
	});

	test('Set Metadata: one batch call sets both fields on every copy, and nothing is served before the publish', async () => {
		const run = await runUpTo('Set Metadata');
		expect(sandbox.requests.filter((request) => request.operation === 'batchSetAssetMetadata')).toHaveLength(1);
		const out = nodeOutput(run, 'Set Metadata');
		for (const [i, row] of out.entries()) {
			const [copy] = asset(`${SKUS[i]}_web`);
			expect(row).toMatchObject({ assetHandle: copy.assetHandle, updated: ['Photographer', 'Approved'] });
			expect(copy.metadata).toMatchObject({ 'm|6|Photographer': 'Studio North', 'm|6|Approved': true });
		}
		const copyUrls = nodeOutput(run, 'Copy Image').map((row) => String(row.imageUrl));
		expect(await Promise.all(copyUrls.map(fetchStatus))).toEqual(Array(10).fill(404));
	});

	test('Publish: one job for the company; afterwards every imageUrl the pipeline output is served', async () => {
		const run = await runUpTo('Publish');
		const jobs = submitted('ImageServingPublishJob');
		expect(jobs).toHaveLength(1);
		expect(nodeOutput(run, 'Publish').map((row) => [row.jobHandle, row.state])).toEqual(Array(10).fill([jobs[0].jobHandle, 'Done']));
		const urls = [
			...nodeOutput(run, 'Upload from URLs').map((row) => String(row.imageUrl)),
			...nodeOutput(run, 'Copy Image').flatMap((row) => [String(row.imageUrl), String(row.imageUrlWithModifier)]),
		];
		expect(await Promise.all(urls.map(fetchStatus))).toEqual(Array(30).fill(200));
	});

	test('Download: each published copy as a PNG of the requested 200 px width', async () => {
		const run = await runUpTo('Download');
		const items = nodeItems(run, 'Download') as Array<{ json: Record<string, unknown>; binary?: Record<string, { data: string; mimeType: string; fileName?: string }> }>;
		expect(items).toHaveLength(10);
		for (const [i, item] of items.entries()) {
			const [copy] = asset(`${SKUS[i]}_web`);
			expect(item.json).toMatchObject({ assetHandle: copy.assetHandle, mimeType: 'image/png' });
			const binary = item.binary?.data;
			expect(binary).toMatchObject({ mimeType: 'image/png', fileName: `${SKUS[i]}_web.png` });
			const png = PNG.sync.read(Buffer.from(String(binary?.data), 'base64'));
			expect([png.width, png.height]).toEqual([200, Math.round((200 * (copy.imageInfo?.height ?? 0)) / widthOf(i))]);
		}
	});
});

// Issue #22 item 6: the images reach n8n's binary data as a stream; in filesystem mode (the only
// mode n8n 3 has) they are files in the instance's storage, each the published copy at 200 px.
describe('n8n CLI: the pipeline up to Download in filesystem binary mode (issue #22)', () => {
	let sandbox: Sandbox;
	let n8n: N8n;

	beforeAll(async () => {
		sandbox = await startSandbox({ jobStepMs: 100 });
		n8n = await N8n.create({ label: 'e2e-pipeline-fs', env: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' } });
		await n8n.importCredentials([scene7Credential({ ...CRED, serviceUrl: sandbox.serviceUrl, user: DEMO.user, password: DEMO.password })]);
		await n8n.importWorkflows([pipelineUpTo('Download', sandbox)]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.close();
	});

	test('Download stores each image as a file of its own, the PNG Image Serving sent', async () => {
		const res = await n8n.execute(`e2ePipe${String(STEPS.indexOf('Download')).padStart(9, '0')}`);
		if (res.code !== 0 || res.run?.status !== 'success') throw new Error(`execute: rc=${res.code}\n${res.stdout.slice(-3000)}`);
		const items = nodeItems(res.run, 'Download') as Array<{ json: Record<string, unknown>; binary?: Record<string, { id?: string; data: string; fileSize?: string }> }>;
		expect(items).toHaveLength(10);
		// n8n keeps binary files in ~/.n8n/storage from 2.0 on, in ~/.n8n/binaryData before.
		const storage = path.join(n8n.userFolder, '.n8n', n8n.host.version.startsWith('1.') ? 'binaryData' : 'storage');
		for (const [i, item] of items.entries()) {
			const binary = item.binary?.data;
			expect(binary?.id).toMatch(/^filesystem(-v2)?:/);
			const stored = readFileSync(path.join(storage, String(binary?.id).replace(/^filesystem(-v2)?:/, '')));
			expect(stored.length).toBe(item.json.fileSize);
			const png = PNG.sync.read(stored);
			const [copy] = sandbox.state.assets.filter((entry) => entry.name === `${SKUS[i]}_web` && entry.companyHandle === DEMO.companyHandle);
			expect([png.width, png.height]).toEqual([200, Math.round((200 * (copy.imageInfo?.height ?? 0)) / widthOf(i))]);
		}
	});
});
