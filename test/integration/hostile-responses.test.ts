/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Odd and hostile answers, sent over real HTTP and read through n8n-core's request helper (which
// decompresses): each either works or gets its own exact message.
import { deflateSync, gzipSync } from 'node:zlib';

import { startCollector, type Answer, type Collector } from '../support/collector';
import { runWorkflow, shutdownEngine } from '../support/engine';
import { copyParameters, copyWorkflow, customCredential, SCENE7 } from '../support/workflows';

const PASSWORD = 'H0stile-Answers-Pa55&<x>';
const ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const copyReturn = (inner: string) =>
	`<soapenv:Envelope xmlns:soapenv="${ENVELOPE_NS}"><soapenv:Body>` +
	`<ns1:copyImageReturn xmlns:ns1="http://www.scene7.com/IpsApi/xsd/2014-04-03">${inner}</ns1:copyImageReturn>` +
	'</soapenv:Body></soapenv:Envelope>';
const HANDLE = '<ns1:assetHandle>a|77|1|7</ns1:assetHandle>';

let server: Collector;
let answer: Answer;

beforeAll(async () => {
	server = await startCollector('127.0.0.1', () => ({ ...answer, headers: { 'Content-Type': 'text/xml;charset=UTF-8', ...answer.headers } }));
});

afterAll(async () => {
	await server.close();
	await shutdownEngine();
});

async function copyAgainst(reply: Answer) {
	answer = reply;
	const parameters = copyParameters({
		company: 'c|6',
		asset: 'a|739|1|537',
		folder: 'ApiTestCo/',
		name: 'Copy_macbookwin1',
		options: { retry: { settings: { attempts: 1 } } },
	});
	const result = await runWorkflow(copyWorkflow([{}], parameters, customCredential(server.url, 'u@example.com', PASSWORD)));
	expect(JSON.stringify(result.run)).not.toContain(PASSWORD);
	return result;
}

describe('answers that must work', () => {
	it.each([
		['a gzip-compressed body', { status: 200, headers: { 'Content-Encoding': 'gzip' }, body: gzipSync(copyReturn(HANDLE)) }],
		['a deflate-compressed body', { status: 200, headers: { 'Content-Encoding': 'deflate' }, body: deflateSync(copyReturn(HANDLE)) }],
		['a UTF-8 byte order mark', { status: 200, body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(copyReturn(HANDLE))]) }],
		[
			'a default namespace and other prefixes',
			{
				status: 200,
				body: `<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="${ENVELOPE_NS}"><S:Header/><S:Body><copyImageReturn xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"><assetHandle>a|77|1|7</assetHandle></copyImageReturn></S:Body></S:Envelope>`,
			},
		],
	])('reads %s', async (_case, reply: Answer) => {
		const result = await copyAgainst(reply);
		expect(result.status).toBe('success');
		expect(result.outputOf(SCENE7)[0].json.assetHandle).toBe('a|77|1|7');
	});
});

const faultBody =
	`<soapenv:Envelope xmlns:soapenv="${ENVELOPE_NS}"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode>` +
	'<faultstring>ipsApiFault</faultstring><detail><ns1:ipsApiFault xmlns:ns1="http://www.scene7.com/IpsApi/xsd">' +
	"<ns1:code>30000</ns1:code><ns1:reason>Asset ID 'Copy_macbookwin1' is already in use.</ns1:reason></ns1:ipsApiFault>" +
	'</detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>';
const htmlPage = '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body>Try later</body></html>';

describe('answers that must fail with their own message', () => {
	it.each([
		['a fault sent with HTTP 200', { status: 200, body: faultBody }, "Scene7 could not run copyImage: Asset ID 'Copy_macbookwin1' is already in use. (30000)"],
		['an HTML page with HTTP 200', { status: 200, headers: { 'Content-Type': 'text/html' }, body: htmlPage }, 'Scene7 answered with a web page instead of a SOAP response (HTTP 200)'],
		['an HTML page with HTTP 503', { status: 503, headers: { 'Content-Type': 'text/html' }, body: htmlPage }, 'Scene7 answered with a web page instead of a SOAP response (HTTP 503)'],
		['an empty body', { status: 200, body: '' }, 'Scene7 sent an empty response (HTTP 200)'],
		['a truncated envelope', { status: 200, body: copyReturn(HANDLE).slice(0, 160) }, "Scene7's response ended before the SOAP envelope was complete (HTTP 200)"],
		['a DOCTYPE with an entity', { status: 200, body: `<!DOCTYPE x [<!ENTITY boom "a|1|1|1">]>${copyReturn('<ns1:assetHandle>&boom;</ns1:assetHandle>')}` }, "Scene7's response contains a DOCTYPE declaration, which is refused for safety (HTTP 200)"],
		['a 50 MB body', { status: 200, body: Buffer.alloc(50 * 1024 * 1024, 32) }, "Scene7's response is larger than 32 MB and was not read (HTTP 200)"],
		['a result without assetHandle', { status: 200, body: copyReturn('') }, "Scene7 answered the copy without the new image's handle"],
		['a result with an empty assetHandle', { status: 200, body: copyReturn('<ns1:assetHandle> </ns1:assetHandle>') }, "Scene7 answered the copy without the new image's handle"],
		['JSON', { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' }, "Scene7's response is not a SOAP envelope (HTTP 200)"],
	])('refuses %s', async (_case, reply: Answer, message) => {
		const result = await copyAgainst(reply);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
	});
});
