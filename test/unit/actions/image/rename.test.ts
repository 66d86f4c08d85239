import {
	assetsAnswer,
	assetXml,
	byHandle,
	connectionRefused,
	connectionReset,
	emptyAnswer,
	imageParameters,
	param,
	paramOf,
	refusal,
	run,
	scripted,
	soapFault,
} from '../support';

const parameters = imageParameters('rename', { newName: 'macbook_2024' });

const withName = (name: string) => assetsAnswer('getAssets', [assetXml('a|739|1|537', name)]);

describe('Image > Rename', () => {
	it('sends renameAsset with validateName and outputs the handle and the new name', async () => {
		const { json, sent } = await run(parameters(), scripted({ renameAsset: [emptyAnswer('renameAsset')] }));
		expect(sent.map(paramOf)).toEqual([
			param(
				'renameAsset',
				'<companyHandle>c|6</companyHandle><assetHandle>a|739|1|537</assetHandle><newName>macbook_2024</newName>' +
					'<validateName>true</validateName>',
			),
		]);
		expect(json).toEqual([{ assetHandle: 'a|739|1|537', companyHandle: 'c|6', name: 'macbook_2024' }]);
	});

	it('sends validateName false when turned off', async () => {
		const { sent } = await run(parameters({ options: { validateName: false } }), scripted({ renameAsset: [emptyAnswer('renameAsset')] }));
		expect(paramOf(sent[0])).toContain('<validateName>false</validateName></renameAssetParam>');
	});

	it("explains Scene7's refusal of a name in use", async () => {
		const { error } = await run(
			parameters(),
			scripted({ renameAsset: [soapFault('ipsApiFault', 30000, "Asset ID 'macbook_2024' is already in use.")] }),
		);
		expect(error?.message).toBe("Scene7 refused the name 'macbook_2024' in New Name: Asset ID 'macbook_2024' is already in use. (30000) [item 0]");
	});

	it.each([
		['an empty name', { newName: '' }, 'New Name is empty [item 0]'],
		['a character XML cannot carry', { newName: 'a\uFFFEb' }, 'New Name contains the character U+FFFE at position 2, which XML cannot carry [item 0]'],
		['an empty image', { assetHandle: byHandle('') }, 'Image is empty [item 0]'],
	])('refuses %s before any request', async (_case, overrides, message) => {
		expect(await refusal(parameters(overrides))).toBe(message);
	});

	describe('when the answer is lost', () => {
		it('does not rename again when the asset already has the new name', async () => {
			const { json, operations } = await run(
				parameters(),
				scripted({ renameAsset: [connectionReset], getAssets: [withName('macbook_2024')] }),
			);
			expect(operations).toEqual(['renameAsset', 'getAssets']);
			expect(json).toEqual([{ assetHandle: 'a|739|1|537', companyHandle: 'c|6', name: 'macbook_2024' }]);
		});

		it('renames again when the asset still has its old name', async () => {
			const { json, operations } = await run(
				parameters(),
				scripted({ renameAsset: [connectionReset, emptyAnswer('renameAsset')], getAssets: [withName('macbookwin1')] }),
			);
			expect(operations).toEqual(['renameAsset', 'getAssets', 'renameAsset']);
			expect(json?.[0]).toMatchObject({ name: 'macbook_2024' });
		});

		it('tries again without asking when the call certainly did not arrive', async () => {
			const { operations } = await run(parameters(), scripted({ renameAsset: [connectionRefused, emptyAnswer('renameAsset')] }));
			expect(operations).toEqual(['renameAsset', 'renameAsset']);
		});

		it('gives up after the attempts allowed', async () => {
			const { error, operations } = await run(
				parameters({ options: { retry: { settings: { attempts: 2, backoff: 0 } } } }),
				scripted({ renameAsset: [connectionReset], getAssets: [withName('macbookwin1')] }),
			);
			expect(operations).toEqual(['renameAsset', 'getAssets', 'renameAsset', 'getAssets']);
			expect(error?.message).toBe('Could not reach Scene7 for renameAsset: the connection was reset');
		});
	});
});
