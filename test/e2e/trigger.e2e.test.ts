/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports */
// The polling trigger in a real n8n: an active workflow (Scene7 IPS Trigger on a folder → Set) under
// `n8n start`, polling every minute. Changes are made in the sandbox; the executions n8n stored show
// what fired. Bounded: two poll intervals after the activation's first poll, plus start-up.
import { createRequire } from 'node:module';
import path from 'node:path';

import { RestClient, waitFor, type RunJson, type StartedProcess } from './lib/n8n';
import { DEMO, useSandboxN8n } from './lib/sandbox';
import { connect, rl, scene7Node, setNode, workflow } from './lib/workflows';
import { call } from '../sandbox/raw-soap';
import { SEED } from '../sandbox/server';

const CRED = { id: 'e2eCredTrigger01', name: 'Scene7 sandbox' };
const WORKFLOW_ID = 'e2eTriggerPoll01';
const OWNER = { email: 'owner@example.com', password: 'E2e-Owner-Passw0rd' };
const TRIGGER_TYPE = 'n8n-nodes-scene7.scene7IpsTrigger';
/** One poll interval (everyMinute fires once a minute, at a random second) plus time to run and store. */
const ONE_INTERVAL_MS = 90_000;

interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
}

function triggerWorkflow() {
	const parameters = {
		event: 'addedOrModified',
		companyHandle: rl(DEMO.companyHandle),
		folderHandle: rl(SEED.folders.summer),
		filters: {},
		pollTimes: { item: [{ mode: 'everyMinute' }] },
	};
	const trigger = scene7Node('Scene7 IPS Trigger', parameters, CRED, [0, 0], { type: TRIGGER_TYPE });
	const set = setNode('Set', { event: '={{ $json.event }}', name: '={{ $json.name }}', handle: '={{ $json.assetHandle }}' }, [220, 0]);
	return workflow(WORKFLOW_ID, 'Scene7: react to images in summer/', [trigger, set], connect(['Scene7 IPS Trigger', 'Set']));
}

describe('n8n start: Scene7 IPS Trigger polling a folder every minute', () => {
	const e2e = useSandboxN8n('e2e-trigger', [CRED]);
	let server: StartedProcess;
	let rest: RestClient;
	let flatted: { parse: (text: string) => RunJson['data'] };

	const soap = async (operation: string, fields: Array<[string, string]>) => {
		const res = await call(e2e.sandbox.serviceUrl, operation, [['companyHandle', DEMO.companyHandle], ...fields]);
		if (res.status !== 200) throw new Error(`${operation} failed in the sandbox: ${res.body}`);
	};
	const copyInto = async (folder: string, name: string) =>
		await soap('copyImage', [
			['assetHandle', DEMO.assetHandle],
			['folderHandle', folder],
			['name', name],
			['urlModifier', ''],
		]);
	const answeredSearches = () => e2e.sandbox.requests.filter((r) => r.operation === 'searchAssets' && r.status !== undefined);

	/** Every execution of the workflow and the items its Set node output, as "event name handle". */
	const firedEvents = async (): Promise<{ executions: ExecutionSummary[]; events: string[] }> => {
		const list = await rest.ok<{ results: ExecutionSummary[] }>(
			'GET',
			`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }))}`,
		);
		const events: string[] = [];
		for (const summary of list.results) {
			if (!['success', 'error', 'crashed'].includes(summary.status)) continue;
			const execution = await rest.ok<{ data: string; status: string }>('GET', `/rest/executions/${summary.id}`);
			const data = flatted.parse(execution.data);
			const items = data.resultData.runData.Set?.[0]?.data?.main[0] ?? [];
			events.push(...items.map(({ json }) => `${String(json.event)} ${String(json.name)} ${String(json.handle)}`));
		}
		return { executions: list.results, events: events.sort() };
	};

	beforeAll(async () => {
		const { n8n } = e2e;
		await n8n.importWorkflows([triggerWorkflow()]);
		await n8n.activateWorkflow(WORKFLOW_ID);
		server = await n8n.start();
		rest = new RestClient(n8n.baseUrl);
		await rest.setupOwner(OWNER.email, OWNER.password);
		const requireFromHost = createRequire(path.join(n8n.host.installDir, 'node_modules', 'n8n', 'package.json'));
		flatted = requireFromHost('flatted') as typeof flatted;
	});

	test('two added images and one modification fire once each; changes in another folder fire nothing', async () => {
		const { sandbox } = e2e;
		// The activation polls once and remembers the folder as it is: nothing fires for it.
		await waitFor(async () => answeredSearches().length > 0, 60_000, () => `the trigger never searched:\n${server.log().slice(-3000)}`);
		const activationSearch = answeredSearches()[0];
		expect(activationSearch.rawBody).toContain(`<folder>${SEED.folders.summer}</folder>`);
		expect(activationSearch.rawBody).toContain('<sortBy>Modified</sortBy><sortDirection>Descending</sortDirection>');

		await copyInto(SEED.folders.summer, 'trigger-e2e-one');
		await copyInto(SEED.folders.summer, 'trigger-e2e-two');
		// Another folder: a new image and a modified one.
		await copyInto(SEED.folders.uploads, 'trigger-e2e-elsewhere');
		await soap('setUrlModifier', [
			['assetHandle', SEED.assets.saltAndPepper],
			['urlModifier', 'wid=50'],
		]);
		const one = sandbox.state.assets.find((a) => a.name === 'trigger-e2e-one')!;
		const two = sandbox.state.assets.find((a) => a.name === 'trigger-e2e-two')!;
		const added = [`added trigger-e2e-one ${one.assetHandle}`, `added trigger-e2e-two ${two.assetHandle}`].sort();

		let seen: Awaited<ReturnType<typeof firedEvents>> = { executions: [], events: [] };
		await waitFor(
			async () => {
				seen = await firedEvents();
				return seen.events.length >= 2;
			},
			ONE_INTERVAL_MS,
			() => `the added images did not fire within a poll interval: ${JSON.stringify(seen)}\n${server.log().slice(-3000)}`,
			2000,
		);
		expect(seen.events).toEqual(added);

		// Modify one of them after it fired: the next poll reports the modification, and only it.
		await soap('setUrlModifier', [
			['assetHandle', one.assetHandle],
			['urlModifier', 'wid=640'],
		]);
		await waitFor(
			async () => {
				seen = await firedEvents();
				return seen.events.length >= 3;
			},
			ONE_INTERVAL_MS,
			() => `the modification did not fire within a poll interval: ${JSON.stringify(seen)}\n${server.log().slice(-3000)}`,
			2000,
		);
		expect(seen.events).toEqual([...added, `modified trigger-e2e-one ${one.assetHandle}`].sort());
		expect(seen.executions.every((e) => e.status === 'success' && e.mode === 'trigger')).toBe(true);
		// Each poll after the activation searched at least once; the ones that fired ran the workflow.
		expect(answeredSearches().length).toBeGreaterThanOrEqual(3);
		expect(answeredSearches().every((r) => r.outcome === 'ok')).toBe(true);
		expect(server.log()).not.toContain(DEMO.password);
	});
});
