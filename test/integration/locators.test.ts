// Company by name, Image by name and Folder by path, resolved against the sandbox through the
// engine: the right handles, one lookup per distinct value per execution, and readable misses.
import type { INodeParameters } from 'n8n-workflow';

import { DEMO, SEED, startSandbox, type Sandbox } from '../sandbox/server';
import { runWorkflow, shutdownEngine } from '../support/engine';
import { copyWorkflow, customCredential, SCENE7 } from '../support/workflows';

let sandbox: Sandbox;

const byNameAndPath = (company = 'ApiTestCo'): INodeParameters => ({
	resource: 'image',
	operation: 'copy',
	companyHandle: { __rl: true, mode: 'name', value: company },
	assetHandle: { __rl: true, mode: 'name', value: '={{ $json.image }}' },
	folderHandle: { __rl: true, mode: 'path', value: '={{ $json.folder }}' },
	name: '={{ $json.name }}',
	urlModifier: '',
	options: {},
});

const run = async (items: Array<Record<string, string>>, parameters = byNameAndPath()) =>
	await runWorkflow(
		copyWorkflow(items, parameters, customCredential(sandbox.serviceUrl, DEMO.user, DEMO.password), {
			continueOnFail: true,
		}),
	);

const operations = () => sandbox.requests.map(({ operation }) => operation);

beforeAll(async () => {
	sandbox = await startSandbox();
});

beforeEach(() => {
	sandbox.reset();
});

afterAll(async () => {
	await sandbox.close();
	await shutdownEngine();
});

describe('resource locators by name and path', () => {
	it('resolve to handles with one lookup per distinct value in an execution', async () => {
		const items = [
			{ image: 'macbookwin1', folder: 'summer', name: 'Loc_1' },
			{ image: 'macbookwin1', folder: 'ApiTestCo/summer/', name: 'Loc_2' },
			{ image: 'summer-hero', folder: 'Folder With Space', name: 'Loc_3' },
			{ image: 'macbookwin1', folder: 'summer/sale', name: 'Loc_4' },
		];

		const result = await run(items);

		expect(result.status).toBe('success');
		expect(result.outputOf(SCENE7).map(({ json }) => [json.companyHandle, json.sourceAssetHandle, json.folderHandle])).toEqual([
			['c|6', DEMO.assetHandle, SEED.folders.summer],
			['c|6', DEMO.assetHandle, SEED.folders.summer],
			['c|6', SEED.assets.summerHero, SEED.folders.withSpace],
			['c|6', DEMO.assetHandle, SEED.folders.sale],
		]);
		// One call per distinct name or path; the rows run side by side, so the order varies.
		expect(operations().sort()).toEqual([
			'copyImage',
			'copyImage',
			'copyImage',
			'copyImage',
			'getAssetsByName',
			'getAssetsByName',
			'getCompanyInfo',
			// The copies' imageUrl: the company's root by handle and the Image Server URL, once each.
			'getCompanyInfo',
			'getFolderTree',
			'getProperty',
		]);
	});

	it('look up again in the next execution', async () => {
		const items = [{ image: 'macbookwin1', folder: 'summer', name: 'Again_1' }];
		await run(items);
		await run([{ ...items[0], name: 'Again_2' }]);

		// Per execution: the company by name, then by handle for the copy's imageUrl.
		expect(operations().filter((operation) => operation === 'getCompanyInfo')).toHaveLength(4);
		expect(operations().filter((operation) => operation === 'getProperty')).toHaveLength(2);
	});

	it.each([
		[
			'an image name nobody has',
			{ image: 'no-such-image', folder: 'summer', name: 'Miss_1' },
			byNameAndPath(),
			"No image is named 'no-such-image' in company c|6 [item 0]",
		],
		[
			'a folder path that does not exist',
			{ image: 'macbookwin1', folder: 'no/such', name: 'Miss_2' },
			byNameAndPath(),
			"No folder has the path 'no/such/' in company c|6 [item 0]",
		],
		[
			'a company name nobody has',
			{ image: 'macbookwin1', folder: 'summer', name: 'Miss_3' },
			byNameAndPath('NoSuchCo'),
			"No Scene7 company is named 'NoSuchCo' [item 0]",
		],
	])('name the miss for %s, and copy nothing', async (_label, item, parameters, message) => {
		const result = await run([item], parameters);

		expect(result.outputOf(SCENE7).map(({ json, pairedItem }) => ({ json, pairedItem }))).toEqual([
			{ json: { error: message, description: expect.any(String) }, pairedItem: { item: 0 } },
		]);
		expect(operations()).not.toContain('copyImage');
	});
});
