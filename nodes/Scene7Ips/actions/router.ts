import type { ICredentialsDecrypted, IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { ManualExecutionCancelledError, NodeOperationError } from 'n8n-workflow';

import { AttemptJournal, fingerprintOf } from '../helpers/attemptJournal';
import { asNodeError, errorForItem } from '../helpers/errors';
import { ExecutionScope } from '../helpers/executionScope';
import { resolveServiceUrl } from '../transport/endpoint';
import { CREDENTIAL_TYPE, isRunStopped, limiterFor } from '../transport';
import { MAX_CONCURRENCY } from './common.descriptions';
import * as company from './company/Company.resource';
import * as custom from './custom/Custom.resource';
import * as folder from './folder/Folder.resource';
import * as image from './image/Image.resource';
import * as job from './job/Job.resource';
import { ItemContext } from './item';
import { type BatchOperation, BinaryOutput, type OperationExecute, type OperationOutput } from './operation';
import type { Scene7IpsType } from './node.type';
import { type ItemOutcome, RunController } from './runController';

type OperationModule = { execute: OperationExecute } | BatchOperation;

// Tied to node.type.ts: every operation named there must have its execute here.
type OperationMap = {
	[R in Scene7IpsType['resource']]: Record<Extract<Scene7IpsType, { resource: R }>['operation'], OperationModule>;
};

const isBatch = (module: OperationModule): module is BatchOperation => 'executeBatch' in module;

const resources: OperationMap = {
	company: company.operations,
	custom: custom.operations,
	folder: folder.operations,
	image: image.operations,
	job: job.operations,
};

/** Where earlier attempts of this node run are kept for Retry On Fail, if n8n names the execution. */
function journalFor(context: IExecuteFunctions): AttemptJournal | undefined {
	const executionId = context.getExecutionId?.();
	if (!executionId) return undefined;
	// The run index tells a retry (same index) from the node's next run in a loop (next index).
	const runIndex = context.getWorkflowDataProxy?.(0)?.$runIndex ?? 0;
	return AttemptJournal.of(`${executionId}\u0000${context.getNode().name}\u0000${runIndex}`);
}

/**
 * The credential, decrypted once for all of the execution's calls, and the Scene7 endpoint it
 * sends to (whose window of calls in flight all executions of this process share); or, when no
 * credential is selected or it cannot be read, n8n's reason, so that no item is sent.
 */
async function connectionOf(
	context: IExecuteFunctions,
): Promise<{ endpoint: string; credentials: ICredentialsDecrypted } | { unusable: unknown }> {
	const stored = context.getNode().credentials?.[CREDENTIAL_TYPE];
	try {
		const data = await context.getCredentials(CREDENTIAL_TYPE);
		const credentials = { id: stored?.id ?? '', name: stored?.name ?? '', type: CREDENTIAL_TYPE, data };
		return { endpoint: resolveServiceUrl(data), credentials };
	} catch (error) {
		return { unusable: error };
	}
}

/** An item's error for a credential that is missing or unreadable: n8n's own words, and what to do. */
function credentialError(node: INode, cause: unknown, itemIndex: number): NodeOperationError {
	const stored = node.credentials?.[CREDENTIAL_TYPE];
	const reason = cause instanceof Error ? cause.message : String(cause);
	const message = stored
		? `The Scene7 IPS API credential "${stored.name}" cannot be used: ${reason}`
		: `No Scene7 IPS API credential is selected (${reason})`;
	const description = stored
		? 'Open the credential and save it again (or select another one in "Credential to connect with"). Nothing was sent to Scene7.'
		: 'Select a Scene7 IPS API credential in the node\'s "Credential to connect with" field, or create one. Nothing was sent to Scene7.';
	return new NodeOperationError(node, message, { itemIndex, description });
}

/** Keeps what an item completed for Retry On Fail; binary outputs are reads, safe to make again. */
function remember(journal: AttemptJournal | undefined, itemIndex: number, fingerprint: string, output: OperationOutput) {
	if (!(output instanceof BinaryOutput)) journal?.record(itemIndex, fingerprint, output);
}

type JournalEntry = { replay: () => OperationOutput | undefined; record: (output: OperationOutput) => void };

/**
 * A batch operation's run: every item is prepared through the run controller (so order, Stop and
 * Cancel are the controller's), then the prepared ones go to Scene7 together. Under Stop nothing
 * is sent when an item failed to prepare. A batch that fails as a whole fails each of its items
 * with an error of its own.
 */
async function runBatch(
	this: IExecuteFunctions,
	handler: BatchOperation,
	controller: RunController,
	count: number,
	itemContext: (itemIndex: number) => ItemContext,
	journal: (itemIndex: number) => JournalEntry,
): Promise<Array<ItemOutcome<OperationOutput>>> {
	const prepared = new Map<number, { item: ItemContext; part: unknown }>();
	const outcomes: Array<ItemOutcome<OperationOutput>> = await controller.run(count, async (itemIndex) => {
		const earlier = journal(itemIndex).replay();
		if (earlier) return earlier;
		const item = itemContext(itemIndex);
		prepared.set(itemIndex, { item, part: await handler.prepare.call(this, item) });
		return undefined as unknown as OperationOutput;
	});
	const pending = [...prepared.keys()].sort((a, b) => a - b);
	// The run's signal has fired on Cancel, and under Stop when an item failed to prepare.
	if (pending.length === 0 || controller.signal.aborted) {
		for (const itemIndex of pending) outcomes[itemIndex] = undefined;
		return outcomes;
	}

	const parts = pending.map((itemIndex) => prepared.get(itemIndex) as { item: ItemContext; part: unknown });
	let results: Array<OperationOutput | Error>;
	try {
		results = await handler.executeBatch.call(this, parts);
	} catch (error) {
		results = parts.map(({ item }) => errorForItem(this.getNode(), error, item.index));
	}
	for (const [position, itemIndex] of pending.entries()) {
		const result = results[position];
		if (result instanceof Error || result === undefined) {
			outcomes[itemIndex] = { ok: false, error: result ?? new Error('Scene7 gave no result for this item') };
			continue;
		}
		journal(itemIndex).record(result);
		outcomes[itemIndex] = { ok: true, value: result };
	}
	return outcomes;
}

/**
 * Runs the chosen operation for every input item through one RunController: outputs in input
 * order, each paired to its item; under On Error = Stop the first failure stops the run and the
 * first failure in input order is thrown; under Continue every item runs and failures become
 * error items. Items an earlier attempt of the same run completed (Retry On Fail) are returned,
 * not run again.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const resource = this.getNodeParameter('resource', 0) as Scene7IpsType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = (resources[resource] as Record<string, OperationModule> | undefined)?.[operation];
	if (!handler) {
		throw new NodeOperationError(node, `The operation "${operation}" of "${resource}" is not supported`);
	}

	const continueOnFail = this.continueOnFail();
	// Options > Concurrency is the ceiling: items run side by side up to it, and the endpoint's
	// adaptive window decides how many calls are in flight; 1 means one at a time.
	const concurrency = Number(this.getNodeParameter('options.concurrency', 0, MAX_CONCURRENCY)) || MAX_CONCURRENCY;
	const ceiling = Math.min(Math.max(concurrency, 1), MAX_CONCURRENCY);
	const controller = new RunController({
		concurrency: ceiling,
		stopOnFailure: !continueOnFail,
		cancelSignal: this.getExecutionCancelSignal?.(),
	});
	const connection = await connectionOf(this);
	if ('unusable' in connection) {
		// Every item fails with the credential's reason (paired, routed as any failure); none is sent.
		try {
			const outcomes = await controller.run(items.length, async (itemIndex) => {
				throw credentialError(node, connection.unusable, itemIndex);
			});
			return settle(this, controller, outcomes, continueOnFail);
		} finally {
			controller.dispose();
		}
	}
	const { endpoint, credentials } = connection;
	const scope = new ExecutionScope({ limiter: limiterFor(endpoint), credentials, sideBySide: ceiling > 1 && items.length > 1, node });
	const journal = journalFor(this);
	const parameters = fingerprintOf(JSON.stringify(node.parameters));

	const fingerprints = items.map((item) => fingerprintOf(`${parameters}\u0000${JSON.stringify(item.json)}`));
	const itemContext = (itemIndex: number) => new ItemContext(this, itemIndex, scope, controller.itemSignal());

	let outcomes: Array<ItemOutcome<OperationOutput>>;
	try {
		if (!isBatch(handler)) {
			outcomes = await controller.run(items.length, async (itemIndex) => {
				const earlier = journal?.replay(itemIndex, fingerprints[itemIndex]);
				if (earlier) return earlier;
				const output = await handler.execute.call(this, itemContext(itemIndex));
				remember(journal, itemIndex, fingerprints[itemIndex], output);
				return output;
			});
		} else {
			outcomes = await runBatch.call(this, handler, controller, items.length, itemContext, (itemIndex) => ({
				replay: () => journal?.replay(itemIndex, fingerprints[itemIndex]),
				record: (output: OperationOutput) => remember(journal, itemIndex, fingerprints[itemIndex], output),
			}));
		}
	} finally {
		controller.dispose();
	}

	if (outcomes.every((outcome) => outcome?.ok)) journal?.forget();
	return settle(this, controller, outcomes, continueOnFail);
}

/**
 * The node's answer from its items' outcomes: n8n's cancel error after Cancel; under Stop the
 * first failure in input order; otherwise one output item per input item, failures included.
 */
function settle(
	context: IExecuteFunctions,
	controller: RunController,
	outcomes: Array<ItemOutcome<OperationOutput>>,
	continueOnFail: boolean,
): INodeExecutionData[][] {
	const node = context.getNode();
	// n8n reports the run as cancelled, not failed, when the node ends with its cancel error.
	if (controller.cancelled) throw new ManualExecutionCancelledError(context.getExecutionId?.() ?? '');

	if (!continueOnFail) {
		// The first failure in input order; items the stop kept from sending are not failures.
		const failedAt = outcomes.findIndex((outcome) => outcome && !outcome.ok && !isRunStopped(outcome.error));
		if (failedAt >= 0) throw asNodeError(node, (outcomes[failedAt] as { error: unknown }).error, failedAt);
	}

	const output: INodeExecutionData[] = [];
	for (const [itemIndex, outcome] of outcomes.entries()) {
		const pairedItem = { item: itemIndex };
		if (outcome?.ok && outcome.value instanceof BinaryOutput) {
			output.push({ json: outcome.value.json, binary: outcome.value.binary, pairedItem });
			continue;
		}
		if (outcome?.ok) {
			const value = outcome.value as IDataObject | IDataObject[];
			const results = Array.isArray(value) ? value : [value];
			output.push(...results.map((json) => ({ json, pairedItem })));
			continue;
		}
		const nodeError = asNodeError(node, outcome?.error, itemIndex);
		const json = { error: nodeError.message, ...(nodeError.description ? { description: nodeError.description } : {}) };
		// n8n routes an item to the error output only when it carries the error itself (or its
		// json is nothing but `error`), so the description needs the item-level error.
		const routeToErrorOutput = node.onError === 'continueErrorOutput';
		output.push({ json, pairedItem, ...(routeToErrorOutput ? { error: nodeError } : {}) });
	}
	return [output];
}
