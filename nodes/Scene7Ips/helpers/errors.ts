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
