// Folder operations through n8n-core's engine against the IPS sandbox.
import type { INodeParameters } from 'n8n-workflow';

import { DEMO, injectRule, SEED } from '../../sandbox/server';
import { assetIn, byHandle, byPath, operationsSent, runNode, useSandbox } from './harness';

const sandbox = useSandbox();
const NO_BACKOFF = { retry: { settings: { attempts: 3, backoff: 0 } } };

const folder = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'folder',
	operation,
	companyHandle: byHandle(DEMO.companyHandle),
	...parameters,
});
const folderPaths = () =>
	sandbox()
		.state.folders.filter((entry) => entry.companyHandle === 'c|6')
		.map((entry) => entry.path)
		.sort();

describe('Folder > Create', () => {
	it('creates the folder under the company root', async () => {
		const { json } = await runNode(sandbox(), folder('create', { folderPath: 'summer/2024/', options: NO_BACKOFF }));
		expect(json).toEqual([{ folderHandle: 'ApiTestCo/summer/2024/', companyHandle: 'c|6', folderPath: 'summer/2024/' }]);
		expect(folderPaths()).toContain('ApiTestCo/summer/2024/');
	});

	it('creates one folder per item', async () => {
		const { json } = await runNode(sandbox(), folder('create', { folderPath: '={{ $json.path }}' }), [{ path: 'a' }, { path: 'b/' }]);
		expect(json.map((entry) => entry.folderHandle)).toEqual(['ApiTestCo/a/', 'ApiTestCo/b/']);
	});

	it('creates once when the answer is lost after Scene7 created it', async () => {
		sandbox().setInjector(injectRule({ action: { kind: 'resetAfterCommit' }, operation: 'createFolder' }));
		const { json, error } = await runNode(sandbox(), folder('create', { folderPath: 'ApiTestCo/new', options: NO_BACKOFF }));
		expect(error).toBeUndefined();
		expect(json).toEqual([expect.objectContaining({ folderHandle: 'ApiTestCo/new/' })]);
		expect(operationsSent(sandbox())).toEqual(['createFolder', 'getFolderTree']);
	});

	it("explains the sandbox's faults for a folder that exists or a missing parent", async () => {
		const exists = await runNode(sandbox(), folder('create', { folderPath: 'summer' }));
		expect(exists.error).toBe("Scene7 could not run createFolder: Folder 'ApiTestCo/summer/' already exists. (30000)");
		const orphan = await runNode(sandbox(), folder('create', { folderPath: 'nowhere/child/' }));
		expect(orphan.error).toBe(
			"Scene7 could not run createFolder: Invalid folderPath 'nowhere/child/': parent folder 'ApiTestCo/nowhere/' does not exist (30001)",
		);
	});
});

describe('Folder > Get Many', () => {
	it('outputs every folder of the company, parents before their subfolders', async () => {
		const { json } = await runNode(sandbox(), folder('getAll', { returnAll: true }));
		expect(json).toEqual([
			{ folderHandle: 'ApiTestCo/', companyHandle: 'c|6', path: 'ApiTestCo/', name: 'ApiTestCo', lastModified: '2024-03-15T14:30:00.000Z', hasSubfolders: true },
			expect.objectContaining({ folderHandle: SEED.folders.withSpace, name: 'Folder With Space', hasSubfolders: false }),
			expect.objectContaining({ folderHandle: SEED.folders.summer, name: 'summer', hasSubfolders: true }),
			expect.objectContaining({ folderHandle: SEED.folders.sale, name: 'sale', hasSubfolders: false }),
			expect.objectContaining({ folderHandle: SEED.folders.uploads, name: 'uploads', hasSubfolders: false }),
		]);
	});

	it('starts at Folder Path and stops at Limit', async () => {
		const under = await runNode(sandbox(), folder('getAll', { returnAll: true, filters: { folderPath: 'summer' } }));
		expect(under.json.map((entry) => entry.path)).toEqual([SEED.folders.summer, SEED.folders.sale]);
		const limited = await runNode(sandbox(), folder('getAll', { returnAll: false, limit: 2 }));
		expect(limited.json).toHaveLength(2);
	});
});

describe('Folder > Delete', () => {
	it('deletes the folder with its subfolders and their assets', async () => {
		const { json } = await runNode(sandbox(), folder('delete', { folderHandle: byPath('summer') }));
		expect(json).toEqual([{ deleted: true }]);
		expect(folderPaths()).toEqual(['ApiTestCo/', SEED.folders.withSpace, SEED.folders.uploads]);
		expect(assetIn(sandbox(), SEED.assets.summerHero)).toBeUndefined();
		expect(assetIn(sandbox(), SEED.assets.saleBanner)).toBeUndefined();
		expect(assetIn(sandbox(), DEMO.assetHandle)).toBeDefined();
	});

	it('deletes once when the answer is lost after Scene7 deleted', async () => {
		sandbox().setInjector(injectRule({ action: { kind: 'resetAfterCommit' }, operation: 'deleteFolder' }));
		const { json, error } = await runNode(sandbox(), folder('delete', { folderHandle: byHandle(SEED.folders.uploads), options: NO_BACKOFF }));
		expect(error).toBeUndefined();
		expect(json).toEqual([{ deleted: true }]);
		expect(operationsSent(sandbox())).toEqual(['deleteFolder', 'getFolderTree']);
		expect(folderPaths()).not.toContain(SEED.folders.uploads);
	});

	it("explains the sandbox's refusal to delete the root folder", async () => {
		const { error } = await runNode(sandbox(), folder('delete', { folderHandle: byHandle('ApiTestCo/') }));
		expect(error).toBe("Scene7 could not run deleteFolder: Invalid folderHandle 'ApiTestCo/': the company root folder cannot be deleted (30001)");
	});
});
