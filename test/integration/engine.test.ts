/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// The harness itself, against a tiny local SOAP responder: credential encryption and defaults,
// the credential's authenticate, expressions, and the node's error settings through WorkflowExecute.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { encryptCredential, MANUAL_TRIGGER_TYPE, runWorkflow, shutdownEngine, testCredential } from '../support/engine';
import { chain, copyFromItem, copyParameters, copyWorkflow, itemsNode, SCENE7, scene7Node } from '../support/workflows';

interface Received {
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

const PASSWORD = 'pw-Engine&Test<7>';
const received: Received[] = [];
let server: Server;
let serviceUrl: string;

const NS = 'http://www.scene7.com/IpsApi/xsd';
const envelope = (body: string) =>
	'<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
	`<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

const copyReturn = (handle: string) =>
	envelope(`<copyImageReturn xmlns="${NS}/2014-04-03"><assetHandle>${handle}</assetHandle></copyImageReturn>`);

const membershipReturn = envelope(`<getCompanyMembershipReturn xmlns="${NS}/2014-04-03"/>`);

// The lookups behind a copy's imageUrl.
const IMAGE_SERVER = 'http://images.test/is/image/';
const lookupReturns: Record<string, string> = {
	getProperty: envelope(`<getPropertyReturn xmlns="${NS}/2014-04-03"><value>${IMAGE_SERVER}</value></getPropertyReturn>`),
	getCompanyInfo: envelope(
		`<getCompanyInfoReturn xmlns="${NS}/2014-04-03"><companyInfo><companyHandle>c|1</companyHandle><name>Co</name><rootPath>Co/</rootPath></companyInfo></getCompanyInfoReturn>`,
	),
};
const copies = () => received.filter(({ headers }) => headers.soapaction === 'copyImage');

const fault = (type: string, code: number, reason: string) =>
	envelope(
		`<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>${type}</faultstring><detail>` +
			`<ns1:${type} xmlns:ns1="${NS}"><code>${code}</code><reason>${reason}</reason></ns1:${type}>` +
			'</detail></soapenv:Fault>',
	);

const credential = (extra: Record<string, string> = {}) => ({
	region: 'custom',
	serviceUrl,
	user: 'engine@example.com',
	password: PASSWORD,
	...extra,
});

beforeAll(async () => {
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			received.push({ url: req.url ?? '', headers: req.headers, body });
			res.setHeader('Content-Type', 'text/xml; charset=utf-8');
			if (req.headers.soapaction === 'getCompanyMembership') {
				const signedIn = body.includes('<password>pw-Engine&amp;Test&lt;7&gt;</password>');
				res.statusCode = signedIn ? 200 : 403;
				res.end(signedIn ? membershipReturn : fault('authenticationFault', 10001, 'The user could not be authenticated.'));
				return;
			}
			const lookup = lookupReturns[String(req.headers.soapaction)];
			if (lookup) {
				res.end(lookup);
				return;
			}
			const name = /<name>([^<]*)<\/name>/.exec(body)?.[1] ?? '';
			const ok = name.startsWith('good');
			res.statusCode = ok ? 200 : 500;
			res.end(ok ? copyReturn(`a|1|${name}`) : fault('ipsApiFault', 30000, `Asset ID '${name}' is already in use.`));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scene7/services/IpsApiService`;
});

beforeEach(() => {
	received.length = 0;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
	await shutdownEngine();
});

describe('the engine harness', () => {
	it('stores credentials encrypted by n8n-core, as n8n does', async () => {
		const stored = await encryptCredential({ id: 'c1', data: credential() });

		const { data } = stored.getDataToSave();
		expect(data).toMatch(/^U2FsdGVkX1/); // base64 of OpenSSL's "Salted__" (AES-256-CBC)
		expect(data).not.toContain('engine@example.com');
		expect(stored.getData()).toEqual(credential());
	});

	it('runs the node with the encrypted credential, its defaults and its authenticate', async () => {
		const params = copyParameters({ company: 'c|1', asset: 'a|2', folder: 'Co/', name: 'good1' });
		const result = await runWorkflow(copyWorkflow([{}], params, credential()));

		expect(result.status).toBe('success');
		expect(result.outputOf(SCENE7)).toEqual([
			{
				json: {
					assetHandle: 'a|1|good1',
					companyHandle: 'c|1',
					sourceAssetHandle: 'a|2',
					folderHandle: 'Co/',
					name: 'good1',
					urlModifier: '',
					alreadyExisted: false,
					imageUrl: `${IMAGE_SERVER}Co/good1`,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(received.map(({ headers }) => headers.soapaction)).toEqual(['copyImage', 'getProperty', 'getCompanyInfo']);
		const [request] = received;
		expect(request.url).toBe('/scene7/services/IpsApiService');
		expect(request.headers.soapaction).toBe('copyImage');
		expect(request.body).toContain(
			'<authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>engine@example.com</user>' +
				'<password>pw-Engine&amp;Test&lt;7&gt;</password><appName>n8n-nodes-scene7</appName>' +
				'<appVersion>0.1.0</appVersion></authHeader>',
		);
		expect(request.body).toContain('<copyImageParam xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03">');
	});

	it('resolves expressions per item', async () => {
		const items = [
			{ company: 'c|1', asset: 'a|10', folder: 'Co/', name: 'goodA' },
			{ company: 'c|1', asset: 'a|11', folder: 'Co/sub/', name: 'goodB', urlModifier: 'wid=10' },
		];
		const result = await runWorkflow(copyWorkflow(items, copyFromItem(), credential()));

		expect(result.outputOf(SCENE7).map(({ json }) => [json.sourceAssetHandle, json.folderHandle, json.name, json.urlModifier])).toEqual([
			['a|10', 'Co/', 'goodA', ''],
			['a|11', 'Co/sub/', 'goodB', 'wid=10'],
		]);
		expect(copies().map(({ body }) => /<urlModifier\/>|<urlModifier>[^<]*<\/urlModifier>/.exec(body)?.[0])).toEqual([
			'<urlModifier/>',
			'<urlModifier>wid=10</urlModifier>',
		]);
	});

	it('stops the run with the node error when no error setting is chosen', async () => {
		const params = copyParameters({ company: 'c|1', asset: 'a|2', folder: 'Co/', name: 'taken' });
		const result = await runWorkflow(copyWorkflow([{}], params, credential()));

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe("Scene7 could not run copyImage: Asset ID 'taken' is already in use. (30000)");
		expect(result.nodeError(SCENE7)?.message).toBe(result.error?.message);
		expect(result.outputOf(SCENE7)).toEqual([]);
	});

	const items = [{ name: 'good1' }, { name: 'taken' }];
	const byName = copyParameters({ company: 'c|1', asset: 'a|2', folder: 'Co/', name: '={{ $json.name }}' });

	it.each([
		['continueOnFail: true', { continueOnFail: true }],
		["onError: 'continueRegularOutput'", { onError: 'continueRegularOutput' as const }],
	])('%s puts error items in the main output, paired to their input', async (_label, settings) => {
		const result = await runWorkflow(copyWorkflow(items, byName, credential(), settings));

		expect(result.status).toBe('success');
		const output = result.outputOf(SCENE7);
		expect(output.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json.assetHandle).toBe('a|1|good1');
		expect(output[1].json.error).toBe("Scene7 could not run copyImage: Asset ID 'taken' is already in use. (30000)");
	});

	it("onError: 'continueErrorOutput' splits good items and failed items over the two outputs", async () => {
		const result = await runWorkflow(copyWorkflow(items, byName, credential(), { onError: 'continueErrorOutput' }));

		expect(result.status).toBe('success');
		expect(result.outputOf(SCENE7, 0).map(({ json }) => json.assetHandle)).toEqual(['a|1|good1']);
		expect(result.outputOf(SCENE7, 1).map(({ json }) => json.error)).toEqual([
			"Scene7 could not run copyImage: Asset ID 'taken' is already in use. (30000)",
		]);
	});

	it('chains nodes: a second node reads the first one’s output', async () => {
		const first = scene7Node(copyParameters({ company: 'c|1', asset: 'a|2', folder: 'Co/', name: 'good1' }), {}, 'First');
		const second = scene7Node(
			copyParameters({ company: 'c|1', asset: '={{ $json.assetHandle }}', folder: 'Co/', name: 'good2' }),
			{},
			'Second',
		);
		const nodes = [itemsNode([{}]), first, second];
		const result = await runWorkflow({
			nodes,
			connections: chain(...nodes),
			credentials: [{ id: 'scene7-credential', data: credential() }],
		});

		expect(result.outputOf('Second')[0].json).toMatchObject({ sourceAssetHandle: 'a|1|good1', assetHandle: 'a|1|good2' });
	});

	it('starts at a manual trigger, as a workflow saved in n8n does', async () => {
		const start = { id: 'start', name: 'Start', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		const copy = scene7Node(copyParameters({ company: 'c|1', asset: 'a|2', folder: 'Co/', name: 'good1' }));
		const result = await runWorkflow({
			nodes: [start, copy],
			connections: chain(start, copy),
			credentials: [{ id: 'scene7-credential', data: credential() }],
		});

		expect(result.status).toBe('success');
		expect(result.outputOf('Start').map(({ json }) => json)).toEqual([{}]);
		expect(result.outputOf(SCENE7).map(({ json }) => json.assetHandle)).toEqual(['a|1|good1']);
	});

	it('tests a credential the way n8n does: OK on a 2xx answer, the HTTP error otherwise', async () => {
		expect(await testCredential(credential())).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(received[0].headers.soapaction).toBe('getCompanyMembership');
		expect(received[0].body).toContain('<faultHttpStatusCode>403</faultHttpStatusCode>');

		// n8n's tester reports the NodeApiError of a 403: its message for that status code.
		expect(await testCredential(credential({ password: 'wrong' }))).toEqual({
			status: 'Error',
			message: 'Forbidden - perhaps check your credentials?',
		});
	});
});
