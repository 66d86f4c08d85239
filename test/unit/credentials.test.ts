import type { IHttpRequestOptions } from 'n8n-workflow';

import { REGION_SERVICE_URLS, resolveServiceUrl, Scene7IpsApi } from '../../credentials/Scene7IpsApi.credentials';
import packageJson from '../../package.json';
import { TEST_CREDENTIALS } from '../support/executeContext';

const credential = new Scene7IpsApi();

describe('Scene7IpsApi credential', () => {
	it('keeps the public names saved credentials depend on', () => {
		expect(credential.name).toBe('scene7IpsApi');
		expect(credential.displayName).toBe('Scene7 IPS API');
		expect(credential.properties.map((property) => property.name)).toEqual([
			'region',
			'serviceUrl',
			'user',
			'password',
			'appName',
			'appVersion',
			'apiVersion',
		]);
	});

	it('offers every documented region and API version with the documented defaults', () => {
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
		const defaults = Object.fromEntries(credential.properties.map((property) => [property.name, property.default]));
		expect(defaults).toMatchObject({
			region: 'northAmerica',
			appName: 'n8n-nodes-scene7',
			appVersion: packageJson.version,
			apiVersion: '2014-04-03',
		});
		expect(credential.properties.find((property) => property.name === 'password')?.typeOptions).toEqual({ password: true });
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

	it('uses the service URL for the custom region', () => {
		expect(resolveServiceUrl({ region: 'custom', serviceUrl: ' http://127.0.0.1:8765/scene7/services/IpsApiService ' })).toBe(
			'http://127.0.0.1:8765/scene7/services/IpsApiService',
		);
	});

	it('authenticate fills in the URL, the namespace and the escaped authHeader of an envelope', async () => {
		const request: IHttpRequestOptions = {
			method: 'POST',
			url: '',
			body: '<soapenv:Header><!--scene7:authHeader--></soapenv:Header><x xmlns="http://www.scene7.com/IpsApi/xsd/{apiVersion}"/>',
		};
		const result = await credential.authenticate(TEST_CREDENTIALS, request);
		expect(result.url).toBe('http://ips.test/scene7/services/IpsApiService');
		expect(result.body).toBe(
			'<soapenv:Header><authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>unit@example.com</user>' +
				'<password>unit-Pa$$w0rd-&lt;&amp;&gt;</password><appName>n8n-nodes-scene7</appName><appVersion>0.1.0</appVersion>' +
				'</authHeader></soapenv:Header><x xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"/>',
		);
	});

	it('authenticate keeps a URL the request already has', async () => {
		const result = await credential.authenticate(TEST_CREDENTIALS, { url: 'http://other.test/x', body: '' });
		expect(result.url).toBe('http://other.test/x');
	});

	it('tests the credential with getCompanyMembership, asking for faults as HTTP 403', async () => {
		const { request } = credential.test;
		expect(request.method).toBe('POST');
		expect(request.headers).toEqual({ 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: 'getCompanyMembership' });
		const sent = await credential.authenticate(TEST_CREDENTIALS, { ...(request as IHttpRequestOptions) });
		expect(sent.url).toBe('http://ips.test/scene7/services/IpsApiService');
		expect(sent.body).toContain('<faultHttpStatusCode>403</faultHttpStatusCode></authHeader>');
		expect(sent.body).toContain('<getCompanyMembershipParam xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"/>');
	});
});
