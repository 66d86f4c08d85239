// Issue #23 in a real n8n, in its default and its filesystem binary mode (the only one n8n 3 has):
// 20 PNG and JPEG files an HTTP Request node downloads (as a workflow holds files) → Upload Files →
// Publish → Download. Every row its own asset, one upload job, each downloaded image the size of
// the uploaded one; a file over Scene7's maximum and a file that is no image fail only their rows.
import { PNG } from 'pngjs';

import { nodeItems, nodeOutput, type RunJson, type WorkflowNodeJson } from './lib/n8n';
import { DEMO, useSandboxN8n } from './lib/sandbox';
import { codeNode, connect, manualTriggerNode, scene7Node, setNode, workflow } from './lib/workflows';

const CRED = { id: 'e2eCredUpload001', name: 'Scene7 sandbox' };
const MAX_FILE_SIZE = 400_000;
// 20 images: PNGs and JPEGs of sizes of their own; then one over the maximum, one that is no image.
const IMAGES = Array.from({ length: 20 }, (_, i) => {
	const format = i % 4 === 3 ? 'jpg' : 'png';
	return { name: `upl_${String(i).padStart(2, '0')}`, format, width: 60 + 7 * i, height: 40 + 3 * i };
});
const BIG = { name: 'upl_big', file: 'upl_big.png', query: 'noise=1&w=900&h=700' };
const NOT_AN_IMAGE = { name: 'upl_broken', file: 'upl_broken.png' };

const rowsCode = (base: string) => {
	const rows = [
		...IMAGES.map((image) => ({ url: `${base}/fixtures/${image.name}.${image.format}?w=${image.width}&h=${image.height}`, file: `${image.name}.${image.format}` })),
		{ url: `${base}/fixtures/${BIG.name}.png?${BIG.query}`, file: BIG.file },
		{ url: `${base}/fixtures/broken.png`, file: NOT_AN_IMAGE.file },
	];
	return `return ${JSON.stringify(rows)}.map((row) => ({ json: row }));`;
};

const scene7 = (name: string, parameters: Record<string, unknown>, position: [number, number], extra: Partial<WorkflowNodeJson> = {}) =>
	scene7Node(name, parameters, CRED, position, { typeVersion: 2, ...extra });

const company = { __rl: true, mode: 'name', value: 'ApiTestCo' };

/** Rows → Fetch → Upload Files → Publish → Download; failed rows go to a Set node. */
function uploadWorkflow(id: string, base: string) {
	const fetchNode: WorkflowNodeJson = {
		id: `e2e-upload-fetch-${id}`,
		name: 'Fetch',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [440, 0],
		parameters: { method: 'GET', url: '={{ $json.url }}', options: { response: { response: { responseFormat: 'file' } } } },
	};
	return workflow(
		id,
		'Scene7: upload files (e2e)',
		[
			manualTriggerNode(),
			codeNode('Rows', rowsCode(base), [220, 0]),
			fetchNode,
			scene7(
				'Upload Files',
				{
					resource: 'job',
					operation: 'uploadFiles',
					companyHandle: company,
					binaryPropertyName: 'data',
					folderHandle: { __rl: true, mode: 'path', value: 'ApiTestCo/uploads/' },
					fileName: "={{ $('Rows').item.json.file }}",
					options: {},
				},
				[660, 0],
				{ onError: 'continueErrorOutput' },
			),
			scene7('Publish', { resource: 'job', operation: 'publish', companyHandle: company, publishType: 'Incremental', options: { waitForCompletion: true } }, [880, -100]),
			scene7(
				'Download',
				{ resource: 'image', operation: 'download', companyHandle: company, assetHandle: { __rl: true, mode: 'id', value: "={{ $('Upload Files').item.json.assetHandle }}" }, urlModifier: 'fmt=png', options: {} },
				[1100, -100],
			),
			setNode('Failed', { file: "={{ $('Rows').item.json.file }}", problem: '={{ $json.error }}' }, [880, 100]),
		],
		connect(
			['Manual Trigger', 'Rows'],
			['Rows', 'Fetch'],
			['Fetch', 'Upload Files'],
			['Upload Files', 'Publish', 0],
			['Upload Files', 'Failed', 1],
			['Publish', 'Download'],
		),
	);
}

type BinaryRef = { id?: string; data: string; fileSize?: string };

describe.each([
	['default', 'the default (in-memory) binary mode'],
	['filesystem', 'the filesystem binary mode'],
])('n8n CLI: Upload Files in %s binary mode (issue #23)', (mode, label) => {
	const WORKFLOW_ID = `e2eUpload${mode === 'default' ? 'Def' : 'Fsm'}0001`.slice(0, 16);
	const e2e = useSandboxN8n(`e2e-upload-${mode}`, [CRED], { sandbox: { jobStepMs: 50, uploadMaxFileSize: MAX_FILE_SIZE }, env: { N8N_DEFAULT_BINARY_DATA_MODE: mode } });

	beforeAll(async () => {
		await e2e.n8n.importWorkflows([uploadWorkflow(WORKFLOW_ID, e2e.sandbox.url)]);
	});

	test(`${label}: 20 files in one job, each row its own asset, each download the uploaded image's size; the big and the broken file fail alone`, async () => {
		const { sandbox, n8n } = e2e;
		const res = await n8n.execute(WORKFLOW_ID);
		if (res.run?.status !== 'success') throw new Error(`execute: rc=${res.code} ${res.run?.data.resultData.error?.message}\n${res.stderr.slice(-2000)}`);
		const run: RunJson = res.run;
		// In filesystem mode the files reach Upload Files as references to n8n's store (which it
		// streams from); in the default mode as base64 in the items.
		const fetched = nodeItems(run, 'Fetch') as Array<{ binary?: Record<string, BinaryRef> }>;
		expect(fetched.every((item) => (mode === 'filesystem' ? /^filesystem/.test(String(item.binary?.data.id)) : item.binary?.data.id === undefined))).toBe(true);
		const uploadJobs = sandbox.state.jobs.filter((job) => job.type === 'UploadPostJob');
		expect(uploadJobs).toHaveLength(1);
		expect(uploadJobs[0].uploadPost?.endedBy).toBe('endJob');

		const uploaded = nodeItems(run, 'Upload Files', 0).map((item) => item.json);
		expect(uploaded.map((row) => row.assetName)).toEqual(IMAGES.map((image) => image.name));
		for (const row of uploaded) {
			const [asset] = sandbox.state.assets.filter((entry) => entry.name === row.assetName && entry.companyHandle === DEMO.companyHandle);
			expect(row).toMatchObject({ state: 'Uploaded', assetHandle: asset.assetHandle, jobHandle: uploadJobs[0].jobHandle, folder: 'ApiTestCo/uploads/' });
		}
		expect(nodeOutput(run, 'Failed')).toEqual([
			{ file: BIG.file, problem: expect.stringMatching(/^The file 'upl_big\.png' is [\d,]+ bytes \([\d.]+ MB\), more than the 400,000 bytes \(0\.4 MB\) Scene7 takes in one upload/) },
			{ file: NOT_AN_IMAGE.file, problem: expect.stringMatching(/^Scene7 could not upload 'upl_broken\.png': /) },
		]);
		// The big file never left n8n; the broken one did and Scene7 refused it.
		const sentFiles = uploadJobs[0].uploadPost?.files.map((file) => file.fileName) ?? [];
		expect(sentFiles).not.toContain(BIG.file);
		expect(sentFiles).toContain(NOT_AN_IMAGE.file);

		const downloads = nodeItems(run, 'Download') as Array<{ json: Record<string, unknown>; binary?: Record<string, BinaryRef> }>;
		expect(downloads).toHaveLength(IMAGES.length);
		for (const [i, item] of downloads.entries()) {
			const bytes = n8n.binaryBytes(item.binary?.data);
			expect(bytes.length).toBe(item.json.fileSize);
			const png = PNG.sync.read(bytes);
			expect([png.width, png.height]).toEqual([IMAGES[i].width, IMAGES[i].height]);
		}
	});
});
