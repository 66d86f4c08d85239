// The credential's declarative `test` request against the sandbox: first by hand (the request,
// the credential's own authenticate, a plain POST), then the way n8n's credential tester runs it.
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { Scene7IpsApi } from '../../credentials/Scene7IpsApi.credentials';
import { DEMO, SPECIAL_PASSWORD_USER, startSandbox, type Sandbox } from '../sandbox/server';
import { shutdownEngine, testCredential } from '../support/engine';
import { customCredential } from '../support/workflows';

let sandbox: Sandbox;

const demo = (extra: ICredentialDataDecryptedObject = {}) =>
	customCredential(sandbox.serviceUrl, DEMO.user, DEMO.password, extra);

/** The test request, completed by the credential's authenticate and POSTed as n8n would send it. */
async function postTestRequest(credentials: ICredentialDataDecryptedObject) {
	const credentialType = new Scene7IpsApi();
	const template = credentialType.test.request;
	const request = await credentialType.authenticate(credentials, {
		...template,
		headers: { ...template.headers },
	} as IHttpRequestOptions);
	const response = await fetch(request.url, {
		method: request.method,
		headers: request.headers as Record<string, string>,
		body: request.body as string,
	});
	return { request, status: response.status, body: await response.text() };
}

beforeAll(async () => {
	sandbox = await startSandbox();
});

beforeEach(() => {
	sandbox.reset();
});

afterAll(async () => {
	await sandbox.close();
	await shutdownEngine();
});

describe('the credential test request', () => {
	it.each([
		['the demo user', DEMO.user, DEMO.password],
		['a user whose password needs XML escaping', SPECIAL_PASSWORD_USER.email, SPECIAL_PASSWORD_USER.password],
	])('is answered 2xx for %s', async (_label, user, password) => {
		const { request, status, body } = await postTestRequest(customCredential(sandbox.serviceUrl, user, password));

		expect(request.url).toBe(sandbox.serviceUrl);
		expect(status).toBe(200);
		expect(body).toContain('getCompanyMembershipReturn');
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ operation: 'getCompanyMembership', user, outcome: 'ok', status: 200 });
	});

	it('is answered 403 with an authenticationFault for a wrong password', async () => {
		const { status, body } = await postTestRequest(demo({ password: 'not-the-password' }));

		expect(status).toBe(403);
		expect(body).toMatch(/<ns1:authenticationFault xmlns:ns1="http:\/\/www\.scene7\.com\/IpsApi\/xsd">/);
		expect(body).toContain('>10001</code>');
		expect(body).toContain('>Invalid username/password</reason>');
		expect(sandbox.requests[0].rawBody).toContain('<faultHttpStatusCode>403</faultHttpStatusCode>');
		expect(sandbox.requests[0]).toMatchObject({ outcome: 'fault', faultCode: 10001, status: 403 });
	});

	it('uses the namespace of the API version chosen in the credential', async () => {
		const { status } = await postTestRequest(demo({ apiVersion: '2008-01-15' }));

		expect(status).toBe(200);
		expect(sandbox.requests[0].namespace).toBe('http://www.scene7.com/IpsApi/xsd/2008-01-15');
	});
});

describe("n8n's credential tester", () => {
	it('reports a working credential as OK', async () => {
		expect(await testCredential(demo())).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.requests.map(({ operation, status }) => [operation, status])).toEqual([['getCompanyMembership', 200]]);
	});

	it('reports a wrong password as a credentials problem, trying it only once', async () => {
		const password = 'T3st-Wr0ng-Pa55&<x>';
		const result = await testCredential(demo({ password }));

		expect(result).toEqual({ status: 'Error', message: 'Forbidden - perhaps check your credentials?' });
		// A 401 would make n8n-core re-authenticate and send the wrong password a second time.
		expect(sandbox.requests.map(({ faultCode, status }) => [faultCode, status])).toEqual([[10001, 403]]);
	});

	it('reports a Service URL where nothing listens', async () => {
		const closed = await startSandbox();
		const serviceUrl = closed.serviceUrl;
		await closed.close();

		expect(await testCredential(demo({ serviceUrl }))).toEqual({
			status: 'Error',
			message: 'The service refused the connection - perhaps it is offline',
		});
	});
});
