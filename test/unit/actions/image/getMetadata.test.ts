import { byHandle, param, paramOf, run, scripted, soapResult } from '../support';
import { fieldsAnswer } from './metadataAnswers';

const parameters = { resource: 'image', operation: 'getMetadata', companyHandle: byHandle('c|6'), assetHandle: byHandle('a|739|1|537') };

const assetWithMetadata = soapResult(
	'getAssets',
	'<assetArray><items><assetHandle>a|739|1|537</assetHandle><name>macbookwin1</name><type>Image</type><metadataArray>' +
		'<items><name>m|6|IMAGE|101</name><value>A laptop &amp; more</value></items>' +
		'<items><name>m|6|IMAGE|102</name><value>true</value><boolVal>true</boolVal></items>' +
		'<items><name>m|6|IMAGE|103</name><value>7</value><longVal>7</longVal></items>' +
		'<items><name>Colors</name><value>red,blue</value><valueArray><items>red</items><items>blue</items></valueArray></items>' +
		'<items><name>m|6|IMAGE|999</name><value>x</value></items>' +
		'</metadataArray></items></assetArray>',
);

describe('Image > Get Metadata', () => {
	it('asks getAssets for the metadata and names each value by its field', async () => {
		const { json, sent } = await run(parameters, scripted({ getAssets: [assetWithMetadata], getMetadataFields: [fieldsAnswer] }));
		expect(sent.map(paramOf)).toEqual([
			param('getMetadataFields', '<companyHandle>c|6</companyHandle><assetType>Image</assetType>'),
			param(
				'getAssets',
				'<companyHandle>c|6</companyHandle><assetHandleArray><items>a|739|1|537</items></assetHandleArray>' +
					'<responseFieldArray><items>assetArray/items/assetHandle</items><items>assetArray/items/name</items>' +
					'<items>assetArray/items/type</items><items>assetArray/items/metadataArray</items></responseFieldArray>',
			),
		]);
		expect(json).toEqual([
			{
				assetHandle: 'a|739|1|537',
				companyHandle: 'c|6',
				name: 'macbookwin1',
				metadata: { Caption: 'A laptop & more', Approved: true, Rank: 7, Colors: ['red', 'blue'], 'm|6|IMAGE|999': 'x' },
				metadataFields: [
					{ fieldHandle: 'm|6|IMAGE|101', name: 'Caption', value: 'A laptop & more' },
					{ fieldHandle: 'm|6|IMAGE|102', name: 'Approved', value: true },
					{ fieldHandle: 'm|6|IMAGE|103', name: 'Rank', value: 7 },
					{ fieldHandle: 'm|6|IMAGE|106', name: 'Colors', value: ['red', 'blue'] },
					{ fieldHandle: 'm|6|IMAGE|999', name: 'm|6|IMAGE|999', value: 'x' },
				],
			},
		]);
	});

	it('looks the fields up once for many items of a company', async () => {
		const { operations } = await run(
			parameters,
			scripted({ getAssets: [assetWithMetadata], getMetadataFields: [fieldsAnswer] }),
			{ items: [{ json: {} }, { json: {} }, { json: {} }] },
		);
		expect(operations.filter((operation) => operation === 'getMetadataFields')).toHaveLength(1);
		expect(operations.filter((operation) => operation === 'getAssets')).toHaveLength(3);
	});

	it('says so when Scene7 returns no asset for the handle', async () => {
		const { error } = await run(parameters, scripted({ getAssets: [soapResult('getAssets', '')], getMetadataFields: [fieldsAnswer] }));
		expect(error?.message).toBe("No asset has the handle 'a|739|1|537' in company c|6 [item 0]");
	});
});
