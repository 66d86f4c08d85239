// Issue #11 in a real n8n: n8n lists every credential with `authenticate` in the HTTP Request node.
// Used there with a URL that is not the credential's endpoint, the Scene7 IPS API credential must
// never deliver its password: n8n's own domain check (the credential declares
// allowedHttpRequestDomains) stops a request to another host, and `authenticate` stops any other URL,
// including the endpoint's host on another port and credentials saved with "All" domains.
import { injectRule, redirectTo } from '../sandbox/server';
import { startCollector, type Collector } from '../support/collector';
import { CREDENTIAL_TYPE, nodeOutput, type RunJson, type WorkflowJson, type WorkflowNodeJson } from './lib/n8n';
import { DEMO, sandboxCredential, useSandboxN8n, type Sandbox } from './lib/sandbox';
import { connect, copyImageNode, DOCS_EXAMPLE, manualTriggerNode, workflow } from './lib/workflows';

const FRESH = { id: 'e2eCredPinned001', name: 'Scene7 sandbox (new)' };
const SAVED_WITH_ALL = { id: 'e2eCredPinned002', name: 'Scene7 sandbox (saved with All domains)' };
const WF = 'e2eCredentialPin';

const ENVELOPE =
	'<?xml version="1.0" encoding="UTF-8"?>' +
	'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
	'<soapenv:Header><!--scene7:authHeader--></soapenv:Header>' +
	'<soapenv:Body><getUserInfoParam xmlns="http://www.scene7.com/IpsApi/xsd/{apiVersion}"/></soapenv:Body>' +
	'</soapenv:Envelope>';

let nodeCounter = 0;
function httpRequestNode(name: string, url: string, credential: { id: string; name: string }, body = ENVELOPE): WorkflowNodeJson {
	nodeCounter += 1;
	return {
		id: `00000000-0000-4000-9000-${String(nodeCounter).padStart(12, '0')}`,
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [300, nodeCounter * 160],
		parameters: {
			method: 'POST',
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: CREDENTIAL_TYPE,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'SOAPAction', value: 'getUserInfo' }] },
			sendBody: true,
			contentType: 'raw',
			rawContentType: 'text/xml; charset=UTF-8',
			body,
			options: {},
		},
		credentials: { [CREDENTIAL_TYPE]: credential },
		onError: 'continueRegularOutput',
	};
}

/** The workflow with its Scene7 node's credential removed, as a file shared without credentials. */
function withoutCredential(json: WorkflowJson): WorkflowJson {
	const nodes = json.nodes.map((node) => {
		const copy = { ...node };
		delete copy.credentials;
		return copy;
	});
	return { ...json, nodes };
}

/** The error message of a node's first output item (continueRegularOutput puts it there). */
const messageOf = (run: RunJson, node: string) => {
	const error = (nodeOutput(run, node)[0]?.error ?? {}) as { message?: string } | string;
	return typeof error === 'string' ? error : String(error.message ?? '');
};

describe('n8n CLI: the HTTP Request node with the Scene7 IPS API credential (issue #11)', () => {
	const e2e = useSandboxN8n('e2e-credential', [FRESH]);
	let sandbox: Sandbox;
	let otherHost: Collector;
	let sameHostOtherPort: Collector;
	let run: RunJson;
	let output: string;

	beforeAll(async () => {
		({ sandbox } = e2e);
		// The sandbox listens on 127.0.0.1; 127.0.0.2 is another host on the same loopback network.
		otherHost = await startCollector('127.0.0.2');
		sameHostOtherPort = await startCollector('127.0.0.1');
		const savedWithAll = sandboxCredential(SAVED_WITH_ALL, sandbox);
		// As the editor saved it while n8n added "Allowed HTTP Request Domains: All" to the credential.
		savedWithAll.data = { ...savedWithAll.data, allowedHttpRequestDomains: 'all', allowedDomains: '' };
		await e2e.n8n.importCredentials([savedWithAll]);
		const nodes = [
			httpRequestNode('To another host', otherHost.url, FRESH),
			httpRequestNode('To the endpoint host, another port', sameHostOtherPort.url, FRESH),
			httpRequestNode('To another host, credential saved with All', otherHost.url, SAVED_WITH_ALL),
			httpRequestNode('To the endpoint', sandbox.serviceUrl, FRESH),
		];
		await e2e.n8n.importWorkflows([
			workflow(WF, 'Scene7: HTTP Request with the credential', [manualTriggerNode(), ...nodes], connect(...nodes.map((n): [string, string] => ['Manual Trigger', n.name]))),
		]);
		const res = await e2e.n8n.execute(WF);
		if (!res.run) throw new Error(`execute ${WF}: rc=${res.code}\n${res.stdout.slice(-3000)}\n${res.stderr.slice(-2000)}`);
		run = res.run;
		output = res.stdout + res.stderr;
	});

	afterAll(async () => {
		await otherHost?.close();
		await sameHostOtherPort?.close();
	});

	test('no server other than the endpoint receives anything, so never the password', () => {
		expect(otherHost.received).toEqual([]);
		expect(sameHostOtherPort.received).toEqual([]);
	});

	test('another host is refused for a new credential: by n8n\'s domain check where n8n honours it, else by authenticate', () => {
		// n8n 2.8.4 checks the credential's Allowed HTTP Request Domains before authenticate; 2.41.1
		// does not, and the credential's own check refuses there. Either way nothing is sent.
		expect([
			`Domain not allowed: This credential (${CREDENTIAL_TYPE}) is restricted from accessing ${otherHost.url}. ` +
				'Only the following domains are allowed: 127.0.0.1',
			expect.stringContaining(
				`The Scene7 IPS API credential only sends to its own endpoint (host ${new URL(sandbox.serviceUrl).host}), not to host ${new URL(otherHost.url).host}.`,
			),
		]).toContainEqual(messageOf(run, 'To another host'));
	});

	test('authenticate refuses the endpoint host on another port, naming both hosts', () => {
		const endpointHost = new URL(sandbox.serviceUrl).host;
		expect(messageOf(run, 'To the endpoint host, another port')).toContain(
			`The Scene7 IPS API credential only sends to its own endpoint (host ${endpointHost}), not to host ${new URL(sameHostOtherPort.url).host}.`,
		);
	});

	test('authenticate refuses another host for a credential saved with "All" domains', () => {
		expect(messageOf(run, 'To another host, credential saved with All')).toContain(
			`The Scene7 IPS API credential only sends to its own endpoint (host ${new URL(sandbox.serviceUrl).host}), not to host ${new URL(otherHost.url).host}.`,
		);
	});

	test('the endpoint itself still gets the completed envelope', () => {
		const [item] = nodeOutput(run, 'To the endpoint');
		expect(item.error).toBeUndefined();
		expect(String(item.data ?? JSON.stringify(item))).toContain('getUserInfoReturn');
		const last = sandbox.requests[sandbox.requests.length - 1];
		expect(last).toMatchObject({ operation: 'getUserInfo', user: DEMO.user, outcome: 'ok' });
	});

	test('the password appears nowhere in what n8n reports', () => {
		expect(JSON.stringify(run)).not.toContain(DEMO.password);
		expect(output).not.toContain(DEMO.password);
	});
});

// Issue #21 in a real n8n: the password stays with its endpoint whatever the endpoint answers.
// A plain-http Service URL to another host is refused before sending by the node itself, whatever runs it:
// test/integration/endpoint-guard.test.ts ("plain http to another host"), and in n8n's credential test: server.e2e.
describe('n8n CLI: redirects, hand-written bodies (issue #21) and a missing credential (issue #24)', () => {
	const REDIRECTED = { id: 'e2eCredRedirect1', name: 'Scene7 sandbox (redirecting)' };
	const e2e = useSandboxN8n('e2e-endpoint-guard', [REDIRECTED]);
	let sandbox: Sandbox;
	let collector: Collector;

	beforeAll(async () => {
		({ sandbox } = e2e);
		collector = await startCollector('127.0.0.2');
		const copyWith = (id: string, credential: { id: string; name: string }) =>
			workflow(id, `Scene7: copy (${id})`, [manualTriggerNode(), copyImageNode('Copy Image', DOCS_EXAMPLE, credential, [220, 0])], connect(['Manual Trigger', 'Copy Image']));
		const misplaced =
			'<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/>' +
			'<soapenv:Body><renameAssetParam xmlns="http://www.scene7.com/IpsApi/xsd/{apiVersion}"><companyHandle>c|6</companyHandle>' +
			`<assetHandle>${DOCS_EXAMPLE.assetHandle}</assetHandle><newName><![CDATA[<!--scene7:authHeader-->]]></newName></renameAssetParam></soapenv:Body></soapenv:Envelope>`;
		const handWritten = httpRequestNode('Placeholder in CDATA', sandbox.serviceUrl, REDIRECTED, misplaced);
		await e2e.n8n.importWorkflows([
			copyWith('e2eRedirect307wf', REDIRECTED),
			copyWith('e2eRedirect308wf', REDIRECTED),
			workflow('e2eCdataHeaderWf', 'Scene7: placeholder in CDATA', [manualTriggerNode(), handWritten], connect(['Manual Trigger', handWritten.name])),
			// As imported from a file without credentials, and one whose credential was deleted since.
			withoutCredential(copyWith('e2eNoCredential1', REDIRECTED)),
			copyWith('e2eGoneCredentl1', { id: 'e2eCredDeleted01', name: 'Scene7 (deleted)' }),
		]);
	});

	afterAll(async () => {
		await collector?.close();
	});

	beforeEach(() => {
		sandbox.setInjector(undefined);
		collector.received.length = 0;
	});

	const runFailing = async (id: string) => {
		const res = await e2e.n8n.execute(id);
		if (!res.run) throw new Error(`execute ${id}: rc=${res.code}\n${res.stdout.slice(-3000)}\n${res.stderr.slice(-2000)}`);
		expect(res.run.status).toBe('error');
		expect(res.stdout + res.stderr).not.toContain(DEMO.password);
		return String(res.run.data.resultData.error?.message ?? '');
	};

	test.each([
		[307, 'e2eRedirect307wf'],
		[308, 'e2eRedirect308wf'],
	] as const)('an endpoint answering %i: the run fails naming the status and the host, and the host gets nothing', async (status, id) => {
		sandbox.setInjector(injectRule({ action: redirectTo(collector.url, status), times: Infinity }));
		const before = sandbox.requests.length;

		const message = await runFailing(id);

		expect(message).toBe(
			`The Scene7 endpoint answered copyImage with a redirect (HTTP ${status}) to host ${collector.host}. The node does not follow redirects, so nothing was sent there`,
		);
		expect(collector.received).toEqual([]);
		expect(sandbox.requests.slice(before).map((r) => [r.operation, r.status])).toEqual([['copyImage', status]]);
	});

	test('no credential selected: the run fails naming the credential and n8n\'s reason, and nothing is sent', async () => {
		const before = sandbox.requests.length;
		const message = await runFailing('e2eNoCredential1');
		expect(message).toBe('No Scene7 IPS API credential is selected (Node does not have any credentials set)');
		expect(sandbox.requests.length).toBe(before);
	});

	test('a credential that no longer exists: the run fails naming it (or n8n refuses it first), and nothing is sent', async () => {
		const before = sandbox.requests.length;
		const [major, minor] = e2e.n8n.host.version.split('.').map(Number);
		// Seen: 2.8.4 and 1.123.81 run the node; 2.41.1 refuses the workflow before any node runs (its
		// WorkflowRunner checks the nodes' credentials first), and `n8n execute` then has no run to print.
		if (major === 2 && minor > 8) {
			const res = await e2e.n8n.execute('e2eGoneCredentl1');
			expect(res.run).toBeUndefined();
			expect(res.code).not.toBe(0);
			expect(res.stdout + res.stderr).not.toContain('Could not reach');
		} else {
			const message = await runFailing('e2eGoneCredentl1');
			expect(message).toMatch(/^The Scene7 IPS API credential "Scene7 \(deleted\)" cannot be used: \S/);
		}
		expect(sandbox.requests.length).toBe(before);
	});

	test('a hand-written body with the placeholder inside CDATA gets no password and is not sent', async () => {
		const before = sandbox.requests.length;
		const res = await e2e.n8n.execute('e2eCdataHeaderWf');
		if (!res.run) throw new Error(`execute: rc=${res.code}\n${res.stdout.slice(-3000)}`);
		expect(messageOf(res.run, 'Placeholder in CDATA')).toContain(
			'carries the Scene7 authHeader placeholder somewhere other than directly inside soapenv:Header',
		);
		expect(sandbox.requests.length).toBe(before);
		expect(JSON.stringify(res.run)).not.toContain(DEMO.password);
	});
});
