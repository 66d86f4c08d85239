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

	it('refuses the empty name, naming the field and the item', () => {
		const error = errorOf(() => requireAssetName(node, '', 'New Name', 4));
		expect(error.message).toBe('New Name is empty [item 4]');
		expect(error.description).toBe(
			'Enter New Name or map it from an earlier node with an expression. Names are unique within a company.',
		);
		expect(error.context.itemIndex).toBe(4);
	});

	it.each<[unknown, string]>([
		[undefined, 'undefined'],
		[Number.NaN, 'a number'],
		[Number.POSITIVE_INFINITY, 'a number'],
	])('refuses %j, which is not text', (value, described) => {
		const error = errorOf(() => requireAssetName(node, value, 'New Name', 2));
		expect(error.message).toBe(`New Name must be text, but it is ${described} [item 2]`);
		expect(error.description).toBe('Map New Name to a single text value. Names are unique within a company.');
		expect(error.context.itemIndex).toBe(2);
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
	it('names the field, the item and the hint for empty values', () => {
		const error = errorOf(() => requireText(node, ' ', 'Company', 6, 'Pick one.'));
		expect(error.message).toBe('Company is empty [item 6]');
		expect(error.description).toBe('Enter Company or map it from an earlier node with an expression. Pick one.');
	});

	it('refuses values that are not text', () => {
		const error = errorOf(() => requireText(node, { a: 1 }, 'Company', 0, 'Pick one.'));
		expect(error.message).toBe('Company must be text, but it is an object [item 0]');
		expect(error.description).toBe('Map Company to a single text value. Pick one.');
	});

	it.each([
		['a\tb', 'U+0009', 2],
	])('refuses the control character in %j', (value, codePoint, position) => {
		const error = errorOf(() => requireText(node, value, 'Company', 2, 'Pick one.'));
		expect(error.message).toBe(`Company contains a control character (${codePoint}) at position ${position} [item 2]`);
		expect(error.description).toBe(
			'Remove line breaks, tabs and other invisible characters from Company; they often come from spreadsheet cells.',
		);
		expect(error.context.itemIndex).toBe(2);
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
	it('gives an empty string for null', () => {
		expect(optionalText(node, null, 'Modifier', 0)).toBe('');
	});

	it('keeps text as written and turns numbers into text', () => {
		expect(optionalText(node, ' wid=1 ', 'Modifier', 0)).toBe(' wid=1 ');
		expect(optionalText(node, 3, 'Modifier', 0)).toBe('3');
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
