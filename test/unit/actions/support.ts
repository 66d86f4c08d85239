// Shared pieces of the operation tests: run the node on a fake context, answer each IPS operation
// from a script, read back the <operation>Param element the node sent, build IPS answer XML.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { Scene7Ips } from '../../../nodes/Scene7Ips/Scene7Ips.node';
import { fakeExecuteContext, type FakeResponse, type SentRequest, soapFault, soapResult } from '../../support/executeContext';

export const node = new Scene7Ips();
export const NS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';

export const byHandle = (value: unknown) => ({ __rl: true, mode: 'id', value });
export const byName = (value: unknown) => ({ __rl: true, mode: 'name', value });
export const byPath = (value: unknown) => ({ __rl: true, mode: 'path', value });

/** Parameters of an image operation on the demo image, retried 3 times without waiting; `fields` are the operation's own. */
export const imageParameters =
	(operation: string, fields: IDataObject = {}) =>
	(overrides: IDataObject = {}): IDataObject => ({
		resource: 'image',
		operation,
		companyHandle: byHandle('c|6'),
		assetHandle: byHandle('a|739|1|537'),
		options: { retry: { settings: { attempts: 3, backoff: 0 } } },
		...fields,
		...overrides,
	});

export const operationOf = (request: SentRequest) => String(request.options.headers?.SOAPAction);

/** The `<operation>Param` element of a request, exactly as sent. */
export function paramOf(request: SentRequest): string {
	const operation = operationOf(request);
	const match = new RegExp(`<${operation}Param(?: [^>]*)?(?:/>|>[\\s\\S]*?</${operation}Param>)`).exec(request.body);
	if (!match) throw new Error(`no ${operation}Param in ${request.body}`);
	return match[0];
}

/** The `<operation>Param` element we expect, from its inner XML. */
export const param = (operation: string, inner: string) =>
	inner ? `<${operation}Param xmlns="${NS}">${inner}</${operation}Param>` : `<${operation}Param xmlns="${NS}"/>`;

type Answer = FakeResponse | ((request: SentRequest) => FakeResponse);

/** Answers each operation from its own list of answers, in order; the last one repeats. */
export function scripted(script: Record<string, Answer[]>) {
	const seen: Record<string, number> = {};
	return (request: SentRequest) => {
		const operation = operationOf(request);
		const answers = script[operation];
		if (!answers) throw new Error(`unexpected ${operation}`);
		const index = Math.min(seen[operation] ?? 0, answers.length - 1);
		seen[operation] = (seen[operation] ?? 0) + 1;
		const answer = answers[index];
		return typeof answer === 'function' ? answer(request) : answer;
	};
}

/** A failure on the way, as the HTTP helper throws it. */
export const networkError = (code: string, message = code) => (): FakeResponse => {
	throw Object.assign(new Error(message), { code });
};
export const connectionReset = networkError('ECONNRESET', 'socket hang up');
export const connectionRefused = networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1');

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** Adds to the context what some operations need of n8n beyond the fake's basics. */
	prepare?: (context: IExecuteFunctions) => void;
}

/** Runs the node; resolves with its output or the error it threw, plus every request it sent. */
export async function run(
	parameters: IDataObject | ((itemIndex: number) => IDataObject),
	respond: (request: SentRequest, index: number) => FakeResponse | Promise<FakeResponse>,
	{ items, continueOnFail, prepare }: RunOptions = {},
) {
	const { context, sent } = fakeExecuteContext({ parameters, respond, items, continueOnFail });
	prepare?.(context);
	const result = await node.execute.call(context).then(
		(output) => ({ output: output[0], error: undefined }),
		(error: Error & { description?: string; context?: IDataObject }) => ({ output: undefined, error }),
	);
	return { ...result, json: result.output?.map((item) => item.json), sent, operations: sent.map(operationOf) };
}

/** Runs parameters the node must refuse before sending anything; resolves with the message it threw. */
export async function refusal(parameters: IDataObject) {
	const { error, sent } = await run(parameters, scripted({}));
	expect(sent).toHaveLength(0);
	return error?.message;
}

/** An element per field, in the order given; nested objects become nested elements. */
export function xml(fields: IDataObject): string {
	return Object.entries(fields)
		.map(([name, value]) => {
			if (value === undefined) return '';
			if (Array.isArray(value)) return `<${name}>${value.map((entry) => xml({ items: entry as IDataObject })).join('')}</${name}>`;
			if (value !== null && typeof value === 'object') return `<${name}>${xml(value as IDataObject)}</${name}>`;
			return `<${name}>${String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${name}>`;
		})
		.join('');
}

/** An Asset as IPS returns it (getAssets, getAssetsByName, searchAssets). */
export function assetXml(handle: string, name: string, extra: IDataObject = {}): string {
	return `<items>${xml({
		assetHandle: handle,
		type: 'Image',
		name,
		fileName: `${name}.jpg`,
		folder: 'ApiTestCo/',
		folderHandle: 'ApiTestCo/',
		readyForPublish: 'true',
		trashState: 'NotInTrash',
		created: '2024-03-01T09:00:00.000Z',
		...extra,
	})}</items>`;
}

export const assetsAnswer = (operation: string, items: string[], extra = '') =>
	soapResult(operation, `${extra}${items.length ? `<assetArray>${items.join('')}</assetArray>` : ''}`);

export const emptyAnswer = (operation: string) => soapResult(operation, '');

export { type FakeResponse, soapFault, soapResult };
