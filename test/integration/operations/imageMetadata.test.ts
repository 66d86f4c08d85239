// Image > Set Metadata and Get Metadata through n8n-core's engine against the IPS sandbox. Download: unit
// image/download.test.ts, and after a publish job.test.ts (served once published) and e2e examples.e2e.
import { DEMO, SEED } from '../../sandbox/server';
import { byHandle, image, operationsSent, runNode, useSandbox } from './harness';

const sandbox = useSandbox();

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
