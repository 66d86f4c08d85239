// Issue #21 through n8n-core's real request helpers (axios) against the sandbox: a redirect is
// never followed with the credential, plain http to another host is refused before sending, and
// the credential test holds to the same rules.
import type { NodeApiError } from 'n8n-workflow';

import { injectRule, redirectTo } from '../sandbox/server';
import { startCollector, type Collector } from '../support/collector';
import { runWorkflow, testCredential } from '../support/engine';
import { copyWorkflow } from '../support/workflows';
import { copyOfDemo, demoCredential, runCopy, useSandbox } from './operations/harness';

const sandbox = useSandbox();
let collector: Collector;

const demo = () => demoCredential(sandbox());
const copy = () => copyOfDemo('Copy_redirected');

beforeAll(async () => {
	collector = await startCollector('127.0.0.2');
});
beforeEach(() => {
	collector.received.length = 0;
});
afterAll(async () => {
	await collector.close();
});

describe('a redirect from the endpoint', () => {
	it.each([307, 308] as const)('HTTP %i: the run fails naming the status and the host; the other host receives nothing', async (status) => {
		sandbox().setInjector(injectRule({ action: redirectTo(collector.url, status), times: Infinity }));

		const result = await runCopy(sandbox(), [{}], copy());

		expect(result.status).toBe('error');
		const error = result.error as NodeApiError;
		expect(error.message).toBe(
			`The Scene7 endpoint answered copyImage with a redirect (HTTP ${status}) to host ${collector.host}. The node does not follow redirects, so nothing was sent there`,
		);
		expect(error.description).toContain('Check the Region or Service URL of the Scene7 IPS API credential');
		expect(error.httpCode).toBe(String(status));
		expect(collector.received).toEqual([]);
		// Not tried again either: a redirect is an answer, not a failure on the way.
		expect(sandbox().requests.map(({ operation, status: answered }) => [operation, answered])).toEqual([['copyImage', status]]);
		expect(sandbox().state.assets.filter((asset) => asset.name === 'Copy_redirected')).toEqual([]);
	});

	it('a relative Location is named as a path on the same host, and not followed either', async () => {
		sandbox().setInjector(injectRule({ action: redirectTo('/scene7/services/IpsApiService', 307), times: Infinity }));

		const result = await runCopy(sandbox(), [{}], copy());

		expect((result.error as NodeApiError).message).toContain('(HTTP 307) to another path on the same host.');
		expect(sandbox().requests).toHaveLength(1);
	});

	it.each([307, 308] as const)('HTTP %i in the credential test: an error, and nothing reaches the other host', async (status) => {
		sandbox().setInjector(injectRule({ action: redirectTo(collector.url, status), times: Infinity }));

		const result = await testCredential(demo());

		// n8n's declarative test shows only the status (its tester drops the response): see the README.
		expect(result).toEqual({ status: 'Error', message: `Request failed with status code ${status}` });
		expect(collector.received).toEqual([]);
		expect(sandbox().requests).toHaveLength(1);
	});
});

describe('plain http to another host', () => {
	// `.invalid` never resolves: were the rule broken, the run would fail on the lookup instead.
	const PLAIN = 'http://ips.invalid/scene7/services/IpsApiService';
	const MESSAGE =
		'The Service URL of the Scene7 IPS API credential uses plain http:// to host ips.invalid, which would send the password unencrypted, so nothing was sent.';

	it('fails the run before anything is sent, with the credential\'s reason', async () => {
		const result = await runWorkflow(copyWorkflow([{}], copy(), demoCredential(sandbox(), { serviceUrl: PLAIN })));

		expect(result.status).toBe('error');
		expect((result.error as NodeApiError).message).toContain(MESSAGE);
		expect((result.error as NodeApiError).message).not.toContain('Could not reach Scene7');
	});

	it('fails the credential test with the same reason', async () => {
		const result = await testCredential(demoCredential(sandbox(), { serviceUrl: PLAIN }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain(MESSAGE);
	});
});
