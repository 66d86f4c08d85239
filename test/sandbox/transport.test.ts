/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// HTTP and envelope level: what reaches the operation at all.
import * as zlib from 'node:zlib';

import { call, copyImageFields, envelope, parseFault, post } from './raw-soap';
import { startSandbox, SERVICE_PATH, type Sandbox } from './server';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => sandbox.reset());

const copyEnvelope = () => envelope('copyImage', copyImageFields());

describe('HTTP transport', () => {
	it('serves the service on 127.0.0.1 under /scene7/services/IpsApiService', () => {
		expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sandbox.serviceUrl).toBe(`${sandbox.url}${SERVICE_PATH}`);
	});

	it('answers a POST elsewhere with 404 and records it', async () => {
		const res = await post(`${sandbox.url}/scene7/services/Other`, copyEnvelope(), {
			soapAction: 'copyImage',
		});
		expect(res.status).toBe(404);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ status: 404, outcome: 'fault' });
		expect(sandbox.state.assets.some((a) => a.name === 'Copy_macbookwin1')).toBe(false);
	});

	it('refuses GET on the service without ?wsdl (405, Allow: POST)', async () => {
		const res = await post(sandbox.serviceUrl, '', { method: 'GET' });
		expect(res.status).toBe(405);
		expect(res.headers.allow).toBe('POST');
	});

	it('serves its WSDL at ?wsdl and per version under /scene7/webservice/', async () => {
		const latest = await fetch(`${sandbox.serviceUrl}?wsdl`);
		expect(latest.status).toBe(200);
		const text = await latest.text();
		expect(text).toContain('targetNamespace="http://www.scene7.com/IpsApi/xsd/2014-04-03"');
		expect(text).toContain(`<soap:address location="${sandbox.serviceUrl}"/>`);
		expect(text).toContain('<soap:operation soapAction="copyImage" style="document"/>');
		const old = await (
			await fetch(`${sandbox.url}/scene7/webservice/IpsApi-2008-01-15.wsdl`)
		).text();
		expect(old).toContain('targetNamespace="http://www.scene7.com/IpsApi/xsd/2008-01-15"');
		const proxied = await (
			await fetch(
				`${sandbox.url}/scene7/webservice/IpsApi-2014-04-03.wsdl?serviceUrl=http://localhost:8081`,
			)
		).text();
		expect(proxied).toContain('<soap:address location="http://localhost:8081"/>');
		expect((await fetch(`${sandbox.url}/scene7/webservice/IpsApi-2001-01-01.wsdl`)).status).toBe(
			404,
		);
	});

	it.each([
		['application/soap+xml; charset=UTF-8', 'Unsupported Content-Type'],
		['application/xml', 'Unsupported Content-Type'],
		['text/xml; charset=ISO-8859-1', "Unsupported charset 'ISO-8859-1'"],
	])('refuses Content-Type %s with HTTP 415 and ipsApiFault 30003', async (contentType, reason) => {
		const res = await post(sandbox.serviceUrl, copyEnvelope(), {
			soapAction: 'copyImage',
			contentType,
		});
		expect(res.status).toBe(415);
		expect(parseFault(res.body)).toMatchObject({ element: 'ipsApiFault', code: 30003 });
		expect(parseFault(res.body)?.reason).toContain(reason);
	});

	it.each(['text/xml', 'text/xml;charset=UTF-8', 'TEXT/XML; charset="utf-8"'])(
		'accepts Content-Type %s',
		async (contentType) => {
			const res = await post(sandbox.serviceUrl, copyEnvelope(), {
				soapAction: 'copyImage',
				contentType,
			});
			expect(res.status).toBe(200);
		},
	);

	it('gzips the answer when Accept-Encoding allows it', async () => {
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			headers: { 'Accept-Encoding': 'gzip, deflate' },
		});
		expect(res.headers['content-encoding']).toBe('gzip');
		expect(zlib.gunzipSync(res.wire).toString('utf8')).toContain(
			'<t:email>ips-user@sandbox.test</t:email>',
		);
	});

	it('does not gzip without Accept-Encoding, or with gzip;q=0', async () => {
		const plain = await call(sandbox.serviceUrl, 'getUserInfo', []);
		expect(plain.headers['content-encoding']).toBeUndefined();
		const refused = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			headers: { 'Accept-Encoding': 'gzip;q=0' },
		});
		expect(refused.headers['content-encoding']).toBeUndefined();
	});

	it('reads a gzip-compressed request body', async () => {
		const res = await post(sandbox.serviceUrl, zlib.gzipSync(copyEnvelope()), {
			soapAction: 'copyImage',
			headers: { 'Content-Encoding': 'gzip' },
		});
		expect(res.status).toBe(200);
		expect(sandbox.requests[0].rawBody).toBe(copyEnvelope());
	});

	it('refuses a body that is not UTF-8 with 30003', async () => {
		const res = await post(sandbox.serviceUrl, Buffer.from([0x3c, 0x72, 0xff, 0xfe, 0x3e]), {
			soapAction: 'copyImage',
		});
		expect(res.status).toBe(500);
		expect(parseFault(res.body)).toMatchObject({ code: 30003 });
	});
});

describe('SOAPAction', () => {
	it.each([['copyImage'], ['"copyImage"']])('accepts %s', async (soapAction) => {
		const res = await post(sandbox.serviceUrl, copyEnvelope(), { soapAction });
		expect(res.status).toBe(200);
		expect(sandbox.requests[0]).toMatchObject({
			operation: 'copyImage',
			soapAction,
			outcome: 'ok',
		});
	});

	it('refuses a request without SOAPAction (30003) and changes nothing', async () => {
		const before = sandbox.state.assets.length;
		const res = await post(sandbox.serviceUrl, copyEnvelope(), { soapAction: null });
		expect(res.status).toBe(500);
		expect(parseFault(res.body)).toEqual({
			faultcode: 'soapenv:Client',
			faultstring: 'ipsApiFault',
			element: 'ipsApiFault',
			code: 30003,
			reason: 'Missing SOAPAction header: IPS expects SOAPAction: copyImage',
		});
		expect(sandbox.state.assets).toHaveLength(before);
	});

	it.each([['getUserInfo'], ['"urn:copyImage"'], ['copyimage']])(
		'refuses SOAPAction %s for a copyImageParam body',
		async (soapAction) => {
			const res = await post(sandbox.serviceUrl, copyEnvelope(), { soapAction });
			expect(parseFault(res.body)).toMatchObject({ code: 30003 });
			expect(parseFault(res.body)?.reason).toContain(
				`SOAPAction '${soapAction}' does not match the body element 'copyImageParam'`,
			);
			expect(sandbox.requests[0]).toMatchObject({ outcome: 'fault', faultCode: 30003 });
		},
	);
});

describe('envelope and namespaces', () => {
	it('refuses malformed XML with 30003', async () => {
		const broken = copyEnvelope().replace('</ns1:name>', '</ns1:nam>');
		const res = await post(sandbox.serviceUrl, broken, { soapAction: 'copyImage' });
		expect(res.status).toBe(500);
		expect(parseFault(res.body)?.code).toBe(30003);
		expect(parseFault(res.body)?.reason).toMatch(
			/^Invalid request XML: Expected '<\/ns1:name>' but found '<\/ns1:nam>'/,
		);
	});

	it('refuses an unescaped ampersand in a value (30003)', async () => {
		const body = copyEnvelope().replace('wid=400&amp;hei=300', 'wid=400&hei=300');
		const res = await post(sandbox.serviceUrl, body, { soapAction: 'copyImage' });
		expect(parseFault(res.body)?.code).toBe(30003);
	});

	it('refuses a SOAP 1.2 envelope', async () => {
		const body = copyEnvelope().replace(
			'http://schemas.xmlsoap.org/soap/envelope/',
			'http://www.w3.org/2003/05/soap-envelope',
		);
		const res = await post(sandbox.serviceUrl, body, { soapAction: 'copyImage' });
		expect(parseFault(res.body)).toMatchObject({
			code: 30003,
			reason: 'SOAP 1.2 envelopes are not supported: IPS takes SOAP 1.1',
		});
	});

	it('refuses a Body with two elements', async () => {
		const body = copyEnvelope().replace(
			'</soapenv:Body>',
			'<ns2:x xmlns:ns2="urn:x"/></soapenv:Body>',
		);
		const res = await post(sandbox.serviceUrl, body, { soapAction: 'copyImage' });
		expect(parseFault(res.body)?.reason).toContain(
			'the Body must hold exactly one element, found 2',
		);
	});

	it.each([
		['the unversioned namespace', 'http://www.scene7.com/IpsApi/xsd'],
		['an unknown version', 'http://www.scene7.com/IpsApi/xsd/2016-01-14-beta'],
		['no namespace', ''],
	])('refuses a body in %s (30003)', async (_what, namespace) => {
		const body = namespace
			? envelope('copyImage', copyImageFields(), { namespace })
			: envelope('copyImage', copyImageFields())
					.replace(/ xmlns:ns1="[^"]*"/, '')
					.replace(/ns1:/g, '');
		const res = await post(sandbox.serviceUrl, body, { soapAction: 'copyImage' });
		expect(parseFault(res.body)?.code).toBe(30003);
		expect(parseFault(res.body)?.reason).toContain(
			`Unsupported namespace '${namespace}' for 'copyImageParam'`,
		);
	});

	it('refuses a body element whose children are in another namespace', async () => {
		const body = envelope('copyImage', copyImageFields()).replace(
			'<ns1:name>',
			'<ns1:name xmlns:ns1="http://www.scene7.com/IpsApi/xsd/2013-02-15">',
		);
		const res = await post(sandbox.serviceUrl, body, { soapAction: 'copyImage' });
		expect(parseFault(res.body)?.code).toBe(30003);
		expect(parseFault(res.body)?.reason).toContain(
			"Unexpected element '{http://www.scene7.com/IpsApi/xsd/2013-02-15}name'",
		);
	});

	it('refuses an operation it does not implement (30003)', async () => {
		const res = await call(sandbox.serviceUrl, 'pauseJob', [['companyHandle', 'c|6'], ['jobHandle', 'j|6|1']]);
		expect(parseFault(res.body)).toMatchObject({
			code: 30003,
			reason: "Operation 'pauseJob' is not implemented by the IPS sandbox",
		});
	});

	it.each([
		'2013-02-15',
		'2012-02-14',
		'2010-01-31',
		'2009-07-31',
		'2008-09-10',
		'2008-01-15',
	] as const)('answers a %s request in the same namespace', async (version) => {
		const res = await call(
			sandbox.serviceUrl,
			'copyImage',
			copyImageFields({ name: `copy-${version}` }),
			{ version },
		);
		expect(res.status).toBe(200);
		expect(res.body).toMatch(
			new RegExp(
				`<t:copyImageReturn xmlns:t="http://www.scene7.com/IpsApi/xsd/${version}"[^>]*><t:assetHandle>a\\|\\d+\\|1\\|\\d+</t:assetHandle></t:copyImageReturn>`,
			),
		);
		expect(sandbox.requests[0].namespace).toBe(`http://www.scene7.com/IpsApi/xsd/${version}`);
	});

	it('ignores unknown headers unless they are mustUnderstand', async () => {
		const extra = '<x:trace xmlns:x="urn:trace">1</x:trace>';
		const ok = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			header: `${extra}<authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>ips-user@sandbox.test</user><password>sandbox-demo-password</password></authHeader>`,
		});
		expect(ok.status).toBe(200);
		const must =
			'<x:trace xmlns:x="urn:trace" xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" soapenv:mustUnderstand="1">1</x:trace>';
		const refused = await call(sandbox.serviceUrl, 'getUserInfo', [], { header: must });
		expect(parseFault(refused.body)?.code).toBe(30003);
	});
});
