import type { IDataObject } from 'n8n-workflow';

import { byHandle, byName, param, paramOf, run, scripted, soapFault, soapResult } from '../support';

const INFO = '<companyInfo><companyHandle>c|7</companyHandle><name>OtherCo</name><rootPath>OtherCo/</rootPath><expires>2099-12-31T23:59:59.000Z</expires></companyInfo>';
const MEMBERSHIPS =
	'<membershipArray>' +
	'<items><company><companyHandle>c|6</companyHandle><name>ApiTestCo</name><rootPath>ApiTestCo/</rootPath></company><role>IpsUser</role><isActive>true</isActive></items>' +
	'<items><company><companyHandle>c|7</companyHandle><name>OtherCo</name><rootPath>OtherCo/</rootPath></company><role>IpsCompanyAdmin</role><isActive>false</isActive></items>' +
	'</membershipArray>';

describe('Company > Get', () => {
	const parameters = (overrides: IDataObject = {}) => ({
		resource: 'company',
		operation: 'get',
		companyHandle: byHandle('c|7'),
		...overrides,
	});

	it('sends getCompanyInfo with the handle and outputs the company', async () => {
		const { json, sent } = await run(parameters(), scripted({ getCompanyInfo: [soapResult('getCompanyInfo', INFO)] }));
		expect(sent.map(paramOf)).toEqual([param('getCompanyInfo', '<companyHandle>c|7</companyHandle>')]);
		expect(json).toEqual([{ companyHandle: 'c|7', name: 'OtherCo', rootPath: 'OtherCo/', expires: '2099-12-31T23:59:59.000Z' }]);
	});

	it('finds a company given by name', async () => {
		const { json, sent } = await run(parameters({ companyHandle: byName('OtherCo') }), scripted({ getCompanyInfo: [soapResult('getCompanyInfo', INFO)] }));
		expect(sent.map(paramOf)).toEqual([
			param('getCompanyInfo', '<companyName>OtherCo</companyName>'),
			param('getCompanyInfo', '<companyHandle>c|7</companyHandle>'),
		]);
		expect(json?.[0]).toMatchObject({ companyHandle: 'c|7' });
	});

	it("explains Scene7's fault for an unknown handle", async () => {
		const { error } = await run(
			parameters({ companyHandle: byHandle('c|999') }),
			scripted({ getCompanyInfo: [soapFault('authorizationFault', 20000, "Invalid company handle 'c|999'")] }),
		);
		expect(error?.message).toBe("Scene7 refused access: Invalid company handle 'c|999' (20000)");
	});
});

describe('Company > Get Many', () => {
	const parameters = (overrides: IDataObject = {}) => ({ resource: 'company', operation: 'getAll', returnAll: true, ...overrides });

	it("lists the user's companies, one item per membership with role and isActive", async () => {
		const { json, sent } = await run(parameters(), scripted({ getCompanyMembership: [soapResult('getCompanyMembership', MEMBERSHIPS)] }));
		expect(sent.map(paramOf)).toEqual([param('getCompanyMembership', '')]);
		expect(json).toEqual([
			{ companyHandle: 'c|6', name: 'ApiTestCo', rootPath: 'ApiTestCo/', role: 'IpsUser', isActive: true },
			{ companyHandle: 'c|7', name: 'OtherCo', rootPath: 'OtherCo/', role: 'IpsCompanyAdmin', isActive: false },
		]);
	});

	// 60 memberships: past the default Limit of 50, so Return All and each Limit show.
	const many =
		'<membershipArray>' +
		Array.from({ length: 60 }, (_, index) => `<items><company><companyHandle>c|${index}</companyHandle><name>Co${index}</name></company></items>`).join('') +
		'</membershipArray>';
	it.each([
		[{ returnAll: false, limit: 2 }, 2],
		[{ returnAll: false, limit: 0 }, 1], // at least one
		[{ returnAll: false }, 50], // the default Limit
		[{ returnAll: true }, 60],
		[{}, 50], // Return All is off unless set
	])('returns as many as %j asks: %d', async (overrides, count) => {
		const { resource, operation } = parameters();
		const { json } = await run({ resource, operation, ...overrides }, scripted({ getCompanyMembership: [soapResult('getCompanyMembership', many)] }));
		expect(json?.map((company) => company.companyHandle)).toEqual(Array.from({ length: count }, (_, index) => `c|${index}`));
	});
});
