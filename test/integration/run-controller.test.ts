/* eslint-disable @n8n/community-nodes/no-restricted-globals */
// The run controller through n8n-core's engine against the sandbox (300 ms per call): On Error =
// Stop starts nothing after the first failure, Retry On Fail never copies a name twice in any If
// Name Exists mode, Cancel ends a 30 s wait at once, and a failed lookup shared by several items gives
// each item its own error. Continue copies every good row once: continue-on-fail.test.ts.
import type { IDataObject } from 'n8n-workflow';

import { DEMO, injectRule, startSandbox } from '../sandbox/server';
import { runWorkflow } from '../support/engine';
import { copyFromItem, copyWorkflow, SCENE7, type Scene7NodeSettings } from '../support/workflows';
import { createdAssets, demoCredential, runCopy, useSandbox } from './operations/harness';

const LATENCY_MS = 300;
const rows = (count: number, bad = 1): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({
		company: DEMO.companyHandle,
		asset: index === bad ? 'a|999|9|999' : DEMO.assetHandle,
		folder: DEMO.folderHandle,
		name: `stop_${String(index).padStart(2, '0')}`,
	}));

// The failing row's answer comes well before the others' (a fault needs no work), so
// which rows were in flight when it arrived does not depend on the machine's load.
const sandbox = useSandbox({ latencyMs: (request) => (request?.faultCode ? 20 : LATENCY_MS) });
const createdNames = () => createdAssets(sandbox()).map((asset) => asset.name);

async function copyRows(items: IDataObject[], options: IDataObject, settings: Scene7NodeSettings = {}) {
	const parameters = { ...copyFromItem(), options: { concurrency: 4, ...options } };
	return await runCopy(sandbox(), items, parameters, settings);
}

describe('On Error = Stop', () => {
	it('leaves at most the rows already in flight copied and throws row 1', async () => {
		const result = await copyRows(rows(12), {});
		expect(result.status).toBe('error');
		expect(result.nodeError(SCENE7)?.message).toBe("Scene7 could not run copyImage: Invalid assetHandle 'a|999|9|999' (30001)");
		expect(createdNames().length).toBeLessThanOrEqual(3);
		expect(createdNames().every((name) => ['stop_00', 'stop_02', 'stop_03'].includes(name))).toBe(true);
		expect(sandbox().requests.filter((request) => request.operation === 'copyImage')).toHaveLength(4);
	});

	it.each(['fail', 'useExisting', 'rename'])('with Retry On Fail and If Name Exists = %s copies no name twice', async (ifNameExists) => {
		const result = await copyRows(rows(12), { ifNameExists }, { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 });
		expect(result.status).toBe('error');
		const names = createdNames();
		expect(names.length).toBeGreaterThan(0);
		expect(new Set(names).size).toBe(names.length);
		expect(names.filter((name) => /_\d+_\d+$/.test(name))).toEqual([]);
		// The second attempt returned the first attempt's copies instead of sending them again.
		const copiesSent = sandbox().requests.filter((request) => request.operation === 'copyImage' && request.outcome === 'ok');
		expect(copiesSent).toHaveLength(names.length);
	});
});

describe('Cancel', () => {
	it('ends a 30 s throttle wait at once and starts no request after it', async () => {
		// Its own sandbox: the 30 s pause holds back every call to that endpoint in this process.
		const throttled = await startSandbox({ latencyMs: LATENCY_MS });
		throttled.setInjector(
			injectRule({ operation: 'copyImage', action: { kind: 'status', status: 503, headers: { 'retry-after': '30' } }, times: Infinity }),
		);
		let cancelledAt = 0;
		let requestsAtCancel = -1;
		// Beside the copies, the image URL's two lookups (not throttled) go out at the start.
		const copies = () => throttled.requests.filter(({ operation }) => operation === 'copyImage').length;
		try {
			const result = await runWorkflow({
				...copyWorkflow(rows(6, -1), { ...copyFromItem(), options: { concurrency: 2 } }, demoCredential(throttled)),
				onStarted: (cancel) => {
					const poll = setInterval(() => {
						if (copies() < 2) return;
						clearInterval(poll);
						// Both workers are now in their 30 s wait.
						setTimeout(() => {
							requestsAtCancel = throttled.requests.length;
							cancelledAt = Date.now();
							cancel();
						}, LATENCY_MS);
					}, 20);
				},
			});
			const endedAfter = Date.now() - cancelledAt;
			expect(result.status).toBe('canceled');
			expect(endedAfter).toBeLessThan(1000);
			await new Promise((resolve) => setTimeout(resolve, 500));
			expect(requestsAtCancel).toBeGreaterThanOrEqual(2);
			expect(throttled.requests).toHaveLength(requestsAtCancel);
			expect(copies()).toBe(2);
		} finally {
			await throttled.close();
		}
	});
});

describe('a failed lookup shared by several items', () => {
	it('gives each item its own error with its own index', async () => {
		sandbox().setInjector(
			injectRule({ operation: 'getCompanyInfo', action: { kind: 'status', status: 500, body: '<html><body>down</body></html>', contentType: 'text/html' } }),
		);
		const parameters = { ...copyFromItem(), companyHandle: { __rl: true, mode: 'name', value: 'ApiTestCo' } };
		const items = rows(3, -1);
		const result = await runCopy(sandbox(), items, parameters, { onError: 'continueErrorOutput' });
		const errors = result.outputOf(SCENE7, 1);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(errors.map((item) => (item.error?.context as IDataObject | undefined)?.itemIndex)).toEqual([0, 1, 2]);
		expect(errors.map((item) => item.json.error)).toEqual(
			[0, 1, 2].map(
				(index) =>
					`Scene7 answered with a web page instead of a SOAP response (HTTP 500) (while looking up Company 'ApiTestCo') [item ${index}]`,
			),
		);
		expect(sandbox().requests.filter((request) => request.operation === 'getCompanyInfo')).toHaveLength(1);
	});
});
