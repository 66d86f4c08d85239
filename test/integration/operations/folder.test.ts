// Folder operations through n8n-core's engine against the IPS sandbox (a lost answer and the
// sandbox's refusals: writes.test.ts).
import { DEMO, SEED } from '../../sandbox/server';
import { assetIn, byPath, folder, NO_BACKOFF, runNode, useSandbox } from './harness';

const sandbox = useSandbox();

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
});

describe('Folder > Get Many', () => {
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
});
