// Who may call what, and on which company. Role lists are the docs' "Authorized User Types":
// copyImage's list is applied to every operation that changes state; reading is open to all roles.
import { authorizationFault, FAULT_CODES, noOperationPermission } from './faults';
import { ROLES, type CompanyRecord, type Role, type SandboxState, type UserRecord } from './model';

export const WRITE_ROLES: readonly Role[] = [
	'IpsUser',
	'IpsAdmin',
	'IpsCompanyAdmin',
	'ImagePortalAdmin',
	'ImagePortalContrib',
	'ImagePortalContribUser',
];

const WRITE_OPERATIONS = new Set([
	'copyImage',
	'renameAsset',
	'moveAsset',
	'deleteAsset',
	'replaceImage',
	'setUrlModifier',
	'createDerivedAsset',
	'createFolder',
	'deleteFolder',
	'submitJob',
	'stopJob',
	'setAssetMetadata',
	'batchSetAssetMetadata',
	'setAssetPublishState',
	// The UploadFile servlet (not a SOAP operation): its roles are not documented; those of submitJob are assumed.
	'UploadFile',
]);

export function allowedRoles(operation: string): readonly Role[] {
	return WRITE_OPERATIONS.has(operation) ? WRITE_ROLES : ROLES;
}

export interface CompanyAccess {
	company: CompanyRecord;
	role: Role;
}

/**
 * Resolves a company handle for the caller. An unknown handle is 20000 (INVALID_COMPANY) and a
 * company the caller has no active membership in is 20006 (ILLEGAL_COMPANY); IpsAdmin (system
 * administrator) may address every company.
 */
export function companyAccess(
	state: SandboxState,
	user: UserRecord,
	companyHandle: string,
): CompanyAccess {
	const company = state.companies.find((c) => c.companyHandle === companyHandle);
	if (!company)
		throw authorizationFault(
			FAULT_CODES.INVALID_COMPANY,
			`Invalid company handle '${companyHandle}'`,
		);
	const membership = user.memberships.find((m) => m.companyHandle === companyHandle && m.isActive);
	if (membership) return { company, role: membership.role };
	if (user.isIpsAdmin) return { company, role: 'IpsAdmin' };
	throw authorizationFault(
		FAULT_CODES.ILLEGAL_COMPANY,
		`User '${user.email}' does not have access to company '${companyHandle}'`,
	);
}

export function requireOperationRole(operation: string, role: Role): void {
	if (!allowedRoles(operation).includes(role)) throw noOperationPermission(operation);
}

/** The role used for operations that name no company: the caller's first active membership. */
export function defaultRole(user: UserRecord): Role | undefined {
	if (user.isIpsAdmin) return 'IpsAdmin';
	return user.memberships.find((m) => m.isActive)?.role;
}
