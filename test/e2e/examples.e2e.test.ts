/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports */
// The importable workflows in examples/ run as shipped: each file is imported into n8n with only its
// credential reference pointed at this run's sandbox credential (the credential carries the sandbox URL),
// then run: the rows example with `n8n execute`, the webhook example published and called over HTTP.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from './lib/host';
import { CREDENTIAL_TYPE, N8n, nodeOutput, NODE_TYPE, RestClient, type WorkflowJson } from './lib/n8n';
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
		expect(files).toEqual(['catalog-pipeline.json', 'rows-copy-with-modifiers.json', 'webhook-copy-image.json']);
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
