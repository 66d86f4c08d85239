// Issue #22 item 8: `$('Rows').item` in a node after ours resolves to the row the item came from, on
// every leg, exactly as it does after one of n8n's own nodes. On n8n 1.123.x it also shows why the
// 1.x leg runs with task runners on (lib/n8n.ts): with n8n's 1.x defaults the expression is null
// after n8n's own Set node just as after ours, so the cause is n8n's, not the package's.
import { testIf } from '../support/skip';
import { selectedLeg } from './lib/host';
import { N8n, nodeOutput, type RunJson } from './lib/n8n';
import { DEMO, sandboxCredential, startSandbox, type Sandbox } from './lib/sandbox';
import { batchWorkflow, connect, setNode, type BatchRow } from './lib/workflows';

const CRED = { id: 'e2eCredPairing01', name: 'Scene7 sandbox' };
const WORKFLOW_ID = 'e2ePairingRows01';
const ROWS: BatchRow[] = ['Pair_a', 'Pair_b', 'Pair_c'].map((newName, i) => ({
	asset: DEMO.assetHandle,
	folder: DEMO.folderHandle,
	newName,
	modifier: `wid=${100 + i}`,
}));
const ROW_OF = { row: "={{ $('Rows').item.json.newName }}" };

/** Rows → Copy Image → After Scene7, and beside it Rows → Echo (n8n's Set node) → After n8n. */
function pairingWorkflow() {
	const workflow = batchWorkflow(WORKFLOW_ID, CRED, ROWS, {}, 'Scene7: pairing through Copy Image');
	workflow.nodes.push(
		setNode('After Scene7', ROW_OF, [660, 0]),
		setNode('Echo', { echoed: '={{ $json.newName }}' }, [440, 200]),
		setNode('After n8n', ROW_OF, [660, 200]),
	);
	workflow.connections = connect(
		['Manual Trigger', 'Rows'],
		['Rows', 'Copy Image'],
		['Copy Image', 'After Scene7'],
		['Rows', 'Echo'],
		['Echo', 'After n8n'],
	);
	return workflow;
}

async function runIn(n8n: N8n): Promise<RunJson> {
	sandbox.reset();
	await n8n.importCredentials([sandboxCredential(CRED, sandbox)]);
	await n8n.importWorkflows([pairingWorkflow()]);
	const res = await n8n.execute(WORKFLOW_ID);
	if (res.run?.status !== 'success') {
		throw new Error(`execute: rc=${res.code} status=${res.run?.status}: ${res.run?.data.resultData.error?.message}\n${res.stderr.slice(-2000)}`);
	}
	return res.run;
}

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox?.close();
});

test("$('Rows').item after Copy Image is each item's own row, as after n8n's own Set node", async () => {
	const n8n = await N8n.create({ label: 'e2e-pairing' });
	try {
		const run = await runIn(n8n);
		const names = ROWS.map((row) => row.newName);
		expect(nodeOutput(run, 'Copy Image').map((out) => out.name)).toEqual(names);
		expect(nodeOutput(run, 'After Scene7').map((out) => out.row)).toEqual(names);
		expect(nodeOutput(run, 'After n8n').map((out) => out.row)).toEqual(names);
	} finally {
		await n8n.dispose();
	}
});

const leg = selectedLeg().version;
const on1x = testIf(leg.startsWith('1.'), `n8n 1.x only (its defaults without task runners); this leg is n8n ${leg}`);

on1x('n8n 1.x with its defaults (no task runners): null after Copy Image and after n8n\'s own Set node alike', async () => {
	const n8n = await N8n.create({ label: 'e2e-pairing-1x-defaults', env: { N8N_RUNNERS_ENABLED: 'false' } });
	try {
		const run = await runIn(n8n);
		// The copies are made and paired ({ item: i }); only the expression cannot reach the Code node's items.
		expect(nodeOutput(run, 'Copy Image').map((out) => out.name)).toEqual(ROWS.map((row) => row.newName));
		expect(nodeOutput(run, 'After Scene7').map((out) => out.row)).toEqual([null, null, null]);
		expect(nodeOutput(run, 'After n8n').map((out) => out.row)).toEqual([null, null, null]);
	} finally {
		await n8n.dispose();
	}
});
