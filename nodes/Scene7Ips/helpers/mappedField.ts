import type { IDataObject } from 'n8n-workflow';

// Exactly what the editor writes when a field is dragged from the input: `{{ $json.field }}`, with
// nothing around it. A field name that is a plain identifier, so `$json.field` is one property read.
const MAPPED_FIELD = /^=\{\{\s*\$json\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

// The field an expression maps, or null: the same few expressions come again for every item.
const fieldNames = new Map<string, string | null>();
const MAX_REMEMBERED = 1000;

function fieldNameOf(expression: string): string | null {
	let field = fieldNames.get(expression);
	if (field === undefined) {
		field = MAPPED_FIELD.exec(expression)?.[1] ?? null;
		if (fieldNames.size >= MAX_REMEMBERED) fieldNames.clear();
		fieldNames.set(expression, field);
	}
	return field;
}

function fieldOf(expression: unknown, json: IDataObject | undefined): string | undefined {
	if (typeof expression !== 'string' || !json) return undefined;
	const field = fieldNameOf(expression);
	// Own properties only: `$json.constructor` is no field of the item.
	if (field === null || !Object.prototype.hasOwnProperty.call(json, field)) return undefined;
	const value = json[field];
	return typeof value === 'string' ? value : undefined;
}

const holdsExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

/**
 * The value n8n would give a parameter stored as `={{ $json.field }}` (or a locator whose value is
 * that) when the item's `field` is a string: that string. n8n evaluates every expression with a
 * new data proxy of the whole run (`$now`, `$today`, `$input`, …), which in a bulk run costs more
 * per item than the node's own work; a mapped field needs none of it. Anything else (other
 * expressions, a field that is missing or not a string) is undefined: n8n evaluates it.
 */
export function mappedFieldValue(stored: unknown, json: IDataObject | undefined): unknown {
	if (typeof stored === 'string') return fieldOf(stored, json);
	if (stored === null || typeof stored !== 'object' || !('__rl' in stored)) return undefined;
	const { value, ...rest } = stored as IDataObject;
	// A locator's other keys (mode, cached name) are stored as typed; one holding an expression is left to n8n.
	if (Object.values(rest).some(holdsExpression)) return undefined;
	const mapped = fieldOf(value, json);
	return mapped === undefined ? undefined : { ...rest, value: mapped };
}
