import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SentRequest } from '../../support/executeContext';
import { operationOf, run as runNode, soapFault, soapResult } from './support';

const locator = (mode: string, value: unknown) => ({ __rl: true, mode, value });

const FOLDER_TREE =
	'<folders><folderHandle>ApiTestCo/</folderHandle><path>ApiTestCo/</path><subfolderArray>' +
	'<items><folderHandle>ApiTestCo/summer/</folderHandle><path>ApiTestCo/summer/</path><subfolderArray>' +
	'<items><folderHandle>f|ApiTestCo/summer/sale/</folderHandle><path>ApiTestCo/summer/sale/</path></items></subfolderArray></items>' +
	'<items><folderHandle>ApiTestCo/Folder With Space/</folderHandle><path>ApiTestCo/Folder With Space/</path></items>' +
	'</subfolderArray></folders>';

const ASSETS: Record<string, Array<[string, string]>> = {
	macbookwin1: [['a|739|1|537', 'ApiTestCo/']],
	'Tom & Jerry': [['a|800|1|1', 'ApiTestCo/summer/']],
	'hat twin': [
		['a|900|1|1', 'ApiTestCo/'],
		['a|901|1|1', 'ApiTestCo/summer/'],
	],
};

const elementValue = (body: string, element: string) =>
	(new RegExp(`<${element}>([^<]*)</${element}>`).exec(body)?.[1] ?? '')
		.replace(/&amp;/g, '&')
		.replace(/&apos;/g, "'");

let copies = 0;
function answer(request: SentRequest) {
	const body = request.body;
	switch (operationOf(request)) {
		case 'getCompanyInfo': {
			const name = elementValue(body, 'companyName');
			if (name !== 'ApiTestCo') return soapFault('authorizationFault', 20000, `Invalid company name '${name}'`);
			return soapResult('getCompanyInfo', '<companyInfo><companyHandle>c|6</companyHandle><name>ApiTestCo</name><rootPath>ApiTestCo/</rootPath></companyInfo>');
		}
		case 'getAssetsByName': {
			const found = ASSETS[elementValue(body, 'items')] ?? [];
			const items = found
				.map(([handle, folder]) => `<items><assetHandle>${handle}</assetHandle><name>x</name><type>Image</type><folder>${folder}</folder></items>`)
				.join('');
			return soapResult('getAssetsByName', found.length ? `<assetArray>${items}</assetArray>` : '');
		}
		case 'getFolderTree':
			return soapResult('getFolderTree', FOLDER_TREE);
		case 'copyImage':
			copies += 1;
			return soapResult('copyImage', `<assetHandle>a|5000|1|${copies}</assetHandle>`);
		default:
			throw new Error(`unexpected ${operationOf(request)}`);
	}
}

const parameters = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'image',
	operation: 'copy',
	companyHandle: locator('name', 'ApiTestCo'),
	assetHandle: locator('name', 'macbookwin1'),
	folderHandle: locator('path', 'ApiTestCo/summer/'),
	name: 'copy',
	urlModifier: '',
	// The image URL's lookups have their own tests (image/imageUrlOutput.test.ts).
	options: { includeImageUrl: false },
	...overrides,
});

async function run(overrides: IDataObject | ((index: number) => IDataObject), itemCount = 1, continueOnFail = false) {
	const items = Array.from({ length: itemCount }, () => ({ json: {} }));
	const perItem = typeof overrides === 'function' ? (index: number) => parameters(overrides(index)) : parameters(overrides);
	const result = await runNode(perItem, answer, { items, continueOnFail });
	return { ...result, output: result.output ?? [] };
}

describe('Copy Image with names and paths', () => {
	it('resolves company name, image name and folder path to handles before copying', async () => {
		const { output, sent, operations } = await run({});
		expect(operations).toEqual(['getCompanyInfo', 'getAssetsByName', 'getFolderTree', 'copyImage']);
		expect(sent[0].body).toContain('<getCompanyInfoParam xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"><companyName>ApiTestCo</companyName></getCompanyInfoParam>');
		expect(sent[1].body).toContain(
			'<companyHandle>c|6</companyHandle><nameArray><items>macbookwin1</items></nameArray><assetTypeArray><items>Image</items></assetTypeArray>',
		);
		expect(sent[2].body).toContain('<companyHandle>c|6</companyHandle><depth>-1</depth>');
		expect(sent[3].body).toContain(
			'<companyHandle>c|6</companyHandle><assetHandle>a|739|1|537</assetHandle><folderHandle>ApiTestCo/summer/</folderHandle>',
		);
		expect(output[0].json).toMatchObject({
			companyHandle: 'c|6',
			sourceAssetHandle: 'a|739|1|537',
			folderHandle: 'ApiTestCo/summer/',
		});
	});

	it.each([
		['a full path with a trailing slash', 'ApiTestCo/summer/sale/', 'f|ApiTestCo/summer/sale/'],
		['a full path without a trailing slash', 'ApiTestCo/summer/sale', 'f|ApiTestCo/summer/sale/'],
		['a path relative to the company root', 'summer/sale', 'f|ApiTestCo/summer/sale/'],
		['a relative path with a leading slash', '/summer/', 'ApiTestCo/summer/'],
		['the root folder', 'ApiTestCo', 'ApiTestCo/'],
		['a folder name with spaces', 'Folder With Space', 'ApiTestCo/Folder With Space/'],
		['a path in another case', 'apitestco/SUMMER', 'ApiTestCo/summer/'],
	])('resolves %s', async (_case, path, handle) => {
		const { output } = await run({ folderHandle: locator('path', path) });
		expect(output[0].json.folderHandle).toBe(handle);
	});

	it('resolves an image name with spaces and &', async () => {
		const { output, sent } = await run({ assetHandle: locator('name', 'Tom & Jerry') });
		expect(sent[1].body).toContain('<items>Tom &amp; Jerry</items>');
		expect(output[0].json.sourceAssetHandle).toBe('a|800|1|1');
	});

	it('looks each distinct name and path up once per execution, not once per item', async () => {
		const { output, operations } = await run(
			(index) => ({
				name: `copy_${index}`,
				assetHandle: locator('name', index % 2 ? 'Tom & Jerry' : 'macbookwin1'),
				folderHandle: locator('path', index % 3 ? 'summer' : 'ApiTestCo/'),
			}),
			12,
		);
		expect(output).toHaveLength(12);
		expect(operations.filter((operation) => operation === 'getCompanyInfo')).toHaveLength(1);
		expect(operations.filter((operation) => operation === 'getAssetsByName')).toHaveLength(2);
		expect(operations.filter((operation) => operation === 'getFolderTree')).toHaveLength(1);
		expect(operations.filter((operation) => operation === 'copyImage')).toHaveLength(12);
	});

	it('looks again in the next execution', async () => {
		await run({});
		const { operations } = await run({});
		expect(operations).toEqual(['getCompanyInfo', 'getAssetsByName', 'getFolderTree', 'copyImage']);
	});

	it.each([
		[
			'an unknown company name',
			{ companyHandle: locator('name', 'NoSuchCo') },
			"No Scene7 company is named 'NoSuchCo' [item 0]",
			['getCompanyInfo'],
		],
		[
			'an image name that matches nothing',
			{ assetHandle: locator('name', 'macbookwin2') },
			"No image is named 'macbookwin2' in company c|6 [item 0]",
			['getCompanyInfo', 'getAssetsByName'],
		],
		[
			'an image name that matches several images',
			{ assetHandle: locator('name', 'hat twin') },
			"2 images are named 'hat twin' in company c|6 [item 0]",
			['getCompanyInfo', 'getAssetsByName'],
		],
		[
			'an unknown folder path',
			{ folderHandle: locator('path', 'winter/') },
			"No folder has the path 'winter/' in company c|6 [item 0]",
			['getCompanyInfo', 'getAssetsByName', 'getFolderTree'],
		],
	])('refuses %s with a clear error', async (_case, overrides, message, operations) => {
		const { error, operations: sent } = await run(overrides);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(message);
		expect(sent).toEqual(operations);
	});

	it('lists the candidates when a name is ambiguous', async () => {
		const { error } = await run({ assetHandle: locator('name', 'hat twin') });
		expect((error as NodeOperationError).description).toBe(
			'Enter the handle of the one you mean: a|900|1|1 in ApiTestCo/, a|901|1|1 in ApiTestCo/summer/.',
		);
	});

	it('shares one failed lookup among the items and gives each its own error', async () => {
		const { output, operations } = await run(
			(index) => ({ name: `copy_${index}`, assetHandle: locator('name', index === 1 ? 'macbookwin1' : 'missing') }),
			3,
			true,
		);
		expect(operations.filter((operation) => operation === 'getAssetsByName')).toHaveLength(2);
		expect(output.map((item) => item.json.error ?? item.json.assetHandle)).toEqual([
			"No image is named 'missing' in company c|6 [item 0]",
			expect.stringMatching(/^a\|5000\|1\|\d+$/),
			"No image is named 'missing' in company c|6 [item 2]",
		]);
	});
});

describe('Copy Image: URL Modifier check and builder', () => {
	const ids = {
		companyHandle: locator('id', 'c|6'),
		assetHandle: locator('id', 'a|739|1|537'),
		folderHandle: locator('id', 'ApiTestCo/'),
	};

	it('refuses an invalid modifier before any request, naming the command', async () => {
		const { error, operations } = await run({ ...ids, urlModifier: 'wid=800&qlt=150' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toMatch(/^URL Modifier is not valid Image Serving syntax: `qlt=150`: quality must be 1-100.* \[item 0\]$/);
		expect(operations).toEqual([]);
	});

	it('sends commands the check does not know when the check is turned off', async () => {
		const { output } = await run({ ...ids, urlModifier: 'wid=800&myCommand=1', options: { validateUrlModifier: false } });
		expect(output[0].json.urlModifier).toBe('wid=800&myCommand=1');
	});

	it('appends what the builder composes and shows it in the output', async () => {
		const { output, sent } = await run({
			...ids,
			urlModifier: 'op_usm=1,1,10',
			modifierBuilder: {
				commands: {
					width: 800,
					height: 0,
					fit: 'constrain',
					upscale: false,
					format: 'jpeg',
					quality: 85,
					backgroundColor: '#FFFFFF',
					brightness: 0,
					flip: '',
				},
			},
		});
		expect(output[0].json.builtUrlModifier).toBe('wid=800&fit=constrain&bgc=FFFFFF&fmt=jpeg&qlt=85');
		expect(output[0].json.urlModifier).toBe('op_usm=1,1,10&wid=800&fit=constrain&bgc=FFFFFF&fmt=jpeg&qlt=85');
		expect(sent[0].body).toContain('<urlModifier>op_usm=1,1,10&amp;wid=800&amp;fit=constrain&amp;bgc=FFFFFF&amp;fmt=jpeg&amp;qlt=85</urlModifier>');
	});
});
