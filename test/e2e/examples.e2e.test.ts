/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports */
// The importable workflows in examples/ run as shipped: each file is imported into n8n with only its
// credential reference pointed at this run's sandbox credential (the credential carries the sandbox URL),
// then run: the rows example with `n8n execute`, the webhook example published and called over HTTP.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { decode as decodeJpeg } from 'jpeg-js';

import { REPO_ROOT } from './lib/host';
import { CREDENTIAL_TYPE, N8n, nodeItems, nodeOutput, NODE_TYPE, RestClient, type WorkflowJson } from './lib/n8n';
import { assetsNamed, DEMO, startSandbox, type Sandbox } from './lib/sandbox';
import { scene7Credential } from './lib/workflows';

const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const CRED = { id: 'e2eCredExample01', name: 'Scene7 sandbox' };
const OWNER = { email: 'owner@example.com', password: 'E2e-Owner-Passw0rd' };

/** The example as a user imports it, with its Scene7 nodes' credential pointed at this run's. */
function loadExample(file: string): WorkflowJson {
	const workflow = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
	for (const node of workflow.nodes) {
		if (node.type !== NODE_TYPE) continue;
		expect(Object.keys(node.credentials ?? {})).toEqual([CREDENTIAL_TYPE]);
		node.credentials = { [CREDENTIAL_TYPE]: { ...CRED } };
	}
	return workflow;
}

describe('examples/ import and run', () => {
	let sandbox: Sandbox;
	let n8n: N8n;

	beforeAll(async () => {
		sandbox = await startSandbox();
		n8n = await N8n.create({ label: 'e2e-examples' });
		await n8n.importCredentials([
			scene7Credential({ ...CRED, serviceUrl: sandbox.serviceUrl, user: DEMO.user, password: DEMO.password }),
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.close();
	});

	test('every example is a workflow JSON with the Scene7 node, and this file (or pipeline.e2e) tests each', () => {
		const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort();
		// catalog-pipeline.json runs step by step in pipeline.e2e.test.ts.
		expect(files).toEqual(['catalog-pipeline.json', 'rows-copy-with-modifiers.json', 'upload-files-pipeline.json', 'webhook-copy-image.json']);
		for (const file of files) {
			const workflow = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
			expect(workflow.id).toHaveLength(16);
			expect(workflow.nodes.some((n) => n.type === NODE_TYPE)).toBe(true);
		}
	});

	test('rows-copy-with-modifiers.json: each row copied into its folder with its modifiers; the bad row goes to Failed', async () => {
		const workflow = loadExample('rows-copy-with-modifiers.json');
		await n8n.importWorkflows([workflow]);
		const res = await n8n.execute(workflow.id);
		expect(res.run?.status).toBe('success');
		const run = res.run!;

		const copied = nodeOutput(run, 'Copied');
		expect(copied.map((c) => c.newName)).toEqual(['macbookwin1_800', 'summer-hero_thumb', 'spring-look-book_1200']);
		const expected: Record<string, { source: string; folder: string; modifier: string }> = {
			macbookwin1_800: { source: 'macbookwin1', folder: 'ApiTestCo/summer/', modifier: 'wid=800&fmt=jpg&qlt=85' },
			'summer-hero_thumb': { source: 'summer-hero', folder: 'ApiTestCo/summer/sale/', modifier: 'wid=200&fmt=png&qlt=90' },
			'spring-look-book_1200': { source: 'Spring Look Book', folder: 'ApiTestCo/uploads/', modifier: 'wid=1200&fmt=jpg&qlt=80' },
		};
		for (const item of copied) {
			const want = expected[item.newName as string];
			const inSandbox = assetsNamed(sandbox, item.newName as string);
			expect(inSandbox).toHaveLength(1);
			const source = assetsNamed(sandbox, want.source);
			expect(source).toHaveLength(1);
			expect(item).toEqual({ newName: item.newName, assetHandle: inSandbox[0].assetHandle, urlModifier: want.modifier });
			expect(inSandbox[0].folderHandle).toBe(want.folder);
			expect(inSandbox[0].copiedFrom).toMatchObject({ assetHandle: source[0].assetHandle, urlModifier: want.modifier });
		}

		const failed = nodeOutput(run, 'Failed');
		expect(failed).toHaveLength(1);
		expect(failed[0].row).toBe('never_copied');
		expect(String(failed[0].problem)).toContain('no-such-image');
		expect(assetsNamed(sandbox, 'never_copied')).toHaveLength(0);
	});

	test("upload-files-pipeline.json: six PNGs drawn in the workflow are uploaded in one job, copied, published and downloaded at the copy's 300 px", async () => {
		const workflow = loadExample('upload-files-pipeline.json');
		await n8n.importWorkflows([workflow]);
		const res = await n8n.execute(workflow.id);
		if (res.run?.status !== 'success') throw new Error(`execute: ${res.run?.data.resultData.error?.message}\n${res.stderr.slice(-2000)}`);
		const run = res.run;
		const names = Array.from({ length: 6 }, (_, i) => `photo-${String(i + 1).padStart(3, '0')}`);
		expect(sandbox.state.jobs.filter((job) => job.type === 'UploadPostJob')).toHaveLength(1);
		const uploaded = nodeOutput(run, 'Upload Files');
		expect(uploaded.map((row) => [row.assetName, row.state])).toEqual(names.map((name) => [name, 'Uploaded']));
		for (const [i, name] of names.entries()) {
			const [original] = assetsNamed(sandbox, name);
			expect(original).toMatchObject({ folderHandle: 'ApiTestCo/uploads/', imageInfo: expect.objectContaining({ width: 480 + 40 * i, height: 360 }) });
			expect(uploaded[i].assetHandle).toBe(original.assetHandle);
		}
		const copies = nodeOutput(run, 'Copy Image');
		expect(copies.map((copy) => copy.name)).toEqual(names.map((name) => `${name}_web`));
		const downloads = nodeItems(run, 'Download') as Array<{ binary?: Record<string, { id?: string; data: string; mimeType: string }> }>;
		expect(downloads).toHaveLength(6);
		// In the item, or (n8n's filesystem mode) in its storage: ~/.n8n/storage from 2.0 on, binaryData before.
		const storage = path.join(n8n.userFolder, '.n8n', n8n.host.version.startsWith('1.') ? 'binaryData' : 'storage');
		const bytesOf = (binary?: { id?: string; data: string }) =>
			binary?.id ? readFileSync(path.join(storage, binary.id.replace(/^filesystem(-v2)?:/, ''))) : Buffer.from(String(binary?.data), 'base64');
		for (const [i, item] of downloads.entries()) {
			const jpeg = bytesOf(item.binary?.data);
			expect(item.binary?.data.mimeType).toBe('image/jpeg');
			// 300 px wide, as the copy's modifier asks.
			const { width, height } = decodeJpeg(jpeg);
			expect([width, height]).toEqual([300, Math.round((360 * 300) / (480 + 40 * i))]);
		}
	});

	test('webhook-copy-image.json: a POST copies the image and answers with the new handle; the same call again reuses it', async () => {
		const workflow = loadExample('webhook-copy-image.json');
		await n8n.importWorkflows([workflow]);
		await n8n.activateWorkflow(workflow.id);
		await n8n.start();
		const rest = new RestClient(n8n.baseUrl);
		await rest.setupOwner(OWNER.email, OWNER.password);
		const webhookPath = (workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook')!.parameters.path as string) ?? '';
		expect(webhookPath).toBe('scene7-copy-image');

		const call = async () => {
			const { status, text } = await n8n.postWebhook(webhookPath, {
				company: 'ApiTestCo',
				image: 'macbookwin1',
				folder: 'ApiTestCo/',
				newName: 'Webhook_example_copy',
				urlModifier: 'wid=640&fmt=png',
			});
			expect({ status, text }).toMatchObject({ status: 200 });
			return JSON.parse(text) as Record<string, unknown>;
		};

		const first = await call();
		const copies = assetsNamed(sandbox, 'Webhook_example_copy');
		expect(copies).toHaveLength(1);
		expect(first).toMatchObject({
			assetHandle: copies[0].assetHandle,
			companyHandle: DEMO.companyHandle,
			sourceAssetHandle: DEMO.assetHandle,
			folderHandle: 'ApiTestCo/',
			name: 'Webhook_example_copy',
			urlModifier: 'wid=640&fmt=png',
			alreadyExisted: false,
		});
		// If Name Exists → Use Existing: a retried call returns the same copy instead of failing or copying twice.
		const second = await call();
		expect(second).toMatchObject({ assetHandle: copies[0].assetHandle, alreadyExisted: true });
		expect(assetsNamed(sandbox, 'Webhook_example_copy')).toHaveLength(1);
	});
});
