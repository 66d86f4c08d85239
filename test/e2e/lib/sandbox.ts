// The IPS sandbox (test/sandbox) as the e2e tests use it: started in-process, queried for what it received.
import { DEMO, startSandbox, type AssetRecord, type RecordedRequest, type Sandbox } from '../../sandbox/server';

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
