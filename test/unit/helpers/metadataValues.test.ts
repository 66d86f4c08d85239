import { autoType, namedMetadata, tagsOf, toMetadataUpdate } from '../../../nodes/Scene7Ips/helpers/metadataValues';

describe('autoType', () => {
	it.each([
		['String', 'string'],
		['Boolean', 'boolean'],
		['Long', 'long'],
		['Integer', 'long'],
		['Double', 'double'],
		['Float', 'double'],
		['Date', 'date'],
		['Tag', 'setTags'],
		['MultiTag', 'setTags'],
		['', 'string'],
	])('%j → %j', (type, expected) => expect(autoType(type)).toBe(expected));
});

describe('toMetadataUpdate', () => {
	it.each([
		['string', ' a ', { fieldHandle: 'f', value: ' a ' }],
		['boolean', 'False', { fieldHandle: 'f', boolVal: false }],
		['long', '-0012', { fieldHandle: 'f', longVal: '-12' }],
		['long', '9223372036854775807', { fieldHandle: 'f', longVal: '9223372036854775807' }],
		['double', '1e3', { fieldHandle: 'f', doubleVal: '1e3' }],
		['date', '2026-12-01T10:00:00+01:00', { fieldHandle: 'f', dateVal: '2026-12-01T09:00:00.000Z' }],
		['setTags', 'a, b', { fieldHandle: 'f', setTagValueArray: { items: ['a', 'b'] } }],
		['addTags', 'a', { fieldHandle: 'f', addTagValueArray: { items: ['a'] } }],
		['removeTags', 'a', { fieldHandle: 'f', deleteTagValueArray: { items: ['a'] } }],
	] as const)('%s %j', (type, value, update) => expect(toMetadataUpdate('f', type, value)).toEqual({ ok: true, update }));

	it('takes tags from a list an expression gives', () => {
		expect(tagsOf([' a', 'b ', ''])).toEqual(['a', 'b']);
		expect(toMetadataUpdate('f', 'setTags', ['x', 'y'])).toEqual({ ok: true, update: { fieldHandle: 'f', setTagValueArray: { items: ['x', 'y'] } } });
	});

	it.each([
		['boolean', '1', "is '1', not true or false"],
		['long', '1.0', "is '1.0', not a whole number"],
		['long', '-9223372036854775809', "is '-9223372036854775809', not a whole number"],
		['double', '', "is '', not a number"],
		['double', 'Infinity', "is 'Infinity', not a number"],
		['date', '', "is '', not a date"],
		['string', 'a\uFFFE', 'contains the character U+FFFE at position 2, which XML cannot carry'],
	] as const)('refuses %s %j', (type, value, problem) => {
		expect(toMetadataUpdate('f', type, value)).toMatchObject({ ok: false, problem });
	});
});

describe('namedMetadata', () => {
	const fields = [{ fieldHandle: 'm|1', name: 'Caption', type: 'String' }];
	it('names values sent by handle or by name, and keeps unknown ones as sent', () => {
		expect(
			namedMetadata(
				[
					{ key: 'm|1', value: 'a' },
					{ key: 'Caption', value: 'b' },
					{ key: 'other', value: 'c' },
				],
				fields,
			),
		).toEqual([
			{ fieldHandle: 'm|1', name: 'Caption', value: 'a' },
			{ fieldHandle: 'm|1', name: 'Caption', value: 'b' },
			{ fieldHandle: 'other', name: 'other', value: 'c' },
		]);
	});
});
