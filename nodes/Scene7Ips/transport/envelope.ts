import { XMLBuilder } from 'fast-xml-parser';

import { API_NAMESPACE_PLACEHOLDER, wrapInEnvelope } from './envelopeFrame';

/**
 * An operation's parameters in the order of its xsd:sequence. Arrays become repeated elements
 * (IPS arrays are `<xxxArray><items>…</items><items>…</items></xxxArray>`, so pass
 * `{ nameArray: { items: ['a', 'b'] } }`). Undefined values are left out; '' gives an empty element.
 */
export type IpsParamValue = string | number | boolean | IpsParam | IpsParamValue[] | undefined;
export interface IpsParam {
	[element: string]: IpsParamValue;
}

const builder = new XMLBuilder({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	suppressEmptyNode: true, // '' becomes <urlModifier/>, as in the documentation's example
	processEntities: true,
	format: false,
});

// XML 1.0 cannot carry these at all, escaped or not (section 2.2, production Char); Scene7 would
// reject the whole envelope. A lone surrogate is not a character either: UTF-8 encoding would turn
// it into U+FFFD silently, so the value would not arrive as written.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export class UnsendableValueError extends Error {
	constructor(readonly path: string) {
		super(`The value of ${path} contains a character that XML cannot carry (a control character or a lone surrogate)`);
	}
}

function toBuilderTree(value: IpsParamValue, path: string): unknown {
	if (Array.isArray(value)) return value.map((entry, i) => toBuilderTree(entry, `${path}[${i}]`));
	if (value !== null && typeof value === 'object') {
		const tree: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) {
			if (entry !== undefined) tree[key] = toBuilderTree(entry, path ? `${path}.${key}` : key);
		}
		return tree;
	}
	const text = String(value);
	if (FORBIDDEN_XML_CHARS.test(text)) throw new UnsendableValueError(path);
	return text;
}

/** The complete request envelope for `operation`, with the credential's placeholders still open. */
export function buildEnvelope(operation: string, param: IpsParam): string {
	const body = builder.build({
		[`${operation}Param`]: { '@xmlns': API_NAMESPACE_PLACEHOLDER, ...(toBuilderTree(param, '') as object) },
	}) as string;
	// The builder escapes & < > " ' but leaves line-end characters raw, and XML parsers turn a raw
	// CR (or CR LF) into LF (XML 1.0 section 2.11; XML 1.1 parsers also NEL and U+2028). A character
	// reference arrives as written. The envelope itself has no line breaks, so each one is a value's.
	return wrapInEnvelope(body.replace(/[\r\u0085\u2028]/g, (char) => `&#${char.charCodeAt(0)};`));
}
