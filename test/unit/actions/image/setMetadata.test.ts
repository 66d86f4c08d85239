import type { IDataObject } from 'n8n-workflow';

import { byHandle, operationOf, param, paramOf, run, scripted, soapFault, soapResult } from '../support';
import { fieldsAnswer } from './metadataAnswers';

const field = (handle: string, valueType: string, value: string): IDataObject => ({
	field: { __rl: true, mode: 'list', value: handle },
	valueType,
	value,
});

const parameters = (assetHandle: string, rows: IDataObject[], overrides: IDataObject = {}) => ({
	resource: 'image',
	operation: 'setMetadata',
	companyHandle: byHandle('c|6'),
	assetHandle: byHandle(assetHandle),
	fields: { fieldValues: rows },
	...overrides,
});

const ROWS: IDataObject[][] = [
	[field('m|6|IMAGE|101', 'auto', 'Summer & sale'), field('m|6|IMAGE|102', 'auto', 'TRUE')],
	[field('m|6|IMAGE|103', 'auto', ' 42 '), field('m|6|IMAGE|104', 'double', '2.50')],
	[field('m|6|IMAGE|105', 'auto', '2026-12-01'), field('m|6|IMAGE|106', 'addTags', 'red, blue,')],
];
const threeItems = { items: [{ json: {} }, { json: {} }, { json: {} }] };
const perItem = (index: number) => parameters(`a|${index + 1}|1|1`, ROWS[index]);

const batchAnswer = (inner = '<successCount>3</successCount><warningCount>0</warningCount><errorCount>0</errorCount>') =>
	soapResult('batchSetAssetMetadata', inner);

const fault = (assetHandle: string, fieldHandle: string, code: number, reason: string) =>
	`<items><assetHandle>${assetHandle}</assetHandle><fieldHandle>${fieldHandle}</fieldHandle><code>${code}</code><reason>${reason}</reason></items>`;

describe('Image > Set Metadata', () => {
	it('sends one batchSetAssetMetadata for three items of a company, each value as its type', async () => {
		const { json, sent } = await run(perItem, scripted({ getMetadataFields: [fieldsAnswer], batchSetAssetMetadata: [batchAnswer()] }), threeItems);
		expect(sent.map(operationOf)).toEqual(['getMetadataFields', 'batchSetAssetMetadata']);
		expect(paramOf(sent[1])).toBe(
			param(
				'batchSetAssetMetadata',
				'<companyHandle>c|6</companyHandle><updateArray>' +
					'<items><assetHandleArray><items>a|1|1|1</items></assetHandleArray><updateArray>' +
					'<items><fieldHandle>m|6|IMAGE|101</fieldHandle><value>Summer &amp; sale</value></items>' +
					'<items><fieldHandle>m|6|IMAGE|102</fieldHandle><boolVal>true</boolVal></items></updateArray></items>' +
					'<items><assetHandleArray><items>a|2|1|1</items></assetHandleArray><updateArray>' +
					'<items><fieldHandle>m|6|IMAGE|103</fieldHandle><longVal>42</longVal></items>' +
					'<items><fieldHandle>m|6|IMAGE|104</fieldHandle><doubleVal>2.50</doubleVal></items></updateArray></items>' +
					'<items><assetHandleArray><items>a|3|1|1</items></assetHandleArray><updateArray>' +
					'<items><fieldHandle>m|6|IMAGE|105</fieldHandle><dateVal>2026-12-01T00:00:00.000Z</dateVal></items>' +
					'<items><fieldHandle>m|6|IMAGE|106</fieldHandle><addTagValueArray><items>red</items><items>blue</items></addTagValueArray></items>' +
					'</updateArray></items></updateArray>',
			),
		);
		expect(json).toEqual([
			{ assetHandle: 'a|1|1|1', companyHandle: 'c|6', updated: ['Caption', 'Approved'] },
			{ assetHandle: 'a|2|1|1', companyHandle: 'c|6', updated: ['Rank', 'Price'] },
			{ assetHandle: 'a|3|1|1', companyHandle: 'c|6', updated: ['Launch', 'Colors'] },
		]);
	});

	it('sets and removes tags, and sends text as given', async () => {
		const { sent } = await run(
			parameters('a|1|1|1', [field('m|6|IMAGE|106', 'setTags', 'a'), field('m|6|IMAGE|106', 'removeTags', 'b'), field('m|6|IMAGE|103', 'string', ' 7 ')]),
			scripted({ getMetadataFields: [fieldsAnswer], batchSetAssetMetadata: [batchAnswer()] }),
		);
		expect(paramOf(sent[1])).toContain(
			'<updateArray><items><fieldHandle>m|6|IMAGE|106</fieldHandle><setTagValueArray><items>a</items></setTagValueArray></items>' +
				'<items><fieldHandle>m|6|IMAGE|106</fieldHandle><deleteTagValueArray><items>b</items></deleteTagValueArray></items>' +
				'<items><fieldHandle>m|6|IMAGE|103</fieldHandle><value> 7 </value></items></updateArray>',
		);
	});

	it('makes a field Scene7 reports an error for that item\'s error; the other items succeed (Continue)', async () => {
		const answer = batchAnswer(
			'<successCount>2</successCount><warningCount>1</warningCount><errorCount>1</errorCount>' +
				`<warningDetailArray>${fault('a|3|1|1', 'm|6|IMAGE|106', 30000, 'Tag value was already present')}</warningDetailArray>` +
				`<errorDetailArray>${fault('a|2|1|1', 'm|6|IMAGE|103', 30001, 'Value out of range')}</errorDetailArray>`,
		);
		const { json, operations } = await run(perItem, scripted({ getMetadataFields: [fieldsAnswer], batchSetAssetMetadata: [answer] }), {
			...threeItems,
			continueOnFail: true,
		});
		expect(operations).toEqual(['getMetadataFields', 'batchSetAssetMetadata']);
		expect(json).toEqual([
			{ assetHandle: 'a|1|1|1', companyHandle: 'c|6', updated: ['Caption', 'Approved'] },
			{
				error: "Scene7 did not set metadata of image a|2|1|1: field 'Rank' (m|6|IMAGE|103): Value out of range (30001) [item 1]",
				description:
					"Check that the value suits the field's type and that the field exists for images in this company; Scene7 may have set the item's other fields.",
			},
			{
				assetHandle: 'a|3|1|1',
				companyHandle: 'c|6',
				updated: ['Launch', 'Colors'],
				warnings: [{ fieldHandle: 'm|6|IMAGE|106', field: 'Colors', code: '30000', reason: 'Tag value was already present' }],
			},
		]);
	});

	it('throws the failed item under Stop', async () => {
		const answer = batchAnswer(
			`<successCount>2</successCount><warningCount>0</warningCount><errorCount>1</errorCount><errorDetailArray>${fault('a|2|1|1', 'm|6|IMAGE|103', 30001, 'Value out of range')}</errorDetailArray>`,
		);
		const { error } = await run(perItem, scripted({ getMetadataFields: [fieldsAnswer], batchSetAssetMetadata: [answer] }), threeItems);
		expect(error?.message).toBe("Scene7 did not set metadata of image a|2|1|1: field 'Rank' (m|6|IMAGE|103): Value out of range (30001) [item 1]");
	});

	it('sends one batch per company', async () => {
		const { sent } = await run(
			(index) => parameters(`a|${index}|1|1`, [field('m|6|IMAGE|101', 'string', 'x')], { companyHandle: byHandle(index === 1 ? 'c|7' : 'c|6') }),
			scripted({ getMetadataFields: [fieldsAnswer], batchSetAssetMetadata: [batchAnswer()] }),
			threeItems,
		);
		const batches = sent.filter((request) => operationOf(request) === 'batchSetAssetMetadata').map(paramOf);
		expect(batches).toHaveLength(2);
		expect(batches[0]).toContain('<companyHandle>c|6</companyHandle>');
		expect(batches[0]).toContain('<items>a|0|1|1</items>');
		expect(batches[0]).toContain('<items>a|2|1|1</items>');
		expect(batches[1]).toContain('<companyHandle>c|7</companyHandle><updateArray><items><assetHandleArray><items>a|1|1|1</items>');
	});

	it('cuts a company\'s items into calls of at most 100, and a refused call fails only its own items', async () => {
		const count = 250;
		let calls = 0;
		const { json, sent } = await run(
			(index) => parameters(`a|${index}|1|1`, [field('m|6|IMAGE|101', 'string', 'x')]),
			scripted({
				getMetadataFields: [fieldsAnswer],
				batchSetAssetMetadata: [() => (++calls === 2 ? soapFault('ipsApiFault', 30000, 'busy') : batchAnswer())],
			}),
			{ items: Array.from({ length: count }, () => ({ json: {} })), continueOnFail: true },
		);
		const batches = sent.filter((request) => operationOf(request) === 'batchSetAssetMetadata').map((request) => (paramOf(request).match(/<assetHandleArray>/g) ?? []).length);
		expect(batches).toEqual([100, 100, 50]);
		const failed = (json ?? []).flatMap((output, index) => (output.error ? [index] : []));
		// Which call came second is the window's business; exactly one block of 100 consecutive items failed.
		expect(failed).toHaveLength(100);
		expect(failed[99] - failed[0]).toBe(99);
		expect(failed[0] % 100).toBe(0);
	});

	it('fails every item of a batch Scene7 refuses as a whole', async () => {
		const { json } = await run(
			perItem,
			scripted({ getMetadataFields: [fieldsAnswer], batchSetAssetMetadata: [soapFault('authorizationFault', 20003, 'no')] }),
			{ ...threeItems, continueOnFail: true },
		);
		expect(json?.map((output) => output.error)).toEqual([0, 1, 2].map((index) =>
				`Your Scene7 user's role may not use batchSetAssetMetadata (20003) (setting the metadata of image a|${index + 1}|1|1 in one batch for company c|6) [item ${index}]`,
			));
	});

	it.each([
		['an empty Fields', [], 'Fields is empty [item 0]'],
		['a row without a field', [field('', 'string', 'x')], 'Field 1 names no metadata field [item 0]'],
		['a Boolean that is not true or false', [field('m|6|IMAGE|102', 'boolean', 'yes')], "The value of field 'Approved' (m|6|IMAGE|102) is 'yes', not true or false [item 0]"],
		['a Long with decimals', [field('m|6|IMAGE|103', 'auto', '4.5')], "The value of field 'Rank' (m|6|IMAGE|103) is '4.5', not a whole number [item 0]"],
		['a Long beyond xsd:long', [field('m|6|IMAGE|103', 'long', '9223372036854775808')], "The value of field 'Rank' (m|6|IMAGE|103) is '9223372036854775808', not a whole number [item 0]"],
		['a Double that is not a number', [field('m|6|IMAGE|104', 'auto', '2,5')], "The value of field 'Price' (m|6|IMAGE|104) is '2,5', not a number [item 0]"],
		['a Date that does not parse', [field('m|6|IMAGE|105', 'date', 'soon')], "The value of field 'Launch' (m|6|IMAGE|105) is 'soon', not a date [item 0]"],
		['a character XML cannot carry', [field('m|6|IMAGE|101', 'string', 'a\u0001')], "The value of field 'Caption' (m|6|IMAGE|101) contains the character U+0001 at position 2, which XML cannot carry [item 0]"],
		['Auto for a field Scene7 does not list', [field('m|6|IMAGE|999', 'auto', 'x')], 'Field 1 (m|6|IMAGE|999) is not a metadata field of images in company c|6 [item 0]'],
	])('refuses %s before sending', async (_case, rows, message) => {
		const { error, operations } = await run(parameters('a|1|1|1', rows), scripted({ getMetadataFields: [fieldsAnswer], batchSetAssetMetadata: [batchAnswer()] }));
		expect(error?.message).toBe(message);
		expect(operations).not.toContain('batchSetAssetMetadata');
	});

	it('sends explicit types with field handles when the fields cannot be listed', async () => {
		const { json, operations } = await run(
			parameters('a|1|1|1', [field('m|6|IMAGE|101', 'string', 'x')]),
			scripted({ getMetadataFields: [soapFault('authorizationFault', 20003, 'no')], batchSetAssetMetadata: [batchAnswer()] }),
		);
		expect(operations).toEqual(['getMetadataFields', 'batchSetAssetMetadata']);
		expect(json).toEqual([{ assetHandle: 'a|1|1|1', companyHandle: 'c|6', updated: ['m|6|IMAGE|101'] }]);
	});
});
