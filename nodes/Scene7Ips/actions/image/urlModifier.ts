import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { validateUrlModifier } from '../../helpers/imageServing';

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
