// Custom Operation > Call against the IPS sandbox: any operation by name with JSON parameters, and
// proof that it reproduces the typed operations: same request, same sandbox state, same data.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { toAssetOutput } from '../../../nodes/Scene7Ips/helpers/output';
import { DEMO, type Sandbox } from '../../sandbox/server';
import { byHandle, copyOfDemo, image, runNode, useSandbox } from './harness';

const sandbox = useSandbox();

const call = (operationName: string, parameters: IDataObject): INodeParameters => ({
	resource: 'custom',
	operation: 'call',
	operationName,
	parameters: JSON.stringify(parameters),
});

const TIMESTAMPS = new Set(['created', 'lastModified', 'at']);
/** The sandbox's state as JSON, with the times of this run's changes blanked. */
const stateOf = (current: Sandbox) =>
	JSON.parse(JSON.stringify(current.state, (key, value: unknown) => (TIMESTAMPS.has(key) ? '<time>' : value))) as IDataObject;
const bodiesSent = (current: Sandbox) => current.requests.map((request) => request.rawBody);

/** Runs the typed operation, then (from a reset sandbox) the custom call: both must succeed with the same requests and the same sandbox state. */
async function typedThenCustom(typedParameters: INodeParameters, operationName: string, parameters: IDataObject) {
	const typed = await runNode(sandbox(), typedParameters);
	const typedBodies = bodiesSent(sandbox());
	const typedState = stateOf(sandbox());
	sandbox().reset();

	const custom = await runNode(sandbox(), call(operationName, parameters));

	expect(typed.error).toBeUndefined();
	expect(custom.error).toBeUndefined();
	expect(bodiesSent(sandbox())).toEqual(typedBodies);
	expect(stateOf(sandbox())).toEqual(typedState);
	return { typed, custom };
}

describe('Custom Operation > Call', () => {
	// A plain list for items is put into items the same way (unit: custom/call.test.ts).
	it('reproduces Image > Get with getAssets: same request, same data', async () => {
		const { typed, custom } = await typedThenCustom(
			// The image URL's own lookups are no part of what the custom call reproduces.
			image('get', { assetHandle: byHandle(DEMO.assetHandle), options: { includeImageUrl: false } }),
			'getAssets',
			{ companyHandle: DEMO.companyHandle, assetHandleArray: { items: [DEMO.assetHandle] } },
		);
		const items = (custom.json[0]?.assetArray as IDataObject).items as IDataObject[];
		expect(items).toHaveLength(1);
		// The raw return, shaped the way the typed operation shapes it, is the typed output.
		expect(items.map((asset) => toAssetOutput(asset, DEMO.companyHandle))).toEqual(typed.json);
		// And it is the raw IPS data: strings, as sent.
		expect(items[0]).toMatchObject({ assetHandle: DEMO.assetHandle, name: 'macbookwin1', imageInfo: expect.objectContaining({ width: '1600' }) });
	});

	it('reproduces Image > Copy with copyImage: same request, same new asset, same handle', async () => {
		const copy = { companyHandle: DEMO.companyHandle, assetHandle: DEMO.assetHandle, folderHandle: DEMO.folderHandle, name: 'Copy_custom', urlModifier: 'wid=800&fmt=jpg' };
		// The image URL's own lookups are no part of what the custom call reproduces.
		const { typed, custom } = await typedThenCustom(copyOfDemo(copy.name, { urlModifier: copy.urlModifier, options: { includeImageUrl: false } }), 'copyImage', copy);
		expect(custom.json).toEqual([{ assetHandle: typed.json[0]?.assetHandle }]);
		expect(sandbox().state.assets.filter((asset) => asset.name === 'Copy_custom')).toEqual([
			expect.objectContaining({ assetHandle: typed.json[0]?.assetHandle, copiedFrom: expect.objectContaining({ urlModifier: 'wid=800&fmt=jpg' }) }),
		]);
	});

	it('calls an operation no typed operation covers', async () => {
		const { json } = await runNode(sandbox(), call('checkAssetNames', { companyHandle: 'c|6', assetNameArray: ['macbookwin1', 'free-name', 'OLD-BANNER'] }));
		expect(json).toEqual([{ inUseNameArray: { items: ['macbookwin1', 'OLD-BANNER'] } }]);
	});

	it('returns {} for an operation without a result, having done it', async () => {
		const { json } = await runNode(sandbox(), call('renameAsset', { companyHandle: 'c|6', assetHandle: DEMO.assetHandle, newName: 'renamed_custom', validateName: true }));
		expect(json).toEqual([{}]);
		expect(sandbox().state.assets.find((asset) => asset.assetHandle === DEMO.assetHandle)?.name).toBe('renamed_custom');
	});
});
