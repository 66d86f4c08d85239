import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildUrlModifier, joinUrlModifiers, type ModifierBuilderFields, validateUrlModifier } from '../../helpers/imageServing';
import { optionalText } from '../../helpers/input';

/** Options > Block Unknown Commands, for the operations that send a URL Modifier. */
export const blockUnknownCommandsOption: INodeProperties = {
	displayName: 'Block Unknown Commands',
	name: 'blockUnknownCommands',
	type: 'boolean',
	default: false,
	description:
		'Whether to stop with an error on commands the URL Modifier check does not know and on values it cannot judge, instead of sending them and listing them in urlModifierWarnings. Only applies while Validate URL Modifier is on.',
};

export interface UrlModifierCheckOptions {
	/** Refuse unknown commands and doubtful values too (Options > Block Unknown Commands). */
	blockUnknown?: boolean;
}

/**
 * Checks a modifier against the Image Serving syntax. What the check is certain of (bad syntax,
 * `qlt=150`, `wid=abc`, an unknown `fmt`) stops the item with an error naming the field and the
 * item; unknown commands and values it cannot judge are returned as warnings, to be put on the
 * output item as `urlModifierWarnings`. With `blockUnknown` every issue stops the item.
 */
export function checkUrlModifier(
	node: INode,
	urlModifier: string,
	field: string,
	itemIndex: number,
	options: UrlModifierCheckOptions = {},
): string[] {
	const issues = validateUrlModifier(urlModifier);
	const blocking = options.blockUnknown ? issues : issues.filter((issue) => issue.certain);
	if (blocking.length > 0) {
		const switches = options.blockUnknown
			? 'turn off Options > Block Unknown Commands to send commands this check does not know, or Options > Validate URL Modifier to send the modifier unchecked.'
			: 'turn off Options > Validate URL Modifier to send commands this check does not know.';
		throw new NodeOperationError(node, `${field} is not valid Image Serving syntax: ${blocking[0].message} [item ${itemIndex}]`, {
			description: `${blocking.map((issue) => issue.message).join(' ')} Fix the command, or ${switches}`,
			itemIndex,
		});
	}
	return issues.map((issue) => `${field}: ${issue.message} (not refused: sent as written)`);
}

/**
 * Checks each of an item's modifiers (value and field name) as its Options say (Validate URL
 * Modifier, Block Unknown Commands) and returns the warnings of all of them.
 */
export function checkItemModifiers(
	node: INode,
	itemIndex: number,
	options: { validateUrlModifier?: unknown; blockUnknownCommands?: unknown },
	modifiers: Array<[value: string, field: string]>,
): string[] {
	if (options.validateUrlModifier === false) return [];
	const check = { blockUnknown: options.blockUnknownCommands === true };
	return modifiers.flatMap(([value, field]) => checkUrlModifier(node, value, field, itemIndex, check));
}

/** The output item's `urlModifierWarnings` field: present only when there is something to say. */
export function urlModifierWarningsField(warnings: string[]): { urlModifierWarnings?: string[] } {
	return warnings.length > 0 ? { urlModifierWarnings: warnings } : {};
}

/** One item's parameters, as ItemContext reads them (mapped fields and constants without n8n's evaluation). */
export interface ItemParameters {
	readonly node: INode;
	readonly index: number;
	param<T = unknown>(name: string, fallback?: T): T;
}

/**
 * The commands the Modifier Builder sets, from either saved shape: node version 1's fixed
 * collection `{ commands: { width: 800, … } }` or version 2's collection `{ width: 800, … }`.
 */
export function readModifierBuilder(item: ItemParameters): ModifierBuilderFields {
	const saved = item.param<IDataObject | undefined>('modifierBuilder', {});
	const commands = saved?.commands;
	const isFixedCollection = commands !== null && typeof commands === 'object' && !Array.isArray(commands);
	return builderFields(isFixedCollection ? (commands as IDataObject) : saved);
}

/**
 * The commands a Modifier Builder value sets. Workflows saved before the builder became a list of
 * chosen commands store all 14 fields with their defaults, where 0, '' and false mean "not set";
 * the current builder stores only the chosen fields, and the same rule reads both the same way.
 */
export function builderFields(fields: IDataObject | undefined): ModifierBuilderFields {
	const set = Object.entries(fields ?? {}).filter(
		([, value]) => value !== 0 && value !== '' && value !== false && value !== undefined && value !== null,
	);
	return Object.fromEntries(set) as ModifierBuilderFields;
}

/**
 * The URL Modifier field plus what the Modifier Builder composes. `check` is Options > Validate URL
 * Modifier (a boolean, as before) or { validate, blockUnknown }. The warnings are empty when the
 * check is off.
 */
export function composeUrlModifier(item: ItemParameters, check: boolean | ({ validate?: boolean } & UrlModifierCheckOptions)) {
	const { validate = true, blockUnknown = false } = typeof check === 'boolean' ? { validate: check } : check;
	const typed = optionalText(item.node, item.param('urlModifier', ''), 'URL Modifier', item.index);
	const built = buildUrlModifier(readModifierBuilder(item));
	const urlModifier = joinUrlModifiers(typed, built);
	const warnings = validate ? checkUrlModifier(item.node, urlModifier, 'URL Modifier', item.index, { blockUnknown }) : [];
	return { urlModifier, built, warnings };
}
