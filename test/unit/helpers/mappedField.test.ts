import { mappedFieldValue } from '../../../nodes/Scene7Ips/helpers/mappedField';

const json = { name: 'Copy_1', spaced: '  padded  ', count: 7, nested: { name: 'inner' } };

describe('mappedFieldValue', () => {
	it.each([
		['={{ $json.name }}', 'Copy_1'],
		['={{   $json.spaced\n}}', '  padded  '],
	])('reads %j from the item: %j', (stored, expected) => {
		expect(mappedFieldValue(stored, json)).toBe(expected);
	});

	it.each([
		// Not exactly one mapped field: n8n evaluates these.
		'={{ $json.name }}_copy',
		'={{ $json.nested.name }}',
		'{{ $json.name }}',
		// Fields that are not strings keep n8n's own conversion.
		'={{ $json.count }}',
		'={{ $json.missing }}',
		// Inherited, not the item's own.
		'={{ $json.constructor }}',
		'={{ $json.toString }}',
	])('leaves %j to n8n', (stored) => {
		expect(mappedFieldValue(stored, json)).toBeUndefined();
	});

	it('leaves values that are not text, and a missing item, to n8n', () => {
		for (const stored of [undefined, null, 7, true, ['={{ $json.name }}'], { value: '={{ $json.name }}' }]) {
			expect(mappedFieldValue(stored, json)).toBeUndefined();
		}
		expect(mappedFieldValue('={{ $json.name }}', undefined)).toBeUndefined();
	});

	it('leaves a locator to n8n when its value is not a mapped string field or another key holds an expression', () => {
		expect(mappedFieldValue({ __rl: true, mode: 'id', value: 'a|1|2|3' }, json)).toBeUndefined();
		expect(mappedFieldValue({ __rl: true, mode: 'id', value: '={{ $json.count }}' }, json)).toBeUndefined();
		expect(mappedFieldValue({ __rl: true, mode: '={{ $json.mode }}', value: '={{ $json.name }}' }, json)).toBeUndefined();
	});
});
