// Roles per operation and company membership.
import { authHeaderXml, call, copyImageFields, parseFault } from './raw-soap';
import { ROLE_USERS, ROLES, SEED, startSandbox, type Role, type Sandbox } from './server';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => sandbox.reset());

const as = (role: Role) =>
	authHeaderXml({ user: ROLE_USERS[role].email, password: ROLE_USERS[role].password });

const COPY_ROLES: Role[] = [
	'IpsUser',
	'IpsAdmin',
	'IpsCompanyAdmin',
	'ImagePortalAdmin',
	'ImagePortalContrib',
	'ImagePortalContribUser',
];
const NO_COPY_ROLES: Role[] = [
	'ImagePortalUser',
	'TrialSiteAdmin',
	'TrialSiteUser',
	'WebServiceUser',
];

describe('operation permissions', () => {
	it('covers all ten IPS roles with one user each', () => {
		expect([...COPY_ROLES, ...NO_COPY_ROLES].sort()).toEqual([...ROLES].sort());
		expect(new Set(ROLES.map((r) => ROLE_USERS[r].email)).size).toBe(10);
	});

	it.each(COPY_ROLES)('lets %s copy an image', async (role) => {
		const res = await call(
			sandbox.serviceUrl,
			'copyImage',
			copyImageFields({ name: `copy-by-${role}` }),
			{ header: as(role) },
		);
		expect(res.status).toBe(200);
		expect(sandbox.state.assets.find((a) => a.name === `copy-by-${role}`)?.copiedFrom?.by).toBe(
			ROLE_USERS[role].email,
		);
	});

	it.each(NO_COPY_ROLES)('refuses copyImage to %s with authorizationFault 20003', async (role) => {
		const res = await call(sandbox.serviceUrl, 'copyImage', copyImageFields(), {
			header: as(role),
		});
		expect(res.status).toBe(500);
		expect(parseFault(res.body)).toEqual({
			faultcode: 'soapenv:Client',
			faultstring: 'AuthorizationException',
			element: 'authorizationFault',
			code: 20003,
			reason: "User does not have permission to access operation 'copyImage'",
		});
		expect(sandbox.state.assets.some((a) => a.name === 'Copy_macbookwin1')).toBe(false);
	});

	it.each(NO_COPY_ROLES)('refuses the other changing operations to %s too', async (role) => {
		const res = await call(
			sandbox.serviceUrl,
			'renameAsset',
			[
				['companyHandle', 'c|6'],
				['assetHandle', SEED.assets.summerHero],
				['newName', 'x'],
				['validateName', 'true'],
			],
			{ header: as(role) },
		);
		expect(parseFault(res.body)).toMatchObject({
			code: 20003,
			reason: "User does not have permission to access operation 'renameAsset'",
		});
	});

	it.each(ROLES)('lets %s read (getCompanyMembership, getAssetsByName)', async (role) => {
		const membership = await call(sandbox.serviceUrl, 'getCompanyMembership', [], {
			header: as(role),
		});
		expect(membership.status).toBe(200);
		expect(membership.body).toContain(`<t:role>${role}</t:role>`);
		const byName = await call(
			sandbox.serviceUrl,
			'getAssetsByName',
			[
				['companyHandle', 'c|6'],
				['nameArray', [['items', 'macbookwin1']]],
			],
			{ header: as(role) },
		);
		expect(byName.status).toBe(200);
		expect(byName.body).toContain('<t:assetHandle>a|739|1|537</t:assetHandle>');
	});
});

describe('company access', () => {
	it('refuses a company the user is not a member of with authorizationFault 20006', async () => {
		const res = await call(
			sandbox.serviceUrl,
			'copyImage',
			copyImageFields({
				companyHandle: 'c|8',
				assetHandle: SEED.assets.foreignSecret,
				folderHandle: 'ThirdCo/',
			}),
		);
		expect(parseFault(res.body)).toEqual({
			faultcode: 'soapenv:Client',
			faultstring: 'AuthorizationException',
			element: 'authorizationFault',
			code: 20006,
			reason: "User 'ips-user@sandbox.test' does not have access to company 'c|8'",
		});
	});

	it('refuses an unknown company handle with authorizationFault 20000', async () => {
		const res = await call(
			sandbox.serviceUrl,
			'copyImage',
			copyImageFields({ companyHandle: 'c|999' }),
		);
		expect(parseFault(res.body)).toMatchObject({
			element: 'authorizationFault',
			code: 20000,
			reason: "Invalid company handle 'c|999'",
		});
	});

	it('lets IpsAdmin work in any company', async () => {
		const res = await call(
			sandbox.serviceUrl,
			'copyImage',
			copyImageFields({
				companyHandle: 'c|8',
				assetHandle: SEED.assets.foreignSecret,
				folderHandle: 'ThirdCo/',
				name: 'admin-copy',
			}),
			{ header: as('IpsAdmin') },
		);
		expect(res.status).toBe(200);
		expect(sandbox.state.assets.find((a) => a.name === 'admin-copy')?.companyHandle).toBe('c|8');
	});

	it('lets the demo user work in its second company c|7', async () => {
		const res = await call(
			sandbox.serviceUrl,
			'copyImage',
			copyImageFields({
				companyHandle: 'c|7',
				assetHandle: SEED.assets.otherLogo,
				folderHandle: 'OtherCo/',
				name: 'logo-copy',
			}),
		);
		expect(res.status).toBe(200);
	});
});
