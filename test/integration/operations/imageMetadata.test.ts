// Image > Set Metadata, Get Metadata and Download through n8n-core's engine against the IPS sandbox.
import { PNG } from 'pngjs';

import { DEMO, SEED } from '../../sandbox/server';
import { SCENE7 } from '../../support/workflows';
import { byHandle, image, job, operationsSent, runNode, useFastPolls, useSandbox } from './harness';

const sandbox = useSandbox({ jobStepMs: 30 });
useFastPolls();

const field = (name: string, value: string, valueType = 'auto') => ({
	field: { __rl: true, mode: 'id', value: `m|6|${name}` },
	valueType,
	value,
});

describe('Image > Set Metadata and Get Metadata', () => {
	it('sets the fields of two images in one batch, and Get Metadata reads them back by name and type', async () => {
		const set = await runNode(
			sandbox(),
			image('setMetadata', {
				assetHandle: byHandle('={{ $json.asset }}'),
				fields: {
					fieldValues: [field('Photographer', '={{ $json.photographer }}'), field('Approved', 'true'), field('ShotCount', '12'), field('Keywords', '={{ $json.keywords }}')],
				},
			}),
			[
				{ asset: DEMO.assetHandle, photographer: 'Ann & Bo', keywords: 'laptop, desk' },
				{ asset: SEED.assets.summerHero, photographer: 'Cy', keywords: 'beach' },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(set.error).toBeUndefined();
		expect(operationsSent(sandbox()).filter((operation) => operation === 'batchSetAssetMetadata')).toHaveLength(1);
		expect(set.json).toEqual([
			{ assetHandle: DEMO.assetHandle, companyHandle: 'c|6', updated: ['Photographer', 'Approved', 'ShotCount', 'Keywords'] },
			{ assetHandle: SEED.assets.summerHero, companyHandle: 'c|6', updated: ['Photographer', 'Approved', 'ShotCount', 'Keywords'] },
		]);

		const got = await runNode(sandbox(), image('getMetadata', { assetHandle: byHandle(DEMO.assetHandle) }));
		expect(got.error).toBeUndefined();
		expect(got.json[0]).toMatchObject({
			assetHandle: DEMO.assetHandle,
			companyHandle: 'c|6',
			name: 'macbookwin1',
			metadata: expect.objectContaining({ Photographer: 'Ann & Bo', Approved: true, ShotCount: 12, Keywords: ['laptop', 'desk'] }),
		});
		expect(got.json[0].metadataFields).toEqual(
			expect.arrayContaining([{ fieldHandle: 'm|6|Photographer', name: 'Photographer', value: 'Ann & Bo' }]),
		);
	});

	it('makes a value the sandbox refuses the error of its own item; the other item is set (Continue)', async () => {
		const set = await runNode(
			sandbox(),
			image('setMetadata', { assetHandle: byHandle('={{ $json.asset }}'), fields: { fieldValues: [field('Season', '={{ $json.season }}')] } }),
			[
				{ asset: DEMO.assetHandle, season: 'Summer' },
				{ asset: SEED.assets.summerHero, season: 'Monsoon' },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(set.json[0]).toEqual({ assetHandle: DEMO.assetHandle, companyHandle: 'c|6', updated: ['Season'] });
		expect(String(set.json[1].error)).toMatch(
			new RegExp(`^Scene7 did not set metadata of image ${SEED.assets.summerHero.replace(/\|/g, '\\|')}: field 'Season' \\(m\\|6\\|Season\\): .+ \\(30001\\) \\[item 1\\]$`),
		);
	});
});

describe('Image > Download', () => {
	it('says an unpublished image is not served, and downloads it at the asked size once published', async () => {
		const download = image('download', { assetHandle: byHandle(DEMO.assetHandle), urlModifier: 'wid=300&fmt=png' });
		const url = `${sandbox().url}/is/image/ApiTestCo/macbookwin1?wid=300&fmt=png`;
		const before = await runNode(sandbox(), download);
		expect(before.error).toBe(`Image Serving does not serve image 'macbookwin1' (HTTP 404) at ${url} [item 0]`);

		const published = await runNode(sandbox(), job('publish', { publishType: 'Incremental', options: { waitForCompletion: true } }));
		expect(published.error).toBeUndefined();

		const after = await runNode(sandbox(), download);
		expect(after.error).toBeUndefined();
		const [item] = after.result.outputOf(SCENE7);
		expect(item.json).toEqual({
			assetHandle: DEMO.assetHandle,
			companyHandle: 'c|6',
			name: 'macbookwin1',
			imageUrl: url,
			mimeType: 'image/png',
			fileSize: expect.any(Number),
		});
		const binary = item.binary?.data;
		expect(binary).toMatchObject({ fileName: 'macbookwin1.png', mimeType: 'image/png' });
		const png = PNG.sync.read(Buffer.from(String(binary?.data), 'base64'));
		expect([png.width, png.height]).toEqual([300, 225]);
		expect(Buffer.from(String(binary?.data), 'base64').length).toBe(item.json.fileSize);
	});
});
