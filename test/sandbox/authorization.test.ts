// Roles per operation and company membership.
import { authHeaderXml, call, copyImageFields, parseFault, type Fields } from './raw-soap';
import { ROLE_USERS, ROLES, SEED, type Role } from './server';
import { useSandbox } from './useSandbox';

const sandbox = useSandbox();

const as = (role: Role) => authHeaderXml({ user: ROLE_USERS[role].email, password: ROLE_USERS[role].password });
/** A call as the user of this role. */
const callAs = (role: Role, operation: string, fields: Fields) => call(sandbox().serviceUrl, operation, fields, { header: as(role) });

const COPY_ROLES: Role[] = ['IpsUser', 'IpsAdmin', 'IpsCompanyAdmin', 'ImagePortalAdmin', 'ImagePortalContrib', 'ImagePortalContribUser'];
const NO_COPY_ROLES: Role[] = ['ImagePortalUser', 'TrialSiteAdmin', 'TrialSiteUser', 'WebServiceUser'];
const CHANGES: Array<[string, Fields]> = [
	['copyImage', copyImageFields()],
	['renameAsset', [['companyHandle', 'c|6'], ['assetHandle', SEED.assets.summerHero], ['newName', 'x'], ['validateName', 'true']]],
];

describe('operation permissions', () => {
	it('covers all ten IPS roles with one user each', () => {
		expect([...COPY_ROLES, ...NO_COPY_ROLES].sort()).toEqual([...ROLES].sort());
		expect(new Set(ROLES.map((r) => ROLE_USERS[r].email)).size).toBe(10);
	});

	it.each(COPY_ROLES)('lets %s copy an image', async (role) => {
		const res = await callAs(role, 'copyImage', copyImageFields({ name: `copy-by-${role}` }));
		expect(res.status).toBe(200);
		expect(sandbox().state.assets.find((a) => a.name === `copy-by-${role}`)?.copiedFrom?.by).toBe(ROLE_USERS[role].email);
	});

	it.each(NO_COPY_ROLES.flatMap((role) => CHANGES.map(([operation, fields]) => [role, operation, fields] as const)))(
		'refuses %s the changing operation %s with authorizationFault 20003, changing nothing',
		async (role, operation, fields) => {
			const names = () => sandbox().state.assets.map((a) => a.name);
			const before = names();
			const res = await callAs(role, operation, fields);
			expect(res.status).toBe(500);
			expect(parseFault(res.body)).toEqual({
				faultcode: 'soapenv:Client',
				faultstring: 'AuthorizationException',
				element: 'authorizationFault',
				code: 20003,
				reason: `User does not have permission to access operation '${operation}'`,
			});
			expect(names()).toEqual(before);
		},
	);

	it.each(ROLES)('lets %s read (getCompanyMembership, getAssetsByName)', async (role) => {
		const membership = await callAs(role, 'getCompanyMembership', []);
		expect(membership.status).toBe(200);
		expect(membership.body).toContain(`<t:role>${role}</t:role>`);
		const byName = await callAs(role, 'getAssetsByName', [['companyHandle', 'c|6'], ['nameArray', [['items', 'macbookwin1']]]]);
		expect(byName.status).toBe(200);
		expect(byName.body).toContain('<t:assetHandle>a|739|1|537</t:assetHandle>');
	});
});

describe('company access', () => {
	it.each([
		['a company the user is not a member of', { companyHandle: 'c|8', assetHandle: SEED.assets.foreignSecret, folderHandle: 'ThirdCo/' }, 20006, "User 'ips-user@sandbox.test' does not have access to company 'c|8'"],
		['an unknown company handle', { companyHandle: 'c|999' }, 20000, "Invalid company handle 'c|999'"],
	])('refuses %s with authorizationFault %i', async (_what, overrides, code, reason) => {
		const res = await call(sandbox().serviceUrl, 'copyImage', copyImageFields(overrides));
		expect(parseFault(res.body)).toEqual({
			faultcode: 'soapenv:Client',
			faultstring: 'AuthorizationException',
			element: 'authorizationFault',
			code,
			reason,
		});
	});

	it('lets IpsAdmin work in any company', async () => {
		const res = await callAs('IpsAdmin', 'copyImage', copyImageFields({ companyHandle: 'c|8', assetHandle: SEED.assets.foreignSecret, folderHandle: 'ThirdCo/', name: 'admin-copy' }));
		expect(res.status).toBe(200);
		expect(sandbox().state.assets.find((a) => a.name === 'admin-copy')?.companyHandle).toBe('c|8');
	});
});
