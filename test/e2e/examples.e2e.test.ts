/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets */
// The importable workflows in examples/ run as shipped: each file is loaded as `npm start` imports it
// (lib/examples: the demo credential on every Scene7 node, the shipped sandbox URL http://127.0.0.1:8765
// replaced by this run's sandbox, nothing else), then run twice (a second click stays green): the
// manual ones with `n8n execute`, the webhook example published and called over HTTP.
import { decode as decodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';

import { DEMO_CREDENTIAL } from './lib/demo';
import { exampleFiles, isScene7Node, loadExample, readExample, SHIPPED_SANDBOX_URL, WEBHOOK_EXAMPLE } from './lib/examples';
import { CREDENTIAL_TYPE, nodeItems, nodeOutput, NODE_TYPE, RestClient, type RunJson, type WorkflowJson } from './lib/n8n';
import { assetsNamed, DEMO, useSandboxN8n, type Sandbox } from './lib/sandbox';

const OWNER = { email: 'owner@example.com', password: 'E2e-Owner-Passw0rd' };

/** The example as npm start imports it, against this run's sandbox. */
const load = (file: string, sandbox: Sandbox): WorkflowJson => loadExample(file, { credential: DEMO_CREDENTIAL, sandboxUrl: sandbox.url });

/** Names of the nodes that ran, and of those whose run has an error (a green canvas has none). */
function nodeErrors(run: RunJson): string[] {
	return Object.entries(run.data.resultData.runData ?? {})
		.filter(([, runs]) => runs.some((r) => (r as { error?: unknown }).error))
		.map(([name]) => name);
}

describe('examples/ import and run as shipped', () => {
	const e2e = useSandboxN8n('e2e-examples', [DEMO_CREDENTIAL]);

	/** `n8n execute` of an imported example; fails with n8n's output unless every node ran without error. */
	async function executeGreen(workflow: WorkflowJson): Promise<RunJson> {
		const res = await e2e.n8n.execute(workflow.id);
		if (res.run?.status !== 'success' || nodeErrors(res.run).length > 0) {
			throw new Error(`execute ${workflow.id}: ${res.run?.status} ${res.run?.data.resultData.error?.message ?? ''} ${res.run && nodeErrors(res.run)}\n${res.stdout.slice(-2000)}\n${res.stderr.slice(-2000)}`);
		}
		const ran = Object.keys(res.run.data.resultData.runData);
		const runnable = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').map((node) => node.name);
		expect(ran.sort()).toEqual(runnable.sort());
		return res.run;
	}

	test('every example: a workflow JSON with a fixed id, the demo credential on every Scene7 node, the shipped sandbox URL only; npm start imports it unchanged at its default port', () => {
		expect(exampleFiles()).toEqual(['catalog-pipeline.json', 'rows-copy-with-modifiers.json', 'upload-files-pipeline.json', 'webhook-copy-image.json']);
		for (const file of exampleFiles()) {
			const shipped = readExample(file);
			expect(shipped.id).toMatch(/^scene7Ex[A-Za-z0-9]{8}$/);
			expect(shipped.nodes.some((n) => n.type === NODE_TYPE)).toBe(true);
			for (const node of shipped.nodes.filter(isScene7Node)) expect({ node: node.name, credentials: node.credentials }).toEqual({ node: node.name, credentials: { [CREDENTIAL_TYPE]: { ...DEMO_CREDENTIAL } } });
			// A note says what to change for a real Scene7.
			const sticky = shipped.nodes.find((n) => n.type === 'n8n-nodes-base.stickyNote');
			expect(String(sticky?.parameters.content)).toContain('For your Scene7');
			// No address of the sandbox other than the one npm start's default sandbox has.
			const text = JSON.stringify(shipped);
			expect(text).not.toMatch(/example\.com|REPLACE_WITH/);
			for (const url of text.match(/https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?/g) ?? []) expect(['http://localhost:5678', SHIPPED_SANDBOX_URL]).toContain(url);
			// What npm start imports with its default sandbox is the file itself.
			expect(loadExample(file, { credential: DEMO_CREDENTIAL, sandboxUrl: SHIPPED_SANDBOX_URL })).toEqual(shipped);
		}
		// Elsewhere only the sandbox URL and the credential change.
		const moved = loadExample('catalog-pipeline.json', { credential: { id: 'otherCred', name: 'Other' }, sandboxUrl: 'http://127.0.0.1:9999' });
		expect(JSON.stringify(moved)).toContain("'http://127.0.0.1:9999/fixtures/'");
		expect(JSON.stringify(moved)).not.toContain(SHIPPED_SANDBOX_URL);
		expect(moved.nodes.filter(isScene7Node).map((n) => n.credentials)).toEqual(Array(5).fill({ [CREDENTIAL_TYPE]: { id: 'otherCred', name: 'Other' } }));
	});

	test('rows-copy-with-modifiers.json: each row copied into its folder with its modifiers; the bad row goes to Failed; a second run reuses the copies', async () => {
		const { sandbox, n8n } = e2e;
		const workflow = load('rows-copy-with-modifiers.json', sandbox);
		await n8n.importWorkflows([workflow]);
		const run = await executeGreen(workflow);

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

		// Run again (If Name Exists: Use Existing): green, the same copies, nothing copied twice.
		const again = await executeGreen(workflow);
		expect(nodeOutput(again, 'Copied').map((c) => [c.newName, c.assetHandle])).toEqual(copied.map((c) => [c.newName, c.assetHandle]));
		for (const name of Object.keys(expected)) expect(assetsNamed(sandbox, name)).toHaveLength(1);
		expect(nodeOutput(again, 'Failed')).toHaveLength(1);
	});

	test("catalog-pipeline.json: ten images fetched from the sandbox's fixtures, copied, tagged, published and downloaded at 200 px; a second run stays green", async () => {
		const { sandbox, n8n } = e2e;
		const workflow = load('catalog-pipeline.json', sandbox);
		await n8n.importWorkflows([workflow]);
		const skus = Array.from({ length: 10 }, (_, i) => `sku-${String(i + 1).padStart(3, '0')}`);
		for (const round of [1, 2]) {
			const run = await executeGreen(workflow);
			const uploaded = nodeOutput(run, 'Upload from URLs');
			expect(uploaded.map((row) => [row.assetName, row.state])).toEqual(skus.map((sku) => [sku, 'Uploaded']));
			// One job; the same rows again the same day find that job instead of uploading twice.
			const jobs = sandbox.state.jobs.filter((job) => job.type === 'UploadUrlsJob');
			expect(jobs).toHaveLength(1);
			expect(uploaded.map((row) => [row.jobHandle, row.fromEarlierJob])).toEqual(skus.map(() => [jobs[0].jobHandle, round === 2 ? true : undefined]));
			for (const sku of skus) {
				const [original] = assetsNamed(sandbox, sku);
				expect(original).toMatchObject({ folderHandle: 'ApiTestCo/summer/', uploadedFrom: expect.objectContaining({ sourceUrl: `${sandbox.url}/fixtures/${sku}.png` }) });
				expect(assetsNamed(sandbox, `${sku}_web`)).toHaveLength(1);
			}
			expect(nodeOutput(run, 'Copy Image').map((row) => [row.name, row.alreadyExisted])).toEqual(skus.map((sku) => [`${sku}_web`, round === 2]));
			const downloads = nodeItems(run, 'Download') as Array<{ binary?: Record<string, { id?: string; data: string; mimeType: string }> }>;
			expect(downloads).toHaveLength(10);
			for (const item of downloads) {
				expect(item.binary?.data.mimeType).toBe('image/png');
				// The fixtures are 640×480; Download asks for 200 px.
				const png = PNG.sync.read(n8n.binaryBytes(item.binary?.data));
				expect([png.width, png.height]).toEqual([200, 150]);
			}
		}
	});

	test("upload-files-pipeline.json: six PNGs drawn in the workflow are uploaded in one job, copied, published and downloaded at the copy's 300 px; a second run stays green", async () => {
		const { sandbox, n8n } = e2e;
		const workflow = load('upload-files-pipeline.json', sandbox);
		await n8n.importWorkflows([workflow]);
		const run = await executeGreen(workflow);
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
		for (const [i, item] of downloads.entries()) {
			const jpeg = n8n.binaryBytes(item.binary?.data);
			expect(item.binary?.data.mimeType).toBe('image/jpeg');
			// 300 px wide, as the copy's modifier asks.
			const { width, height } = decodeJpeg(jpeg);
			expect([width, height]).toEqual([300, Math.round((360 * 300) / (480 + 40 * i))]);
		}

		const again = await executeGreen(workflow);
		expect(nodeOutput(again, 'Copy Image').map((copy) => [copy.name, copy.alreadyExisted])).toEqual(names.map((name) => [`${name}_web`, true]));
		for (const name of names) expect(assetsNamed(sandbox, name)).toHaveLength(1);
		expect(nodeItems(again, 'Download')).toHaveLength(6);
	});

	test('webhook-copy-image.json: a POST copies the image and answers with the new handle; the same call again reuses it', async () => {
		const { sandbox, n8n } = e2e;
		const workflow = load(WEBHOOK_EXAMPLE.file, sandbox);
		await n8n.importWorkflows([workflow]);
		await n8n.activateWorkflow(workflow.id);
		await n8n.start();
		const rest = new RestClient(n8n.baseUrl);
		await rest.setupOwner(OWNER.email, OWNER.password);
		const webhookPath = (workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook')!.parameters.path as string) ?? '';
		expect(webhookPath).toBe(WEBHOOK_EXAMPLE.path);

		const call = async () => {
			const { status, text } = await n8n.postWebhook(webhookPath, WEBHOOK_EXAMPLE.body);
			expect({ status, text }).toMatchObject({ status: 200 });
			return JSON.parse(text) as Record<string, unknown>;
		};

		const first = await call();
		const copies = assetsNamed(sandbox, WEBHOOK_EXAMPLE.body.newName);
		expect(copies).toHaveLength(1);
		expect(first).toMatchObject({
			assetHandle: copies[0].assetHandle,
			companyHandle: DEMO.companyHandle,
			sourceAssetHandle: DEMO.assetHandle,
			folderHandle: 'ApiTestCo/',
			name: WEBHOOK_EXAMPLE.body.newName,
			urlModifier: WEBHOOK_EXAMPLE.body.urlModifier,
			alreadyExisted: false,
		});
		// If Name Exists → Use Existing: a retried call returns the same copy instead of failing or copying twice.
		const second = await call();
		expect(second).toMatchObject({ assetHandle: copies[0].assetHandle, alreadyExisted: true });
		expect(assetsNamed(sandbox, WEBHOOK_EXAMPLE.body.newName)).toHaveLength(1);
	});
});
