// Issue #7 in a real n8n: Search → Copy → Rename → Move → Get → Delete in one workflow (Manual Trigger →
// six Scene7 IPS nodes, each taking the asset from the item before it; the builder of
// test/integration/operations/chain.workflow.ts). The workflow is imported six times, cut after each
// step; each cut runs once from the seed (sandbox reset before it), so the sandbox's state after every
// step is checked, and the last (whole) run also checks every node's output and every request in order.
import type { AssetRecord } from '../sandbox/model';
import { CHAIN_STEPS, type ChainStep } from '../integration/operations/chain.workflow';
import { N8n, nodeOutput, type RunJson } from './lib/n8n';
import { DEMO, startSandbox, type RecordedRequest, type Sandbox } from './lib/sandbox';
import { assetChainImportWorkflow, scene7Credential } from './lib/workflows';

const CREDENTIAL = { id: 'e2eCredChain0001', name: 'Scene7 sandbox' };
/** Workflow id of the chain cut after each step (16 characters). */
const WF: Record<ChainStep, string> = {
	Search: 'e2eChainSearch01',
	Copy: 'e2eChainCopy0001',
	Rename: 'e2eChainRename01',
	Move: 'e2eChainMove0001',
	Get: 'e2eChainGet00001',
	Delete: 'e2eChainDelete01',
};
const OPTIONS = {
	sourceName: 'macbookwin1',
	copyFolder: 'ApiTestCo/',
	copyName: 'chain_copy',
	newName: 'chain_renamed',
	moveToPath: 'ApiTestCo/summer/',
	urlModifier: 'wid=400',
};
const SUMMER = 'ApiTestCo/summer/';

/** The IPS operations each step sends (Move first reads the folder tree to resolve its path). */
const STEP_OPERATIONS: Record<ChainStep, string[]> = {
	Search: ['searchAssets'],
	Copy: ['copyImage'],
	Rename: ['renameAsset'],
	Move: ['getFolderTree', 'moveAsset'],
	Get: ['getAssets'],
	Delete: ['deleteAsset'],
};
const operationsUpTo = (step: ChainStep) => CHAIN_STEPS.slice(0, CHAIN_STEPS.indexOf(step) + 1).flatMap((s) => STEP_OPERATIONS[s]);

// Search, Copy and Get add the image URL to their outputs, each node looking up Scene7's Image
// Server URL and the company's root once; the steps' own requests are checked without them.
const URL_LOOKUPS = ['getProperty', 'getCompanyInfo'];
const URL_STEPS: ChainStep[] = ['Search', 'Copy', 'Get'];
const urlLookupsUpTo = (step: ChainStep) =>
	CHAIN_STEPS.slice(0, CHAIN_STEPS.indexOf(step) + 1).flatMap((s) => (URL_STEPS.includes(s) ? URL_LOOKUPS : []));

const args = (request: RecordedRequest | undefined) => (request?.args ?? {}) as Record<string, unknown>;
const sortedByHandle = (assets: AssetRecord[]) => [...assets].sort((a, b) => a.assetHandle.localeCompare(b.assetHandle));

describe('n8n CLI: the asset chain Search → Copy → Rename → Move → Get → Delete (issue #7)', () => {
	let sandbox: Sandbox;
	let n8n: N8n;
	/** The seed's assets, as the sandbox holds them before each run. */
	let seedAssets: AssetRecord[];
	/** The copy's handle, from the first run that copies; every later run must make the same one (the handle generator restarts with the seed). */
	let firstCopyHandle: string | undefined;

	beforeAll(async () => {
		sandbox = await startSandbox();
		seedAssets = structuredClone(sandbox.state.assets);
		n8n = await N8n.create({ label: 'e2e-chain' });
		await n8n.importCredentials([
			scene7Credential({ ...CREDENTIAL, serviceUrl: sandbox.serviceUrl, user: DEMO.user, password: DEMO.password }),
		]);
		await n8n.importWorkflows(CHAIN_STEPS.map((step, i) => assetChainImportWorkflow(WF[step], CREDENTIAL, i + 1, OPTIONS)));
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.close();
	});

	/** Runs the chain cut after `step` from the seed; returns the run, the requests it made and the copy's handle. */
	async function runUpTo(step: ChainStep): Promise<{ run: RunJson; requests: RecordedRequest[]; copyHandle: string }> {
		sandbox.reset();
		expect(sandbox.state.assets).toEqual(seedAssets);
		const res = await n8n.execute(WF[step]);
		if (res.code !== 0 || res.run?.status !== 'success') {
			throw new Error(`execute ${WF[step]}: rc=${res.code} status=${res.run?.status}\n${res.stdout.slice(-3000)}\n${res.stderr.slice(-2000)}`);
		}
		const all = [...sandbox.requests];
		expect(all.filter((r) => URL_LOOKUPS.includes(r.operation)).map((r) => r.operation)).toEqual(urlLookupsUpTo(step));
		const requests = all.filter((r) => !URL_LOOKUPS.includes(r.operation));
		expect(requests.map((r) => r.operation)).toEqual(operationsUpTo(step));
		expect(requests.every((r) => r.outcome === 'ok' && r.user === DEMO.user)).toBe(true);
		// Only the nodes up to this step ran.
		expect(Object.keys(res.run.data.resultData.runData).sort()).toEqual(['Start', ...CHAIN_STEPS.slice(0, CHAIN_STEPS.indexOf(step) + 1)].sort());
		let copyHandle = '';
		if (step !== 'Search') {
			copyHandle = String(nodeOutput(res.run, 'Copy')[0]?.assetHandle);
			expect(copyHandle).toMatch(/^a\|\d+\|1\|\d+$/);
			expect(copyHandle).not.toBe(DEMO.assetHandle);
			firstCopyHandle ??= copyHandle;
			expect(copyHandle).toBe(firstCopyHandle);
		}
		return { run: res.run, requests, copyHandle };
	}

	/** The sandbox holds the seed unchanged plus the copy (when given), matching `copy`. */
	function expectSeedPlusCopy(copyHandle: string, copy?: Partial<AssetRecord> & { copiedFrom?: unknown }) {
		const others = sandbox.state.assets.filter((a) => a.assetHandle !== copyHandle);
		expect(sortedByHandle(others)).toEqual(sortedByHandle(seedAssets));
		const copies = sandbox.state.assets.filter((a) => a.assetHandle === copyHandle);
		if (!copy) {
			expect(copies).toEqual([]);
			return;
		}
		expect(copies).toEqual([expect.objectContaining({ ...copy, assetHandle: copyHandle, companyHandle: 'c|6', type: 'Image' })]);
	}

	test('after Search: the source found by name, nothing changed', async () => {
		const { run: r, requests } = await runUpTo('Search');
		expect(nodeOutput(r, 'Search')).toEqual([
			expect.objectContaining({ assetHandle: DEMO.assetHandle, companyHandle: 'c|6', name: 'macbookwin1', type: 'Image', folder: 'ApiTestCo/' }),
		]);
		// Name filter 'macbookwin1' (Equals), limit 1: one page of one record.
		expect(args(requests[0])).toEqual({
			companyHandle: 'c|6',
			includeSubfolders: true,
			trashState: 'NotInTrash',
			systemFieldConditionArray: { items: [{ field: 'Name', op: 'Equals', value: 'macbookwin1' }] },
			assetTypeArray: { items: ['Image'] },
			recordsPerPage: 1,
			resultsPage: 1,
			sortBy: 'Name',
			sortDirection: 'Ascending',
		});
		expect(sandbox.state.assets).toEqual(seedAssets);
	});

	test('after Copy: chain_copy in ApiTestCo/, copied from the found image', async () => {
		const { run: r, requests, copyHandle } = await runUpTo('Copy');
		expect(nodeOutput(r, 'Copy')).toEqual([
			{
				assetHandle: copyHandle,
				companyHandle: 'c|6',
				sourceAssetHandle: DEMO.assetHandle,
				folderHandle: 'ApiTestCo/',
				name: 'chain_copy',
				urlModifier: 'wid=400',
				alreadyExisted: false,
				imageUrl: `${sandbox.url}/is/image/ApiTestCo/chain_copy`,
				imageUrlWithModifier: `${sandbox.url}/is/image/ApiTestCo/chain_copy?wid=400`,
			},
		]);
		expect(args(requests[1])).toEqual({
			companyHandle: 'c|6',
			assetHandle: DEMO.assetHandle,
			folderHandle: 'ApiTestCo/',
			name: 'chain_copy',
			urlModifier: 'wid=400',
		});
		expectSeedPlusCopy(copyHandle, {
			name: 'chain_copy',
			folderHandle: 'ApiTestCo/',
			copiedFrom: expect.objectContaining({ assetHandle: DEMO.assetHandle, urlModifier: 'wid=400', by: DEMO.user }),
		});
	});

	test('after Rename: the copy is chain_renamed, still in ApiTestCo/; no chain_copy left', async () => {
		const { run: r, requests, copyHandle } = await runUpTo('Rename');
		expect(nodeOutput(r, 'Rename')).toEqual([{ assetHandle: copyHandle, companyHandle: 'c|6', name: 'chain_renamed' }]);
		expect(args(requests[2])).toEqual({ companyHandle: 'c|6', assetHandle: copyHandle, newName: 'chain_renamed', validateName: true });
		expectSeedPlusCopy(copyHandle, { name: 'chain_renamed', folderHandle: 'ApiTestCo/' });
		expect(sandbox.state.assets.filter((a) => a.name === 'chain_copy')).toEqual([]);
	});

	test('after Move: the renamed copy is in ApiTestCo/summer/', async () => {
		const { run: r, requests, copyHandle } = await runUpTo('Move');
		expect(nodeOutput(r, 'Move')).toEqual([{ assetHandle: copyHandle, companyHandle: 'c|6', folderHandle: SUMMER }]);
		// The path is resolved through the folder tree, then the move sends the folder's handle.
		expect(args(requests[3])).toEqual({ companyHandle: 'c|6', depth: -1 });
		expect(args(requests[4])).toEqual({ companyHandle: 'c|6', assetHandle: copyHandle, folderHandle: SUMMER });
		expectSeedPlusCopy(copyHandle, { name: 'chain_renamed', folderHandle: SUMMER });
	});

	test('after Get: the output shows the new name and the new folder; nothing changed', async () => {
		const { run: r, requests, copyHandle } = await runUpTo('Get');
		expect(nodeOutput(r, 'Get')).toEqual([
			expect.objectContaining({
				assetHandle: copyHandle,
				companyHandle: 'c|6',
				name: 'chain_renamed',
				type: 'Image',
				folder: SUMMER,
				folderHandle: SUMMER,
				width: 400,
				height: 300,
			}),
		]);
		expect(args(requests[5])).toEqual({ companyHandle: 'c|6', assetHandleArray: { items: [copyHandle] } });
		expectSeedPlusCopy(copyHandle, { name: 'chain_renamed', folderHandle: SUMMER });
	});

	test('the whole chain: every node passed the asset on, the requests in order, and the copy is gone', async () => {
		const { run: r, requests, copyHandle } = await runUpTo('Delete');
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
		expectSeedPlusCopy(copyHandle);
		expect(sandbox.state.assets).toHaveLength(seedAssets.length);
		expect(sandbox.state.assets.filter((a) => a.name.startsWith('chain_'))).toEqual([]);
		expect(sandbox.state.assets.find((a) => a.assetHandle === DEMO.assetHandle)).toEqual(seedAssets.find((a) => a.assetHandle === DEMO.assetHandle));
	});
});
