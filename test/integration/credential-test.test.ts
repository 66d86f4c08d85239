// The credential's declarative `test` request against the sandbox, run the way n8n's credential
// tester runs it. (Stored encrypted by n8n-core and decrypted again: every engine run, support/engine.ts.)
import { DEMO, SPECIAL_PASSWORD_USER, startSandbox } from '../sandbox/server';
import { testCredential } from '../support/engine';
import { customCredential } from '../support/workflows';
import { demoCredential, useSandbox } from './operations/harness';

const sandbox = useSandbox();

describe("n8n's credential tester", () => {
	it.each([
		['the demo user', DEMO.user, DEMO.password],
		// The password goes into the request's XML: escaped, it still signs in.
		['a user whose password needs XML escaping', SPECIAL_PASSWORD_USER.email, SPECIAL_PASSWORD_USER.password],
	])('reports a working credential as OK: %s', async (_label, user, password) => {
		expect(await testCredential(customCredential(sandbox().serviceUrl, user, password))).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sandbox().requests.map(({ operation, user: sentBy, status }) => [operation, sentBy, status])).toEqual([
			['getCompanyMembership', user, 200],
		]);
	});

	it('reports a wrong password as a credentials problem, trying it only once', async () => {
		const password = 'T3st-Wr0ng-Pa55&<x>';
		const result = await testCredential(demoCredential(sandbox(), { password }));

		expect(result).toEqual({ status: 'Error', message: 'Forbidden - perhaps check your credentials?' });
		// A 401 would make n8n-core re-authenticate and send the wrong password a second time.
		expect(sandbox().requests.map(({ faultCode, status }) => [faultCode, status])).toEqual([[10001, 403]]);
	});

	it('reports a Service URL where nothing listens', async () => {
		const closed = await startSandbox();
		const serviceUrl = closed.serviceUrl;
		await closed.close();

		expect(await testCredential(demoCredential(sandbox(), { serviceUrl }))).toEqual({
			status: 'Error',
			message: 'The service refused the connection - perhaps it is offline',
		});
	});
});
