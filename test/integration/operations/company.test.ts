// Company operations through n8n-core's engine against the IPS sandbox.
import { byHandle, byName, runNode, useSandbox } from './harness';

const sandbox = useSandbox();

describe('Company', () => {
	it('Get outputs the company, given by handle or by name', async () => {
		const byHandleRun = await runNode(sandbox(), { resource: 'company', operation: 'get', companyHandle: byHandle('c|7') });
		expect(byHandleRun.json).toEqual([{ companyHandle: 'c|7', name: 'OtherCo', rootPath: 'OtherCo/', expires: '2099-12-31T23:59:59.000Z' }]);
		const byNameRun = await runNode(sandbox(), { resource: 'company', operation: 'get', companyHandle: byName('ApiTestCo') });
		expect(byNameRun.json).toEqual([{ companyHandle: 'c|6', name: 'ApiTestCo', rootPath: 'ApiTestCo/' }]);
	});

	it("Get Many outputs the user's companies with role and isActive", async () => {
		const { json } = await runNode(sandbox(), { resource: 'company', operation: 'getAll', returnAll: true });
		expect(json).toEqual([
			{ companyHandle: 'c|6', name: 'ApiTestCo', rootPath: 'ApiTestCo/', role: 'IpsUser', isActive: true },
			{ companyHandle: 'c|7', name: 'OtherCo', rootPath: 'OtherCo/', expires: '2099-12-31T23:59:59.000Z', role: 'IpsUser', isActive: true },
		]);
	});
});
