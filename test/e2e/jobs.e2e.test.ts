// Issue #22 in a real n8n against the sandbox: Upload from URLs at catalogue size (2,500 rows, three
// jobs, every log page read, each row its own asset). Colliding names, a wait that runs out and a
// publish queued behind another are tested through the engine (test/integration/operations/job.test.ts).
import { nodeOutput } from './lib/n8n';
import { DEMO, useSandboxN8n } from './lib/sandbox';
import { rl, rowsWorkflow, scene7Node } from './lib/workflows';

const CRED = { id: 'e2eCredJobs00001', name: 'Scene7 sandbox' };

const upload = () =>
	scene7Node(
		'Upload',
		{
			resource: 'job',
			operation: 'uploadFromUrls',
			companyHandle: rl(DEMO.companyHandle),
			sourceUrl: '={{ $json.url }}',
			folderHandle: rl('={{ $json.folder }}'),
			fileName: '={{ $json.file }}',
			options: {},
		},
		CRED,
		[440, 0],
		{ onError: 'continueRegularOutput' },
	);

describe('n8n CLI: jobs at catalogue size (issue #22)', () => {
	const e2e = useSandboxN8n('e2e-jobs', [CRED], { sandbox: { jobStepMs: 50 } });

	beforeAll(async () => {
		const many = Array.from({ length: 2500 }, (_, i) => ({ url: `${e2e.sandbox.url}/fixtures/c${i}.png?w=4&h=4`, file: `cat_${i}.png`, folder: 'ApiTestCo/catalog/' }));
		await e2e.n8n.importWorkflows([rowsWorkflow('e2eJobs2500rows1', 'Scene7: e2eJobs2500rows1', many, upload())]);
	});

	test('2,500 rows: three jobs (1,000, 1,000, 500 files), each row its own asset', async () => {
		const { sandbox } = e2e;
		sandbox.reset();
		const rows = nodeOutput(await e2e.n8n.executeOk('e2eJobs2500rows1'), 'Upload');
		expect(sandbox.state.jobs.map((job) => job.upload?.urls.length)).toEqual([1000, 1000, 500]);
		expect(rows).toHaveLength(2500);
		const byName = new Map(sandbox.state.assets.map((asset) => [asset.name, asset.assetHandle]));
		const wrong = rows.filter((row, i) => row.state !== 'Uploaded' || !row.assetHandle || row.assetHandle !== byName.get(`cat_${i}`));
		expect(wrong).toEqual([]);
		expect(new Set(rows.map((row) => row.assetHandle)).size).toBe(2500);
	});
});
