// Schema check of a parsed element against schema.ts, as a schema-validating SOAP stack would do it.
// Code choices (documented in README.md):
//   unknown element, element in the wrong namespace, wrong order, repeated element, text where
//   elements belong, elements inside a simple value         -> 30003 (invalid request XML)
//   required element absent                                 -> 30002 (missing parameter)
//   value not in the lexical space of its xsd type, xsi:nil  -> 30001 (invalid parameter)
import { invalidParameter, invalidRequestXml, missingParameter } from './faults';
import { COMPLEX_TYPES, isSimpleType, XSI_NS, type Field, type SimpleType } from './schema';
import { attribute, childElements, hasSignificantText, textOf, type XmlElement } from './xml';

const LEXICAL: Record<Exclude<SimpleType, 'string'>, RegExp> = {
	int: /^[+-]?\d+$/,
	long: /^[+-]?\d+$/,
	boolean: /^(true|false|1|0)$/,
	double: /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)$/,
	dateTime: /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/,
};

const RANGE: Partial<Record<SimpleType, [bigint, bigint]>> = {
	int: [-(2n ** 31n), 2n ** 31n - 1n],
	long: [-(2n ** 63n), 2n ** 63n - 1n],
};

function qualifiedName(el: XmlElement): string {
	return el.ns ? `{${el.ns}}${el.local}` : el.local;
}

/** Checks a simple-typed element; xsd whitespace collapse applies to every type but string. */
function checkSimple(el: XmlElement, type: SimpleType, path: string): void {
	if (childElements(el).length > 0)
		throw invalidRequestXml(`Element '${path}' must not contain elements`);
	const nil = attribute(el, XSI_NS, 'nil');
	if (nil === 'true' || nil === '1') throw invalidParameter(`Parameter '${path}' is not nillable`);
	if (type === 'string') return;
	const value = textOf(el).trim();
	const lexicalOk = LEXICAL[type].test(value);
	const range = RANGE[type];
	const inRange = !range || !lexicalOk || (BigInt(value) >= range[0] && BigInt(value) <= range[1]);
	if (!lexicalOk || !inRange) {
		throw invalidParameter(
			`Invalid value '${textOf(el)}' for parameter '${path}' (expected xsd:${type})`,
		);
	}
}

export interface ValidateOptions {
	/**
	 * Take elements the sandbox declares but does not model (Field.unsupported), without checking
	 * their content, instead of refusing them with 30001: for values the caller is going to ignore
	 * anyway (the UploadFile servlet's uploadParams on a later POST of a job).
	 */
	allowUnsupported?: boolean;
}

function checkValue(el: XmlElement, field: Field, ns: string, path: string, options: ValidateOptions): void {
	if (isSimpleType(field.type)) {
		checkSimple(el, field.type, path);
		return;
	}
	const fields = COMPLEX_TYPES[field.type];
	if (!fields) throw new Error(`schema.ts: unknown type ${field.type}`);
	const nil = attribute(el, XSI_NS, 'nil');
	if (nil === 'true' || nil === '1') throw invalidParameter(`Parameter '${path}' is not nillable`);
	validateSequence(el, fields, ns, path, options);
}

function checkCommon(parent: XmlElement, fields: Field[], ns: string, path: string): XmlElement[] {
	if (hasSignificantText(parent)) throw invalidRequestXml(`Unexpected text in element '${path}'`);
	const kids = childElements(parent);
	for (const kid of kids) {
		if (kid.ns !== ns) {
			throw invalidRequestXml(
				`Unexpected element '${qualifiedName(kid)}' in '${path}': expected namespace '${ns}'`,
			);
		}
		if (!fields.some((f) => f.name === kid.local)) {
			throw invalidRequestXml(`Unknown element '${kid.local}' in '${path}'`);
		}
	}
	for (const field of fields) {
		if (field.required && !kids.some((k) => k.local === field.name)) {
			throw missingParameter(`Missing required element '${field.name}' in '${path}'`);
		}
	}
	for (const field of fields) {
		if (!field.repeated && kids.filter((k) => k.local === field.name).length > 1) {
			throw invalidRequestXml(`Element '${field.name}' appears more than once in '${path}'`);
		}
	}
	return kids;
}

/** xsd:sequence: known elements, required present, each at most once unless repeated, in order. */
export function validateSequence(
	parent: XmlElement,
	fields: Field[],
	ns: string,
	path: string,
	options: ValidateOptions = {},
): void {
	const kids = checkCommon(parent, fields, ns, path);
	let last = -1;
	for (const kid of kids) {
		const index = fields.findIndex((f) => f.name === kid.local);
		if (index < last) {
			throw invalidRequestXml(
				`Element '${kid.local}' is out of order in '${path}'; expected order: ${fields.map((f) => f.name).join(', ')}`,
			);
		}
		last = index;
	}
	for (const kid of kids) {
		const field = fields.find((f) => f.name === kid.local) as Field;
		if (field.unsupported) {
			if (!options.allowUnsupported) {
				throw invalidParameter(
					`Parameter '${path}/${kid.local}' is not supported by the IPS sandbox`,
				);
			}
			// Its content is not declared in schema.ts (the sandbox does not model it): not checked.
			continue;
		}
		checkValue(kid, field, ns, `${path}/${kid.local}`, options);
	}
}

/** xsd:all: as a sequence, but in any order. */
export function validateAll(parent: XmlElement, fields: Field[], ns: string, path: string): void {
	const kids = checkCommon(parent, fields, ns, path);
	for (const kid of kids) {
		const field = fields.find((f) => f.name === kid.local) as Field;
		checkValue(kid, field, ns, `${path}/${kid.local}`, {});
	}
}
