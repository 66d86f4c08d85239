// One resolution of Company and Folder for the action node and the trigger (issue #25): each locator
// mode, through each node's own entry (the action node's ItemContext, the trigger's Locators),
// against the sandbox, gives the same handle or the same error.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ItemContext } from '../../../nodes/Scene7Ips/actions/item';
import { locatorValue } from '../../../nodes/Scene7Ips/client/locators';
import { Scene7Client } from '../../../nodes/Scene7Ips/client/lookups';
import { ExecutionScope } from '../../../nodes/Scene7Ips/helpers/executionScope';
import { Locators } from '../../../nodes/Scene7IpsTrigger/locators';
import { DEMO, SEED } from '../../sandbox/server';
import { fakeExecuteContext, TEST_CREDENTIALS } from '../../support/executeContext';
import { rl, useSandbox } from '../trigger/pollHarness';

const env = useSandbox();

/** Through the action node's item 0 with these Company and Folder values; HTTP goes to the sandbox. */
async function viaActionNode(company: IDataObject, folder: IDataObject): Promise<unknown> {
	const { context } = fakeExecuteContext({
		parameters: { companyHandle: company, folderHandle: folder },
		items: [{ json: {} }] as INodeExecutionData[],
		credentials: { ...TEST_CREDENTIALS, serviceUrl: env.sandbox.serviceUrl, user: DEMO.user, password: DEMO.password },
		respond: async ({ options, body }) => {
			const res = await fetch(options.url, { method: options.method, headers: options.headers as Record<string, string>, body });
			return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
		},
	});
	const item = new ItemContext(context as IExecuteFunctions, 0, new ExecutionScope());
	try {
		const companyHandle = await item.company();
		return { companyHandle, folderHandle: await item.folder(companyHandle) };
	} catch (error) {
		return { error: (error as Error).message.replace(/ \[item 0\]$/, ''), description: (error as { description?: string }).description };
	}
}

async function viaTrigger(company: IDataObject, folder: IDataObject): Promise<unknown> {
	const { context } = env.pollContext({ companyHandle: company, folderHandle: folder });
	try {
		return await new Locators(context, new Scene7Client(context, { timeout: 10_000 })).resolve();
	} catch (error) {
		return { error: (error as Error).message, description: (error as { description?: string }).description };
	}
}

const CASES: Array<[string, IDataObject, IDataObject, unknown]> = [
	['From list', rl(DEMO.companyHandle, 'list'), rl(SEED.folders.summer, 'list'), { companyHandle: 'c|6', folderHandle: 'ApiTestCo/summer/' }],
	['By ID', rl(DEMO.companyHandle, 'id'), rl(SEED.folders.sale, 'id'), { companyHandle: 'c|6', folderHandle: 'ApiTestCo/summer/sale/' }],
	['Name and Path (relative, other case)', rl(DEMO.companyName, 'name'), rl('Summer/Sale', 'path'), { companyHandle: 'c|6', folderHandle: 'ApiTestCo/summer/sale/' }],
	['Name and Path (from the root)', rl(SEED.otherCompany.name, 'name'), rl('OtherCo/', 'path'), { companyHandle: 'c|7', folderHandle: 'OtherCo/' }],
	[
		'a Name that matches no company',
		rl('NoSuchCo', 'name'),
		rl('summer', 'path'),
		{ error: "No Scene7 company is named 'NoSuchCo'", description: 'Check the spelling, pick the company from the list, or enter its handle (e.g. c|6).' },
	],
	[
		'a Path that matches no folder',
		rl(DEMO.companyName, 'name'),
		rl('winter', 'path'),
		{
			error: "No folder has the path 'winter/' in company c|6",
			description: "Paths start at the company's root folder (ApiTestCo/) or are relative to it. Pick the folder from the list or enter its handle.",
		},
	],
];

describe('Company and Folder locators, resolved alike by the action node and the trigger', () => {
	it.each(CASES)('%s', async (_mode, company, folder, expected) => {
		const action = await viaActionNode(company, folder);
		const trigger = await viaTrigger(company, folder);

		expect(action).toEqual(expected);
		expect(trigger).toEqual(expected);
	});
});

describe('locatorValue', () => {
	it('reads a plain stored value as a handle and a locator as its mode and value', () => {
		expect(locatorValue('c|6')).toEqual({ mode: 'id', value: 'c|6' });
		expect(locatorValue(null)).toEqual({ mode: 'id', value: null });
		expect(locatorValue(rl('ApiTestCo', 'name'))).toEqual({ mode: 'name', value: 'ApiTestCo' });
	});
});
