/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// authHeader and authentication: 10000 / 10001 / 10002, header schema, faultHttpStatusCode.
import * as fs from 'node:fs';

import { ADOBE_WSDL, hasAdobeWsdl, NO_ADOBE_WSDL } from '../support/shared';
import { testIf } from '../support/skip';
import { authHeaderXml, call, copyImageFields, parseFault } from './raw-soap';
import { API_VERSIONS, typesNamespace, type ApiVersion } from './schema';
import { DEMO, INVALID_USER, SPECIAL_PASSWORD_USER, startSandbox, type Sandbox } from './server';
import { buildWsdl } from './wsdl';
import { attribute, childElements, parseXml, type XmlElement } from './xml';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => sandbox.reset());

const INVALID_CREDENTIALS_FAULT =
	'<?xml version="1.0" encoding="UTF-8"?>' +
	'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
	'<soapenv:Header/><soapenv:Body><soapenv:Fault>' +
	'<faultcode>soapenv:Client</faultcode><faultstring>AuthenticationException</faultstring>' +
	'<detail><ns1:authenticationFault xmlns:ns1="http://www.scene7.com/IpsApi/xsd">' +
	'<code xmlns="http://www.scene7.com/IpsApi/xsd">10001</code>' +
	'<reason xmlns="http://www.scene7.com/IpsApi/xsd">Invalid username/password</reason>' +
	'</ns1:authenticationFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>';

describe('authentication', () => {
	it('answers a wrong password with HTTP 500 and the exact authenticationFault 10001', async () => {
		const res = await call(sandbox.serviceUrl, 'copyImage', copyImageFields(), {
			header: authHeaderXml({ password: 'wrong' }),
		});
		expect(res.status).toBe(500);
		expect(res.headers['content-type']).toBe('text/xml;charset=UTF-8');
		expect(res.body).toBe(INVALID_CREDENTIALS_FAULT);
		expect(sandbox.requests[0]).toMatchObject({
			user: DEMO.user,
			outcome: 'fault',
			faultCode: 10001,
			status: 500,
		});
		expect(sandbox.state.assets.some((a) => a.name === 'Copy_macbookwin1')).toBe(false);
	});

	it('gives an unknown user the same answer as a wrong password', async () => {
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			header: authHeaderXml({ user: 'nobody@sandbox.test' }),
		});
		expect(res.body).toBe(INVALID_CREDENTIALS_FAULT);
	});

	it('matches the email case-insensitively and the password exactly', async () => {
		const upper = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			header: authHeaderXml({ user: DEMO.user.toUpperCase() }),
		});
		expect(upper.status).toBe(200);
		const wrongCase = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			header: authHeaderXml({ password: DEMO.password.toUpperCase() }),
		});
		expect(parseFault(wrongCase.body)?.code).toBe(10001);
	});

	it.each([
		['no SOAP Header', null],
		['an empty SOAP Header', ''],
		[
			'an authHeader without credentials',
			'<authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><appName>a</appName></authHeader>',
		],
		[
			'an authHeader in a foreign namespace',
			'<authHeader xmlns="urn:other"><user>ips-user@sandbox.test</user><password>sandbox-demo-password</password></authHeader>',
		],
	])('answers %s with authenticationFault 10000', async (_what, header) => {
		const res = await call(sandbox.serviceUrl, 'copyImage', copyImageFields(), { header });
		expect(res.status).toBe(500);
		expect(parseFault(res.body)).toEqual({
			faultcode: 'soapenv:Client',
			faultstring: 'AuthenticationException',
			element: 'authenticationFault',
			code: 10000,
			reason: 'No credentials were supplied with the request',
		});
	});

	it('answers a user whose account is not valid with 10002', async () => {
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			header: authHeaderXml({ user: INVALID_USER.email, password: INVALID_USER.password }),
		});
		expect(parseFault(res.body)).toMatchObject({ element: 'authenticationFault', code: 10002 });
	});

	it('takes a password that needs escaping, byte for byte after unescaping', async () => {
		const header = authHeaderXml({
			user: SPECIAL_PASSWORD_USER.email,
			password: SPECIAL_PASSWORD_USER.password,
		});
		expect(header).toContain('<password>p&amp;ss&lt;w&gt;rd&quot;&apos;</password>');
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], { header });
		expect(res.status).toBe(200);
		expect(res.body).toContain('<t:email>special-chars@sandbox.test</t:email>');
	});

	it('accepts HTTP Basic credentials instead of an authHeader', async () => {
		const basic = Buffer.from(`${DEMO.user}:${DEMO.password}`).toString('base64');
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			header: null,
			headers: { Authorization: `Basic ${basic}` },
		});
		expect(res.status).toBe(200);
		expect(sandbox.requests[0].user).toBe(DEMO.user);
	});
});

describe('authHeader schema', () => {
	const versioned = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';

	it('accepts the header in the 2014-04-03 namespace with appName and appVersion', async () => {
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			header: authHeaderXml({}, versioned),
		});
		expect(res.status).toBe(200);
	});

	it.each(['appName', 'appVersion'] as const)(
		'requires %s in the 2014-04-03 header (30002)',
		async (field) => {
			const res = await call(sandbox.serviceUrl, 'getUserInfo', [], {
				header: authHeaderXml({}, versioned).replace(new RegExp(`<${field}>[^<]*</${field}>`), ''),
			});
			expect(parseFault(res.body)).toMatchObject({
				code: 30002,
				reason: `Missing required element '${field}' in 'authHeader'`,
			});
		},
	);

	it('does not require appName in the version-free header, and takes its fields in any order', async () => {
		const header =
			'<authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><password>sandbox-demo-password</password><user>ips-user@sandbox.test</user></authHeader>';
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], { header });
		expect(res.status).toBe(200);
	});

	it('does not require appName in an older versioned header', async () => {
		const header =
			'<authHeader xmlns="http://www.scene7.com/IpsApi/xsd/2010-01-31"><user>ips-user@sandbox.test</user><password>sandbox-demo-password</password></authHeader>';
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			header,
			version: '2010-01-31',
		});
		expect(res.status).toBe(200);
	});

	it('keeps the sequence order in a versioned header (30003)', async () => {
		const header = `<authHeader xmlns="${versioned}"><password>sandbox-demo-password</password><user>ips-user@sandbox.test</user><appName>a</appName><appVersion>1</appVersion></authHeader>`;
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], { header });
		expect(parseFault(res.body)?.code).toBe(30003);
		expect(parseFault(res.body)?.reason).toContain(
			"Element 'user' is out of order in 'authHeader'",
		);
	});

	it('refuses an unknown element in the header (30003)', async () => {
		const header = authHeaderXml().replace('</authHeader>', '<tenant>x</tenant></authHeader>');
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], { header });
		expect(parseFault(res.body)).toMatchObject({
			code: 30003,
			reason: "Unknown element 'tenant' in 'authHeader'",
		});
	});

	it('refuses two authHeaders', async () => {
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			header: authHeaderXml() + authHeaderXml({}, versioned),
		});
		expect(parseFault(res.body)?.reason).toBe('More than one authHeader in the SOAP header');
	});
});

// The decision: the node sends the version-free authHeader, as Adobe's docs prescribe ("always
// defined in the namespace http://www.scene7.com/IpsApi/xsd, regardless of API version"), and the
// 2014-04-03 WSDL declares that element too. Its SOAP binding declares the versioned hdr:authHeader,
// so the sandbox takes exactly these two for each API version it serves, and nothing else.
describe('authHeader namespace per API version', () => {
	const BASE = 'http://www.scene7.com/IpsApi/xsd';
	const login = '<user>ips-user@sandbox.test</user><password>sandbox-demo-password</password>';
	const header = (ns: string) => `<authHeader xmlns="${ns}">${login}<appName>a</appName><appVersion>1</appVersion></authHeader>`;

	it.each(API_VERSIONS.map((version) => [version]))('takes the version-free header for %s', async (version) => {
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], { header: header(BASE), version });
		expect(res.status).toBe(200);
		expect(res.body).toContain(`xmlns:t="${typesNamespace(version)}"`);
	});

	it.each(API_VERSIONS.map((version) => [version]))('takes the header its binding declares for %s', async (version) => {
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], { header: header(typesNamespace(version)), version });
		expect(res.status).toBe(200);
	});

	it.each<[ApiVersion, ApiVersion]>([
		['2013-02-15', '2014-04-03'],
		['2014-04-03', '2010-01-31'],
		['2008-01-15', '2008-09-10'],
	])('does not read a %s request\'s header in the %s namespace, so it has no credentials (10000)', async (version, other) => {
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], { header: header(typesNamespace(other)), version });
		expect(parseFault(res.body)).toMatchObject({ element: 'authenticationFault', code: 10000 });
	});

	it('refuses a header of another version marked mustUnderstand (30003)', async () => {
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			header: header(typesNamespace('2013-02-15')).replace(
				'<authHeader ',
				'<authHeader xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" soapenv:mustUnderstand="1" ',
			),
		});
		expect(parseFault(res.body)).toMatchObject({ code: 30003 });
		expect(parseFault(res.body)?.reason).toContain('is marked mustUnderstand but is not understood');
	});

	it('honours faultHttpStatusCode only in a header it reads', async () => {
		const other = header(typesNamespace('2013-02-15')).replace('</authHeader>', '<faultHttpStatusCode>200</faultHttpStatusCode></authHeader>');
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], { header: other });
		expect(res.status).toBe(500);
	});

	it("binds each version's own authHeader in the sandbox's WSDL, as Adobe's binding does", () => {
		for (const version of API_VERSIONS) {
			const wsdl = buildWsdl(version, 'http://localhost/x');
			expect(wsdl).toContain(`xmlns:t="${typesNamespace(version)}"`);
			expect(wsdl).toContain('<wsdl:part name="authHeader" element="t:authHeader"/>');
		}
	});

	testIf(hasAdobeWsdl, NO_ADOBE_WSDL)(
		"matches Adobe's 2014-04-03 WSDL: the binding's header is the versioned one, and the version-free one is declared too",
		() => {
			const root = parseXml(fs.readFileSync(ADOBE_WSDL, 'utf8'));
			const all = (el: XmlElement): XmlElement[] => [el, ...childElements(el).flatMap(all)];
			const elements = all(root);
			const message = elements.find((el) => el.local === 'message' && attribute(el, '', 'name') === 'authHeader');
			const part = message && childElements(message).find((el) => el.local === 'part');
			expect(part && attribute(part, '', 'element')).toBe('hdr:authHeader');
			const authHeaderSchemas = elements
				.filter((el) => el.local === 'schema' && childElements(el).some((c) => c.local === 'element' && attribute(c, '', 'name') === 'authHeader'))
				.map((el) => attribute(el, '', 'targetNamespace'));
			expect(authHeaderSchemas.sort()).toEqual([BASE, typesNamespace('2014-04-03')]);
			const headerBindings = elements.filter((el) => el.local === 'header' && attribute(el, '', 'message') === 'tns:authHeader');
			expect(headerBindings.length).toBeGreaterThan(100);
		},
	);
});

describe('faultHttpStatusCode and gzipResponse', () => {
	it('sends faults with the HTTP status the header asks for', async () => {
		const res = await call(sandbox.serviceUrl, 'copyImage', copyImageFields(), {
			header: authHeaderXml({ password: 'wrong', faultHttpStatusCode: 200 }),
		});
		expect(res.status).toBe(200);
		expect(parseFault(res.body)?.code).toBe(10001);
		expect(sandbox.requests[0]).toMatchObject({ outcome: 'fault', status: 200 });
	});

	it('honours it for faults about the header itself', async () => {
		const header = authHeaderXml(
			{ faultHttpStatusCode: 200 },
			'http://www.scene7.com/IpsApi/xsd/2014-04-03',
		).replace(/<appName>[^<]*<\/appName>/, '');
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], { header });
		expect(res.status).toBe(200);
		expect(parseFault(res.body)?.code).toBe(30002);
	});

	it('honours faultHttpStatusCode for a SOAPAction mismatch too', async () => {
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			header: authHeaderXml({ faultHttpStatusCode: 200 }),
			soapAction: 'copyImage',
		});
		expect(res.status).toBe(200);
		expect(parseFault(res.body)?.code).toBe(30003);
	});

	it('ignores a status outside 200..599 and keeps 500', async () => {
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			header: authHeaderXml({ password: 'x', faultHttpStatusCode: 99 }),
		});
		expect(res.status).toBe(500);
	});

	it('leaves successful answers at 200', async () => {
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			header: authHeaderXml({ faultHttpStatusCode: 502 }),
		});
		expect(res.status).toBe(200);
	});

	it('does not gzip when gzipResponse is false, even if Accept-Encoding allows it', async () => {
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], {
			header: authHeaderXml({ gzipResponse: false }),
			headers: { 'Accept-Encoding': 'gzip' },
		});
		expect(res.headers['content-encoding']).toBeUndefined();
		expect(res.wire.toString('utf8')).toContain('getUserInfoReturn');
	});

	it('refuses a gzipResponse that is not an xsd:boolean (30001)', async () => {
		const header = authHeaderXml().replace(
			'</authHeader>',
			'<gzipResponse>yes</gzipResponse></authHeader>',
		);
		const res = await call(sandbox.serviceUrl, 'getUserInfo', [], { header });
		expect(parseFault(res.body)).toMatchObject({ code: 30001 });
	});
});
