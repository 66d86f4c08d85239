import {
	assetsAnswer,
	assetXml,
	byHandle,
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

const parameters = imageParameters('createDerived', {
	folderHandle: byHandle('ApiTestCo/summer/'),
	name: 'macbook_square',
	derivedType: 'AdjustedView',
	urlModifier: 'crop=0,0,800,800',
	urlPostApplyModifier: '',
});

const created = soapResult('createDerivedAsset', '<assetHandle>a|950|1|600</assetHandle>');

describe('Image > Create Derived', () => {
	it('sends createDerivedAsset in sequence order, leaving an empty modifier out', async () => {
		const { json, sent } = await run(parameters(), scripted({ createDerivedAsset: [created] }));
		expect(sent.map(paramOf)).toEqual([
			param(
				'createDerivedAsset',
				'<companyHandle>c|6</companyHandle><ownerHandle>a|739|1|537</ownerHandle><folderHandle>ApiTestCo/summer/</folderHandle>' +
					'<name>macbook_square</name><type>AdjustedView</type><urlModifier>crop=0,0,800,800</urlModifier>',
			),
		]);
		expect(json).toEqual([
			{
				assetHandle: 'a|950|1|600',
				companyHandle: 'c|6',
				ownerHandle: 'a|739|1|537',
				folderHandle: 'ApiTestCo/summer/',
				name: 'macbook_square',
				type: 'AdjustedView',
				urlModifier: 'crop=0,0,800,800',
				urlPostApplyModifier: '',
			},
		]);
	});

	it('sends a layer view with both modifiers', async () => {
		const { sent } = await run(
			parameters({ derivedType: 'LayerView', urlModifier: '', urlPostApplyModifier: 'fmt=png' }),
			scripted({ createDerivedAsset: [created] }),
		);
		expect(paramOf(sent[0])).toContain('<type>LayerView</type><urlPostApplyModifier>fmt=png</urlPostApplyModifier></createDerivedAssetParam>');
	});

	it.each([
		['an empty name', { name: '' }, 'New Name is empty [item 0]'],
		['a character XML cannot carry', { name: 'a\u0001b' }, 'New Name contains the character U+0001 at position 2, which XML cannot carry [item 0]'],
		['an invalid modifier', { urlModifier: 'wid=abc' }, /^URL Modifier is not valid Image Serving syntax/],
	])('refuses %s before any request', async (_case, overrides, message) => {
		expect(await refusal(parameters(overrides))).toMatch(message);
	});

	describe('when the answer is lost', () => {
		it('returns the asset it finds of that name and type in the folder instead of creating another', async () => {
			const made = assetXml('a|951|1|601', 'macbook_square', {
				type: 'AdjustedView',
				folder: 'ApiTestCo/summer/',
				folderHandle: 'ApiTestCo/summer/',
				created: new Date().toISOString(),
			});
			const { json, operations, sent } = await run(
				parameters(),
				scripted({ createDerivedAsset: [connectionReset], getAssetsByName: [assetsAnswer('getAssetsByName', [made])] }),
			);
			expect(operations).toEqual(['createDerivedAsset', 'getAssetsByName']);
			expect(paramOf(sent[1])).toBe(
				param(
					'getAssetsByName',
					'<companyHandle>c|6</companyHandle><nameArray><items>macbook_square</items></nameArray>' +
						'<assetTypeArray><items>AdjustedView</items></assetTypeArray>',
				),
			);
			expect(json?.[0]).toMatchObject({ assetHandle: 'a|951|1|601' });
		});

		it('creates it again when there is none', async () => {
			const { json, operations } = await run(
				parameters(),
				scripted({ createDerivedAsset: [connectionReset, created], getAssetsByName: [emptyAnswer('getAssetsByName')] }),
			);
			expect(operations).toEqual(['createDerivedAsset', 'getAssetsByName', 'createDerivedAsset']);
			expect(json?.[0]).toMatchObject({ assetHandle: 'a|950|1|600' });
		});
	});
});
