import type { IDataObject } from 'n8n-workflow';

import type { MetadataFieldSummary, MetadataValue } from '../client/metadata';
import type { IpsParam } from '../transport';
import { findNonXmlCharacter } from './input';

// Metadata values between the node and Scene7: naming the values getAssets returns, and turning
// a Set Metadata row into a MetadataUpdate, refusing before sending only what is certain.

export interface NamedMetadata {
	fieldHandle: string;
	name: string;
	value: IDataObject[string];
}

/**
 * Each value with its field's handle and name. The Metadata element's `name` is matched against
 * the fields' handles first, then their names (we assume Scene7 sends one of the two); a value of
 * a field getMetadataFields does not list keeps what Scene7 sent as both.
 */
export function namedMetadata(values: MetadataValue[], fields: MetadataFieldSummary[]): NamedMetadata[] {
	return values.map(({ key, value }) => {
		const field = fields.find((candidate) => candidate.fieldHandle === key) ?? fields.find((candidate) => candidate.name === key);
		return { fieldHandle: field?.fieldHandle || key, name: field?.name || key, value };
	});
}

export type ValueType = 'auto' | 'string' | 'boolean' | 'long' | 'double' | 'date' | 'setTags' | 'addTags' | 'removeTags';

export type Conversion = { ok: true; update: IpsParam } | { ok: false; problem: string; hint: string };

// The MetadataUpdate element each explicit type fills in (WSDL MetadataUpdate).
const ELEMENT: Record<Exclude<ValueType, 'auto'>, string> = {
	string: 'value',
	boolean: 'boolVal',
	long: 'longVal',
	double: 'doubleVal',
	date: 'dateVal',
	addTags: 'addTagValueArray',
	setTags: 'setTagValueArray',
	removeTags: 'deleteTagValueArray',
};

/**
 * The type Auto means for a field of Scene7's type (names as getMetadataFields gives them; an
 * assumption: Boolean, Long/Integer, Double/Float, Date, Tag types hold tags, anything else text).
 * Tags are set (replacing the field's tags), as a value replaces a value.
 */
export function autoType(fieldType: string): Exclude<ValueType, 'auto'> {
	const type = fieldType.toLowerCase();
	if (type.includes('bool')) return 'boolean';
	if (type.includes('long') || type.includes('int')) return 'long';
	if (type.includes('double') || type.includes('float')) return 'double';
	if (type.includes('date')) return 'date';
	if (type.includes('tag')) return 'setTags';
	return 'string';
}

const LONG = /^[+-]?\d+$/;
// xsd:long's range.
const LONG_MIN = BigInt('-9223372036854775808');
const LONG_MAX = BigInt('9223372036854775807');

/** Tags from a comma-separated list (or a list from an expression), trimmed, empty ones dropped. */
export function tagsOf(value: unknown): string[] {
	const list = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return list.map((tag) => tag.trim()).filter((tag) => tag !== '');
}

/**
 * A MetadataUpdate (fieldHandle, then the one value element for the type) for a value, or why it
 * cannot be sent. Only what is certain is refused: a Boolean other than true/false, a Long that
 * is not an integer in xsd:long's range, a Double that is not a number, a Date that does not
 * parse, a character XML cannot carry.
 */
export function toMetadataUpdate(fieldHandle: string, type: Exclude<ValueType, 'auto'>, raw: unknown): Conversion {
	const textValue = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : Array.isArray(raw) ? raw.join(',') : String(raw);
	const bad = findNonXmlCharacter(textValue);
	if (bad) {
		return {
			ok: false,
			problem: `contains the character ${bad.codePoint} at position ${bad.position}, which XML cannot carry`,
			hint: 'Remove the character: no SOAP request can send it. Such characters often come from spreadsheet cells or copied text.',
		};
	}
	const trimmed = textValue.trim();
	const element = ELEMENT[type];
	switch (type) {
		case 'string':
			// Text is sent as given: spaces may matter in a value.
			return { ok: true, update: { fieldHandle, [element]: textValue } };
		case 'boolean': {
			const lower = trimmed.toLowerCase();
			if (lower !== 'true' && lower !== 'false') {
				return { ok: false, problem: `is '${trimmed}', not true or false`, hint: 'Enter true or false for a Boolean field.' };
			}
			return { ok: true, update: { fieldHandle, [element]: lower === 'true' } };
		}
		case 'long': {
			if (!LONG.test(trimmed) || BigInt(trimmed) < LONG_MIN || BigInt(trimmed) > LONG_MAX) {
				return { ok: false, problem: `is '${trimmed}', not a whole number`, hint: 'Enter a whole number such as 42 for a Long field (no decimals or thousands separators).' };
			}
			return { ok: true, update: { fieldHandle, [element]: BigInt(trimmed).toString() } };
		}
		case 'double': {
			const number = Number(trimmed);
			if (trimmed === '' || !Number.isFinite(number)) {
				return { ok: false, problem: `is '${trimmed}', not a number`, hint: 'Enter a number such as 2.5 for a Double field (a dot as decimal separator).' };
			}
			return { ok: true, update: { fieldHandle, [element]: trimmed } };
		}
		case 'date': {
			const time = Date.parse(trimmed);
			if (trimmed === '' || Number.isNaN(time)) {
				return { ok: false, problem: `is '${trimmed}', not a date`, hint: 'Enter a date such as 2026-12-01 or 2026-12-01T10:00:00Z.' };
			}
			return { ok: true, update: { fieldHandle, [element]: new Date(time).toISOString() } };
		}
		default:
			return { ok: true, update: { fieldHandle, [element]: { items: tagsOf(raw) } } };
	}
}
