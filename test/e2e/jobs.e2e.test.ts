// Issue #22 in a real n8n against the sandbox: Upload from URLs at catalogue size (2,500 rows, three
// jobs, every log page read, each row its own asset). Colliding names, a wait that runs out and a
// publish queued behind another are tested through the engine (test/integration/operations/job.test.ts).
import { N8n, NODE_TYPE, CREDENTIAL_TYPE, nodeItems, type RunJson, type WorkflowNodeJson } from './lib/n8n';
import { DEMO, startSandbox, type Sandbox } from './lib/sandbox';
import { codeNode, connect, manualTriggerNode, rl, scene7Credential, workflow } from './lib/workflows';

const CRED = { id: 'e2eCredJobs00001', name: 'Scene7 sandbox' };

function scene7Node(name: string, parameters: Record<string, unknown>, extra: Partial<WorkflowNodeJson> = {}): WorkflowNodeJson {
	return {
		id: `00000000-0000-4000-a000-${name.replace(/\W/g, '').slice(0, 12).padStart(12, '0')}`,
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [440, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { ...CRED } },
		...extra,
	};
}

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
		{ onError: 'continueRegularOutput' },
	);

/** Manual Trigger → Code (the rows) → the Scene7 node. */
function rowsWorkflow(id: string, rows: unknown[], node: WorkflowNodeJson) {
	const code = `return ${JSON.stringify(rows)}.map((json) => ({ json }));`;
	return workflow(id, `Scene7: ${id}`, [manualTriggerNode(), codeNode('Rows', code, [220, 0]), node], connect(['Manual Trigger', 'Rows'], ['Rows', node.name]));
}

describe('n8n CLI: jobs at catalogue size (issue #22)', () => {
	let sandbox: Sandbox;
	let n8n: N8n;
	const fixture = (name: string) => `${sandbox.url}/fixtures/${name}`;

	beforeAll(async () => {
		sandbox = await startSandbox({ jobStepMs: 50 });
		n8n = await N8n.create({ label: 'e2e-jobs' });
		await n8n.importCredentials([
			scene7Credential({ ...CRED, serviceUrl: sandbox.serviceUrl, user: DEMO.user, password: DEMO.password }),
		]);
		const many = Array.from({ length: 2500 }, (_, i) => ({ url: fixture(`c${i}.png?w=4&h=4`), file: `cat_${i}.png`, folder: 'ApiTestCo/catalog/' }));
		await n8n.importWorkflows([rowsWorkflow('e2eJobs2500rows1', many, upload())]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.close();
	});

	const outputs = (runJson: RunJson, node: string) => nodeItems(runJson, node).map((item) => item.json as Record<string, unknown>);

	test('2,500 rows: three jobs (1,000, 1,000, 500 files), each row its own asset', async () => {
		sandbox.reset();
		const rows = outputs(await n8n.executeOk('e2eJobs2500rows1'), 'Upload');
		expect(sandbox.state.jobs.map((job) => job.upload?.urls.length)).toEqual([1000, 1000, 500]);
		expect(rows).toHaveLength(2500);
		const byName = new Map(sandbox.state.assets.map((asset) => [asset.name, asset.assetHandle]));
		const wrong = rows.filter((row, i) => row.state !== 'Uploaded' || !row.assetHandle || row.assetHandle !== byName.get(`cat_${i}`));
		expect(wrong).toEqual([]);
		expect(new Set(rows.map((row) => row.assetHandle)).size).toBe(2500);
	});
});
