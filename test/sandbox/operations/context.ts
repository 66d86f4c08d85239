// What an operation gets to work with, plus the lookups and rules several operations share.
import type { CompanyAccess } from '../access';
import { FAULT_CODES, invalidParameter, ipsApiFault } from '../faults';
import type { ImageStore } from '../image-store';
import type { JobRunner } from '../jobs';
import type { AssetRecord, CompanyRecord, FolderRecord, SandboxState, UserRecord } from '../model';

export interface CallContext {
	state: SandboxState;
	user: UserRecord;
	operation: string;
	/** ISO timestamp of this call. */
	now: string;
	newAssetHandle(): string;
	jobs: JobRunner;
	images: ImageStore;
	/** getProperty IpsImageServerUrl: `<sandbox url>/is/image/`. */
	imageServerUrl(): string;
	/** getProperty UploadPostMaxFileSize: the UploadFile servlet's largest file, in bytes. */
	uploadMaxFileSize: number;
	/** Set when the operation takes a required companyHandle (resolved before the call). */
	access?: CompanyAccess;
}

export function companyOf(ctx: CallContext): CompanyRecord {
	if (!ctx.access) throw new Error(`${ctx.operation}: company not resolved`);
	return ctx.access.company;
}

/** Asset handles are company-scoped: a handle from another company is as unknown as a typo. */
export function findAsset(
	ctx: CallContext,
	assetHandle: string,
	param = 'assetHandle',
): AssetRecord {
	const company = companyOf(ctx);
	const asset = ctx.state.assets.find(
		(a) => a.assetHandle === assetHandle && a.companyHandle === company.companyHandle,
	);
	if (!asset) throw invalidParameter(`Invalid ${param} '${assetHandle}'`);
	return asset;
}

/** Folder handles are the folder path ('ApiTestCo/summer/'); the 'f|' form is accepted too. */
export function findFolder(
	ctx: CallContext,
	folderHandle: string,
	param = 'folderHandle',
): FolderRecord {
	const path = folderHandle.startsWith('f|') ? folderHandle.slice(2) : folderHandle;
	return folderAt(ctx, path, `Invalid ${param} '${folderHandle}'`);
}

/** The caller's company's folder at `path`, or 30001 with `invalid` as the reason. */
function folderAt(ctx: CallContext, path: string, invalid: string): FolderRecord {
	const company = companyOf(ctx);
	const folder = ctx.state.folders.find((f) => f.path === path && f.companyHandle === company.companyHandle);
	if (!folder) throw invalidParameter(invalid);
	return folder;
}

/**
 * A folder given as a path: exact ('ApiTestCo/summer/'), without the trailing slash, or relative to
 * the company root ('summer/'). Undefined means the root.
 */
export function findFolderByPath(
	ctx: CallContext,
	folderPath: string | undefined,
	param = 'folderPath',
): FolderRecord {
	const wanted = normaliseFolderPath(companyOf(ctx), folderPath ?? '');
	return folderAt(ctx, wanted, `Invalid ${param} '${folderPath ?? ''}'`);
}

export function normaliseFolderPath(company: CompanyRecord, folderPath: string): string {
	let path = folderPath.startsWith('f|') ? folderPath.slice(2) : folderPath;
	path = path.replace(/^\/+/, '');
	if (path !== '' && !path.endsWith('/')) path += '/';
	return path.startsWith(company.rootPath) ? path : company.rootPath + path;
}

export function isUnder(folderPath: string, ancestorPath: string): boolean {
	return folderPath.startsWith(ancestorPath);
}

export function isControlChar(ch: string): boolean {
	const code = ch.charCodeAt(0);
	return code < 0x20 || code === 0x7f;
}

export function forbiddenChar(name: string, forbidden: string): string | undefined {
	return [...name].find((ch) => forbidden.includes(ch) || isControlChar(ch));
}

/**
 * The only name rule the sandbox enforces besides uniqueness: a name must not be empty. No Adobe
 * document lists characters or a length that Scene7 refuses in asset names, so the sandbox takes
 * any name XML can carry (its XML reader already refuses the rest) and stores it byte-exact.
 */
export function checkAssetName(name: string, param = 'name'): void {
	if (name.trim() === '')
		throw invalidParameter(`Invalid ${param} '${name}': an asset name must not be empty`);
}

/** Asset IDs are unique per company, compared case-insensitively, trashed assets included. */
export function assetNameInUse(ctx: CallContext, name: string, except?: AssetRecord): boolean {
	const company = companyOf(ctx);
	const wanted = name.toLowerCase();
	return ctx.state.assets.some(
		(a) =>
			a !== except && a.companyHandle === company.companyHandle && a.name.toLowerCase() === wanted,
	);
}

export function requireUnusedName(ctx: CallContext, name: string, except?: AssetRecord): void {
	if (assetNameInUse(ctx, name, except))
		throw ipsApiFault(FAULT_CODES.EXCEPTION, `Asset ID '${name}' is already in use.`);
}

export function requireImage(asset: AssetRecord, param = 'assetHandle'): void {
	if (asset.type !== 'Image') {
		throw invalidParameter(
			`Invalid ${param} '${asset.assetHandle}': asset '${asset.name}' is of type ${asset.type}, not Image`,
		);
	}
}

export function requireNotInTrash(asset: AssetRecord, param = 'assetHandle'): void {
	if (asset.trashState !== 'NotInTrash') {
		throw invalidParameter(
			`Invalid ${param} '${asset.assetHandle}': asset '${asset.name}' is in the trash`,
		);
	}
}

export function touch(ctx: CallContext, asset: AssetRecord): void {
	asset.lastModified = ctx.now;
	asset.lastModifyUser = ctx.user.email;
}

/** Refuses a parameter the sandbox does not model, rather than silently ignoring it. */
export function unsupported(param: string): never {
	throw invalidParameter(`Parameter '${param}' is not supported by the IPS sandbox`);
}

export function oneOf<T extends string>(
	value: string | undefined,
	allowed: readonly T[],
	param: string,
): T | undefined {
	if (value === undefined) return undefined;
	if (!(allowed as readonly string[]).includes(value)) {
		throw invalidParameter(`Invalid ${param} '${value}'; expected one of: ${allowed.join(', ')}`);
	}
	return value as T;
}
