import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export type HandleKind = 'company' | 'asset' | 'folder';

// Handles are opaque, but their documented prefixes tell a company from an asset or a folder.
const HANDLE_PREFIXES: Record<HandleKind, string> = { company: 'c|', asset: 'a|', folder: 'f|' };
const KIND_NAMES: Record<HandleKind, string> = {
	company: 'a company handle',
	asset: 'an asset handle',
	folder: 'a folder handle',
};

// Raw control characters are never valid in a handle, a name or an Image Serving modifier.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F]/;

function rejectControlCharacters(node: INode, text: string, field: string, itemIndex: number) {
	const found = CONTROL_CHARACTER.exec(text);
	if (!found) return;
	const codePoint = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
	throw new NodeOperationError(
		node,
		`${field} contains a control character (U+${codePoint}) at position ${found.index + 1} [item ${itemIndex}]`,
		{
			description: `Remove line breaks, tabs and other invisible characters from ${field}; they often come from spreadsheet cells.`,
			itemIndex,
		},
	);
}

function describeType(value: unknown): string {
	// What an expression gives for a missing field or an item n8n could not pair.
	if (value === null || value === undefined) return String(value);
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * The text of a required field: numbers become their text, surrounding white space is dropped, and
 * anything else (empty, null, objects, lists) is an error that names the field and the item.
 */
export function requireText(node: INode, value: unknown, field: string, itemIndex: number, hint: string): string {
	if (Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') {
		throw new NodeOperationError(node, `${field} must be text, but it is ${describeType(value)} [item ${itemIndex}]`, {
			description: `Map ${field} to a single text value. ${hint}`,
			itemIndex,
		});
	}
	const text = value.trim();
	rejectControlCharacters(node, text, field, itemIndex);
	if (text === '') {
		throw new NodeOperationError(node, `${field} is empty [item ${itemIndex}]`, {
			description: `Enter ${field} or map it from an earlier node with an expression. ${hint}`,
			itemIndex,
		});
	}
	return text;
}

/** A required handle that must not be the handle of another kind of object. */
export function requireHandle(
	node: INode,
	value: unknown,
	field: string,
	kind: HandleKind,
	itemIndex: number,
	hint: string,
): string {
	const handle = requireText(node, value, field, itemIndex, hint);
	for (const other of Object.keys(HANDLE_PREFIXES) as HandleKind[]) {
		if (other !== kind && handle.startsWith(HANDLE_PREFIXES[other])) {
			throw new NodeOperationError(
				node,
				`${field} '${handle}' is ${KIND_NAMES[other]}, not ${KIND_NAMES[kind]} [item ${itemIndex}]`,
				{ description: `Check the mapping of ${field}. ${hint}`, itemIndex },
			);
		}
	}
	return handle;
}

/** Optional text: '' for empty values; anything but text or a number is an error. */
export function optionalText(node: INode, value: unknown, field: string, itemIndex: number): string {
	if (value === undefined || value === null) return '';
	if (Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') {
		throw new NodeOperationError(node, `${field} must be text, but it is ${describeType(value)} [item ${itemIndex}]`, {
			description: `Map ${field} to a single text value.`,
			itemIndex,
		});
	}
	rejectControlCharacters(node, value, field, itemIndex);
	return value;
}

// Characters XML 1.0 cannot carry at all, escaped or not (XML 1.0 section 2.2, production Char):
// C0 controls other than tab, line feed and carriage return, U+FFFE, U+FFFF and lone surrogates.
// eslint-disable-next-line no-control-regex
const NOT_XML_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first character of `text` that XML 1.0 cannot carry and its position in characters (from 1). */
export function findNonXmlCharacter(text: string): { codePoint: string; position: number } | undefined {
	const found = NOT_XML_CHARACTER.exec(text);
	if (!found) return undefined;
	const codePoint = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
	return { codePoint: `U+${codePoint}`, position: [...text.slice(0, found.index)].length + 1 };
}

/**
 * A required asset name. Only what is certain is refused before sending: a value that is not text,
 * an empty or white-space-only name, and characters XML 1.0 cannot carry (they cannot reach Scene7
 * in a SOAP request at all). Surrounding white space is dropped, as in every text field. Everything
 * else, quotes, '<', '&', tabs and line breaks included, is sent XML-escaped and byte-exact:
 * Scene7 decides what it accepts in a name, and its fault is explained by describeNameFault.
 */
export function requireAssetName(node: INode, value: unknown, field: string, itemIndex: number): string {
	const hint = 'Names are unique within a company.';
	if (Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') {
		throw new NodeOperationError(node, `${field} must be text, but it is ${describeType(value)} [item ${itemIndex}]`, {
			description: `Map ${field} to a single text value. ${hint}`,
			itemIndex,
		});
	}
	const name = value.trim();
	if (name === '') {
		throw new NodeOperationError(node, `${field} is empty [item ${itemIndex}]`, {
			description: `Enter ${field} or map it from an earlier node with an expression. ${hint}`,
			itemIndex,
		});
	}
	const found = findNonXmlCharacter(name);
	if (found) {
		throw new NodeOperationError(
			node,
			`${field} contains the character ${found.codePoint} at position ${found.position}, which XML cannot carry [item ${itemIndex}]`,
			{
				description: `Remove this character from ${field}: XML 1.0 cannot carry it in any form, so no SOAP request can send it. Such characters often come from spreadsheet cells or copied text.`,
				itemIndex,
			},
		);
	}
	return name;
}
