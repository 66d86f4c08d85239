// The writes of Image and Folder through n8n-core's engine against the IPS sandbox, one row each:
// when the answer is lost after Scene7 did the write, and when the sandbox refuses it.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { createSeedState } from '../../sandbox/model';
import { DEMO, injectRule, SEED, type InjectAction } from '../../sandbox/server';
import { assetIn, byHandle, deriveDemo, folder, image, NO_BACKOFF, operationsSent, runNode, useSandbox } from './harness';

const sandbox = useSandbox();
const A = SEED.assets;

interface LostAnswer {
	label: string;
	/** The call whose answer is lost after the sandbox did it. */
	operation: string;
	action?: InjectAction;
	parameters: INodeParameters;
	/** The run's error: none when the node found out the write was done. */
	error?: string;
	sent: string[];
	/** What the node output and the sandbox holds afterwards. */
	check: (json: IDataObject[]) => void;
}

describe('a write whose answer is lost after Scene7 did it', () => {
	it.each<LostAnswer>([
		{
			label: 'Image > Rename renames once',
			operation: 'renameAsset',
			parameters: image('rename', { assetHandle: byHandle(DEMO.assetHandle), newName: 'macbook_2024', options: NO_BACKOFF }),
			sent: ['renameAsset', 'getAssets'],
			check: (json) => {
				expect(json).toEqual([expect.objectContaining({ name: 'macbook_2024' })]);
				expect(assetIn(sandbox(), DEMO.assetHandle)?.name).toBe('macbook_2024');
			},
		},
		{ label: 'Image > Move moves once (a 502 page)', operation: 'moveAsset', action: { kind: 'statusAfterCommit', status: 502 }, parameters: image('move', { assetHandle: byHandle(DEMO.assetHandle), folderHandle: byHandle(SEED.folders.uploads), options: NO_BACKOFF }), sent: ['moveAsset', 'getAssets'], check: () => expect(assetIn(sandbox(), DEMO.assetHandle)?.folderHandle).toBe(SEED.folders.uploads) },
		{ label: 'Image > Delete deletes once', operation: 'deleteAsset', parameters: image('delete', { assetHandle: byHandle(A.summerHero), options: NO_BACKOFF }), sent: ['deleteAsset', 'getAssets'], check: (json) => expect(json).toEqual([{ deleted: true }]) },
		// Nothing tells a replaced image from the one before: the node fails rather than replace twice.
		{ label: 'Image > Replace never replaces twice', operation: 'replaceImage', parameters: image('replace', { assetHandle: byHandle(DEMO.assetHandle), urlModifier: 'wid=800', options: NO_BACKOFF }), error: 'Could not reach Scene7 for replaceImage: the connection was reset', sent: ['replaceImage'], check: () => expect(assetIn(sandbox(), DEMO.assetHandle)?.replacements).toHaveLength(1) },
		{
			label: 'Image > Create Derived creates one asset',
			operation: 'createDerivedAsset',
			parameters: deriveDemo(),
			sent: ['getFolderTree', 'createDerivedAsset', 'getAssetsByName'],
			check: (json) => {
				const made = sandbox().state.assets.filter((asset) => asset.name === 'macbook_square');
				expect(made).toHaveLength(1);
				expect(json[0]?.assetHandle).toBe(made[0].assetHandle);
			},
		},
		{ label: 'Folder > Create creates once', operation: 'createFolder', parameters: folder('create', { folderPath: 'ApiTestCo/new', options: NO_BACKOFF }), sent: ['createFolder', 'getFolderTree'], check: (json) => expect(json).toEqual([expect.objectContaining({ folderHandle: 'ApiTestCo/new/' })]) },
		{
			label: 'Folder > Delete deletes once',
			operation: 'deleteFolder',
			parameters: folder('delete', { folderHandle: byHandle(SEED.folders.uploads), options: NO_BACKOFF }),
			sent: ['deleteFolder', 'getFolderTree'],
			check: (json) => {
				expect(json).toEqual([{ deleted: true }]);
				expect(sandbox().state.folders.map(({ path }) => path)).not.toContain(SEED.folders.uploads);
			},
		},
	])('$label', async ({ operation, action = { kind: 'resetAfterCommit' }, parameters, error, sent, check }) => {
		sandbox().setInjector(injectRule({ action, operation }));
		const run = await runNode(sandbox(), parameters);
		expect(run.error).toBe(error);
		expect(operationsSent(sandbox())).toEqual(sent);
		check(run.json);
	});
});

describe('a write the sandbox refuses', () => {
	it.each([
		['Image > Move to an unknown folder', image('move', { assetHandle: byHandle(DEMO.assetHandle), folderHandle: byHandle('ApiTestCo/nowhere/') }), "Scene7 could not run moveAsset: Invalid folderHandle 'ApiTestCo/nowhere/' (30001)"],
		["Image > Delete of a handle it doesn't know", image('delete', { assetHandle: byHandle('a|1|1|1') }), "Scene7 could not run deleteAsset: Invalid assetHandle 'a|1|1|1' (30001)"],
		['Image > Replace of a video', image('replace', { assetHandle: byHandle(A.promoVideo), urlModifier: 'wid=800' }), `Scene7 could not run replaceImage: Invalid assetHandle '${A.promoVideo}': asset 'promo-video' is of type Video, not Image (30001)`],
		['Image > Create Derived with a name in use', deriveDemo({ name: 'summer-hero' }), "Scene7 refused the name 'summer-hero' in New Name: Asset ID 'summer-hero' is already in use. (30000) [item 0]"],
		['Folder > Create of a folder that exists', folder('create', { folderPath: 'summer' }), "Scene7 could not run createFolder: Folder 'ApiTestCo/summer/' already exists. (30000)"],
		['Folder > Create under a missing parent', folder('create', { folderPath: 'nowhere/child/' }), "Scene7 could not run createFolder: Invalid folderPath 'nowhere/child/': parent folder 'ApiTestCo/nowhere/' does not exist (30001)"],
		['Folder > Delete of the root folder', folder('delete', { folderHandle: byHandle('ApiTestCo/') }), "Scene7 could not run deleteFolder: Invalid folderHandle 'ApiTestCo/': the company root folder cannot be deleted (30001)"],
	])("%s fails with the sandbox's fault explained", async (_label, parameters, message) => {
		const { error } = await runNode(sandbox(), parameters);
		expect(error).toBe(message);
		// And changes nothing: the moved asset, for one, stays where it was.
		expect(sandbox().state).toEqual(createSeedState());
	});
});
