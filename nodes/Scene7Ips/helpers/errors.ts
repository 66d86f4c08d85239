import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export const isNodeError = (error: unknown): error is NodeApiError | NodeOperationError =>
	error instanceof NodeApiError ||
	error instanceof NodeOperationError ||
	// A second copy of n8n-workflow (e.g. a linked package) defeats instanceof.
	['NodeApiError', 'NodeOperationError'].includes((error as Error)?.name ?? '');

/** The error as n8n shows it: our own errors unchanged, anything else wrapped. */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (isNodeError(error)) {
		if (itemIndex !== undefined) error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * A copy of an error for one item, so that several items failing on one shared lookup each get
 * their own error object with their own index; `note` (e.g. which value was looked up) is added
 * to the message.
 */
export function errorForItem(
	node: INode,
	error: unknown,
	itemIndex: number,
	note?: string,
): NodeApiError | NodeOperationError {
	const shared = asNodeError(node, error);
	const copy = Object.create(Object.getPrototypeOf(shared) as object) as NodeApiError | NodeOperationError;
	for (const key of Object.getOwnPropertyNames(shared)) {
		(copy as unknown as Record<string, unknown>)[key] = (shared as unknown as Record<string, unknown>)[key];
	}
	copy.context = { ...shared.context, itemIndex };
	if (note) copy.message = `${shared.message} (${note}) [item ${itemIndex}]`;
	return copy;
}
