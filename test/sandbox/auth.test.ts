/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// authHeader and authentication: 10000 / 10001 / 10002, header schema, faultHttpStatusCode.
import * as fs from 'node:fs';

import { ADOBE_WSDL, hasAdobeWsdl, NO_ADOBE_WSDL } from '../support/shared';
import { testIf } from '../support/skip';
import { authHeaderXml, call, copyImageFields, parseFault } from './raw-soap';
import { API_VERSIONS, IPS_BASE_NS, typesNamespace, type ApiVersion } from './schema';
import { DEMO, INVALID_USER } from './server';
import { useSandbox } from './useSandbox';
import { buildWsdl } from './wsdl';
import { attribute, childElements, parseXml, type XmlElement } from './xml';

const sandbox = useSandbox();
const VERSIONED = typesNamespace('2014-04-03');

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
		const res = await call(sandbox().serviceUrl, 'copyImage', copyImageFields(), {
			header: authHeaderXml({ password: 'wrong' }),
		});
		expect(res.status).toBe(500);
		expect(res.headers['content-type']).toBe('text/xml;charset=UTF-8');
		expect(res.body).toBe(INVALID_CREDENTIALS_FAULT);
		expect(sandbox().requests[0]).toMatchObject({
			user: DEMO.user,
			outcome: 'fault',
			faultCode: 10001,
			status: 500,
		});
		expect(sandbox().state.assets.some((a) => a.name === 'Copy_macbookwin1')).toBe(false);
	});

	it('gives an unknown user the same answer as a wrong password', async () => {
		const res = await call(sandbox().serviceUrl, 'getUserInfo', [], {
			header: authHeaderXml({ user: 'nobody@sandbox.test' }),
		});
		expect(res.body).toBe(INVALID_CREDENTIALS_FAULT);
	});

	it('matches the email case-insensitively and the password exactly', async () => {
		const upper = await call(sandbox().serviceUrl, 'getUserInfo', [], {
			header: authHeaderXml({ user: DEMO.user.toUpperCase() }),
		});
		expect(upper.status).toBe(200);
		const wrongCase = await call(sandbox().serviceUrl, 'getUserInfo', [], {
			header: authHeaderXml({ password: DEMO.password.toUpperCase() }),
		});
		expect(parseFault(wrongCase.body)?.code).toBe(10001);
	});

	it.each([
		['no SOAP Header', null],
		['an empty SOAP Header', ''],
		['an authHeader without credentials', '<authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><appName>a</appName></authHeader>'],
		['an authHeader in a foreign namespace', '<authHeader xmlns="urn:other"><user>ips-user@sandbox.test</user><password>sandbox-demo-password</password></authHeader>'],
	])('answers %s with authenticationFault 10000', async (_what, header) => {
		const res = await call(sandbox().serviceUrl, 'copyImage', copyImageFields(), { header });
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
		const res = await call(sandbox().serviceUrl, 'getUserInfo', [], {
			header: authHeaderXml({ user: INVALID_USER.email, password: INVALID_USER.password }),
		});
		expect(parseFault(res.body)).toMatchObject({ element: 'authenticationFault', code: 10002 });
	});

	it('accepts HTTP Basic credentials instead of an authHeader', async () => {
		const basic = Buffer.from(`${DEMO.user}:${DEMO.password}`).toString('base64');
		const res = await call(sandbox().serviceUrl, 'getUserInfo', [], {
			header: null,
			headers: { Authorization: `Basic ${basic}` },
		});
		expect(res.status).toBe(200);
		expect(sandbox().requests[0].user).toBe(DEMO.user);
	});
});

describe('authHeader schema', () => {
	it.each<[string, string, ApiVersion | undefined]>([
		['the version-free header without appName, its fields in any order', `<authHeader xmlns="${IPS_BASE_NS}"><password>${DEMO.password}</password><user>${DEMO.user}</user></authHeader>`, undefined],
		['an older versioned header without appName', `<authHeader xmlns="${typesNamespace('2010-01-31')}"><user>${DEMO.user}</user><password>${DEMO.password}</password></authHeader>`, '2010-01-31'],
	])('accepts %s', async (_what, header, version) => {
		const res = await call(sandbox().serviceUrl, 'getUserInfo', [], { header, version });
		expect(res.status).toBe(200);
	});

	it.each<[string, string, number, string]>([
		...(['appName', 'appVersion'] as const).map((field): [string, string, number, string] => [
			`no ${field} in the 2014-04-03 header`,
			authHeaderXml({}, VERSIONED).replace(new RegExp(`<${field}>[^<]*</${field}>`), ''),
			30002,
			`Missing required element '${field}' in 'authHeader'`,
		]),
		['a versioned header out of its sequence order', `<authHeader xmlns="${VERSIONED}"><password>${DEMO.password}</password><user>${DEMO.user}</user><appName>a</appName><appVersion>1</appVersion></authHeader>`, 30003, "Element 'user' is out of order in 'authHeader'; expected order: user, password, accessToken, locale, appName, appVersion, gzipResponse, faultHttpStatusCode"],
		['an unknown element', authHeaderXml().replace('</authHeader>', '<tenant>x</tenant></authHeader>'), 30003, "Unknown element 'tenant' in 'authHeader'"],
		['two authHeaders', authHeaderXml() + authHeaderXml({}, VERSIONED), 30003, 'More than one authHeader in the SOAP header'],
		['a gzipResponse that is not an xsd:boolean', authHeaderXml().replace('</authHeader>', '<gzipResponse>yes</gzipResponse></authHeader>'), 30001, "Invalid value 'yes' for parameter 'authHeader/gzipResponse' (expected xsd:boolean)"],
	])('refuses %s', async (_what, header, code, reason) => {
		const res = await call(sandbox().serviceUrl, 'getUserInfo', [], { header });
		expect(parseFault(res.body)).toMatchObject({ element: 'ipsApiFault', code, reason });
	});
});

// The decision: the node sends the version-free authHeader, as Adobe's docs prescribe ("always
// defined in the namespace http://www.scene7.com/IpsApi/xsd, regardless of API version"), and the
// 2014-04-03 WSDL declares that element too. Its SOAP binding declares the versioned hdr:authHeader,
// so the sandbox takes exactly these two for each API version it serves, and nothing else.
describe('authHeader namespace per API version', () => {
	const login = '<user>ips-user@sandbox.test</user><password>sandbox-demo-password</password>';
	const header = (ns: string) => `<authHeader xmlns="${ns}">${login}<appName>a</appName><appVersion>1</appVersion></authHeader>`;

	it.each(API_VERSIONS.map((version) => [version]))('takes the version-free header and the one its binding declares for %s', async (version) => {
		const free = await call(sandbox().serviceUrl, 'getUserInfo', [], { header: header(IPS_BASE_NS), version });
		expect(free.status).toBe(200);
		expect(free.body).toContain(`xmlns:t="${typesNamespace(version)}"`);
		const bound = await call(sandbox().serviceUrl, 'getUserInfo', [], { header: header(typesNamespace(version)), version });
		expect(bound.status).toBe(200);
	});

	it.each<[ApiVersion, ApiVersion]>([
		['2013-02-15', '2014-04-03'],
		['2014-04-03', '2010-01-31'],
		['2008-01-15', '2008-09-10'],
	])('does not read a %s request\'s header in the %s namespace, so it has no credentials (10000)', async (version, other) => {
		const res = await call(sandbox().serviceUrl, 'getUserInfo', [], { header: header(typesNamespace(other)), version });
		expect(parseFault(res.body)).toMatchObject({ element: 'authenticationFault', code: 10000 });
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
			expect(authHeaderSchemas.sort()).toEqual([IPS_BASE_NS, VERSIONED]);
			const headerBindings = elements.filter((el) => el.local === 'header' && attribute(el, '', 'message') === 'tns:authHeader');
			expect(headerBindings.length).toBeGreaterThan(100);
		},
	);
});

// A fault's HTTP status is what faultHttpStatusCode asks for, when the header holding it is read.
it.each<[string, string, number, number | undefined, string?]>([
	['an authentication fault', authHeaderXml({ password: 'wrong', faultHttpStatusCode: 200 }), 200, 10001],
	['a fault about the header itself', authHeaderXml({ faultHttpStatusCode: 200 }, VERSIONED).replace(/<appName>[^<]*<\/appName>/, ''), 200, 30002],
	['a SOAPAction mismatch', authHeaderXml({ faultHttpStatusCode: 200 }), 200, 30003, 'copyImage'],
	['a status outside 200..599, which is ignored', authHeaderXml({ password: 'x', faultHttpStatusCode: 99 }), 500, 10001],
	['a header of another API version, which is not read', authHeaderXml({ faultHttpStatusCode: 200 }, typesNamespace('2013-02-15')), 500, 10000],
	['a successful answer, which stays 200', authHeaderXml({ faultHttpStatusCode: 502 }), 200, undefined],
])('faultHttpStatusCode: answers %s with HTTP %i', async (_what, header, status, code, soapAction = 'getUserInfo') => {
	const res = await call(sandbox().serviceUrl, 'getUserInfo', [], { header, soapAction });
	expect([res.status, parseFault(res.body)?.code]).toEqual([status, code]);
});
