// Runs one Scene7 IPS node (items → node) through n8n-core's engine against the IPS sandbox over
// real HTTP, for the operation tests in this folder.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEMO, startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { runWorkflow, shutdownEngine, type RunResult } from '../../support/engine';
import {
	chain,
	CREDENTIAL_ID,
	customCredential,
	itemsNode,
	SCENE7,
	scene7Node,
	type Scene7NodeSettings,
} from '../../support/workflows';

export { SCENE7 };

export const byHandle = (value: string) => ({ __rl: true, mode: 'id', value });
export const byName = (value: string) => ({ __rl: true, mode: 'name', value });
export const byPath = (value: string) => ({ __rl: true, mode: 'path', value });

export interface NodeRun {
	result: RunResult;
	/** The json of every item the node output. */
	json: IDataObject[];
	/** The message of the error that stopped the run, if one did. */
	error: string | undefined;
}

/** Starts a sandbox for the file, resets it before each test and stops it (and the engine) after. */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
	});
	beforeEach(() => {
		sandbox?.reset();
		sandbox?.setInjector(undefined);
	});
	afterAll(async () => {
		await sandbox?.close();
		await shutdownEngine();
	});
	return () => {
		if (!sandbox) throw new Error('The sandbox is not running');
		return sandbox;
	};
}

export const demoCredential = (sandbox: Sandbox) => customCredential(sandbox.serviceUrl, DEMO.user, DEMO.password);

/** Items → Scene7 IPS with these parameters, as the demo user. */
export async function runNode(
	sandbox: Sandbox,
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	settings: Scene7NodeSettings = {},
): Promise<NodeRun> {
	const nodes = [itemsNode(items), scene7Node(parameters, settings)];
	const result = await runWorkflow({
		nodes,
		connections: chain(...nodes),
		credentials: [{ id: CREDENTIAL_ID, data: demoCredential(sandbox) }],
	});
	return { result, json: result.outputOf(SCENE7).map((item) => item.json), error: result.error?.message };
}

/** The sandbox's record of an asset, by handle. */
export const assetIn = (sandbox: Sandbox, assetHandle: string) =>
	sandbox.state.assets.find((asset) => asset.assetHandle === assetHandle);

/** The operations the sandbox received, in order. */
export const operationsSent = (sandbox: Sandbox) => sandbox.requests.map((request) => request.operation);
