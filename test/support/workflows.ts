// Small builders for the workflow JSON the integration tests run: an items source feeding one
// Scene7 IPS node, with the node's parameters stored the way the editor stores them.
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeParameters,
	OnError,
} from 'n8n-workflow';

import { ITEMS_NODE_TYPE, SCENE7_CREDENTIAL_TYPE, SCENE7_NODE_TYPE, type WorkflowInput } from './engine';

export const SOURCE = 'Items';
export const SCENE7 = 'Scene7 IPS';
export const CREDENTIAL_ID = 'scene7-credential';

/** A resource locator value as the editor saves it (the 'id' mode, shown as By ID). */
export const byHandle = (value: string) => ({ __rl: true, mode: 'id', value });

export interface CopyParameters {
	company: string;
	asset: string;
	folder: string;
	name: string;
	urlModifier?: string;
	/** The Options collection, e.g. { timeout: 5000 } or { validateUrlModifier: false }. */
	options?: INodeParameters;
}

/** Parameters of an Image > Copy node; any value may be an expression such as '={{ $json.name }}'. */
export function copyParameters({ company, asset, folder, name, urlModifier = '', options = {} }: CopyParameters): INodeParameters {
	return {
		resource: 'image',
		operation: 'copy',
		companyHandle: byHandle(company),
		assetHandle: byHandle(asset),
		folderHandle: byHandle(folder),
		name,
		urlModifier,
		options,
	};
}

/** Copy parameters that take every field from the input item's json. */
export const copyFromItem = (): INodeParameters =>
	copyParameters({
		company: '={{ $json.company }}',
		asset: '={{ $json.asset }}',
		folder: '={{ $json.folder }}',
		name: '={{ $json.name }}',
		urlModifier: '={{ $json.urlModifier ?? "" }}',
	});

/** The node's Settings tab (error handling, Retry On Fail) and the credential it uses. */
export interface Scene7NodeSettings extends Pick<INode, 'continueOnFail' | 'retryOnFail' | 'maxTries' | 'waitBetweenTries'> {
	onError?: OnError;
	credentialId?: string;
}

export function itemsNode(items: IDataObject[], name = SOURCE): INode {
	return {
		id: `node-${name}`,
		name,
		type: ITEMS_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(items) },
	};
}

export function scene7Node(parameters: INodeParameters, settings: Scene7NodeSettings = {}, name = SCENE7): INode {
	const { credentialId = CREDENTIAL_ID, ...flags } = settings;
	return {
		id: `node-${name}`,
		name,
		type: SCENE7_NODE_TYPE,
		typeVersion: 1,
		position: [240, 0],
		parameters,
		credentials: { [SCENE7_CREDENTIAL_TYPE]: { id: credentialId, name: 'Scene7 sandbox' } },
		...flags,
	};
}

/** Connects each node's main output 0 to the next node's input. */
export function chain(...nodes: INode[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return connections;
}

/** Items → Scene7 IPS (Image > Copy), with one stored credential. */
export function copyWorkflow(
	items: IDataObject[],
	parameters: INodeParameters,
	credentialData: ICredentialDataDecryptedObject,
	settings: Scene7NodeSettings = {},
): WorkflowInput {
	const nodes = [itemsNode(items), scene7Node(parameters, settings)];
	return {
		nodes,
		connections: chain(...nodes),
		credentials: [{ id: settings.credentialId ?? CREDENTIAL_ID, data: credentialData }],
	};
}

/** Credential data for a custom Service URL (the sandbox), as the editor would save it. */
export function customCredential(
	serviceUrl: string,
	user: string,
	password: string,
	extra: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return { region: 'custom', serviceUrl, user, password, ...extra };
}
