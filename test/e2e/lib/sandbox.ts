// The IPS sandbox (test/sandbox) as the e2e tests use it: started in-process, queried for what it received.
import { DEMO, startSandbox, type AssetRecord, type RecordedRequest, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { N8n } from './n8n';
import { scene7Credential, type CredentialRef } from './workflows';

export { DEMO, startSandbox, type AssetRecord, type RecordedRequest, type Sandbox };

/** Assets of company c|6 (ApiTestCo) with this name. */
export function assetsNamed(sandbox: Sandbox, name: string, companyHandle: string = DEMO.companyHandle): AssetRecord[] {
	return sandbox.state.assets.filter((a) => a.name === name && a.companyHandle === companyHandle);
}

/** The single asset with this name; fails the test when there is none or more than one. */
export function assetNamed(sandbox: Sandbox, name: string): AssetRecord {
	const found = assetsNamed(sandbox, name);
	if (found.length !== 1) throw new Error(`expected exactly one asset named ${name} in the sandbox, found ${found.length}`);
	return found[0];
}

export function requestsFor(sandbox: Sandbox, operation: string, since = 0): RecordedRequest[] {
	return sandbox.requests.slice(since).filter((r) => r.operation === operation);
}

/** A Scene7 credential for the sandbox's demo user (or another password). */
export const sandboxCredential = (ref: CredentialRef, sandbox: Sandbox, password: string = DEMO.password) =>
	scene7Credential({ ...ref, serviceUrl: sandbox.serviceUrl, user: DEMO.user, password });

export interface SandboxN8n {
	sandbox: Sandbox;
	n8n: N8n;
}

/**
 * The set-up most e2e files share: beforeAll starts a sandbox and a fresh n8n (user folder `label`) holding
 * `credentials` for the sandbox's demo user; afterAll stops both. The file's own beforeAll runs after it.
 */
export function useSandboxN8n(label: string, credentials: CredentialRef[], options: { sandbox?: SandboxOptions; env?: Record<string, string> } = {}): SandboxN8n {
	const e2e = {} as SandboxN8n;
	beforeAll(async () => {
		e2e.sandbox = await startSandbox(options.sandbox);
		e2e.n8n = await N8n.create({ label, env: options.env });
		if (credentials.length) await e2e.n8n.importCredentials(credentials.map((ref) => sandboxCredential(ref, e2e.sandbox)));
	});
	afterAll(async () => {
		await e2e.n8n?.dispose();
		await e2e.sandbox?.close();
	});
	return e2e;
}
