import {
	optionalText,
	requireAssetName,
	requireHandle,
	requireText,
} from '../../../nodes/Scene7Ips/helpers/input';
import { NODE as node } from '../../support/executeContext';
import { errorOf } from './errorOf';

describe('requireAssetName', () => {
	it.each([
		`A&B <x> "q" 'a'`,
		'emoji \u{1F600}',
		'tab\tinside',
		'\u007F and \u0085',
		'\u{10FFFF}',
	])('sends %j as written', (name) => {
		expect(requireAssetName(node, name, 'New Name', 3)).toBe(name);
	});

	it.each<[unknown, number, string, string]>([
		['', 4, 'New Name is empty', 'Enter New Name or map it from an earlier node with an expression.'],
		[undefined, 2, 'New Name must be text, but it is undefined', 'Map New Name to a single text value.'],
		[Number.NaN, 2, 'New Name must be text, but it is a number', 'Map New Name to a single text value.'],
		[Number.POSITIVE_INFINITY, 2, 'New Name must be text, but it is a number', 'Map New Name to a single text value.'],
	])('refuses %j, naming the field and the item', (value, index, message, hint) => {
		const error = errorOf(() => requireAssetName(node, value, 'New Name', index));
		expect(error.message).toBe(`${message} [item ${index}]`);
		expect(error.description).toBe(`${hint} Names are unique within a company.`);
		expect(error.context.itemIndex).toBe(index);
	});

	it.each([
		['bell\u0007', 'U+0007', 5],
		['a\uFFFE', 'U+FFFE', 2],
		['lone \uD83D high', 'U+D83D', 6],
		['lone \uDE00 low', 'U+DE00', 6],
		['ok \u{1F600} then \uD83D', 'U+D83D', 11],
	])('refuses %j, which XML cannot carry', (name, codePoint, position) => {
		const error = errorOf(() => requireAssetName(node, name, 'New Name', 1));
		expect(error.message).toBe(
			`New Name contains the character ${codePoint} at position ${position}, which XML cannot carry [item 1]`,
		);
		expect(error.description).toBe(
			'Remove this character from New Name: XML 1.0 cannot carry it in any form, so no SOAP request can send it. Such characters often come from spreadsheet cells or copied text.',
		);
		expect(error.context.itemIndex).toBe(1);
	});
});

describe('requireText', () => {
	it.each<[unknown, number, string, string]>([
		[' ', 6, 'Company is empty', 'Enter Company or map it from an earlier node with an expression. Pick one.'],
		[{ a: 1 }, 0, 'Company must be text, but it is an object', 'Map Company to a single text value. Pick one.'],
		['a\tb', 2, 'Company contains a control character (U+0009) at position 2', 'Remove line breaks, tabs and other invisible characters from Company; they often come from spreadsheet cells.'],
	])('refuses %j, naming the field, the item and the hint', (value, index, message, description) => {
		const error = errorOf(() => requireText(node, value, 'Company', index, 'Pick one.'));
		expect(error.message).toBe(`${message} [item ${index}]`);
		expect(error.description).toBe(description);
		expect(error.context.itemIndex).toBe(index);
	});
});

describe('requireHandle', () => {
	it('refuses c|6 as an asset handle', () => {
		const error = errorOf(() => requireHandle(node, 'c|6', 'Asset', 'asset', 3, 'Use From list.'));
		expect(error.message).toBe("Asset 'c|6' is a company handle, not an asset handle [item 3]");
		expect(error.description).toBe('Check the mapping of Asset. Use From list.');
		expect(error.context.itemIndex).toBe(3);
	});
});

describe('optionalText', () => {
	it.each<[unknown, string]>([
		[null, ''],
		// Text as written, numbers as text.
		[' wid=1 ', ' wid=1 '],
		[3, '3'],
	])('gives %j as %j', (value, text) => {
		expect(optionalText(node, value, 'Modifier', 0)).toBe(text);
	});

	it('refuses values that are not text and control characters', () => {
		const notText = errorOf(() => optionalText(node, ['x'], 'Modifier', 1));
		expect(notText.message).toBe('Modifier must be text, but it is a list [item 1]');
		expect(notText.description).toBe('Map Modifier to a single text value.');
		expect(notText.context.itemIndex).toBe(1);
		expect(errorOf(() => optionalText(node, 'wid=1\n', 'Modifier', 1)).message).toBe(
			'Modifier contains a control character (U+000A) at position 6 [item 1]',
		);
	});
});
