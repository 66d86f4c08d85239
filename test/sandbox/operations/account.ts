// Operations about the caller and companies: getCompanyMembership, getUserInfo, getCompanyInfo.
import { companyAccess } from '../access';
import { optString, type Args } from '../args';
import { authorizationFault, FAULT_CODES, invalidParameter, missingParameter } from '../faults';
import type { UserRecord } from '../model';
import type { CallContext } from './context';
import { companyOut, userOut, type Out } from './serialize';

function sharesActiveCompany(a: UserRecord, b: UserRecord): boolean {
	return a.memberships.some(
		(m) =>
			m.isActive &&
			m.role === 'IpsCompanyAdmin' &&
			b.memberships.some((n) => n.companyHandle === m.companyHandle),
	);
}

/** IpsAdmin may look at anyone, a company admin at members of its companies, others at themselves. */
function requireMayInspect(ctx: CallContext, target: UserRecord): void {
	if (target === ctx.user || ctx.user.isIpsAdmin || sharesActiveCompany(ctx.user, target)) return;
	throw authorizationFault(
		FAULT_CODES.ILLEGAL_REQUEST_USER,
		`User '${ctx.user.email}' may not access user '${target.userHandle}'`,
	);
}

function userByHandle(ctx: CallContext, userHandle: string): UserRecord {
	const user = ctx.state.users.find((u) => u.userHandle === userHandle);
	if (!user)
		throw authorizationFault(
			FAULT_CODES.INVALID_REQUEST_USER,
			`Invalid userHandle '${userHandle}'`,
		);
	return user;
}

export function getCompanyMembership(args: Args, ctx: CallContext): Out {
	const userHandle = optString(args, 'userHandle');
	const target = userHandle === undefined ? ctx.user : userByHandle(ctx, userHandle);
	requireMayInspect(ctx, target);
	const items = target.memberships.flatMap((m) => {
		const company = ctx.state.companies.find((c) => c.companyHandle === m.companyHandle);
		return company ? [{ company: companyOut(company), role: m.role, isActive: m.isActive }] : [];
	});
	return { membershipArray: { items } };
}

export function getUserInfo(args: Args, ctx: CallContext): Out {
	const userHandle = optString(args, 'userHandle');
	const email = optString(args, 'email');
	let target = ctx.user;
	if (userHandle !== undefined) {
		target = userByHandle(ctx, userHandle);
		if (email !== undefined && target.email.toLowerCase() !== email.toLowerCase()) {
			throw invalidParameter(
				`userHandle '${userHandle}' and email '${email}' name different users`,
			);
		}
	} else if (email !== undefined) {
		const byEmail = ctx.state.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
		if (!byEmail)
			throw authorizationFault(FAULT_CODES.INVALID_REQUEST_USERNAME, `Invalid email '${email}'`);
		target = byEmail;
	}
	requireMayInspect(ctx, target);
	return { userInfo: userOut(target) };
}

export function getCompanyInfo(args: Args, ctx: CallContext): Out {
	const companyHandle = optString(args, 'companyHandle');
	const companyName = optString(args, 'companyName');
	if (optString(args, 'imsOrgId') !== undefined) {
		throw invalidParameter("Parameter 'imsOrgId' is not supported by the IPS sandbox");
	}
	if (companyHandle === undefined && companyName === undefined) {
		throw missingParameter('Either companyHandle or companyName is required');
	}
	let handle = companyHandle;
	if (companyName !== undefined) {
		const byName = ctx.state.companies.find(
			(c) => c.name.toLowerCase() === companyName.toLowerCase(),
		);
		if (!byName)
			throw authorizationFault(
				FAULT_CODES.INVALID_COMPANY,
				`Invalid company name '${companyName}'`,
			);
		if (handle !== undefined && handle !== byName.companyHandle) {
			throw invalidParameter(
				`companyHandle '${handle}' and companyName '${companyName}' name different companies`,
			);
		}
		handle = byName.companyHandle;
	}
	const { company } = companyAccess(ctx.state, ctx.user, handle as string);
	return { companyInfo: companyOut(company) };
}
