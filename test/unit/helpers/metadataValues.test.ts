import { autoType, tagsOf, toMetadataUpdate } from '../../../nodes/Scene7Ips/helpers/metadataValues';

describe('autoType', () => {
	it.each([['Tag', 'setTags']])('%j → %j', (type, expected) => expect(autoType(type)).toBe(expected));
});

describe('toMetadataUpdate', () => {
	it.each([
		['boolean', 'False', { fieldHandle: 'f', boolVal: false }],
		['long', '9223372036854775807', { fieldHandle: 'f', longVal: '9223372036854775807' }],
	] as const)('%s %j', (type, value, update) => expect(toMetadataUpdate('f', type, value)).toEqual({ ok: true, update }));

	it('takes tags from a list an expression gives', () => {
		expect(tagsOf([' a', 'b ', ''])).toEqual(['a', 'b']);
		expect(toMetadataUpdate('f', 'setTags', ['x', 'y'])).toEqual({ ok: true, update: { fieldHandle: 'f', setTagValueArray: { items: ['x', 'y'] } } });
	});

	it.each([
		['long', '-9223372036854775809', "is '-9223372036854775809', not a whole number"],
		['double', '', "is '', not a number"],
	] as const)('refuses %s %j', (type, value, problem) => {
		expect(toMetadataUpdate('f', type, value)).toMatchObject({ ok: false, problem });
	});
});
