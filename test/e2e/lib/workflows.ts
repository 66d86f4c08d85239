// Workflow and credential JSON for the e2e suite, in the format `n8n import:*` and the REST API take.
import { assetChainWorkflow, type AssetChainOptions } from '../../integration/operations/chain.workflow';
import { CREDENTIAL_TYPE, NODE_TYPE, type CredentialJson, type WorkflowJson, type WorkflowNodeJson } from './n8n';

/** The documentation's copyImage example. */
export const DOCS_EXAMPLE = {
	companyHandle: 'c|6',
	assetHandle: 'a|739|1|537',
	folderHandle: 'ApiTestCo/',
	name: 'Copy_macbookwin1',
	urlModifier: 'wid=800&fmt=jpg',
} as const;

export function scene7Credential(o: { id: string; name: string; serviceUrl: string; user: string; password: string }): CredentialJson {
	return {
		id: o.id,
		name: o.name,
		type: CREDENTIAL_TYPE,
		data: {
			region: 'custom',
			serviceUrl: o.serviceUrl,
			user: o.user,
			password: o.password,
			appName: 'n8n-nodes-scene7',
			appVersion: '0.1.0',
			apiVersion: '2014-04-03',
		},
	};
}

export interface ResourceLocatorValue {
	__rl: true;
	mode: string;
	value: string;
	cachedResultName?: string;
}

export const rl = (value: string): ResourceLocatorValue => ({ __rl: true, mode: 'id', value });
/** A value picked From List, as the editor saves it: the handle and the name the list showed. */
export const fromList = (value: string, cachedResultName: string): ResourceLocatorValue => ({ __rl: true, mode: 'list', value, cachedResultName });
const locator = (value: string | ResourceLocatorValue): ResourceLocatorValue => (typeof value === 'string' ? rl(value) : value);

let uuidCounter = 0;
/** Deterministic, unique node ids (n8n accepts any string; uuid-shaped like the editor's). */
function nodeId(): string {
	uuidCounter += 1;
	return `00000000-0000-4000-8000-${String(uuidCounter).padStart(12, '0')}`;
}

export interface CopyImageParams {
	/** A handle (By ID) or a resource locator value as the editor saves it. */
	companyHandle: string | ResourceLocatorValue;
	assetHandle: string | ResourceLocatorValue;
	folderHandle: string | ResourceLocatorValue;
	name: string;
	urlModifier: string;
	/** The Options collection (default: none set). */
	options?: Record<string, unknown>;
}

export type CredentialRef = { id: string; name: string };

/** A node of the package's action type (version 1 unless `extra` says otherwise) using `credential`. */
export function scene7Node(
	name: string,
	parameters: Record<string, unknown>,
	credential: CredentialRef,
	position: [number, number],
	extra: Partial<WorkflowNodeJson> = {},
): WorkflowNodeJson {
	return {
		id: nodeId(),
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position,
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
		...extra,
	};
}

export function copyImageNode(
	name: string,
	params: CopyImageParams,
	credential: CredentialRef,
	position: [number, number],
	extra: Partial<WorkflowNodeJson> = {},
): WorkflowNodeJson {
	const parameters = {
		resource: 'image',
		operation: 'copy',
		companyHandle: locator(params.companyHandle),
		assetHandle: locator(params.assetHandle),
		folderHandle: locator(params.folderHandle),
		name: params.name,
		urlModifier: params.urlModifier,
		options: params.options ?? {},
	};
	return scene7Node(name, parameters, credential, position, extra);
}

export function manualTriggerNode(name = 'Manual Trigger'): WorkflowNodeJson {
	return { id: nodeId(), name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
}

export function codeNode(name: string, jsCode: string, position: [number, number]): WorkflowNodeJson {
	return { id: nodeId(), name, type: 'n8n-nodes-base.code', typeVersion: 2, position, parameters: { jsCode } };
}

/** Set node (v3.4) with string fields given as expressions or constants. */
export function setNode(name: string, fields: Record<string, string>, position: [number, number]): WorkflowNodeJson {
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position,
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: Object.entries(fields).map(([field, value], i) => ({
					id: `${name}-${i}`,
					name: field,
					value,
					type: 'string',
				})),
			},
			options: {},
		},
	};
}

export function webhookNode(name: string, path: string, webhookId: string): WorkflowNodeJson {
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId,
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
	};
}

type Connections = WorkflowJson['connections'];

/** Connections from a list of [from, to, fromOutput?] edges. */
export function connect(...edges: Array<[string, string, number?]>): Connections {
	const connections: Connections = {};
	for (const [from, to, output = 0] of edges) {
		const entry = (connections[from] ??= { main: [] });
		while (entry.main.length <= output) entry.main.push([]);
		entry.main[output].push({ node: to, type: 'main', index: 0 });
	}
	return connections;
}

export function workflow(id: string, name: string, nodes: WorkflowNodeJson[], connections: Connections): WorkflowJson {
	if (id.length !== 16) throw new Error(`workflow id ${id} must be 16 characters`);
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

// ---- The suite's workflows -------------------------------------------------------------------------------

/**
 * The docs example as `npm start`'s demo workflow has it: Company, Image and Folder picked From List (the
 * names the sandbox's lists show), and Options → If Name Exists: Rename, so every run makes a copy
 * (Copy_macbookwin1, then Copy_macbookwin1_1, …) and stays green.
 */
export const DEMO_COPY: CopyImageParams = {
	...DOCS_EXAMPLE,
	companyHandle: fromList(DOCS_EXAMPLE.companyHandle, 'ApiTestCo'),
	assetHandle: fromList(DOCS_EXAMPLE.assetHandle, 'macbookwin1 (ApiTestCo/)'),
	folderHandle: fromList(DOCS_EXAMPLE.folderHandle, 'ApiTestCo/'),
	options: { ifNameExists: 'rename' },
};

/** Manual Trigger → Copy Image (docs example) → Set reading the new handle through an expression. */
export function docsExampleWorkflow(id: string, credential: CredentialRef, params: CopyImageParams = DOCS_EXAMPLE): WorkflowJson {
	return workflow(
		id,
		'Scene7: copy the docs example',
		[
			manualTriggerNode(),
			copyImageNode('Copy Image', params, credential, [220, 0]),
			setNode('Use Handle', { copiedHandle: '={{ $json.assetHandle }}', copiedName: '={{ $json.name }}' }, [440, 0]),
		],
		connect(['Manual Trigger', 'Copy Image'], ['Copy Image', 'Use Handle']),
	);
}

export interface BatchRow {
	asset: string;
	folder: string;
	newName: string;
	modifier: string;
}

const mappedCopyParams: CopyImageParams = {
	companyHandle: 'c|6',
	assetHandle: '={{ $json.asset }}',
	folderHandle: '={{ $json.folder }}',
	name: '={{ $json.newName }}',
	urlModifier: '={{ $json.modifier }}',
};

/** Manual Trigger → Code node "Rows" emitting one item per row → `node`. */
export function rowsWorkflow(id: string, name: string, rows: unknown[], node: WorkflowNodeJson): WorkflowJson {
	const jsCode = `return ${JSON.stringify(rows)}.map((json) => ({ json }));`;
	return workflow(id, name, [manualTriggerNode(), codeNode('Rows', jsCode, [220, 0]), node], connect(['Manual Trigger', 'Rows'], ['Rows', node.name]));
}

/** Manual Trigger → Code emitting `rows` → Copy Image mapping each row with expressions. */
export function batchWorkflow(
	id: string,
	credential: CredentialRef,
	rows: BatchRow[],
	copyExtra: Partial<WorkflowNodeJson> = {},
	name = 'Scene7: batch copy',
	options: Record<string, unknown> = {},
): WorkflowJson {
	const batch = rowsWorkflow(id, name, rows, copyImageNode('Copy Image', { ...mappedCopyParams, options }, credential, [440, 0], copyExtra));
	if (copyExtra.onError === 'continueErrorOutput') {
		batch.nodes.push(setNode('Copied', { handle: '={{ $json.assetHandle }}' }, [660, -100]));
		batch.nodes.push(setNode('Failed', { problem: '={{ $json.error }}', row: '={{ $("Rows").item.json.newName }}' }, [660, 100]));
		batch.connections['Copy Image'] = connect(['Copy Image', 'Copied', 0], ['Copy Image', 'Failed', 1])['Copy Image'];
	}
	return batch;
}

/** Webhook (POST /webhook/<path>, responds with the last node's first item) → Copy Image from the body. */
export function webhookWorkflow(id: string, credential: CredentialRef, path: string, webhookId: string): WorkflowJson {
	return workflow(
		id,
		`Scene7: copy via webhook ${path}`,
		[
			webhookNode('Webhook', path, webhookId),
			copyImageNode(
				'Copy Image',
				{
					companyHandle: '={{ $json.body.company }}',
					assetHandle: '={{ $json.body.asset }}',
					folderHandle: '={{ $json.body.folder }}',
					name: '={{ $json.body.name }}',
					urlModifier: '={{ $json.body.modifier }}',
				},
				credential,
				[220, 0],
			),
		],
		connect(['Webhook', 'Copy Image']),
	);
}

// ---- The asset chain (issue #7) --------------------------------------------------------------------------

/**
 * The asset chain of test/integration/operations/chain.workflow.ts (Start → Search → Copy → Rename →
 * Move → Get → Delete) as n8n import JSON.
 */
export function assetChainImportWorkflow(id: string, credential: CredentialRef, options: Omit<AssetChainOptions, 'credential'> = {}): WorkflowJson {
	const chain = assetChainWorkflow({ ...options, credential });
	const nodes: WorkflowNodeJson[] = chain.nodes.map((node) => ({
		id: node.id,
		name: node.name,
		type: node.type,
		typeVersion: node.typeVersion,
		position: node.position,
		parameters: node.parameters,
		...(node.credentials ? { credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } } } : {}),
	}));
	const edges = nodes.slice(1).map((node, i): [string, string] => [nodes[i].name, node.name]);
	return workflow(id, 'Scene7: whole chain', nodes, connect(...edges));
}
