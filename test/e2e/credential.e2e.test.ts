/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Issue #11 in a real n8n: n8n lists every credential with `authenticate` in the HTTP Request node.
// Used there with a URL that is not the credential's endpoint, the Scene7 IPS API credential must
// never deliver its password: n8n's own domain check (the credential declares
// allowedHttpRequestDomains) stops a request to another host, and `authenticate` stops any other URL,
// including the endpoint's host on another port and credentials saved with "All" domains.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { CREDENTIAL_TYPE, N8n, nodeOutput, type RunJson, type WorkflowNodeJson } from './lib/n8n';
import { DEMO, startSandbox, type Sandbox } from './lib/sandbox';
import { connect, manualTriggerNode, scene7Credential, workflow } from './lib/workflows';

const FRESH = { id: 'e2eCredPinned001', name: 'Scene7 sandbox (new)' };
const SAVED_WITH_ALL = { id: 'e2eCredPinned002', name: 'Scene7 sandbox (saved with All domains)' };
const WF = 'e2eCredentialPin';

const ENVELOPE =
	'<?xml version="1.0" encoding="UTF-8"?>' +
	'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
	'<soapenv:Header><!--scene7:authHeader--></soapenv:Header>' +
	'<soapenv:Body><getUserInfoParam xmlns="http://www.scene7.com/IpsApi/xsd/{apiVersion}"/></soapenv:Body>' +
	'</soapenv:Envelope>';

interface Received {
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** A server that is not the endpoint: it records everything it receives. */
async function startCollector(host: string): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(200, { 'Content-Type': 'text/plain' });
			res.end('collected');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://${host}:${port}/scene7/services/IpsApiService`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

let nodeCounter = 0;
function httpRequestNode(name: string, url: string, credential: { id: string; name: string }): WorkflowNodeJson {
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
			body: ENVELOPE,
			options: {},
		},
		credentials: { [CREDENTIAL_TYPE]: credential },
		onError: 'continueRegularOutput',
	};
}

const errorOf = (run: RunJson, node: string) => {
	const [item] = nodeOutput(run, node);
	return (item?.error ?? {}) as { message?: string } | string;
};
const messageOf = (run: RunJson, node: string) => {
	const error = errorOf(run, node);
	return typeof error === 'string' ? error : String(error.message ?? '');
};

describe('n8n CLI: the HTTP Request node with the Scene7 IPS API credential (issue #11)', () => {
	let sandbox: Sandbox;
	let otherHost: Awaited<ReturnType<typeof startCollector>>;
	let sameHostOtherPort: Awaited<ReturnType<typeof startCollector>>;
	let n8n: N8n;
	let run: RunJson;
	let output: string;

	beforeAll(async () => {
		sandbox = await startSandbox();
		// The sandbox listens on 127.0.0.1; 127.0.0.2 is another host on the same loopback network.
		otherHost = await startCollector('127.0.0.2');
		sameHostOtherPort = await startCollector('127.0.0.1');
		n8n = await N8n.create({ label: 'e2e-credential' });
		const fresh = scene7Credential({ ...FRESH, serviceUrl: sandbox.serviceUrl, user: DEMO.user, password: DEMO.password });
		const savedWithAll = scene7Credential({ ...SAVED_WITH_ALL, serviceUrl: sandbox.serviceUrl, user: DEMO.user, password: DEMO.password });
		// As the editor saved it while n8n added "Allowed HTTP Request Domains: All" to the credential.
		savedWithAll.data = { ...savedWithAll.data, allowedHttpRequestDomains: 'all', allowedDomains: '' };
		await n8n.importCredentials([fresh, savedWithAll]);
		const nodes = [
			httpRequestNode('To another host', otherHost.url, FRESH),
			httpRequestNode('To the endpoint host, another port', sameHostOtherPort.url, FRESH),
			httpRequestNode('To another host, credential saved with All', otherHost.url, SAVED_WITH_ALL),
			httpRequestNode('To the endpoint', sandbox.serviceUrl, FRESH),
		];
		await n8n.importWorkflows([
			workflow(WF, 'Scene7: HTTP Request with the credential', [manualTriggerNode(), ...nodes], connect(...nodes.map((n): [string, string] => ['Manual Trigger', n.name]))),
		]);
		const res = await n8n.execute(WF);
		if (!res.run) throw new Error(`execute ${WF}: rc=${res.code}\n${res.stdout.slice(-3000)}\n${res.stderr.slice(-2000)}`);
		run = res.run;
		output = res.stdout + res.stderr;
	});

	afterAll(async () => {
		await n8n?.dispose();
		await otherHost?.close();
		await sameHostOtherPort?.close();
		await sandbox?.close();
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
