import { toAssetOutput } from '../../../../nodes/Scene7Ips/helpers/output';
import {
	assetsAnswer,
	assetXml,
	byHandle,
	byName,
	emptyAnswer,
	imageParameters,
	param,
	paramOf,
	refusal,
	run,
	scripted,
	soapFault,
} from '../support';
import { urlLookups } from './urlAnswers';

const parameters = imageParameters('get');

const IMAGE_INFO = {
	imageInfo: {
		originalPath: 'ApiTestCo/',
		originalFile: 'macbookwin1.jpg',
		width: '1600',
		height: '1200',
		fileSize: '1920000',
		resolution: '72.0',
		urlModifier: 'op_sharpen=1',
		urlPostApplyModifier: '',
	},
};

describe('Image > Get', () => {
	it('sends getAssets with the one handle and outputs the asset flattened, typed, with its URL', async () => {
		const { json, sent } = await run(
			parameters(),
			scripted({ getAssets: [assetsAnswer('getAssets', [assetXml('a|739|1|537', 'macbookwin1', IMAGE_INFO)])], ...urlLookups }),
		);
		expect(sent.map(paramOf)).toEqual([
			param('getAssets', '<companyHandle>c|6</companyHandle><assetHandleArray><items>a|739|1|537</items></assetHandleArray>'),
			param('getProperty', '<name>IpsImageServerUrl</name>'),
			param('getCompanyInfo', '<companyHandle>c|6</companyHandle>'),
		]);
		expect(json).toEqual([
			{
				assetHandle: 'a|739|1|537',
				companyHandle: 'c|6',
				name: 'macbookwin1',
				type: 'Image',
				fileName: 'macbookwin1.jpg',
				folder: 'ApiTestCo/',
				folderHandle: 'ApiTestCo/',
				readyForPublish: true,
				trashState: 'NotInTrash',
				created: '2024-03-01T09:00:00.000Z',
				originalPath: 'ApiTestCo/',
				originalFile: 'macbookwin1.jpg',
				width: 1600,
				height: 1200,
				fileSize: 1920000,
				resolution: 72,
				urlModifier: 'op_sharpen=1',
				urlPostApplyModifier: '',
				imageUrl: 'https://s7d1.scene7.com/is/image/ApiTestCo/macbookwin1',
			},
		]);
	});

	it('says so when Scene7 returns no asset for the handle', async () => {
		const { error, operations } = await run(parameters({ assetHandle: byHandle('a|1|1|1') }), scripted({ getAssets: [emptyAnswer('getAssets')] }));
		expect(operations).toEqual(['getAssets']);
		expect(error?.message).toBe("No asset has the handle 'a|1|1|1' in company c|6 [item 0]");
	});

	it("explains Scene7's fault for an unknown handle", async () => {
		const { error } = await run(
			parameters({ assetHandle: byHandle('a|1|1|1') }),
			scripted({ getAssets: [soapFault('ipsApiFault', 30001, "Invalid assetHandle 'a|1|1|1'")] }),
		);
		expect(error?.message).toBe("Scene7 could not run getAssets: Invalid assetHandle 'a|1|1|1' (30001)");
	});

	it('looks an image given by name up first', async () => {
		const { json, operations, sent } = await run(
			parameters({ assetHandle: byName('macbookwin1'), options: { includeImageUrl: false } }),
			scripted({
				getAssetsByName: [assetsAnswer('getAssetsByName', [assetXml('a|739|1|537', 'macbookwin1')])],
				getAssets: [assetsAnswer('getAssets', [assetXml('a|739|1|537', 'macbookwin1')])],
			}),
		);
		expect(operations).toEqual(['getAssetsByName', 'getAssets']);
		expect(paramOf(sent[1])).toContain('<assetHandleArray><items>a|739|1|537</items></assetHandleArray>');
		expect(json?.[0]).toMatchObject({ assetHandle: 'a|739|1|537', name: 'macbookwin1' });
	});

	it.each([
		['an empty image', { assetHandle: byHandle('') }, 'Image is empty [item 0]'],
		['a folder handle as image', { assetHandle: byHandle('f|ApiTestCo/') }, "Image 'f|ApiTestCo/' is a folder handle, not an asset handle [item 0]"],
		['an empty company', { companyHandle: byHandle(' ') }, 'Company is empty [item 0]'],
	])('refuses %s before any request', async (_case, overrides, message) => {
		expect(await refusal(parameters(overrides))).toBe(message);
	});
});

describe('asset output', () => {
	it('lifts the fields of any info block and keeps what it does not know', () => {
		const asset = {
			assetHandle: 'a|9|1|9',
			name: 'overlay',
			type: 'LayerView',
			readyForPublish: 'false',
			layerViewInfo: { url: 'ApiTestCo/macbookwin1', urlModifier: 'wid=10', urlPostApplyModifier: '' },
			metadataArray: { items: [{ name: 'x' }] },
		};
		expect(toAssetOutput(asset, 'c|6')).toEqual({
			assetHandle: 'a|9|1|9',
			companyHandle: 'c|6',
			name: 'overlay',
			type: 'LayerView',
			readyForPublish: false,
			url: 'ApiTestCo/macbookwin1',
			urlModifier: 'wid=10',
			urlPostApplyModifier: '',
			metadataArray: { items: [{ name: 'x' }] },
		});
	});

	it('keeps numbers that are not numbers as text, and never lets an info field replace an asset field', () => {
		const asset = { assetHandle: 'a|1', name: 'n', imageInfo: { width: 'wide', name: 'other', height: '' } };
		expect(toAssetOutput(asset, 'c|6')).toEqual({ assetHandle: 'a|1', companyHandle: 'c|6', name: 'n', width: 'wide', height: '' });
	});
});
