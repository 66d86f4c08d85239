// Company by name, Image by name and Folder by path, resolved against the sandbox through the
// engine: the right handles, and one lookup per distinct value per execution (the misses' messages:
// unit imageCopyLookups.test.ts).
import type { INodeParameters } from 'n8n-workflow';

import { DEMO, SEED } from '../sandbox/server';
import { SCENE7 } from '../support/workflows';
import { byName, byPath, operationsSent, runCopy, useSandbox } from './operations/harness';

const sandbox = useSandbox();

const BY_NAME_AND_PATH: INodeParameters = {
	resource: 'image',
	operation: 'copy',
	companyHandle: byName('ApiTestCo'),
	assetHandle: byName('={{ $json.image }}'),
	folderHandle: byPath('={{ $json.folder }}'),
	name: '={{ $json.name }}',
	urlModifier: '',
	options: {},
};

const run = async (items: Array<Record<string, string>>) => await runCopy(sandbox(), items, BY_NAME_AND_PATH, { continueOnFail: true });

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
		expect(operationsSent(sandbox()).sort()).toEqual([
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
		expect(operationsSent(sandbox()).filter((operation) => operation === 'getCompanyInfo')).toHaveLength(4);
		expect(operationsSent(sandbox()).filter((operation) => operation === 'getProperty')).toHaveLength(2);
	});
});
