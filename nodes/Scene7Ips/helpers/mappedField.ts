import type { IDataObject } from 'n8n-workflow';

// Exactly what the editor writes when a field is dragged from the input: `{{ $json.field }}`, with
// nothing around it. A field name that is a plain identifier, so `$json.field` is one property read.
const MAPPED_FIELD = /^=\{\{\s*\$json\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

function fieldOf(expression: unknown, json: IDataObject | undefined): string | undefined {
	if (typeof expression !== 'string' || !json) return undefined;
	const field = MAPPED_FIELD.exec(expression)?.[1];
	// Own properties only: `$json.constructor` is no field of the item.
	if (field === undefined || !Object.prototype.hasOwnProperty.call(json, field)) return undefined;
	const value = json[field];
	return typeof value === 'string' ? value : undefined;
}

const isExpressionText = (value: unknown) => typeof value === 'string' && value.startsWith('=');

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
	if (Object.values(rest).some(isExpressionText)) return undefined;
	const mapped = fieldOf(value, json);
	return mapped === undefined ? undefined : { ...rest, value: mapped };
}
