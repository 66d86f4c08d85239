import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../helpers/errors';
import { ExecutionScope } from '../helpers/executionScope';
import { mapInOrder } from '../helpers/mapInOrder';
import { MAX_CONCURRENCY } from './common.descriptions';
import * as company from './company/Company.resource';
import * as custom from './custom/Custom.resource';
import * as folder from './folder/Folder.resource';
import * as image from './image/Image.resource';
import type { Scene7IpsType } from './node.type';

type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	scope: ExecutionScope,
) => Promise<IDataObject | IDataObject[]>;

// Tied to node.type.ts: every operation named there must have its execute here.
type OperationMap = {
	[R in Scene7IpsType['resource']]: Record<Extract<Scene7IpsType, { resource: R }>['operation'], { execute: OperationExecute }>;
};

const resources: OperationMap = {
	company: company.operations,
	custom: custom.operations,
	folder: folder.operations,
	image: image.operations,
};

/** Runs the chosen operation for every input item: one or more outputs per item, each paired to it. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as Scene7IpsType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = (resources[resource] as Record<string, { execute: OperationExecute }> | undefined)?.[operation];
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
				const nodeError = asNodeError(this.getNode(), error, itemIndex);
				const json = { error: nodeError.message, ...(nodeError.description ? { description: nodeError.description } : {}) };
				// n8n routes an item to the error output only when it carries the error itself (or its
				// json is nothing but `error`), so the description needs the item-level error.
				const routeToErrorOutput = this.getNode().onError === 'continueErrorOutput';
				return [{ json, pairedItem, ...(routeToErrorOutput ? { error: nodeError } : {}) }];
			}
			throw asNodeError(this.getNode(), error, itemIndex);
		}
	};

	// Operations that can run items side by side offer Options > Concurrency; it applies to the run.
	const concurrency = Number(this.getNodeParameter('options.concurrency', 0, 1)) || 1;
	const perItem = await mapInOrder(items.length, Math.min(Math.max(concurrency, 1), MAX_CONCURRENCY), runItem);
	return [perItem.flat()];
}
