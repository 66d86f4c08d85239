/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// HTTP and envelope level: what reaches the operation at all.
import * as zlib from 'node:zlib';

import { authHeaderXml, call, copyImageFields, envelope, parseFault, post } from './raw-soap';
import { API_VERSIONS, LATEST_VERSION } from './schema';
import { SERVICE_PATH } from './server';
import { useSandbox } from './useSandbox';

const sandbox = useSandbox();
const COPY = envelope('copyImage', copyImageFields());

describe('HTTP transport', () => {
	it('serves the service on 127.0.0.1 under /scene7/services/IpsApiService', () => {
		expect(sandbox().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sandbox().serviceUrl).toBe(`${sandbox().url}${SERVICE_PATH}`);
	});

	it('answers a POST elsewhere with 404 and records it', async () => {
		const res = await post(`${sandbox().url}/scene7/services/Other`, COPY, {
			soapAction: 'copyImage',
		});
		expect(res.status).toBe(404);
		expect(sandbox().requests).toHaveLength(1);
		expect(sandbox().requests[0]).toMatchObject({ status: 404, outcome: 'fault' });
		expect(sandbox().state.assets.some((a) => a.name === 'Copy_macbookwin1')).toBe(false);
	});

	it('refuses GET on the service without ?wsdl (405, Allow: POST)', async () => {
		const res = await post(sandbox().serviceUrl, '', { method: 'GET' });
		expect(res.status).toBe(405);
		expect(res.headers.allow).toBe('POST');
	});

	it('serves its WSDL at ?wsdl and per version under /scene7/webservice/', async () => {
		const latest = await fetch(`${sandbox().serviceUrl}?wsdl`);
		expect(latest.status).toBe(200);
		const text = await latest.text();
		expect(text).toContain('targetNamespace="http://www.scene7.com/IpsApi/xsd/2014-04-03"');
		expect(text).toContain(`<soap:address location="${sandbox().serviceUrl}"/>`);
		expect(text).toContain('<soap:operation soapAction="copyImage" style="document"/>');
		const old = await (
			await fetch(`${sandbox().url}/scene7/webservice/IpsApi-2008-01-15.wsdl`)
		).text();
		expect(old).toContain('targetNamespace="http://www.scene7.com/IpsApi/xsd/2008-01-15"');
		const proxied = await (
			await fetch(
				`${sandbox().url}/scene7/webservice/IpsApi-2014-04-03.wsdl?serviceUrl=http://localhost:8081`,
			)
		).text();
		expect(proxied).toContain('<soap:address location="http://localhost:8081"/>');
		expect((await fetch(`${sandbox().url}/scene7/webservice/IpsApi-2001-01-01.wsdl`)).status).toBe(
			404,
		);
	});

	it.each<[string, number, string | undefined]>([
		['application/soap+xml; charset=UTF-8', 415, 'Unsupported Content-Type'],
		['application/xml', 415, 'Unsupported Content-Type'],
		['text/xml; charset=ISO-8859-1', 415, "Unsupported charset 'ISO-8859-1'"],
		['text/xml', 200, undefined],
		['text/xml;charset=UTF-8', 200, undefined],
		['TEXT/XML; charset="utf-8"', 200, undefined],
	])('answers Content-Type %s with HTTP %i', async (contentType, status, reason) => {
		const res = await post(sandbox().serviceUrl, COPY, { soapAction: 'copyImage', contentType });
		expect(res.status).toBe(status);
		expect(parseFault(res.body)).toEqual(
			reason && expect.objectContaining({ element: 'ipsApiFault', code: 30003, reason: expect.stringContaining(reason) }),
		);
	});

	it.each<[string | undefined, string, string | undefined, string]>([
		['gzip', 'Accept-Encoding allows it', 'gzip, deflate', authHeaderXml()],
		[undefined, 'there is no Accept-Encoding', undefined, authHeaderXml()],
		[undefined, 'Accept-Encoding says gzip;q=0', 'gzip;q=0', authHeaderXml()],
		[undefined, 'the authHeader says gzipResponse false', 'gzip', authHeaderXml({ gzipResponse: false })],
	])('answers with Content-Encoding %p when %s', async (encoding, _when, acceptEncoding, header) => {
		const res = await call(sandbox().serviceUrl, 'getUserInfo', [], {
			header,
			headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding },
		});
		expect(res.headers['content-encoding']).toBe(encoding);
		// post() gunzips what is marked gzip, so this reads the answer either way.
		expect(res.body).toContain('<t:email>ips-user@sandbox.test</t:email>');
	});

	it('reads a gzip-compressed request body', async () => {
		const res = await post(sandbox().serviceUrl, zlib.gzipSync(COPY), {
			soapAction: 'copyImage',
			headers: { 'Content-Encoding': 'gzip' },
		});
		expect(res.status).toBe(200);
		expect(sandbox().requests[0].rawBody).toBe(COPY);
	});
});

describe('SOAPAction', () => {
	it.each([['copyImage'], ['"copyImage"']])('accepts %s', async (soapAction) => {
		const res = await post(sandbox().serviceUrl, COPY, { soapAction });
		expect(res.status).toBe(200);
		expect(sandbox().requests[0]).toMatchObject({
			operation: 'copyImage',
			soapAction,
			outcome: 'ok',
		});
	});

	it('refuses a request without SOAPAction (30003) and changes nothing', async () => {
		const before = sandbox().state.assets.length;
		const res = await post(sandbox().serviceUrl, COPY, { soapAction: null });
		expect(res.status).toBe(500);
		expect(parseFault(res.body)).toEqual({
			faultcode: 'soapenv:Client',
			faultstring: 'ipsApiFault',
			element: 'ipsApiFault',
			code: 30003,
			reason: 'Missing SOAPAction header: IPS expects SOAPAction: copyImage',
		});
		expect(sandbox().state.assets).toHaveLength(before);
	});

	it.each([['getUserInfo'], ['"urn:copyImage"'], ['copyimage']])(
		'refuses SOAPAction %s for a copyImageParam body',
		async (soapAction) => {
			const res = await post(sandbox().serviceUrl, COPY, { soapAction });
			expect(parseFault(res.body)).toMatchObject({ code: 30003 });
			expect(parseFault(res.body)?.reason).toContain(
				`SOAPAction '${soapAction}' does not match the body element 'copyImageParam'`,
			);
			expect(sandbox().requests[0]).toMatchObject({ outcome: 'fault', faultCode: 30003 });
		},
	);
});

describe('envelope and namespaces', () => {
	it.each<[string, string | Buffer, string | RegExp, string?]>([
		['a body that is not UTF-8', Buffer.from([0x3c, 0x72, 0xff, 0xfe, 0x3e]), 'the body is not valid UTF-8'],
		['malformed XML', COPY.replace('</ns1:name>', '</ns1:nam>'), /^Invalid request XML: Expected '<\/ns1:name>' but found '<\/ns1:nam>'/],
		['a SOAP 1.2 envelope', COPY.replace('http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope'), 'SOAP 1.2 envelopes are not supported: IPS takes SOAP 1.1'],
		['a Body with two elements', COPY.replace('</soapenv:Body>', '<ns2:x xmlns:ns2="urn:x"/></soapenv:Body>'), 'Invalid request XML: the Body must hold exactly one element, found 2'],
		['a body element whose children are in another namespace', COPY.replace('<ns1:name>', '<ns1:name xmlns:ns1="http://www.scene7.com/IpsApi/xsd/2013-02-15">'), "Unexpected element '{http://www.scene7.com/IpsApi/xsd/2013-02-15}name' in 'copyImageParam'"],
		['an operation it does not implement', envelope('pauseJob', [['companyHandle', 'c|6'], ['jobHandle', 'j|6|1']]), "Operation 'pauseJob' is not implemented by the IPS sandbox", 'pauseJob'],
		['a body in the unversioned namespace', envelope('copyImage', copyImageFields(), { namespace: 'http://www.scene7.com/IpsApi/xsd' }), "Unsupported namespace 'http://www.scene7.com/IpsApi/xsd' for 'copyImageParam'"],
		['a body in an unknown version', envelope('copyImage', copyImageFields(), { namespace: 'http://www.scene7.com/IpsApi/xsd/2016-01-14-beta' }), "Unsupported namespace 'http://www.scene7.com/IpsApi/xsd/2016-01-14-beta' for 'copyImageParam'"],
		['a body in no namespace', COPY.replace(/ xmlns:ns1="[^"]*"/, '').replace(/ns1:/g, ''), "Unsupported namespace '' for 'copyImageParam'"],
	])('refuses %s (30003)', async (_what, body, reason, soapAction = 'copyImage') => {
		const res = await post(sandbox().serviceUrl, body, { soapAction });
		expect(res.status).toBe(500);
		expect(parseFault(res.body)?.code).toBe(30003);
		expect(parseFault(res.body)?.reason).toMatch(reason);
	});

	// Every version but the latest, which the other tests use.
	it.each(API_VERSIONS.filter((version) => version !== LATEST_VERSION))('answers a %s request in the same namespace', async (version) => {
		const res = await call(sandbox().serviceUrl, 'copyImage', copyImageFields({ name: `copy-${version}` }), { version });
		expect(res.status).toBe(200);
		expect(res.body).toMatch(new RegExp(`<t:copyImageReturn xmlns:t="http://www.scene7.com/IpsApi/xsd/${version}"[^>]*><t:assetHandle>a\\|\\d+\\|1\\|\\d+</t:assetHandle></t:copyImageReturn>`));
		expect(sandbox().requests[0].namespace).toBe(`http://www.scene7.com/IpsApi/xsd/${version}`);
	});

	it('ignores unknown headers unless they are mustUnderstand', async () => {
		const extra = '<x:trace xmlns:x="urn:trace">1</x:trace>';
		const ok = await call(sandbox().serviceUrl, 'getUserInfo', [], {
			header: `${extra}<authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>ips-user@sandbox.test</user><password>sandbox-demo-password</password></authHeader>`,
		});
		expect(ok.status).toBe(200);
		const must =
			'<x:trace xmlns:x="urn:trace" xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" soapenv:mustUnderstand="1">1</x:trace>';
		const refused = await call(sandbox().serviceUrl, 'getUserInfo', [], { header: must });
		expect(parseFault(refused.body)).toMatchObject({
			code: 30003,
			reason: "Header 'trace' (urn:trace) is marked mustUnderstand but is not understood",
		});
	});
});
