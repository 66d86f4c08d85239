// Search → Copy → Rename → Move → Get → Delete against the IPS sandbox: step by step, with the
// sandbox's state checked after each, then as one workflow.
import type { IDataObject } from 'n8n-workflow';

import { DEMO, SEED, type Sandbox } from '../../sandbox/server';
import { runWorkflow } from '../../support/engine';
import { chain, CREDENTIAL_ID, itemsNode } from '../../support/workflows';
import { assetChainWorkflow, CHAIN_STEPS, type ChainStep, chainNode, chainStepParameters } from './chain.workflow';
import { demoCredential, useSandbox } from './harness';

const sandbox = useSandbox();
const credential = { id: CREDENTIAL_ID, name: 'Scene7 sandbox' };
const parameters = chainStepParameters({ credential });
const credentials = () => [{ id: CREDENTIAL_ID, data: demoCredential(sandbox()) }];

/** One step of the chain, fed the items the step before it output. */
async function runStep(step: ChainStep, items: IDataObject[]) {
	const nodes = [itemsNode(items), chainNode(step, parameters[step], credential)];
	const result = await runWorkflow({ nodes, connections: chain(...nodes), credentials: credentials() });
	expect(result.error?.message).toBeUndefined();
	return result.outputOf(step).map((item) => item.json);
}

const assetNamed = (current: Sandbox, name: string) => current.state.assets.filter((asset) => asset.name === name);
const assetsOf = (current: Sandbox) => current.state.assets.map((asset) => asset.assetHandle).sort();

describe('asset chain', () => {
	it('changes the sandbox as each step says', async () => {
		const seedAssets = assetsOf(sandbox());

		const found = await runStep('Search', [{}]);
		expect(found).toEqual([expect.objectContaining({ assetHandle: DEMO.assetHandle, companyHandle: 'c|6', name: 'macbookwin1' })]);
		expect(assetsOf(sandbox())).toEqual(seedAssets);

		const copied = await runStep('Copy', found);
		const copyHandle = copied[0]?.assetHandle as string;
		expect(copyHandle).toMatch(/^a\|\d+\|1\|\d+$/);
		expect(assetNamed(sandbox(), 'chain_copy')).toEqual([
			expect.objectContaining({
				assetHandle: copyHandle,
				folderHandle: 'ApiTestCo/',
				copiedFrom: expect.objectContaining({ assetHandle: DEMO.assetHandle, urlModifier: 'wid=400' }),
			}),
		]);

		const renamed = await runStep('Rename', copied);
		expect(renamed).toEqual([{ assetHandle: copyHandle, companyHandle: 'c|6', name: 'chain_renamed' }]);
		expect(assetNamed(sandbox(), 'chain_copy')).toEqual([]);
		expect(assetNamed(sandbox(), 'chain_renamed')).toEqual([expect.objectContaining({ assetHandle: copyHandle, folderHandle: 'ApiTestCo/' })]);

		const moved = await runStep('Move', renamed);
		expect(moved).toEqual([{ assetHandle: copyHandle, companyHandle: 'c|6', folderHandle: SEED.folders.summer }]);
		expect(assetNamed(sandbox(), 'chain_renamed')).toEqual([expect.objectContaining({ assetHandle: copyHandle, folderHandle: SEED.folders.summer })]);

		const got = await runStep('Get', moved);
		expect(got).toEqual([
			expect.objectContaining({ assetHandle: copyHandle, name: 'chain_renamed', folder: SEED.folders.summer, type: 'Image', width: 400 }),
		]);

		const deleted = await runStep('Delete', got);
		expect(deleted).toEqual([{ deleted: true }]);
		expect(assetsOf(sandbox())).toEqual(seedAssets);
		expect(sandbox().state.assets.find((asset) => asset.assetHandle === DEMO.assetHandle)?.name).toBe('macbookwin1');
	});

	it('runs as one workflow, each node passing the asset on', async () => {
		const seedAssets = assetsOf(sandbox());
		const result = await runWorkflow({ ...assetChainWorkflow({ credential }), credentials: credentials() });

		expect(result.status).toBe('success');
		const outputs = Object.fromEntries(CHAIN_STEPS.map((step) => [step, result.outputOf(step).map((item) => item.json)]));
		const copyHandle = outputs.Copy[0]?.assetHandle;
		expect(outputs.Search).toEqual([expect.objectContaining({ assetHandle: DEMO.assetHandle })]);
		expect(outputs.Rename).toEqual([{ assetHandle: copyHandle, companyHandle: 'c|6', name: 'chain_renamed' }]);
		expect(outputs.Move).toEqual([{ assetHandle: copyHandle, companyHandle: 'c|6', folderHandle: SEED.folders.summer }]);
		expect(outputs.Get).toEqual([expect.objectContaining({ assetHandle: copyHandle, name: 'chain_renamed', folderHandle: SEED.folders.summer })]);
		expect(outputs.Delete).toEqual([{ deleted: true }]);
		// Search, Copy and Get add the image URL, each node looking its parts up once.
		expect(sandbox().requests.map((request) => request.operation)).toEqual([
			'searchAssets',
			'getProperty',
			'getCompanyInfo',
			'copyImage',
			'getProperty',
			'getCompanyInfo',
			'renameAsset',
			'getFolderTree',
			'moveAsset',
			'getAssets',
			'getProperty',
			'getCompanyInfo',
			'deleteAsset',
		]);
		expect(assetsOf(sandbox())).toEqual(seedAssets);
	});
});
