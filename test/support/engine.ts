/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// An in-process n8n engine for integration tests: n8n-core's own WorkflowExecute runs workflow JSON
// with the package's node, real credential encryption (AES, as in n8n's database) and a credentials
// helper that applies the credential type's own `authenticate`, as n8n's CredentialsHelper does.
// No n8n CLI, no database. See /work/shared/reference/n8n-spike.md §3.
//
// n8n-core reads N8N_ENCRYPTION_KEY and N8N_USER_FOLDER when its services are first built, so
// n8n-core is only loaded by loadCore, which sets them first (a fresh temp folder, a random key).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ExecuteContext, RoutingNode, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialTestRequest,
	ICredentialType,
	IConnections,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	createEmptyRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';

import { Scene7IpsApi } from '../../credentials/Scene7IpsApi.credentials';
import { Scene7Ips } from '../../nodes/Scene7Ips/Scene7Ips.node';

type Core = typeof import('n8n-core');
let corePromise: Promise<Core> | undefined;
/** The user folder the harness made (and removes in shutdownEngine), if it made one. */
let ownUserFolder: string | undefined;

async function loadCore(): Promise<Core> {
	if (!corePromise) {
		if (process.env.N8N_USER_FOLDER === undefined) {
			ownUserFolder = mkdtempSync(join(tmpdir(), 'scene7-engine-'));
			process.env.N8N_USER_FOLDER = ownUserFolder;
		}
		process.env.N8N_ENCRYPTION_KEY ??= randomBytes(24).toString('hex');
		corePromise = import('n8n-core');
	}
	return await corePromise;
}

/** Type names, as n8n stores them in workflow JSON. */
export const SCENE7_NODE_TYPE = 'n8n-nodes-scene7.scene7Ips';
export const SCENE7_CREDENTIAL_TYPE = 'scene7IpsApi';
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
/** A starting node that emits the items in its `items` parameter (a JSON array of json objects). */
export const ITEMS_NODE_TYPE = 'test.items';

class FakeManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow (a stand-in for n8n-nodes-base.manualTrigger)',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

class ItemsSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Emits the given items',
		defaults: { name: 'Items' },
		usableAsTool: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as unknown;
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		// An item's `$binary` becomes its binary data (in n8n's default mode: base64 in the item).
		return [
			items.map(({ $binary, ...json }) => ({
				json,
				...($binary ? { binary: $binary as INodeExecutionData['binary'] } : {}),
				pairedItem: { item: 0 },
			})),
		];
	}
}

const NODE_TYPES: Record<string, INodeType> = {
	[SCENE7_NODE_TYPE]: new Scene7Ips(),
	[MANUAL_TRIGGER_TYPE]: new FakeManualTrigger(),
	[ITEMS_NODE_TYPE]: new ItemsSource(),
};

const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
	[SCENE7_CREDENTIAL_TYPE]: new Scene7IpsApi(),
};

function makeNodeTypes(types: Record<string, INodeType>): INodeTypes {
	const getByName = (type: string): INodeType => {
		const nodeType = types[type];
		if (!nodeType) throw new Error(`Unrecognized node type: ${type}`);
		return nodeType;
	};
	return {
		getByName,
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(getByName(type), version),
		getKnownTypes: () => ({}),
	};
}

/** Fills in the credential type's defaults and drops hidden fields, as n8n's applyDefaultsAndOverwrites does. */
function withDefaults(type: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	const properties = CREDENTIAL_TYPES[type]?.properties ?? [];
	return (NodeHelpers.getNodeParameters(properties, data as INodeParameters, true, false, null, null) ??
		{}) as ICredentialDataDecryptedObject;
}

/** n8n's CredentialsHelper, minus the database: credentials live encrypted in a map by id. */
class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly store: Map<string, ICredentials>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		// The one credential type the harness knows, Scene7IpsApi, authenticates with a function.
		const authenticate = CREDENTIAL_TYPES[typeName]?.authenticate;
		if (typeof authenticate !== 'function') throw new Error(`The harness only implements function authentication (${typeName})`);
		return await authenticate(credentials, requestOptions as IHttpRequestOptions);
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const stored = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (!stored || stored.type !== type) {
			throw new Error(`Credential with ID "${nodeCredentials.id}" of type "${type}" does not exist.`);
		}
		return stored;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = await this.getCredentials(nodeCredentials, type);
		return withDefaults(type, stored.getData());
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return CREDENTIAL_TYPES[type]?.properties ?? [];
	}
}

export interface CredentialInput {
	id: string;
	name?: string;
	/** Defaults to scene7IpsApi. */
	type?: string;
	data: ICredentialDataDecryptedObject;
}

export interface WorkflowInput {
	nodes: INode[];
	connections: IConnections;
	credentials?: CredentialInput[];
	settings?: IWorkflowSettings;
	/** Called once the run has started, with what the editor's Stop button does to it. */
	onStarted?: (cancel: () => void) => void;
}

export interface RunResult {
	run: IRun;
	status: ExecutionStatus;
	/** The error that stopped the run, if one did. */
	error: ExecutionError | undefined;
	/** The items of one output (0 = the main output, 1 = the error output with continueErrorOutput). */
	outputOf(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error a node ended with, if it ended with one. */
	nodeError(nodeName: string): ExecutionError | undefined;
}

let executionCounter = 0;

/** A credential as n8n stores it: its data AES-encrypted with N8N_ENCRYPTION_KEY by n8n-core. */
export async function encryptCredential({ id, name, type, data }: CredentialInput): Promise<ICredentials> {
	const { Credentials } = await loadCore();
	const credential = new Credentials({ id, name: name ?? id }, type ?? SCENE7_CREDENTIAL_TYPE);
	credential.setData(data);
	return credential;
}

async function encryptCredentials(credentials: CredentialInput[]): Promise<Map<string, ICredentials>> {
	const store = new Map<string, ICredentials>();
	for (const credential of credentials) store.set(credential.id, await encryptCredential(credential));
	return store;
}

/** The workflow as n8n keeps it in its database (what the execution hooks are given). */
function workflowBase(id: string, name: string, nodes: INode[], connections: IConnections, settings?: IWorkflowSettings): IWorkflowBase {
	const now = new Date();
	return { id, name, active: false, isArchived: false, activeVersionId: null, createdAt: now, updatedAt: now, nodes, connections, settings };
}

function additionalDataFor(
	core: Core,
	store: Map<string, ICredentials>,
	workflowData: IWorkflowBase,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new HarnessCredentialsHelper(store),
		hooks: new core.ExecutionLifecycleHooks('manual', executionId, workflowData),
		externalSecretsProxy: new core.ExternalSecretsProxy(),
		executionId,
		currentNodeExecutionIndex: 0,
		variables: {},
		userId: 'harness-user',
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not supported by the test engine');
		},
		getRunExecutionData: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('Task runners are not supported by the test engine');
		},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
	};
}

/** Runs a workflow through n8n-core's WorkflowExecute and returns the run with helpers to read it. */
export async function runWorkflow({
	nodes,
	connections,
	credentials = [],
	settings = { executionOrder: 'v1' },
	onStarted,
}: WorkflowInput): Promise<RunResult> {
	const core = await loadCore();
	const store = await encryptCredentials(credentials);
	const executionId = `harness-${++executionCounter}`;
	const workflowData = workflowBase(`harness-workflow-${executionCounter}`, 'Integration test', nodes, connections, settings);
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes,
		connections,
		active: false,
		nodeTypes: makeNodeTypes(NODE_TYPES),
		settings,
	});
	// Every workflow the tests run starts at its first node.
	const start = workflow.getNode(nodes[0].name);
	if (!start) throw new Error(`No start node ${nodes[0].name}`);

	const additionalData = additionalDataFor(core, store, workflowData, executionId);
	const execution: WorkflowExecute = new core.WorkflowExecute(additionalData, 'manual');
	const running = execution.run({ workflow, startNode: start });
	onStarted?.(() => running.cancel());
	const run = await running;

	const resultData = run.data.resultData;
	const taskOf = (nodeName: string) => resultData.runData[nodeName]?.[0];
	return {
		run,
		status: run.status,
		error: resultData.error,
		outputOf: (nodeName, outputIndex = 0) => taskOf(nodeName)?.data?.main?.[outputIndex] ?? [],
		nodeError: (nodeName) => taskOf(nodeName)?.error,
	};
}

/**
 * Tests a credential the way n8n's CredentialsTester does for a declarative `test`: defaults are
 * applied, the test request runs through n8n-core's RoutingNode (which calls the credential's
 * `authenticate`), a failure's message is reported. Returns n8n's { status, message }.
 */
export async function testCredential(data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const core = await loadCore();
	const type = SCENE7_CREDENTIAL_TYPE;
	const testRequest = CREDENTIAL_TYPES[type].test as ICredentialTestRequest;

	const id = 'credential-under-test';
	const decrypted = { id, name: 'Credential under test', type, data: withDefaults(type, data) };
	const store = await encryptCredentials([{ id, type, data }]);

	// n8n runs the test request as the only (routing) property of a copy of the noOp node.
	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation',
			name: 'noOp',
			group: ['organization'],
			version: 1,
			description: '',
			defaults: { name: 'No Operation' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: { id, name: decrypted.name } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: makeNodeTypes({ [node.type]: nodeType }),
	});
	const additionalData = additionalDataFor(core, store, workflowBase('credential-test', 'Credential test', [node], {}), 'credential-test');
	const mode: WorkflowExecuteMode = 'internal';
	const context: ExecuteContext = new core.ExecuteContext(
		workflow,
		node,
		additionalData,
		mode,
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode: RoutingNode = new core.RoutingNode(context, nodeType, decrypted);
	try {
		await routingNode.runNode();
	} catch (error) {
		const { cause, message } = error as { cause?: { response?: { status: number; statusText?: string }; code?: string }; message: string };
		if (cause?.response) {
			const { status, statusText } = cause.response;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (status < 199 || status > 299) {
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String(message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * Stops what n8n-core leaves running (the SSH clients manager's cleanup interval) so jest can exit,
 * and removes the user folder the harness created. Call it in afterAll.
 */
export async function shutdownEngine(): Promise<void> {
	if (corePromise) {
		const coreEntry = require.resolve('n8n-core');
		const { Container } = (await import(require.resolve('@n8n/di', { paths: [coreEntry] }))) as typeof import('@n8n/di');
		const { SSHClientsManager } = (await import(
			require.resolve('n8n-core/dist/execution-engine/ssh-clients-manager')
		)) as { SSHClientsManager: new () => { onShutdown(): void } };
		if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
	}
	if (ownUserFolder) {
		rmSync(ownUserFolder, { recursive: true, force: true });
		if (process.env.N8N_USER_FOLDER === ownUserFolder) delete process.env.N8N_USER_FOLDER;
		ownUserFolder = undefined;
	}
}
