// The trigger node's poll() against the in-process IPS sandbox: a poll context with real parameter
// lookup, static data and the credential's own authenticate; HTTP goes to the sandbox for real.
import type { IDataObject, IHttpRequestOptions, INode, IPollFunctions, WorkflowExecuteMode } from 'n8n-workflow';

import { Scene7IpsApi } from '../../../credentials/Scene7IpsApi.credentials';
import { Scene7IpsTrigger } from '../../../nodes/Scene7IpsTrigger/Scene7IpsTrigger.node';
import { call } from '../../sandbox/raw-soap';
import { DEMO, type Sandbox, startSandbox } from '../../sandbox/server';

const NODE: INode = {
	id: 'trigger-1',
	name: 'Scene7 IPS Trigger',
	type: 'n8n-nodes-scene7.scene7IpsTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });

export interface PollHarness {
	context: IPollFunctions;
	staticData: IDataObject;
}

export interface PollOptions {
	mode?: WorkflowExecuteMode;
	password?: string;
	staticData?: IDataObject;
}

export function pollContext(sandbox: Sandbox, parameters: IDataObject, options: PollOptions = {}): PollHarness {
	const credentialType = new Scene7IpsApi();
	const credentials = {
		region: 'custom',
		serviceUrl: sandbox.serviceUrl,
		user: DEMO.user,
		password: options.password ?? DEMO.password,
		appName: 'n8n-nodes-scene7',
		appVersion: '0.1.0',
		apiVersion: '2014-04-03',
	};
	const staticData = options.staticData ?? {};
	const context = {
		getNode: () => NODE,
		getMode: () => options.mode ?? 'trigger',
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error(`unexpected static data type ${type}`);
			return staticData;
		},
		getNodeParameter(name: string, fallback?: unknown) {
			const value = parameters[name];
			if (value === undefined && fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
			return value === undefined ? fallback : value;
		},
		helpers: {
			async httpRequestWithAuthentication(_type: string, request: IHttpRequestOptions) {
				const sent = await credentialType.authenticate(credentials, { ...request });
				const res = await fetch(sent.url, { method: sent.method, headers: sent.headers as Record<string, string>, body: String(sent.body) });
				return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
			},
		},
	};
	return { context: context as unknown as IPollFunctions, staticData };
}

const trigger = new Scene7IpsTrigger();
export const poll = async (h: PollHarness) => await trigger.poll.call(h.context);
export const jsonOf = (result: Awaited<ReturnType<typeof poll>>) => (result ?? [[]])[0].map((item) => item.json);

/** A test file's sandbox, started once and reset before each test, with the helpers bound to it. */
export function useSandbox() {
	const env = {
		sandbox: undefined as unknown as Sandbox,
		pollContext: (parameters: IDataObject, options?: PollOptions) => pollContext(env.sandbox, parameters, options),
		/** A poll context after its first poll (the activation), whose output is not looked at. */
		activated: async (parameters: IDataObject, options?: PollOptions) => {
			const h = env.pollContext(parameters, options);
			await poll(h);
			return h;
		},
		/** A SOAP call of the demo company, straight to the sandbox; throws unless it succeeded. */
		soap: async (operation: string, fields: Array<[string, string]>): Promise<string> => {
			const res = await call(env.sandbox.serviceUrl, operation, [['companyHandle', DEMO.companyHandle], ...fields]);
			if (res.status !== 200) throw new Error(`${operation} failed: ${res.body}`);
			return res.body;
		},
		/** A copy of the demo image, as a new asset of that name in the folder. */
		copyInto: async (folder: string, name: string) =>
			await env.soap('copyImage', [
				['assetHandle', DEMO.assetHandle],
				['folderHandle', folder],
				['name', name],
				['urlModifier', ''],
			]),
	};
	beforeAll(async () => {
		env.sandbox = await startSandbox();
	});
	afterAll(async () => {
		await env.sandbox.close();
	});
	beforeEach(() => {
		env.sandbox.reset();
		env.sandbox.setInjector(undefined);
	});
	return env;
}
