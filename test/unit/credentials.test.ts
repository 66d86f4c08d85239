/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INode, INodeProperties } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { ALLOWED_DOMAINS_EXPRESSION, Scene7IpsApi } from '../../credentials/Scene7IpsApi.credentials';
import { hostOf, isImageServingRead, REGION_SERVICE_URLS, resolveServiceUrl } from '../../nodes/Scene7Ips/transport/endpoint';
import packageJson from '../../package.json';
import { TEST_CREDENTIALS } from '../support/executeContext';

// A new instance per test: field initializers must run while Stryker's mutant is active.
let credential: Scene7IpsApi;
beforeEach(() => {
	credential = new Scene7IpsApi();
});

describe('Scene7IpsApi credential', () => {
	it('keeps the public names saved credentials depend on', () => {
		expect(credential.name).toBe('scene7IpsApi');
		expect(credential.displayName).toBe('Scene7 IPS API');
		// The property names, in order: in 'shows the editor a complete form'.
	});

	it('offers every documented region and API version', () => {
		const options = (name: string) =>
			(credential.properties.find((property) => property.name === name)?.options ?? []).map(
				(option) => (option as { value: string }).value,
			);
		expect(options('region').sort()).toEqual(
			['apac', 'apacStaging', 'custom', 'emea', 'emeaStaging', 'northAmerica', 'northAmericaStaging'].sort(),
		);
		expect(options('apiVersion')).toEqual([
			'2014-04-03',
			'2013-02-15',
			'2012-02-14',
			'2010-01-31',
			'2009-07-31',
			'2008-09-10',
			'2008-01-15',
		]);
		expect(credential.properties.find((property) => property.name === 'password')?.typeOptions).toEqual({ password: true });
	});

	it('shows the editor a complete form: labels, types, hints, the Service URL only for a custom region', () => {
		const shown = credential.properties.map(({ displayName, name, type, default: value, displayOptions }: INodeProperties) => ({
			displayName,
			name,
			type,
			default: value,
			displayOptions,
		}));
		expect(shown).toEqual([
			{ displayName: 'Region', name: 'region', type: 'options', default: 'northAmerica', displayOptions: undefined },
			{ displayName: 'Service URL', name: 'serviceUrl', type: 'string', default: '', displayOptions: { show: { region: ['custom'] } } },
			{
				displayName: 'Allow Plain HTTP to Other Hosts',
				name: 'allowPlainHttp',
				type: 'boolean',
				default: false,
				displayOptions: { show: { region: ['custom'] } },
			},
			{
				displayName: expect.stringContaining('The password travels unencrypted'),
				name: 'plainHttpNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { region: ['custom'], allowPlainHttp: [true] } },
			},
			{ displayName: 'User', name: 'user', type: 'string', default: '', displayOptions: undefined },
			{ displayName: 'Password', name: 'password', type: 'string', default: '', displayOptions: undefined },
			{ displayName: 'App Name', name: 'appName', type: 'string', default: 'n8n-nodes-scene7', displayOptions: undefined },
			{ displayName: 'App Version', name: 'appVersion', type: 'string', default: packageJson.version, displayOptions: undefined },
			{ displayName: 'API Version', name: 'apiVersion', type: 'options', default: '2014-04-03', displayOptions: undefined },
			{ displayName: 'Allowed HTTP Request Domains', name: 'allowedHttpRequestDomains', type: 'hidden', default: 'domains', displayOptions: undefined },
			{ displayName: 'Allowed Domains', name: 'allowedDomains', type: 'hidden', default: ALLOWED_DOMAINS_EXPRESSION, displayOptions: undefined },
		]);
		const visible = credential.properties.filter((p) => !['hidden', 'notice'].includes(p.type) && p.name !== 'password');
		expect(visible.filter((p) => !p.description)).toEqual([]);
		expect(credential.properties.find((p) => p.name === 'serviceUrl')?.placeholder).toBe(
			'e.g. https://s7sps1apissl.scene7.com/scene7/services/IpsApiService',
		);
		expect(credential.properties.find((p) => p.name === 'user')?.placeholder).toBe('e.g. name@example.com');
		const optionLabels = credential.properties.flatMap((p) => (p.options ?? []).map((o) => (o as { name: string }).name));
		expect(optionLabels).toHaveLength(14);
		expect(optionLabels.filter((label) => !/^[A-Z0-9]/.test(label))).toEqual([]);
		expect(optionLabels).toContain('North America');
		expect(optionLabels).toContain('2014-04-03 (6.8 / 2014R1)');
	});

	it('points at icons that exist and at the README', () => {
		const icon = credential.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(file).toMatch(/^file:\.\.\/icons\/scene7(\.dark)?\.svg$/);
			expect(fs.existsSync(path.resolve(__dirname, '../../credentials', file.slice('file:'.length)))).toBe(true);
		}
		expect(icon.light).not.toBe(icon.dark);
		expect(credential.documentationUrl).toBe('https://github.com/n8n-nodes-scene7/n8n-nodes-scene7/blob/main/docs/credentials.md');
	});

	it.each([
		['northAmerica', 'https://s7sps1apissl.scene7.com/scene7/services/IpsApiService'],
		['northAmericaStaging', 'https://s7sps1apissl-staging.scene7.com/scene7/services/IpsApiService'],
		['emea', 'https://s7sps3apissl.scene7.com/scene7/services/IpsApiService'],
		['emeaStaging', 'https://s7sps3apissl-staging.scene7.com/scene7/services/IpsApiService'],
		['apac', 'https://s7sps5apissl.scene7.com/scene7/services/IpsApiService'],
		['apacStaging', 'https://s7sps5apissl-staging.scene7.com/scene7/services/IpsApiService'],
	])('maps region %s to %s', (region, url) => {
		expect(REGION_SERVICE_URLS[region]).toBe(url);
		expect(resolveServiceUrl({ region, serviceUrl: 'http://ignored.example' })).toBe(url);
	});

	it('uses the Service URL, trimmed, for the custom region; falls back to North America without a region, and to no URL without a Service URL', () => {
		expect(resolveServiceUrl({ region: 'custom', serviceUrl: ' http://127.0.0.1:8765/scene7/services/IpsApiService ' })).toBe(
			'http://127.0.0.1:8765/scene7/services/IpsApiService',
		);
		expect(resolveServiceUrl({})).toBe(REGION_SERVICE_URLS.northAmerica);
		expect(resolveServiceUrl({ region: 'gone' })).toBe(REGION_SERVICE_URLS.northAmerica);
		expect(resolveServiceUrl({ region: 'custom' })).toBe('');
	});

	it('gives the host of a URL with its port, never user info, and nothing for text that is not a URL', () => {
		expect(hostOf('https://me:pw@IPS.Example.com:8443/x')).toBe('ips.example.com:8443');
		expect(hostOf('https://ips.example.com:443/x')).toBe('ips.example.com');
		expect(hostOf('not a url')).toBe('');
	});

	it('authenticate fills in the URL, the namespace and the escaped authHeader of an envelope', async () => {
		const request: IHttpRequestOptions = {
			method: 'POST',
			url: '',
			body: '<s:Envelope xmlns:s="e"><s:Header><!--scene7:authHeader--></s:Header><s:Body><x xmlns="http://www.scene7.com/IpsApi/xsd/{apiVersion}"/></s:Body></s:Envelope>',
		};
		const result = await credential.authenticate(TEST_CREDENTIALS, request);
		expect(result.url).toBe('https://ips.test/scene7/services/IpsApiService');
		expect(result.body).toBe(
			'<s:Envelope xmlns:s="e"><s:Header><authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>unit@example.com</user>' +
				'<password>unit-Pa$$w0rd-&lt;&amp;&gt;</password><appName>n8n-nodes-scene7</appName><appVersion>0.1.0</appVersion>' +
				'</authHeader></s:Header><s:Body><x xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"/></s:Body></s:Envelope>',
		);
	});

	it('tests the credential with getCompanyMembership, asking for faults as HTTP 403', async () => {
		const { request } = credential.test;
		expect(request.method).toBe('POST');
		expect(request.headers).toEqual({ 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: 'getCompanyMembership' });
		const sent = await credential.authenticate(TEST_CREDENTIALS, { ...(request as IHttpRequestOptions) });
		expect(sent.url).toBe('https://ips.test/scene7/services/IpsApiService');
		expect(sent.body).toContain('<faultHttpStatusCode>403</faultHttpStatusCode></authHeader>');
		expect(sent.body).toContain('<getCompanyMembershipParam xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"/>');
	});
});

const ENVELOPE =
	'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><!--scene7:authHeader--></soapenv:Header>' +
	'<soapenv:Body><x xmlns="http://www.scene7.com/IpsApi/xsd/{apiVersion}"/></soapenv:Body></soapenv:Envelope>';
const ENDPOINT = 'https://ips.test/scene7/services/IpsApiService';

async function refusal(request: IHttpRequestOptions, credentials = TEST_CREDENTIALS): Promise<Error> {
	const before = JSON.stringify(request);
	const error = (await credential.authenticate(credentials, request).catch((e: unknown) => e)) as Error;
	expect(error).toBeInstanceOf(Error);
	// Nothing was filled into the caller's options either.
	expect(JSON.stringify(request)).toBe(before);
	expect(error.message).not.toContain(String(credentials.password));
	return error;
}

describe('Scene7IpsApi authenticate: pinned to the endpoint', () => {
	it.each<[string, string, string]>([
		// A request that names the credential's endpoint: the test credential's Service URL.
		['a request that names the same URL', ENDPOINT, ENDPOINT],
		['a request that names a trailing slash', `${ENDPOINT}/`, ENDPOINT],
		['a request that names the host in capitals', 'https://IPS.TEST/scene7/services/IpsApiService', ENDPOINT],
		['a request that names the default port written out', 'https://ips.test:443/scene7/services/IpsApiService', ENDPOINT],
		// https to any host, plain http only to this machine (issue #21): the request names no URL.
		['https to any host', '', 'https://ips.example.com/scene7/services/IpsApiService'],
		['http to localhost', '', 'http://localhost:8765/scene7/services/IpsApiService'],
		['http to 127.0.0.1', '', 'http://127.0.0.1:8765/scene7/services/IpsApiService'],
		['http to elsewhere in 127.0.0.0/8', '', 'http://127.45.6.7/scene7/services/IpsApiService'],
		['http to [::1]', '', 'http://[::1]:8765/scene7/services/IpsApiService'],
	])('completes and sends %s (request URL, credential Service URL)', async (_what, url, serviceUrl) => {
		const result = await credential.authenticate({ ...TEST_CREDENTIALS, serviceUrl }, { url, method: 'POST', body: ENVELOPE });
		expect(result.url).toBe(url || serviceUrl);
		expect(result.body).toContain('<password>unit-Pa$$w0rd-&lt;&amp;&gt;</password>');
	});

	it('accepts the endpoint named in the legacy uri and keeps it', async () => {
		const request = { uri: ENDPOINT, method: 'POST', body: ENVELOPE } as unknown as IHttpRequestOptions;
		const result = await credential.authenticate(TEST_CREDENTIALS, request);
		expect((result as unknown as { uri: string }).uri).toBe(ENDPOINT);
		expect(result.url).toBeUndefined();
		expect(result.body).toContain('<user>unit@example.com</user>');
	});

	it.each([
		['another host', { url: 'http://collector.test/scene7/services/IpsApiService' }, 'host collector.test'],
		['another path on the host', { url: 'https://ips.test/other' }, 'host ips.test'],
		['another scheme', { url: 'http://ips.test/scene7/services/IpsApiService' }, 'host ips.test'],
		['another port', { url: 'https://ips.test:8080/scene7/services/IpsApiService' }, 'host ips.test:8080'],
		['a query', { url: `${ENDPOINT}?x=1` }, 'host ips.test'],
		['user info before the host', { url: 'http://ips.test@evil.test/scene7/services/IpsApiService' }, 'host evil.test'],
		['the legacy uri', { uri: 'http://collector.test/soap' }, 'host collector.test'],
		['a uri object', { uri: { href: 'http://collector.test/soap' } }, 'host collector.test'],
		['a baseURL', { url: '/scene7/services/IpsApiService', baseURL: 'http://collector.test' }, 'host collector.test'],
		['only a baseURL', { url: '', baseURL: 'http://collector.test/' }, 'host collector.test'],
		['a url that is not one', { url: 'not a url' }, 'the URL this request names'],
		['a file URL', { url: 'file:///etc/passwd' }, 'the URL this request names'],
	])('refuses a request that names %s, saying which host the credential sends to', async (_what, fields, named) => {
		const error = await refusal({ method: 'POST', body: ENVELOPE, ...fields } as unknown as IHttpRequestOptions);
		expect(error.message).toBe(
			`The Scene7 IPS API credential only sends to its own endpoint (host ips.test), not to ${named}. ` +
				"Leave the request's URL empty (the credential fills in its endpoint) or use the credential's exact " +
				'Service URL; to reach another Scene7 server, choose its Region or Service URL in the credential.',
		);
	});

	it.each([
		['an empty url', { url: '' }],
		['a blank url', { url: '   ' }],
		['no url at all', {}],
		['a null uri', { uri: null }],
		['a uri object without a text href', { uri: { href: 42 } }],
		['an empty uri and baseURL', { uri: '', baseURL: '' }],
	])('fills in the endpoint for a request with %s', async (_what, fields) => {
		const result = await credential.authenticate(TEST_CREDENTIALS, { body: ENVELOPE, ...fields } as unknown as IHttpRequestOptions);
		expect(result.url).toBe(ENDPOINT);
	});

	it.each<[string, Record<string, unknown>, ICredentialDataDecryptedObject, string]>([
		['a baseURL that is not a URL', { url: '', baseURL: 'garbage' }, {}, 'not to the URL this request names.'],
		['any URL when the Service URL is not one', { url: 'also not a url' }, { serviceUrl: 'not a url' }, '(host none set)'],
		['any URL when a custom credential has no Service URL', { url: 'http://collector.test/' }, { serviceUrl: '' }, '(host none set)'],
		['a scheme other than http and https even when it is the Service URL', { url: 'ftp://ips.test/x' }, { serviceUrl: 'ftp://ips.test/x' }, '(host ips.test), not to host ips.test.'],
		['the url when a uri names the endpoint: url comes first, as in n8n', { url: 'http://collector.test/', uri: ENDPOINT }, {}, 'not to host collector.test.'],
		["another region's host", { url: REGION_SERVICE_URLS.northAmerica }, { region: 'emea' }, '(host s7sps3apissl.scene7.com), not to host s7sps1apissl.scene7.com.'],
		// Refused before sending: the Service URL itself is unusable.
		['no Service URL', { method: 'POST', url: '' }, { serviceUrl: '' }, 'has no Service URL'],
		['a Service URL that is not a URL', { method: 'POST', url: '' }, { serviceUrl: 'ips.example.com/scene7' }, 'is not a URL'],
		['another scheme in the Service URL', { method: 'POST', url: '' }, { serviceUrl: 'ftp://ips.example.com/x' }, 'must start with https:// (it starts with ftp://)'],
		[
			'another port, naming both ports',
			{ url: 'http://127.0.0.1:9999/scene7/services/IpsApiService' },
			{ serviceUrl: 'http://127.0.0.1:8765/scene7/services/IpsApiService' },
			'(host 127.0.0.1:8765), not to host 127.0.0.1:9999.',
		],
		[
			'another host, naming the endpoint host without the user info and password its Service URL carries',
			{ url: 'http://collector.test/' },
			{ serviceUrl: 'http://admin:unit-Pa$$w0rd-<&>@ips.test/x' },
			'(host ips.test), not to host collector.test.',
		],
	])('refuses %s', async (_what, fields, credentialFields, words) => {
		const error = await refusal({ body: ENVELOPE, ...fields } as unknown as IHttpRequestOptions, { ...TEST_CREDENTIALS, ...credentialFields });
		expect(error.message).toContain(words);
		expect(error.message).not.toContain('admin');
	});

	it.each<[string, IHttpRequestOptions, ICredentialDataDecryptedObject]>([
		['a double trailing slash', { url: `${ENDPOINT}//`, baseURL: 'https://ips.test', body: '' }, {}],
		['a relative url against the endpoint', { url: '/scene7/services/IpsApiService', baseURL: 'https://ips.test', body: '' }, {}],
		// A region credential is pinned to its region host, case and trailing slash aside.
		['the region host of a region credential', { url: 'https://S7SPS3APISSL.scene7.com/scene7/services/IpsApiService/', body: '' }, { region: 'emea' }],
	])('accepts %s', async (_what, request, credentialFields) => {
		const result = await credential.authenticate({ ...TEST_CREDENTIALS, ...credentialFields }, request);
		expect(result.url).toBe(request.url);
	});

	it('returns a new object and leaves the options it was given unchanged', async () => {
		const request: IHttpRequestOptions = { method: 'POST', url: '', body: ENVELOPE, headers: { SOAPAction: 'x' } };
		const copy = structuredClone(request);
		const result = await credential.authenticate(TEST_CREDENTIALS, request);
		expect(result).not.toBe(request);
		expect(request).toEqual(copy);
		expect(result).toEqual({
			...copy,
			url: ENDPOINT,
			body: expect.stringContaining('<authHeader '),
			disableFollowRedirect: true,
			followRedirect: false,
			followAllRedirects: false,
			maxRedirects: 0,
		});
	});

	it('passes a body that is not text through untouched', async () => {
		const body = { a: '<!--scene7:authHeader-->' };
		const result = await credential.authenticate(TEST_CREDENTIALS, { url: '', body });
		expect(result.body).toBe(body);
	});
});

describe('Scene7IpsApi: the HTTP Request node domain restriction', () => {
	// Declared by the credential itself, hidden, so n8n does not add its "All" default: in 'shows the editor a complete form'.
	// The expression as n8n resolves credential data: $self is the credential's own data.
	function allowedDomains(data: Record<string, unknown>): string {
		const workflow = new Workflow({
			nodes: [],
			connections: {},
			active: false,
			nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as never,
		});
		const node = { id: 'n', name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
		const self = { ...data, allowedDomains: ALLOWED_DOMAINS_EXPRESSION };
		const resolved = workflow.expression.getComplexParameterValue(node, self, 'manual', {}, undefined, undefined, self) as {
			allowedDomains: string;
		};
		return resolved.allowedDomains;
	}

	it.each([
		[{ region: 'emeaStaging' }, 's7sps3apissl-staging.scene7.com'],
		[{ region: 'gone' }, 's7sps1apissl.scene7.com'],
		[{ region: 'custom', serviceUrl: ' http://127.0.0.1:8765/scene7/services/IpsApiService ' }, '127.0.0.1'],
		[{ region: 'custom', serviceUrl: 'https://user:pw@IPS.Example.com:8443/x?y#z' }, 'ips.example.com'],
		[{ region: 'custom', serviceUrl: 'http://[::1]:8080/x' }, '[::1]'],
		[{ region: 'custom', serviceUrl: 'https://ips.example.com' }, 'ips.example.com'],
		[{ region: 'custom', serviceUrl: '' }, ''],
	])('allows only the endpoint host for %j', (data, expected) => {
		expect(allowedDomains(data)).toBe(expected);
		for (const [region, url] of Object.entries(REGION_SERVICE_URLS)) {
			if (data.region === region) expect(hostOf(url)).toBe(expected);
		}
	});
});

describe('Scene7IpsApi authenticate: public Image Serving reads', () => {
	const IMAGE = 'https://s7d1.scene7.com/is/image/ApiTestCo/macbookwin1?wid=800';

	it('passes a GET of an /is/image/ URL on unchanged, with nothing of the credential added', async () => {
		const request: IHttpRequestOptions = { url: IMAGE, method: 'GET', encoding: 'stream', returnFullResponse: true };
		const result = await credential.authenticate(TEST_CREDENTIALS, request);
		expect(result).toEqual(request);
		expect(result).not.toBe(request);
		expect(JSON.stringify(result)).not.toContain('unit@example.com');
	});

	it.each([
		['a POST', { url: IMAGE, method: 'POST' }],
		['a GET with a body', { url: IMAGE, method: 'GET', body: 'x' }],
		['a GET without a method', { url: IMAGE }],
		['a GET of another path', { url: 'https://s7d1.scene7.com/scene7/services/IpsApiService', method: 'GET' }],
		['a GET with user info', { url: 'https://u:p@s7d1.scene7.com/is/image/a', method: 'GET' }],
		['a GET with basic auth', { url: IMAGE, method: 'GET', auth: { username: 'u', password: 'p' } }],
		['a GET of another scheme', { url: 'ftp://s7d1.scene7.com/is/image/a', method: 'GET' }],
	])('treats %s as any other request: refused off the endpoint', async (_what, request) => {
		expect(isImageServingRead(request as IHttpRequestOptions)).toBe(false);
		await expect(credential.authenticate(TEST_CREDENTIALS, request as IHttpRequestOptions)).rejects.toThrow(
			'The Scene7 IPS API credential only sends to its own endpoint',
		);
	});
});

describe('Scene7IpsApi authenticate: https, no redirects, the header only in the SOAP Header (issue #21)', () => {
	const withUrl = (serviceUrl: string, extra: Record<string, unknown> = {}) => ({ ...TEST_CREDENTIALS, serviceUrl, ...extra });

	it.each([
		['a LAN address', 'http://192.0.2.10/scene7/services/IpsApiService', 'host 192.0.2.10'],
		['a host name', 'http://ips.example.com:8080/scene7/services/IpsApiService', 'host ips.example.com:8080'],
		['a name that only starts like localhost', 'http://localhost.example.com/x', 'host localhost.example.com'],
		['an address that only starts like loopback', 'http://128.0.0.1/x', 'host 128.0.0.1'],
	])('refuses plain http to %s, saying why and how to fix it', async (_what, serviceUrl, host) => {
		const error = await refusal({ method: 'POST', url: '', body: ENVELOPE }, withUrl(serviceUrl));
		expect(error.message).toBe(
			`The Service URL of the Scene7 IPS API credential uses plain http:// to host ${host.slice(5)}, which would send the password unencrypted, so nothing was sent. ` +
				"Change the Service URL to https:// (Adobe's IPS reference asks for HTTPS for every SOAP request). Plain http is only used to this machine " +
				'(localhost, 127.x.x.x, [::1]), or to another host when "Allow Plain HTTP to Other Hosts" is switched on in the credential.',
		);
	});

	it('sends plain http to another host only when the credential explicitly allows it', async () => {
		const lan = 'http://192.0.2.10/scene7/services/IpsApiService';
		const allowed = await credential.authenticate(withUrl(lan, { allowPlainHttp: true }), { method: 'POST', url: '', body: ENVELOPE });
		expect(allowed.url).toBe(lan);
		// Only a real true: a stored string or a truthy leftover does not switch it on.
		await refusal({ method: 'POST', url: '', body: ENVELOPE }, withUrl(lan, { allowPlainHttp: 'true' }));
	});

	it('turns redirects off for every request it completes, in both helpers\' words, and for the credential test', async () => {
		const legacy = { uri: ENDPOINT, method: 'POST', body: ENVELOPE, followRedirect: true, followAllRedirects: true } as unknown as IHttpRequestOptions;
		for (const request of [{ method: 'POST' as const, url: '', body: ENVELOPE }, legacy, { ...(credential.test.request as IHttpRequestOptions) }]) {
			expect(await credential.authenticate(TEST_CREDENTIALS, request)).toMatchObject({
				disableFollowRedirect: true,
				followRedirect: false,
				followAllRedirects: false,
				maxRedirects: 0,
			});
		}
	});

	const wrap = (header: string, body = '<x/>') =>
		`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header>${header}</soapenv:Header><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

	it.each([
		['inside a CDATA section in the body', wrap('', '<name><![CDATA[<!--scene7:authHeader-->]]></name>')],
		['inside a CDATA section in the header', wrap('<![CDATA[<!--scene7:authHeader-->]]>')],
		['in an element of the body', wrap('', '<name><!--scene7:authHeader--></name>')],
		['in the body itself', wrap('', '<!--scene7:authHeader-->')],
		['in an element inside the header', wrap('<custom><!--scene7:authHeader--></custom>')],
		['inside another comment', wrap('<!-- note <!--scene7:authHeader-->')],
		['in a body without an envelope', '<soapenv:Header><!--scene7:authHeader--></soapenv:Header>'],
		['after a DOCTYPE', `<!DOCTYPE x [<!ENTITY e "y">]>${wrap('<!--scene7:authHeader-->')}`],
		['with text after it in the comment', wrap('<!--scene7:authHeader extra-->')],
	])('writes no password for a hand-written body with the placeholder %s, and refuses it', async (_where, body) => {
		const error = await refusal({ method: 'POST', url: ENDPOINT, body });
		expect(error.message).toContain('carries the Scene7 authHeader placeholder somewhere other than directly inside soapenv:Header');
	});

	it('fills a hand-written envelope to its own endpoint where the placeholder stands in the header', async () => {
		const body = wrap('<!--scene7:authHeader-->', '<name><![CDATA[<!--not the placeholder-->]]></name>');
		const result = await credential.authenticate(TEST_CREDENTIALS, { method: 'POST', url: ENDPOINT, body });
		expect(result.body).toBe(
			wrap(
				'<authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>unit@example.com</user><password>unit-Pa$$w0rd-&lt;&amp;&gt;</password>' +
					'<appName>n8n-nodes-scene7</appName><appVersion>0.1.0</appVersion></authHeader>',
				'<name><![CDATA[<!--not the placeholder-->]]></name>',
			),
		);
	});
});

describe('Scene7IpsApi authenticate: uploads to the UploadFile servlet (issue #23)', () => {
	const BOUNDARY = 'unitBoundary';
	const upload = (url: string, body: unknown = Buffer.from('--unitBoundary--\r\n')): IHttpRequestOptions => ({
		method: 'POST',
		url,
		headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'Content-Length': '18' },
		body: body as IHttpRequestOptions['body'],
	});
	const bodyText = (options: IHttpRequestOptions) => (options.body as Buffer).toString();

	it("puts the auth part in front for the servlet of the credential's region, redirects off", async () => {
		const result = await credential.authenticate(
			{ ...TEST_CREDENTIALS, region: 'emea' },
			upload('https://s7sps3ssl.scene7.com/scene7/UploadFile'),
		);
		expect(bodyText(result).startsWith(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="auth"\r\n`)).toBe(true);
		expect(bodyText(result)).toContain('<password>unit-Pa$$w0rd-&lt;&amp;&gt;</password>');
		expect(bodyText(result).endsWith('--unitBoundary--\r\n')).toBe(true);
		expect(result.headers?.['Content-Length']).toBe(String((result.body as Buffer).length));
		expect(result).toMatchObject({ disableFollowRedirect: true, followRedirect: false, followAllRedirects: false });
	});

	it('a custom Service URL: the servlet on its origin, plain http only to this machine', async () => {
		const local = { ...TEST_CREDENTIALS, serviceUrl: 'http://127.0.0.1:8765/scene7/services/IpsApiService' };
		expect(bodyText(await credential.authenticate(local, upload('http://127.0.0.1:8765/scene7/UploadFile')))).toContain('<password>');
		const lan = { ...TEST_CREDENTIALS, serviceUrl: 'http://192.0.2.10/scene7/services/IpsApiService' };
		const error = await refusal(upload('http://192.0.2.10/scene7/UploadFile'), lan);
		expect(error.message).toContain('uses plain http:// to host 192.0.2.10, which would send the password unencrypted');
	});

	it.each([
		['another region', 'https://s7sps1ssl.scene7.com/scene7/UploadFile', 'host s7sps3apissl.scene7.com'],
		['another path on the servlet host', 'https://s7sps3ssl.scene7.com/scene7/Other', 'host s7sps3apissl.scene7.com'],
		['another scheme', 'http://s7sps3ssl.scene7.com/scene7/UploadFile', 'host s7sps3apissl.scene7.com'],
	])("refuses the servlet URL of %s: nothing is filled in", async (_what, url, words) => {
		const error = await refusal(upload(url), { ...TEST_CREDENTIALS, region: 'emea' });
		expect(error.message).toContain(`only sends to its own endpoint (${words})`);
	});

	it('refuses an upload it cannot frame (a text body), naming the servlet', async () => {
		const error = await refusal(upload('https://ips.test/scene7/UploadFile', '<auth/>'));
		expect(error.message).toContain('not a multipart POST as the Scene7 IPS node builds it');
	});
});
