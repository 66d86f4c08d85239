/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets */
// One running `n8n start` for the credential test exactly as the editor calls it. A production webhook
// answering with the new handle: examples.e2e (webhook-copy-image.json) and queue.e2e.
import { injectRule, redirectTo } from '../sandbox/server';
import { startCollector } from '../support/collector';
import { RestClient, type StartedProcess } from './lib/n8n';
import { DEMO, useSandboxN8n, type Sandbox } from './lib/sandbox';

const OWNER = { email: 'owner@example.com', password: 'E2e-Owner-Passw0rd' };
const WRONG_PASSWORD = 'Wr0ng-P4ss-e2e-§';

interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

describe('n8n start: editor credential test', () => {
	const e2e = useSandboxN8n('e2e-server', []);
	let sandbox: Sandbox;
	let server: StartedProcess;
	let rest: RestClient;

	beforeAll(async () => {
		sandbox = e2e.sandbox;
		server = await e2e.n8n.start();
		rest = new RestClient(e2e.n8n.baseUrl);
		await rest.setupOwner(OWNER.email, OWNER.password);
	});

	/**
	 * As the editor does: the credential is saved first (POST /rest/credentials), then tested with the form's
	 * data (POST /rest/credentials/test); `test` runs that test with some fields of the form changed.
	 */
	async function saveCredential(name: string, data: Record<string, string>) {
		const created = await rest.ok<{ id: string; name: string; type: string }>('POST', '/rest/credentials', { name, type: 'scene7IpsApi', data });
		const test = async (changed: Record<string, string> = {}) =>
			await rest.ok<CredentialTestResult>('POST', '/rest/credentials/test', {
				credentials: { id: created.id, name: created.name, type: 'scene7IpsApi', data: { ...data, ...changed } },
			});
		return { created, test };
	}

	test('credential test (POST /rest/credentials/test): OK with the right password, Error with a wrong one', async () => {
		const data = {
			region: 'custom',
			serviceUrl: sandbox.serviceUrl,
			user: DEMO.user,
			password: DEMO.password,
			appName: 'n8n-nodes-scene7',
			appVersion: '0.1.0',
			apiVersion: '2014-04-03',
		};
		const { created, test } = await saveCredential('Scene7 (editor)', data);
		expect(created.type).toBe('scene7IpsApi');

		let before = sandbox.requests.length;
		const good = await test({ password: DEMO.password });
		expect(good.status).toBe('OK');
		let calls = sandbox.requests.slice(before);
		expect(calls.map((c) => c.operation)).toEqual(['getCompanyMembership']);
		expect(calls[0].outcome).toBe('ok');
		expect(calls[0].user).toBe(DEMO.user);

		before = sandbox.requests.length;
		const bad = await test({ password: WRONG_PASSWORD });
		expect(bad.status).toBe('Error');
		// The credential's test asks Scene7 to answer a fault with HTTP 403 (not 401: n8n would retry a 401 with
		// the same wrong password); n8n words a 403 "Forbidden - perhaps check your credentials?".
		expect(bad.message).toMatch(/Forbidden/);
		expect(bad.message).not.toContain(WRONG_PASSWORD);
		calls = sandbox.requests.slice(before);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ operation: 'getCompanyMembership', outcome: 'fault', faultCode: 10001, status: 403 });
		expect(calls[0].rawBody).toContain(WRONG_PASSWORD);
	});

	test('credential test of an endpoint that redirects (307, 308): an Error naming the status, and the other host gets nothing (issue #21)', async () => {
		const collector = await startCollector('127.0.0.2');
		try {
			const { test } = await saveCredential('Scene7 (redirecting)', { region: 'custom', serviceUrl: sandbox.serviceUrl, user: DEMO.user, password: DEMO.password });
			for (const status of [307, 308] as const) {
				sandbox.setInjector(injectRule({ action: redirectTo(collector.url, status), times: Infinity }));
				const before = sandbox.requests.length;
				const result = await test();
				// n8n's declarative test reports the status only (2.8.4: "Request failed with status code 307"; a
				// tester that keeps the response words it by its status text); the Location is dropped.
				expect(result.status).toBe('Error');
				expect(result.message).toMatch(status === 307 ? /307|Temporary Redirect/ : /308|Permanent Redirect/);
				expect(sandbox.requests.slice(before).map((r) => r.status)).toEqual([status]);
			}
			expect(collector.received).toEqual([]);
			expect(server.log()).not.toContain(DEMO.password);
		} finally {
			sandbox.setInjector(undefined);
			await collector.close();
		}
	});

	test('credential test of a plain-http Service URL on another host: an Error saying why, nothing sent (issue #21)', async () => {
		const data = { region: 'custom', serviceUrl: 'http://ips.invalid/scene7/services/IpsApiService', user: DEMO.user, password: DEMO.password };
		const result = await (await saveCredential('Scene7 (plain http)', data)).test();
		expect(result.status).toBe('Error');
		expect(result.message).toContain('uses plain http:// to host ips.invalid, which would send the password unencrypted');
	});
});
