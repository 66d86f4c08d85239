import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemContext } from './item';

// What an operation module gives the router. Kept apart from the router so operations can make
// these values without importing the router (which imports every operation).

/** An item's output that carries files besides its JSON (Image → Download). */
export class BinaryOutput {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** What an operation makes of one item: one output item, several, or one with binary data. */
export type OperationOutput = IDataObject | IDataObject[] | BinaryOutput;

export type OperationExecute = (this: IExecuteFunctions, item: ItemContext) => Promise<OperationOutput>;

/**
 * An operation whose items go to Scene7 together (one job for many rows, one batch update):
 * `prepare` runs per item in the run controller (reading and checking its parameters, resolving
 * its locators; a failure is that item's own), then `executeBatch` gets every prepared item at
 * once and returns one result per part, in the same order (an Error for a part that failed).
 */
export interface BatchOperation<Part = unknown> {
	prepare: (this: IExecuteFunctions, item: ItemContext) => Promise<Part>;
	executeBatch: (
		this: IExecuteFunctions,
		parts: Array<{ item: ItemContext; part: Part }>,
	) => Promise<Array<OperationOutput | Error>>;
}
