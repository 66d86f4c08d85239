// Issue #7 in a real n8n: Search → Copy → Rename → Move → Get → Delete in one workflow (Manual Trigger →
// six Scene7 IPS nodes, each taking the asset from the item before it; the builder of
// test/integration/operations/chain.workflow.ts), run once from the seed: every node's output and every
// request in order. The sandbox's state after each step is checked by test/integration/operations/chain.test.ts.
import type { AssetRecord } from '../sandbox/model';
import { CHAIN_STEPS } from '../integration/operations/chain.workflow';
import { nodeOutput } from './lib/n8n';
import { DEMO, useSandboxN8n, type RecordedRequest } from './lib/sandbox';
import { assetChainImportWorkflow } from './lib/workflows';

const CREDENTIAL = { id: 'e2eCredChain0001', name: 'Scene7 sandbox' };
const WORKFLOW_ID = 'e2eChainDelete01';
const OPTIONS = {
	sourceName: 'macbookwin1',
	copyFolder: 'ApiTestCo/',
	copyName: 'chain_copy',
	newName: 'chain_renamed',
	moveToPath: 'ApiTestCo/summer/',
	urlModifier: 'wid=400',
};
const SUMMER = 'ApiTestCo/summer/';

// Search, Copy and Get add the image URL to their outputs, each node looking up Scene7's Image
// Server URL and the company's root once; the steps' own requests are checked without them.
const URL_LOOKUPS = ['getProperty', 'getCompanyInfo'];

const args = (request: RecordedRequest | undefined) => (request?.args ?? {}) as Record<string, unknown>;
const sortedByHandle = (assets: AssetRecord[]) => [...assets].sort((a, b) => a.assetHandle.localeCompare(b.assetHandle));

describe('n8n CLI: the asset chain Search → Copy → Rename → Move → Get → Delete (issue #7)', () => {
	const e2e = useSandboxN8n('e2e-chain', [CREDENTIAL]);
	/** The seed's assets, as the sandbox holds them before the run. */
	let seedAssets: AssetRecord[];

	beforeAll(async () => {
		seedAssets = structuredClone(e2e.sandbox.state.assets);
		await e2e.n8n.importWorkflows([assetChainImportWorkflow(WORKFLOW_ID, CREDENTIAL, OPTIONS)]);
	});

	test('the whole chain: every node passed the asset on, the requests in order, and the copy is gone', async () => {
		const { sandbox } = e2e;
		const r = await e2e.n8n.executeOk(WORKFLOW_ID);
		const all = [...sandbox.requests];
		expect(all.filter((q) => URL_LOOKUPS.includes(q.operation)).map((q) => q.operation)).toEqual([...URL_LOOKUPS, ...URL_LOOKUPS, ...URL_LOOKUPS]);
		const requests = all.filter((q) => !URL_LOOKUPS.includes(q.operation));
		expect(requests.every((q) => q.outcome === 'ok' && q.user === DEMO.user)).toBe(true);
		expect(Object.keys(r.data.resultData.runData).sort()).toEqual(['Start', ...CHAIN_STEPS].sort());
		const copyHandle = String(nodeOutput(r, 'Copy')[0]?.assetHandle);
		expect(copyHandle).toMatch(/^a\|\d+\|1\|\d+$/);
		expect(copyHandle).not.toBe(DEMO.assetHandle);

		expect(nodeOutput(r, 'Search')).toEqual([expect.objectContaining({ assetHandle: DEMO.assetHandle, name: 'macbookwin1' })]);
		expect(nodeOutput(r, 'Copy')).toEqual([expect.objectContaining({ assetHandle: copyHandle, name: 'chain_copy', folderHandle: 'ApiTestCo/' })]);
		expect(nodeOutput(r, 'Rename')).toEqual([{ assetHandle: copyHandle, companyHandle: 'c|6', name: 'chain_renamed' }]);
		expect(nodeOutput(r, 'Move')).toEqual([{ assetHandle: copyHandle, companyHandle: 'c|6', folderHandle: SUMMER }]);
		expect(nodeOutput(r, 'Get')).toEqual([expect.objectContaining({ assetHandle: copyHandle, name: 'chain_renamed', folder: SUMMER, folderHandle: SUMMER })]);
		expect(nodeOutput(r, 'Delete')).toEqual([{ deleted: true }]);

		// Every request carried the handle the step before it output.
		expect(requests.map((q) => ({ operation: q.operation, assetHandle: args(q).assetHandle }))).toEqual([
			{ operation: 'searchAssets', assetHandle: undefined },
			{ operation: 'copyImage', assetHandle: DEMO.assetHandle },
			{ operation: 'renameAsset', assetHandle: copyHandle },
			{ operation: 'getFolderTree', assetHandle: undefined },
			{ operation: 'moveAsset', assetHandle: copyHandle },
			{ operation: 'getAssets', assetHandle: undefined },
			{ operation: 'deleteAsset', assetHandle: copyHandle },
		]);
		expect(args(requests[6])).toEqual({ companyHandle: 'c|6', assetHandle: copyHandle });

		// The end state: the seed, the source untouched, no chain_* asset.
		expect(sortedByHandle(sandbox.state.assets)).toEqual(sortedByHandle(seedAssets));
		expect(sandbox.state.assets.filter((a) => a.name.startsWith('chain_'))).toEqual([]);
		expect(sandbox.state.assets.find((a) => a.assetHandle === DEMO.assetHandle)).toEqual(seedAssets.find((a) => a.assetHandle === DEMO.assetHandle));
	});
});
