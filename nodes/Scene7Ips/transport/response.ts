import { XMLParser } from 'fast-xml-parser';
import type { IDataObject } from 'n8n-workflow';

export type IpsFaultType = 'authenticationFault' | 'authorizationFault' | 'ipsApiFault';

export interface SoapFault {
	/** Which IPS fault element the detail held; undefined for a plain SOAP fault without IPS detail. */
	type?: IpsFaultType;
	code?: number;
	reason: string;
	faultcode: string;
	faultstring: string;
}

export type UnreadableKind =
	| 'empty'
	| 'html'
	| 'doctype'
	| 'notXml'
	| 'truncated'
	| 'notSoap'
	| 'unexpected'
	| 'tooLarge';

/** What a response body says: a result, a fault, or why it is not a SOAP answer the node can use. */
export type SoapOutcome =
	| { kind: 'result'; result: IDataObject }
	| { kind: 'fault'; fault: SoapFault }
	| { kind: 'unreadable'; unreadable: UnreadableKind; detail: string };

const unreadable = (kind: UnreadableKind, detail = ''): SoapOutcome => ({
	kind: 'unreadable',
	unreadable: kind,
	detail,
});

const IPS_FAULT_TYPES: IpsFaultType[] = ['authenticationFault', 'authorizationFault', 'ipsApiFault'];

const parser = new XMLParser({
	ignoreAttributes: true,
	removeNSPrefix: true,
	// Handles, names and codes stay exactly as sent ('007' is not 7).
	parseTagValue: false,
	ignoreDeclaration: true,
	ignorePiTags: true,
	// XML's five entities and numeric character references, nothing else: DOCTYPEs are refused before
	// parsing, so no declared entity is ever expanded. An empty table of named entities (the parser
	// takes one, though its types say boolean) enables numeric references without fast-xml-parser
	// building its HTML and currency tables on every parse, a third of our parse time per call.
	processEntities: true,
	htmlEntities: {} as unknown as boolean,
	// IPS arrays always wrap their members in `items`.
	isArray: (name) => name === 'items',
});

const HTML_START = /^(?:<\?xml[^>]*\?>\s*)?<(?:!doctype\s+html|html)[\s>]/i;
const ENVELOPE_END = /<\/(?:[\w.-]+:)?Envelope\s*>$/;
const ENVELOPE_START = /<(?:[\w.-]+:)?Envelope[\s>]/;

const asObject = (value: unknown): IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};

function readFault(faultElement: unknown): SoapFault {
	const fault = asObject(faultElement);
	const detail = asObject(fault.detail);
	const faultstring = String(fault.faultstring ?? '').trim();
	const faultcode = String(fault.faultcode ?? '').trim();
	const type = IPS_FAULT_TYPES.find((name) => name in detail);
	if (!type) return { faultcode, faultstring, reason: faultstring };
	const ipsFault = asObject(detail[type]);
	const code = Number.parseInt(String(ipsFault.code ?? ''), 10);
	return {
		type,
		code: Number.isNaN(code) ? undefined : code,
		reason: String(ipsFault.reason ?? '').trim() || faultstring,
		faultcode,
		faultstring,
	};
}

// A result whose return element holds only text fields, as most calls of a bulk run answer (copyImage's
// <assetHandle>, a job handle, nothing at all): the envelope, an optional empty Header, the Body
// with one `<operation>Return`, nothing else. Groups: envelope prefix, return prefix, operation,
// content. Anything it does not match is read by the full parser; so are long answers (lists).
const FLAT_RESULT =
	/^(?:<\?xml[^>]*\?>)?\s*<([\w.-]+:)?Envelope\b[^>]*>\s*(?:<\1Header\b[^>]*\/>\s*|<\1Header\b[^>]*>\s*<\/\1Header>\s*)?<\1Body\b[^>]*>\s*<([\w.-]+:)?(\w+)Return\b[^>]*?(?:\/>|>([^]*?)<\/\2\3Return>)\s*<\/\1Body>\s*<\/\1Envelope>$/;
const FLAT_RESULT_MAX_LENGTH = 4096;

// One text field, empty or not, without attributes (`<t:assetHandle>a|1|2|3</t:assetHandle>`).
const TEXT_FIELD = /\s*<((?:[\w.-]+:)?)([\w.-]+)\s*(?:\/>|>([^<]*)<\/\1\2\s*>)\s*/y;
/** The fields of a flat result, as the full parser gives them; undefined when it is not flat. */
function flatFields(content: string): IDataObject | undefined {
	const fields: IDataObject = {};
	TEXT_FIELD.lastIndex = 0;
	while (TEXT_FIELD.lastIndex < content.length) {
		const field = TEXT_FIELD.exec(content);
		if (!field) return content.slice(TEXT_FIELD.lastIndex).trim() === '' ? fields : undefined;
		const [, , name, raw = ''] = field;
		// Entities, and IPS arrays (always `items`, always a list), are the full parser's.
		if (raw.includes('&') || name === 'items' || name === '__proto__') return undefined;
		const value = raw.trim();
		const earlier = fields[name];
		if (earlier === undefined) fields[name] = value;
		else fields[name] = Array.isArray(earlier) ? [...(earlier as string[]), value] : [earlier as string, value];
	}
	return fields;
}

/** Reads an IPS SOAP response: the `<operation>Return` element's content, or the fault it carries. */
export function parseSoapResponse(rawBody: string, operation: string): SoapOutcome {
	const body = rawBody.replace(/^\uFEFF/, '').trim();
	if (body === '') return unreadable('empty');
	if (HTML_START.test(body)) return unreadable('html');
	if (/<!DOCTYPE|<!ENTITY/i.test(body)) return unreadable('doctype');
	if (!body.startsWith('<')) return unreadable('notXml');
	if (!ENVELOPE_END.test(body)) return unreadable(ENVELOPE_START.test(body) ? 'truncated' : 'notSoap');

	const flat = body.length <= FLAT_RESULT_MAX_LENGTH ? FLAT_RESULT.exec(body) : null;
	if (flat && flat[3] === operation) {
		const fields = flatFields(flat[4] ?? '');
		if (fields) return { kind: 'result', result: fields };
	}

	let document: IDataObject;
	try {
		document = parser.parse(body) as IDataObject;
	} catch (error) {
		return unreadable('notXml', (error as Error).message);
	}
	const soapBody = asObject(asObject(document.Envelope).Body);
	if ('Fault' in soapBody) return { kind: 'fault', fault: readFault(soapBody.Fault) };

	const returnElement = `${operation}Return`;
	if (!(returnElement in soapBody)) {
		const found = Object.keys(soapBody).join(', ') || 'nothing';
		return unreadable('unexpected', `expected ${returnElement}, found ${found}`);
	}
	// An operation without a result answers with an empty element, e.g. <deleteAssetReturn/>.
	return { kind: 'result', result: asObject(soapBody[returnElement]) };
}
