/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets */
// Headless runs through the real n8n CLI: `import:credentials`, `import:workflow`, `execute --id --rawOutput`,
// against the IPS sandbox running in this process. One user folder for the whole file.
import { nodeItems, nodeOutput } from './lib/n8n';
import { assetNamed, assetsNamed, DEMO, requestsFor, sandboxCredential, useSandboxN8n } from './lib/sandbox';
import { batchWorkflow, DOCS_EXAMPLE, docsExampleWorkflow, type BatchRow } from './lib/workflows';

const GOOD = { id: 'e2eCredSandbox01', name: 'Scene7 sandbox' };
const BAD = { id: 'e2eCredWrongPw01', name: 'Scene7 wrong password' };
const WRONG_PASSWORD = 'Wr0ng-P4ss-e2e-§';

const WF = {
	docs: 'e2eDocsExample01',
	parallel: 'e2eBatchParall01',
	errorOutput: 'e2eErrorOutput01',
	wrongPassword: 'e2eWrongPasswd01',
};

const PARALLEL_ROWS: BatchRow[] = Array.from({ length: 25 }, (_, i) => ({
	asset: DEMO.assetHandle,
	folder: DEMO.folderHandle,
	newName: `Parallel_${String(i + 1).padStart(2, '0')}_macbookwin1`,
	modifier: `wid=${100 + i}&fmt=jpg`,
}));

/** Rows with two bad ones: index 1 has an empty name (refused by the node), index 3 an unknown asset (fault from Scene7). */
const MIXED_ROWS: BatchRow[] = [
	{ asset: DEMO.assetHandle, folder: DEMO.folderHandle, newName: 'EOut_ok_1', modifier: 'wid=10' },
	{ asset: DEMO.assetHandle, folder: DEMO.folderHandle, newName: '', modifier: 'wid=11' },
	{ asset: DEMO.assetHandle, folder: DEMO.folderHandle, newName: 'EOut_ok_2', modifier: 'wid=12' },
	{ asset: 'a|739|1|99999', folder: DEMO.folderHandle, newName: 'EOut_unknown', modifier: 'wid=13' },
	{ asset: DEMO.assetHandle, folder: DEMO.folderHandle, newName: 'EOut_ok_3', modifier: 'wid=14' },
];

const pairedIndex = (item: { pairedItem?: unknown }) => (item.pairedItem as { item: number }).item;

describe('n8n CLI (headless) with the Scene7 IPS node', () => {
	// Random answer delays (only while a test turns them on) make concurrent calls finish out of order.
	let jitterMs = 0;
	const e2e = useSandboxN8n('e2e-headless', [GOOD], { sandbox: { latencyMs: () => Math.random() * jitterMs } });

	beforeAll(async () => {
		await e2e.n8n.importCredentials([sandboxCredential(BAD, e2e.sandbox, WRONG_PASSWORD)]);
		await e2e.n8n.importWorkflows([
			docsExampleWorkflow(WF.docs, GOOD),
			batchWorkflow(WF.parallel, GOOD, PARALLEL_ROWS, {}, 'batch copy, 5 at a time', { concurrency: 5 }),
			batchWorkflow(WF.errorOutput, GOOD, MIXED_ROWS, { onError: 'continueErrorOutput' }, 'continue (error output)'),
			docsExampleWorkflow(WF.wrongPassword, BAD, { ...DOCS_EXAMPLE, name: 'Never_created' }),
		]);
	});

	test('Manual Trigger → Copy Image (docs example) → Set reads the new handle', async () => {
		const { sandbox, n8n } = e2e;
		const before = sandbox.requests.length;
		const run = await n8n.executeOk(WF.docs);

		const out = nodeOutput(run, 'Copy Image');
		expect(out).toHaveLength(1);
		const copy = assetNamed(sandbox, DOCS_EXAMPLE.name);
		expect(out[0]).toEqual({
			assetHandle: copy.assetHandle,
			companyHandle: 'c|6',
			sourceAssetHandle: 'a|739|1|537',
			folderHandle: 'ApiTestCo/',
			name: 'Copy_macbookwin1',
			urlModifier: 'wid=800&fmt=jpg',
			alreadyExisted: false,
			imageUrl: `${sandbox.url}/is/image/ApiTestCo/Copy_macbookwin1`,
			imageUrlWithModifier: `${sandbox.url}/is/image/ApiTestCo/Copy_macbookwin1?wid=800&fmt=jpg`,
		});
		expect(out[0].assetHandle).toMatch(/^a\|/);
		expect(out[0].assetHandle).not.toBe(DEMO.assetHandle);

		// The Set node read it through {{ $json.assetHandle }}.
		expect(nodeOutput(run, 'Use Handle')).toEqual([{ copiedHandle: copy.assetHandle, copiedName: 'Copy_macbookwin1' }]);

		// What the sandbox received and did.
		const calls = requestsFor(sandbox, 'copyImage', before);
		expect(calls).toHaveLength(1);
		expect(calls[0].outcome).toBe('ok');
		expect(calls[0].user).toBe(DEMO.user);
		expect(calls[0].rawBody).toContain('a|739|1|537');
		expect(calls[0].rawBody).toContain('>Copy_macbookwin1<');
		expect(calls[0].rawBody).toContain('wid=800&amp;fmt=jpg');
		expect(copy.folderHandle).toBe('ApiTestCo/');
		expect(copy.copiedFrom).toMatchObject({ assetHandle: 'a|739|1|537', urlModifier: 'wid=800&fmt=jpg', by: DEMO.user });
	});

	test('batch: 25 rows from a Code node mapped by expressions, Options → Concurrency 5: 25 copies, outputs in row order', async () => {
		const { sandbox, n8n } = e2e;
		const before = sandbox.requests.length;
		jitterMs = 150;
		const run = await n8n.executeOk(WF.parallel).finally(() => (jitterMs = 0));

		const out = nodeOutput(run, 'Copy Image');
		expect(out.map((o) => o.name)).toEqual(PARALLEL_ROWS.map((r) => r.newName));
		expect(out.map((o) => o.urlModifier)).toEqual(PARALLEL_ROWS.map((r) => r.modifier));
		expect(out.map((o) => o.assetHandle)).toEqual(PARALLEL_ROWS.map((r) => assetNamed(sandbox, r.newName).assetHandle));
		expect(nodeItems(run, 'Copy Image').map(pairedIndex)).toEqual(PARALLEL_ROWS.map((_, i) => i));
		expect(requestsFor(sandbox, 'copyImage', before)).toHaveLength(25);
		for (const row of PARALLEL_ROWS) expect(assetNamed(sandbox, row.newName).copiedFrom?.urlModifier).toBe(row.modifier);
	});

	// The same rows with On Error: Continue (regular output), and the legacy continueOnFail, give one item per
	// input with the errors in place: test/integration/continue-on-fail.test.ts ("a batch with good and bad rows").
	test('On Error: Continue (using error output) sends the bad rows to the error branch', async () => {
		const { sandbox, n8n } = e2e;
		const before = sandbox.requests.length;
		const run = await n8n.executeOk(WF.errorOutput);

		const ok = nodeItems(run, 'Copy Image', 0);
		const failed = nodeItems(run, 'Copy Image', 1);
		expect(ok.map(pairedIndex)).toEqual([0, 2, 4]);
		expect(ok.map((i) => i.json.name)).toEqual(['EOut_ok_1', 'EOut_ok_2', 'EOut_ok_3']);
		expect(ok.map((i) => i.json.assetHandle)).toEqual([1, 2, 3].map((n) => assetNamed(sandbox, `EOut_ok_${n}`).assetHandle));
		expect(failed.map(pairedIndex)).toEqual([1, 3]);
		expect(failed[0].json.error).toBe('New Name is empty [item 1]');
		expect(String(failed[1].json.error)).toContain('a|739|1|99999');

		// Both branches ran on their items.
		expect(nodeOutput(run, 'Copied').map((o) => o.handle)).toEqual(ok.map((i) => i.json.assetHandle));
		// `$("Rows").item` follows the error items' pairing back to their rows.
		expect(nodeOutput(run, 'Failed')).toEqual([
			{ problem: 'New Name is empty [item 1]', row: '' },
			{ problem: failed[1].json.error, row: 'EOut_unknown' },
		]);
		// Row 1 (empty name) never reaches Scene7; row 3 (unknown asset) is refused by it; the others are copied.
		const calls = requestsFor(sandbox, 'copyImage', before);
		expect(calls).toHaveLength(4);
		const faults = calls.filter((c) => c.outcome === 'fault');
		expect(faults).toHaveLength(1);
		expect(faults[0].rawBody).toContain('a|739|1|99999');
		expect(calls.filter((c) => c.outcome === 'ok')).toHaveLength(3);
		for (const n of [1, 2, 3]) expect(assetsNamed(sandbox, `EOut_ok_${n}`)).toHaveLength(1);
		expect(assetsNamed(sandbox, 'EOut_unknown')).toHaveLength(0);
	});

	test('wrong password: the execution fails with the readable message and never prints the password', async () => {
		const { sandbox, n8n } = e2e;
		const before = sandbox.requests.length;
		const res = await n8n.execute(WF.wrongPassword);

		expect(res.code).not.toBe(0);
		expect(res.run?.status).toBe('error');
		const error = res.run?.data.resultData.error;
		expect(error?.message).toContain('Scene7 rejected the user name or password');
		expect(`${error?.message} ${error?.description ?? ''}`).toContain('10001');
		const nodeRun = res.run?.data.resultData.runData['Copy Image']?.[0];
		expect(nodeRun?.error?.message).toContain('Scene7 rejected the user name or password');

		// The password went to Scene7 (escaped in XML), and nowhere else.
		const calls = requestsFor(sandbox, 'copyImage', before);
		expect(calls).toHaveLength(1);
		expect(calls[0].faultCode).toBe(10001);
		expect(calls[0].rawBody).toContain('Wr0ng-P4ss-e2e-§');
		expect(res.stdout).not.toContain(WRONG_PASSWORD);
		expect(res.stderr).not.toContain(WRONG_PASSWORD);
		expect(JSON.stringify(res.run)).not.toContain(WRONG_PASSWORD);
		expect(assetsNamed(sandbox, 'Never_created')).toHaveLength(0);
	});
});
