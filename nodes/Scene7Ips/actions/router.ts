import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../helpers/errors';
import { ExecutionScope } from '../helpers/executionScope';
import { mapInOrder } from '../helpers/mapInOrder';
import { MAX_CONCURRENCY } from './common.descriptions';
import * as image from './image/Image.resource';
import type { Scene7IpsType } from './node.type';

type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	scope: ExecutionScope,
) => Promise<IDataObject | IDataObject[]>;

const resources: Record<string, Record<string, { execute: OperationExecute }>> = {
	image: image.operations,
};

/** Runs the chosen operation for every input item: one or more outputs per item, each paired to it. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as Scene7IpsType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}

	const scope = new ExecutionScope();
	const runItem = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		const pairedItem = { item: itemIndex };
		try {
			const result = await handler.execute.call(this, itemIndex, scope);
			return (Array.isArray(result) ? result : [result]).map((json) => ({ json, pairedItem }));
		} catch (error) {
			if (this.continueOnFail()) {
				const { message, description } = error as { message: string; description?: string | null };
				return [{ json: { error: message, ...(description ? { description } : {}) }, pairedItem }];
			}
			throw asNodeError(this.getNode(), error, itemIndex);
		}
	};

	// Operations that can run items side by side offer Options > Concurrency; it applies to the run.
	const concurrency = Number(this.getNodeParameter('options.concurrency', 0, 1)) || 1;
	const perItem = await mapInOrder(items.length, Math.min(Math.max(concurrency, 1), MAX_CONCURRENCY), runItem);
	return [perItem.flat()];
}
