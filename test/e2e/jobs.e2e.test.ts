// Issue #22 in a real n8n against the sandbox: Upload from URLs at catalogue size (2,500 rows, three
// jobs, every log page read, each row its own asset), two rows that would end as one asset, a wait
// that runs out followed by a re-run (one job in all), and a publish queued behind another one.
import { N8n, NODE_TYPE, CREDENTIAL_TYPE, nodeItems, type RunJson, type WorkflowNodeJson } from './lib/n8n';
import { DEMO, startSandbox, type Sandbox } from './lib/sandbox';
import { codeNode, connect, manualTriggerNode, rl, scene7Credential, workflow } from './lib/workflows';

const CRED = { id: 'e2eCredJobs00001', name: 'Scene7 sandbox' };
// A sandbox whose jobs take 5 s a step: the first publish is certainly still running when Get asks.
const SLOW = { id: 'e2eCredJobsSlow1', name: 'Scene7 sandbox (slow jobs)' };

function scene7Node(name: string, parameters: Record<string, unknown>, extra: Partial<WorkflowNodeJson> = {}, credential = CRED): WorkflowNodeJson {
	return {
		id: `00000000-0000-4000-a000-${name.replace(/\W/g, '').slice(0, 12).padStart(12, '0')}`,
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [440, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { ...credential } },
		...extra,
	};
}

const upload = (options: Record<string, unknown> = {}) =>
	scene7Node(
		'Upload',
		{
			resource: 'job',
			operation: 'uploadFromUrls',
			companyHandle: rl(DEMO.companyHandle),
			sourceUrl: '={{ $json.url }}',
			folderHandle: rl('={{ $json.folder }}'),
			fileName: '={{ $json.file }}',
			options,
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
	let slow: Sandbox;
	let n8n: N8n;
	const fixture = (name: string) => `${sandbox.url}/fixtures/${name}`;

	beforeAll(async () => {
		sandbox = await startSandbox({ jobStepMs: 50 });
		slow = await startSandbox({ jobStepMs: 5000 });
		n8n = await N8n.create({ label: 'e2e-jobs' });
		await n8n.importCredentials([
			scene7Credential({ ...CRED, serviceUrl: sandbox.serviceUrl, user: DEMO.user, password: DEMO.password }),
			scene7Credential({ ...SLOW, serviceUrl: slow.serviceUrl, user: DEMO.user, password: DEMO.password }),
		]);
		const many = Array.from({ length: 2500 }, (_, i) => ({ url: fixture(`c${i}.png?w=4&h=4`), file: `cat_${i}.png`, folder: 'ApiTestCo/catalog/' }));
		const colliding = [
			{ url: fixture('front-a.png'), file: 'front.png', folder: 'ApiTestCo/catalog/a/' },
			{ url: fixture('front-b.png'), file: 'front.png', folder: 'ApiTestCo/catalog/b/' },
		];
		const rerun = [1, 2, 3].map((i) => ({ url: fixture(`r${i}.png`), file: `rerun_${i}.png`, folder: 'ApiTestCo/catalog/' }));
		const publish = (name: string) =>
			scene7Node(name, { resource: 'job', operation: 'publish', companyHandle: rl(DEMO.companyHandle), publishType: 'Full', options: { jobName: name } }, {}, SLOW);
		const get = scene7Node('Get', { resource: 'job', operation: 'get', companyHandle: rl(DEMO.companyHandle), jobHandle: '={{ $json.jobHandle }}', options: {} }, {}, SLOW);
		await n8n.importWorkflows([
			rowsWorkflow('e2eJobs2500rows1', many, upload()),
			rowsWorkflow('e2eJobsCollide01', colliding, upload()),
			rowsWorkflow('e2eJobsTimedOut1', rerun, upload({ waitTimeout: 0 })),
			rowsWorkflow('e2eJobsRerun0001', rerun, upload()),
			workflow(
				'e2eJobsQueued001',
				'Scene7: a publish queued behind another',
				[manualTriggerNode(), { ...publish('First'), position: [220, 0] }, { ...publish('Second'), position: [440, 0] }, { ...get, position: [660, 0] }],
				connect(['Manual Trigger', 'First'], ['First', 'Second'], ['Second', 'Get']),
			),
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.close();
		await slow?.close();
	});

	async function run(id: string): Promise<RunJson> {
		const res = await n8n.execute(id);
		if (res.code !== 0 || res.run?.status !== 'success') throw new Error(`execute ${id}: rc=${res.code}\n${res.stdout.slice(-3000)}\n${res.stderr.slice(-2000)}`);
		return res.run;
	}
	const outputs = (runJson: RunJson, node: string) => nodeItems(runJson, node).map((item) => item.json as Record<string, unknown>);

	test('2,500 rows: three jobs (1,000, 1,000, 500 files), each row its own asset', async () => {
		sandbox.reset();
		const rows = outputs(await run('e2eJobs2500rows1'), 'Upload');
		expect(sandbox.state.jobs.map((job) => job.upload?.urls.length)).toEqual([1000, 1000, 500]);
		expect(rows).toHaveLength(2500);
		const byName = new Map(sandbox.state.assets.map((asset) => [asset.name, asset.assetHandle]));
		const wrong = rows.filter((row, i) => row.state !== 'Uploaded' || !row.assetHandle || row.assetHandle !== byName.get(`cat_${i}`));
		expect(wrong).toEqual([]);
		expect(new Set(rows.map((row) => row.assetHandle)).size).toBe(2500);
	});

	test('two rows with one file name in two folders: the second is an error naming the first, one file is sent', async () => {
		sandbox.reset();
		const rows = outputs(await run('e2eJobsCollide01'), 'Upload');
		expect(rows[0]).toMatchObject({ state: 'Uploaded', destPath: 'ApiTestCo/catalog/a/front.png' });
		expect(rows[1].error).toBe(
			"'front.png' would be uploaded as asset 'front', the name item 0 of this run already uploads ('ApiTestCo/catalog/a/front.png') [item 1]",
		);
		expect(sandbox.state.jobs.map((job) => job.upload?.urls.length)).toEqual([1]);
	});

	test('a wait that runs out, then a re-run of the same rows: one job, the re-run gets its assets', async () => {
		sandbox.reset();
		const first = outputs(await run('e2eJobsTimedOut1'), 'Upload');
		expect(first.map((row) => row.timedOut)).toEqual([true, true, true]);
		const again = outputs(await run('e2eJobsRerun0001'), 'Upload');
		expect(sandbox.state.jobs).toHaveLength(1);
		expect(again.map((row) => [row.jobHandle, row.state, row.fromEarlierJob])).toEqual(
			[0, 1, 2].map(() => [sandbox.state.jobs[0].jobHandle, 'Uploaded', true]),
		);
		expect(sandbox.requests.filter((request) => request.operation === 'submitJob')).toHaveLength(1);
	});

	test('a publish queued behind another is found by Job → Get as Queued', async () => {
		const runJson = await run('e2eJobsQueued001');
		const [second] = outputs(runJson, 'Second');
		expect(outputs(runJson, 'Get')).toEqual([expect.objectContaining({ jobHandle: second.jobHandle, jobName: 'Second', state: 'Queued' })]);
	});
});
