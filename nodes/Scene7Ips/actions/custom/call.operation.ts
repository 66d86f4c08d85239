import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { jsonParse, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { IpsParam, IpsParamValue } from '../../transport';
import {
	concurrencyOption,
	optionsCollection,
	retryOption,
	timeoutOption,
} from '../common.descriptions';
import type { ItemContext } from '../item';

const properties: INodeProperties[] = [
	{
		displayName: 'IPS Operation',
		name: 'operationName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. getAssets',
		description: 'The name of the IPS operation, as in the IPS API reference (it is also the SOAPAction)',
	},
	{
		displayName: 'Parameters',
		name: 'parameters',
		type: 'json',
		default: '{\n  "companyHandle": ""\n}',
		description:
			'The operation\'s parameters as a JSON object, keys in the order the IPS API reference lists them. Write arrays as {"items": [...]}; a plain list is put into items for you.',
	},
	optionsCollection([
		concurrencyOption('calls'),
		retryOption(
			'Operations whose names start with get, search or check are tried again after any such failure; others only when Scene7 certainly did not run them',
		),
		timeoutOption,
	]),
];

const displayOptions = { show: { resource: ['custom'], operation: ['call'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const OPERATION_NAME = /^[A-Za-z][A-Za-z0-9]*$/;
// By IPS naming, these only read; sending them twice is harmless.
const READ_ONLY = /^(get|search|check)[A-Z]/;

function invalid(node: INode, itemIndex: number, problem: string): NodeOperationError {
	return new NodeOperationError(node, `Parameters ${problem} [item ${itemIndex}]`, {
		description:
			'Give the parameters as a JSON object such as {"companyHandle": "c|6", "assetHandleArray": {"items": ["a|739|1|537"]}}.',
		itemIndex,
	});
}

/**
 * JSON as the envelope writes it: objects keep their key order, a list under `items` becomes
 * repeated <items>, any other list is wrapped in items first (every IPS array is). No nulls.
 */
function toIpsValue(node: INode, itemIndex: number, value: unknown, path: string): IpsParamValue {
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw invalid(node, itemIndex, `has a number that is not finite at ${path}`);
		return value;
	}
	if (value === null || value === undefined) {
		throw invalid(node, itemIndex, `has null at ${path}; leave the key out instead`);
	}
	if (Array.isArray(value)) {
		const items = value.map((entry, index) => {
			if (Array.isArray(entry)) throw invalid(node, itemIndex, `has a list inside a list at ${path}[${index}]`);
			return toIpsValue(node, itemIndex, entry, `${path}[${index}]`);
		});
		return path.endsWith('.items') ? items : { items };
	}
	if (typeof value === 'object') {
		const param: IpsParam = {};
		for (const [key, entry] of Object.entries(value as IDataObject)) {
			if (!/^[A-Za-z_][\w.-]*$/.test(key)) throw invalid(node, itemIndex, `has '${key}', which is not an element name, at ${path}`);
			param[key] = toIpsValue(node, itemIndex, entry, `${path}.${key}`);
		}
		return param;
	}
	throw invalid(node, itemIndex, `has a value of type ${typeof value} at ${path}`);
}

export function parseParameters(node: INode, itemIndex: number, raw: unknown): IpsParam {
	let value = raw;
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (text === '') return {};
		try {
			value = jsonParse(text);
		} catch (error) {
			throw invalid(node, itemIndex, `is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw invalid(node, itemIndex, 'must be a JSON object');
	}
	return toIpsValue(node, itemIndex, value, '$') as IpsParam;
}

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/c-operations-intro/c-methods/c-methods.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const operation = item.text('operationName', 'IPS Operation', 'Enter an operation name such as getAssets.');
	if (!OPERATION_NAME.test(operation)) {
		throw item.error(
			`IPS Operation '${operation}' is not an operation name`,
			'Enter the name only, letters and digits, e.g. getAssets or copyImage.',
		);
	}
	const param = parseParameters(item.node, item.index, item.param('parameters', '{}'));
	// Nothing tells whether an unknown operation changes anything, so only reads are sent twice.
	return await item.call(operation, param, { idempotent: READ_ONLY.test(operation) });
}
