import { API_NAMESPACE_PLACEHOLDER, escapeXml, wrapInEnvelope } from './envelopeFrame';

/**
 * An operation's parameters in the order of its xsd:sequence. Arrays become repeated elements
 * (IPS arrays are `<xxxArray><items>…</items><items>…</items></xxxArray>`, so pass
 * `{ nameArray: { items: ['a', 'b'] } }`). Undefined values are left out; '' gives an empty element.
 */
export type IpsParamValue = string | number | boolean | IpsParam | IpsParamValue[] | undefined;
export interface IpsParam {
	[element: string]: IpsParamValue;
}

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

// XML parsers turn a raw CR (or CR LF) into LF (XML 1.0 section 2.11; XML 1.1 parsers also NEL and
// U+2028); as character references they arrive as written.
const LINE_ENDS = /[\r\u0085\u2028]/g;
const escapeText = (text: string) => escapeXml(text).replace(LINE_ENDS, (char) => `&#${char.charCodeAt(0)};`);

// Element names as the callers build them (Custom > Call refuses other keys before this).
const ELEMENT_NAME = /^[A-Za-z_][\w.-]*$/;

/** `<name>…</name>` for one value; an empty text or object gives `<name/>`, as in the documentation's example. */
function element(name: string, value: string | IpsParam, path: string): string {
	if (!ELEMENT_NAME.test(name)) throw new Error(`'${name}' at ${path} is not an XML element name`);
	const content = typeof value === 'string' ? text(value, path) : children(value, path);
	return content === '' ? `<${name}/>` : `<${name}>${content}</${name}>`;
}

function text(value: string, path: string): string {
	if (FORBIDDEN_XML_CHARS.test(value)) throw new UnsendableValueError(path);
	return escapeText(value);
}

/** An object's members in order; an array becomes repeated elements; undefined members are left out. */
function children(param: IpsParam, path: string): string {
	let xml = '';
	for (const [key, entry] of Object.entries(param)) {
		if (entry === undefined) continue;
		const at = path ? `${path}.${key}` : key;
		if (!Array.isArray(entry)) {
			xml += element(key, scalarOrParam(entry), at);
			continue;
		}
		entry.forEach((member, index) => {
			if (Array.isArray(member)) throw new Error(`${at}[${index}] is a list inside a list, which XML elements cannot express`);
			if (member !== undefined) xml += element(key, scalarOrParam(member), `${at}[${index}]`);
		});
	}
	return xml;
}

const scalarOrParam = (value: Exclude<IpsParamValue, IpsParamValue[] | undefined>) =>
	value !== null && typeof value === 'object' ? value : String(value);

/** The complete request envelope for `operation`, with the credential's placeholders still open. */
export function buildEnvelope(operation: string, param: IpsParam): string {
	const root = `${operation}Param xmlns="${API_NAMESPACE_PLACEHOLDER}"`;
	const content = children(param, '');
	return wrapInEnvelope(content === '' ? `<${root}/>` : `<${root}>${content}</${operation}Param>`);
}
