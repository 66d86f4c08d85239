// The asset chain as workflow JSON: Manual Trigger → Search (Image > Get Many) → Copy → Rename →
// Move → Get → Delete, each Scene7 step taking the asset from the item before it. Only n8n-workflow
// types and n8n's own manual trigger, so the engine harness and a real n8n (e2e) can both run it.
import type { IConnections, INode, INodeParameters } from 'n8n-workflow';

export const SCENE7_NODE_TYPE = 'n8n-nodes-scene7.scene7Ips';
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
export const CHAIN_STEPS = ['Search', 'Copy', 'Rename', 'Move', 'Get', 'Delete'] as const;
export type ChainStep = (typeof CHAIN_STEPS)[number];

export interface AssetChainOptions {
	/** The stored Scene7 IPS credential the nodes use. */
	credential: { id: string; name: string };
	/** Default c|6 (the sandbox's ApiTestCo). */
	companyHandle?: string;
	/** The image the search finds by exact name; default macbookwin1. */
	sourceName?: string;
	/** Folder handle the copy goes into; default ApiTestCo/. */
	copyFolder?: string;
	/** Default chain_copy. */
	copyName?: string;
	/** Default chain_renamed. */
	newName?: string;
	/** Folder path the renamed copy moves to (Folder > By Path); default summer/. */
	moveToPath?: string;
	/** Image Serving commands for the copy; default wid=400. */
	urlModifier?: string;
}

const locator = (mode: 'id' | 'path', value: string) => ({ __rl: true, mode, value });
const fromItem = (field: string) => locator('id', `={{ $json.${field} }}`);

/** The Scene7 IPS parameters of each step, as the editor saves them. */
export function chainStepParameters(options: AssetChainOptions): Record<ChainStep, INodeParameters> {
	const {
		companyHandle = 'c|6',
		sourceName = 'macbookwin1',
		copyFolder = 'ApiTestCo/',
		copyName = 'chain_copy',
		newName = 'chain_renamed',
		moveToPath = 'summer/',
		urlModifier = 'wid=400',
	} = options;
	// Every step after the search takes the company and the asset from the item it is given.
	const onItem = { companyHandle: fromItem('companyHandle'), assetHandle: fromItem('assetHandle') };
	return {
		Search: {
			resource: 'image',
			operation: 'getAll',
			companyHandle: locator('id', companyHandle),
			returnAll: false,
			limit: 1,
			filters: { name: sourceName, nameMatch: 'Equals' },
		},
		Copy: { resource: 'image', operation: 'copy', ...onItem, folderHandle: locator('id', copyFolder), name: copyName, urlModifier },
		Rename: { resource: 'image', operation: 'rename', ...onItem, newName },
		Move: { resource: 'image', operation: 'move', ...onItem, folderHandle: locator('path', moveToPath) },
		Get: { resource: 'image', operation: 'get', ...onItem },
		Delete: { resource: 'image', operation: 'delete', ...onItem },
	};
}

/** One Scene7 IPS node of the chain. */
export function chainNode(step: ChainStep, parameters: INodeParameters, credential: AssetChainOptions['credential'], position = 1): INode {
	return {
		id: `chain-${step.toLowerCase()}`,
		name: step,
		type: SCENE7_NODE_TYPE,
		typeVersion: 1,
		position: [position * 220, 0],
		parameters,
		credentials: { scene7IpsApi: credential },
	};
}

/** The whole chain, starting at a Manual Trigger named Start. */
export function assetChainWorkflow(options: AssetChainOptions): { nodes: INode[]; connections: IConnections } {
	const parameters = chainStepParameters(options);
	const trigger: INode = { id: 'chain-start', name: 'Start', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
	const nodes = [trigger, ...CHAIN_STEPS.map((step, index) => chainNode(step, parameters[step], options.credential, index + 1))];
	const connections: IConnections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes, connections };
}
