import {
	assetsAnswer,
	assetXml,
	byHandle,
	connectionReset,
	emptyAnswer,
	imageParameters,
	param,
	paramOf,
	run,
	scripted,
	soapFault,
} from '../support';

const parameters = imageParameters('delete');

describe('Image > Delete', () => {
	it('sends deleteAsset and outputs { deleted: true }', async () => {
		const { json, sent } = await run(parameters(), scripted({ deleteAsset: [emptyAnswer('deleteAsset')] }));
		expect(sent.map(paramOf)).toEqual([
			param('deleteAsset', '<companyHandle>c|6</companyHandle><assetHandle>a|739|1|537</assetHandle>'),
		]);
		expect(json).toEqual([{ deleted: true }]);
	});

	it("explains Scene7's fault for an unknown handle", async () => {
		const { error } = await run(parameters(), scripted({ deleteAsset: [soapFault('ipsApiFault', 30001, "Invalid assetHandle 'a|739|1|537'")] }));
		expect(error?.message).toBe("Scene7 could not run deleteAsset: Invalid assetHandle 'a|739|1|537' (30001)");
	});

	it('outputs the error per item with Continue On Fail', async () => {
		const { output } = await run(
			(itemIndex) => parameters({ assetHandle: byHandle(itemIndex === 0 ? '' : 'a|739|1|537') }),
			scripted({ deleteAsset: [emptyAnswer('deleteAsset')] }),
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(output).toEqual([
			{ json: expect.objectContaining({ error: 'Image is empty [item 0]' }), pairedItem: { item: 0 } },
			{ json: { deleted: true }, pairedItem: { item: 1 } },
		]);
	});

	describe('when the answer is lost', () => {
		it.each([
			['Scene7 no longer returns the asset', emptyAnswer('getAssets')],
			['Scene7 no longer knows the handle', soapFault('ipsApiFault', 30001, "Invalid assetHandle 'a|739|1|537'")],
			['the asset is in the trash', assetsAnswer('getAssets', [assetXml('a|739|1|537', 'macbookwin1', { trashState: 'InTrash' })])],
		])('does not delete again when %s', async (_case, answer) => {
			const { json, operations } = await run(parameters(), scripted({ deleteAsset: [connectionReset], getAssets: [answer] }));
			expect(operations).toEqual(['deleteAsset', 'getAssets']);
			expect(json).toEqual([{ deleted: true }]);
		});

		it('deletes again when the asset is still there', async () => {
			const { json, operations } = await run(
				parameters(),
				scripted({
					deleteAsset: [connectionReset, emptyAnswer('deleteAsset')],
					getAssets: [assetsAnswer('getAssets', [assetXml('a|739|1|537', 'macbookwin1')])],
				}),
			);
			expect(operations).toEqual(['deleteAsset', 'getAssets', 'deleteAsset']);
			expect(json).toEqual([{ deleted: true }]);
		});

		it('reports a fault of the check that is not about the handle', async () => {
			const { error } = await run(
				parameters(),
				scripted({ deleteAsset: [connectionReset], getAssets: [soapFault('authorizationFault', 20003, 'No permission')] }),
			);
			expect(error?.message).toBe("Your Scene7 user's role may not use getAssets (20003)");
		});
	});
});
