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

// XML 1.0 cannot carry these at all, escaped or not; Scene7 would reject the whole envelope.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export class UnsendableValueError extends Error {
	constructor(readonly path: string) {
		super(`The value of ${path} contains a control character that XML cannot carry`);
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
	return wrapInEnvelope(body);
}
