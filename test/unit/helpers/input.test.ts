import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	findNonXmlCharacter,
	optionalText,
	requireAssetName,
	requireHandle,
	requireText,
} from '../../../nodes/Scene7Ips/helpers/input';

const node: INode = {
	id: 'n1',
	name: 'Scene7',
	type: 'n8n-nodes-scene7.scene7Ips',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function errorOf(run: () => unknown): NodeOperationError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected an error');
}

describe('requireAssetName', () => {
	it.each([
		`A&B <x> "q" 'a'`,
		'사본_é',
		'lit&amp;eral &#233;',
		'cdata]]>end',
		'<>&',
		'emoji \u{1F600}',
		'MacBook 15" Pro',
		'a/b\\c:d*e?f|g',
		'x'.repeat(1000),
		'tab\tinside',
		'two\nlines',
		'carriage\rreturn',
		'\u007F and \u0085',
		'\u{10FFFF}',
	])('sends %j as written', (name) => {
		expect(requireAssetName(node, name, 'New Name', 3)).toBe(name);
	});

	it('drops surrounding white space and turns numbers into text', () => {
		expect(requireAssetName(node, '  spaced name \n', 'New Name', 0)).toBe('spaced name');
		expect(requireAssetName(node, 42, 'New Name', 0)).toBe('42');
		expect(requireAssetName(node, 1.5, 'New Name', 0)).toBe('1.5');
	});

	it.each(['', '   ', '\t\n\r '])('refuses the empty name %j, naming the field and the item', (name) => {
		const error = errorOf(() => requireAssetName(node, name, 'New Name', 4));
		expect(error.message).toBe('New Name is empty [item 4]');
		expect(error.description).toBe(
			'Enter New Name or map it from an earlier node with an expression. Names are unique within a company.',
		);
		expect(error.context.itemIndex).toBe(4);
	});

	it.each<[unknown, string]>([
		[null, 'null'],
		[undefined, 'undefined'],
		[['a'], 'a list'],
		[{ a: 1 }, 'an object'],
		[true, 'a boolean'],
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
		['\u0000start', 'U+0000', 1],
		['a\u0008', 'U+0008', 2],
		['a\u000Bb', 'U+000B', 2],
		['a\u000Cb', 'U+000C', 2],
		['ab\u000E', 'U+000E', 3],
		['ab\u001F', 'U+001F', 3],
		['a\uFFFE', 'U+FFFE', 2],
		['a\uFFFF', 'U+FFFF', 2],
		['lone \uD83D high', 'U+D83D', 6],
		['lone \uDE00 low', 'U+DE00', 6],
		['\uDE00\uD83D', 'U+DE00', 1],
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

describe('findNonXmlCharacter', () => {
	it('finds the first character XML 1.0 cannot carry and its 1-based position', () => {
		expect(findNonXmlCharacter('ab\u0001c\u0002')).toEqual({ codePoint: 'U+0001', position: 3 });
		expect(findNonXmlCharacter('\u{1F600}\t\n\r\uFFFD\uE000')).toBeUndefined();
	});
});

describe('requireText', () => {
	it('trims text and turns finite numbers into text', () => {
		expect(requireText(node, '  c|6 ', 'Company', 0, 'Pick one.')).toBe('c|6');
		expect(requireText(node, 7, 'Company', 0, 'Pick one.')).toBe('7');
	});

	it('names the field, the item and the hint for empty values', () => {
		const error = errorOf(() => requireText(node, ' ', 'Company', 6, 'Pick one.'));
		expect(error.message).toBe('Company is empty [item 6]');
		expect(error.description).toBe('Enter Company or map it from an earlier node with an expression. Pick one.');
	});

	it.each([Number.NaN, Number.NEGATIVE_INFINITY])('refuses the number %s', (value) => {
		expect(errorOf(() => requireText(node, value, 'Company', 0, '')).message).toBe('Company must be text, but it is a number [item 0]');
		expect(errorOf(() => optionalText(node, value, 'Modifier', 0)).message).toBe('Modifier must be text, but it is a number [item 0]');
	});

	it('refuses values that are not text', () => {
		const error = errorOf(() => requireText(node, { a: 1 }, 'Company', 0, 'Pick one.'));
		expect(error.message).toBe('Company must be text, but it is an object [item 0]');
		expect(error.description).toBe('Map Company to a single text value. Pick one.');
	});

	it.each([
		['a\tb', 'U+0009', 2],
		['ab\u007F', 'U+007F', 3],
		['abc\u001F', 'U+001F', 4],
	])('refuses the control character in %j', (value, codePoint, position) => {
		const error = errorOf(() => requireText(node, value, 'Company', 2, 'Pick one.'));
		expect(error.message).toBe(`Company contains a control character (${codePoint}) at position ${position} [item 2]`);
		expect(error.description).toBe(
			'Remove line breaks, tabs and other invisible characters from Company; they often come from spreadsheet cells.',
		);
		expect(error.context.itemIndex).toBe(2);
	});

	it('accepts the characters just outside the control ranges', () => {
		expect(requireText(node, ' ~\u0080', 'Company', 0, '')).toBe('~\u0080');
	});
});

describe('requireHandle', () => {
	it('accepts a handle of the wanted kind or of no known kind', () => {
		expect(requireHandle(node, 'a|1|2', 'Asset', 'asset', 0, 'h')).toBe('a|1|2');
		expect(requireHandle(node, '24265|1', 'Asset', 'asset', 0, 'h')).toBe('24265|1');
		expect(requireHandle(node, 'ApiTestCo/', 'Folder', 'folder', 0, 'h')).toBe('ApiTestCo/');
	});

	it.each<[string, 'company' | 'asset' | 'folder', string]>([
		['c|6', 'asset', "Asset 'c|6' is a company handle, not an asset handle [item 3]"],
		['f|Co/x/', 'asset', "Asset 'f|Co/x/' is a folder handle, not an asset handle [item 3]"],
		['a|1', 'folder', "Asset 'a|1' is an asset handle, not a folder handle [item 3]"],
		['a|1', 'company', "Asset 'a|1' is an asset handle, not a company handle [item 3]"],
	])('refuses %s as a %s handle', (handle, kind, message) => {
		const error = errorOf(() => requireHandle(node, handle, 'Asset', kind, 3, 'Use From list.'));
		expect(error.message).toBe(message);
		expect(error.description).toBe('Check the mapping of Asset. Use From list.');
		expect(error.context.itemIndex).toBe(3);
	});
});

describe('optionalText', () => {
	it.each([undefined, null, ''])('gives an empty string for %j', (value) => {
		expect(optionalText(node, value, 'Modifier', 0)).toBe('');
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
