import {
	assetsAnswer,
	assetXml,
	byHandle,
	byPath,
	connectionReset,
	emptyAnswer,
	imageParameters,
	param,
	paramOf,
	refusal,
	run,
	scripted,
	soapResult,
} from '../support';

const parameters = imageParameters('move', { folderHandle: byHandle('ApiTestCo/summer/') });

const inFolder = (folder: string) =>
	assetsAnswer('getAssets', [assetXml('a|739|1|537', 'macbookwin1', { folder, folderHandle: folder })]);

describe('Image > Move', () => {
	it('sends moveAsset and outputs the handle and the folder', async () => {
		const { json, sent } = await run(parameters(), scripted({ moveAsset: [emptyAnswer('moveAsset')] }));
		expect(sent.map(paramOf)).toEqual([
			param(
				'moveAsset',
				'<companyHandle>c|6</companyHandle><assetHandle>a|739|1|537</assetHandle><folderHandle>ApiTestCo/summer/</folderHandle>',
			),
		]);
		expect(json).toEqual([{ assetHandle: 'a|739|1|537', companyHandle: 'c|6', folderHandle: 'ApiTestCo/summer/' }]);
	});

	it('finds a folder given by path first', async () => {
		const tree =
			'<folders><folderHandle>ApiTestCo/</folderHandle><path>ApiTestCo/</path><subfolderArray>' +
			'<items><folderHandle>f|ApiTestCo/summer/</folderHandle><path>ApiTestCo/summer/</path></items></subfolderArray></folders>';
		const { operations, sent } = await run(
			parameters({ folderHandle: byPath('summer/') }),
			scripted({ getFolderTree: [soapResult('getFolderTree', tree)], moveAsset: [emptyAnswer('moveAsset')] }),
		);
		expect(operations).toEqual(['getFolderTree', 'moveAsset']);
		expect(paramOf(sent[1])).toContain('<folderHandle>f|ApiTestCo/summer/</folderHandle>');
	});

	it('refuses an asset handle as folder before any request', async () => {
		expect(await refusal(parameters({ folderHandle: byHandle('a|1|1|1') }))).toBe("Folder 'a|1|1|1' is an asset handle, not a folder handle [item 0]");
	});

	describe('when the answer is lost', () => {
		it('does not move again when the asset is in the folder', async () => {
			const { json, operations } = await run(
				parameters({ folderHandle: byHandle('f|ApiTestCo/summer/') }),
				scripted({ moveAsset: [connectionReset], getAssets: [inFolder('ApiTestCo/summer/')] }),
			);
			expect(operations).toEqual(['moveAsset', 'getAssets']);
			expect(json).toEqual([{ assetHandle: 'a|739|1|537', companyHandle: 'c|6', folderHandle: 'f|ApiTestCo/summer/' }]);
		});

		it('moves again when the asset is still where it was', async () => {
			const { operations } = await run(
				parameters(),
				scripted({ moveAsset: [connectionReset, emptyAnswer('moveAsset')], getAssets: [inFolder('ApiTestCo/')] }),
			);
			expect(operations).toEqual(['moveAsset', 'getAssets', 'moveAsset']);
		});
	});
});
