import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildUrlModifier, joinUrlModifiers, type ModifierBuilderFields, validateUrlModifier } from '../../helpers/imageServing';
import { optionalText } from '../../helpers/input';

/** Refuses a modifier that is not Image Serving syntax, naming the field and the item. */
export function checkUrlModifier(node: INode, urlModifier: string, field: string, itemIndex: number): void {
	const issues = validateUrlModifier(urlModifier);
	if (issues.length === 0) return;
	throw new NodeOperationError(node, `${field} is not valid Image Serving syntax: ${issues[0].message} [item ${itemIndex}]`, {
		description:
			`${issues.map((issue) => issue.message).join(' ')} ` +
			'Fix the command, or turn off Options > Validate URL Modifier to send commands this check does not know.',
		itemIndex,
	});
}

/** The URL Modifier field plus what the Modifier Builder composes, checked unless turned off. */
export function composeUrlModifier(context: IExecuteFunctions, itemIndex: number, validate: boolean) {
	const typed = optionalText(context.getNode(), context.getNodeParameter('urlModifier', itemIndex, ''), 'URL Modifier', itemIndex);
	const fields = context.getNodeParameter('modifierBuilder.commands', itemIndex, {}) as IDataObject;
	// The editor stores every field with its default; 0, '' and false mean "not set".
	const setFields = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== 0 && value !== '' && value !== false));
	const built = buildUrlModifier(setFields as ModifierBuilderFields);
	const urlModifier = joinUrlModifiers(typed, built);
	if (validate) checkUrlModifier(context.getNode(), urlModifier, 'URL Modifier', itemIndex);
	return { urlModifier, built };
}
