// Runs one Scene7 IPS node (items → node) through n8n-core's engine against the IPS sandbox over
// real HTTP, for the tests in test/integration: one sandbox per file, and the parameter builders.
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { POLL_SCHEDULE } from '../../../nodes/Scene7Ips/client/jobWait';
import { createSeedState } from '../../sandbox/model';
import { DEMO, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { useSandbox as useFileSandbox } from '../../sandbox/useSandbox';
import { runWorkflow, shutdownEngine, type RunResult } from '../../support/engine';
import {
	byHandle,
	chain,
	copyParameters,
	type CopyParameters,
	copyWorkflow,
	CREDENTIAL_ID,
	customCredential,
	itemsNode,
	SCENE7,
	scene7Node,
	type Scene7NodeSettings,
} from '../../support/workflows';

export { byHandle, SCENE7 };

export const byName = (value: string) => ({ __rl: true, mode: 'name', value });
export const byPath = (value: string) => ({ __rl: true, mode: 'path', value });

/** Parameters of an operation of the resource in the demo company. */
const operationOf =
	(resource: string) =>
	(operation: string, parameters: INodeParameters = {}): INodeParameters => ({
		resource,
		operation,
		companyHandle: byHandle(DEMO.companyHandle),
		...parameters,
	});
export const image = operationOf('image');
export const folder = operationOf('folder');
export const job = operationOf('job');

/** The node's Retry option with no wait between tries. */
export const NO_BACKOFF = { retry: { settings: { attempts: 3, backoff: 0 } } };

/** Image > Create Derived: an adjusted view of the demo asset in summer/, named macbook_square unless `parameters` say otherwise. */
export const deriveDemo = (parameters: INodeParameters = {}) =>
	image('createDerived', {
		assetHandle: byHandle(DEMO.assetHandle),
		folderHandle: byPath('summer/'),
		name: 'macbook_square',
		derivedType: 'AdjustedView',
		urlModifier: 'crop=0,0,800,800',
		urlPostApplyModifier: '',
		options: NO_BACKOFF,
		...parameters,
	});

export interface NodeRun {
	result: RunResult;
	/** The json of every item the node output. */
	json: IDataObject[];
	/** The message of the error that stopped the run, if one did. */
	error: string | undefined;
}

/** The sandbox of test/sandbox/useSandbox.ts for the file, and the engine stopped after it. */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
	const sandbox = useFileSandbox(options);
	afterAll(shutdownEngine);
	return sandbox;
}

/** Job waits poll every 20 ms for the file, so tests of jobs that really run stay quick. */
export function useFastPolls(): void {
	const saved = { ...POLL_SCHEDULE };
	beforeAll(() => Object.assign(POLL_SCHEDULE, { firstMs: 20, factor: 1, maxMs: 20 }));
	afterAll(() => Object.assign(POLL_SCHEDULE, saved));
}

export const demoCredential = (sandbox: Sandbox, extra: ICredentialDataDecryptedObject = {}) =>
	customCredential(sandbox.serviceUrl, DEMO.user, DEMO.password, extra);

/** Image > Copy parameters that copy the demo asset into the demo folder as `name`. */
export const copyOfDemo = (name: string, rest: Partial<CopyParameters> = {}): INodeParameters =>
	copyParameters({ company: DEMO.companyHandle, asset: DEMO.assetHandle, folder: DEMO.folderHandle, name, ...rest });

/** Items → Scene7 IPS (Image > Copy, or any parameters), with the demo user's credential: the run itself. */
export const runCopy = async (sandbox: Sandbox, items: IDataObject[], parameters: INodeParameters, settings: Scene7NodeSettings = {}) =>
	await runWorkflow(copyWorkflow(items, parameters, demoCredential(sandbox), settings));

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

const SEED_ASSET_COUNT = createSeedState().assets.length;
/** The assets a test made: a reset sandbox holds the seed's, and new ones come after them. */
export const createdAssets = (sandbox: Sandbox) => sandbox.state.assets.slice(SEED_ASSET_COUNT);
