import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../helpers/errors';
import { ipsFaultOf, ipsRequest, type IpsCallOptions } from '../transport';

// The IPS reads behind the editor's lists, the name and path lookups of resource locators, and the
// reads several operations share (including the checks that recover a call whose answer was lost).

type IpsContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface CompanySummary {
	companyHandle: string;
	name: string;
	rootPath: string;
}

export interface FolderSummary {
	folderHandle: string;
	path: string;
}

export interface AssetSummary {
	assetHandle: string;
	name: string;
	type: string;
	folder: string;
	folderHandle: string;
	created: string;
}

/** IPS arrays: `{ items: [...] }`, absent when empty. */
export const itemsOf = (array: unknown): IDataObject[] =>
	((array as IDataObject | undefined)?.items as IDataObject[] | undefined) ?? [];

const text = (value: unknown) => (typeof value === 'string' ? value : '');

const toCompany = (company: IDataObject): CompanySummary => ({
	companyHandle: text(company.companyHandle),
	name: text(company.name),
	rootPath: text(company.rootPath),
});

const toAsset = (asset: IDataObject): AssetSummary => ({
	assetHandle: text(asset.assetHandle),
	name: text(asset.name),
	type: text(asset.type),
	folder: text(asset.folder),
	folderHandle: text(asset.folderHandle),
	created: text(asset.created),
});

/** The companies the credential's user belongs to. */
export async function companyMemberships(this: IpsContext, options?: IpsCallOptions): Promise<CompanySummary[]> {
	const result = await ipsRequest.call(this, 'getCompanyMembership', {}, options);
	return itemsOf(result.membershipArray).map((membership) => toCompany(membership.company as IDataObject));
}

/** A company by its exact name; undefined when Scene7 knows none. */
export async function companyByName(
	this: IpsContext,
	companyName: string,
	options?: IpsCallOptions,
): Promise<CompanySummary | undefined> {
	let result: IDataObject;
	try {
		result = await ipsRequest.call(this, 'getCompanyInfo', { companyName }, options);
	} catch (error) {
		// Scene7 answers an unknown name with an invalid-company (or invalid-parameter) fault.
		const code = ipsFaultOf(error)?.code;
		if (code === 20000 || code === 30001) return undefined;
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	const company = toCompany((result.companyInfo as IDataObject | undefined) ?? {});
	return company.companyHandle ? company : undefined;
}

/**
 * The folders of a company's tree from `folderPath` (default: the root) down, parents before
 * children, each as Scene7 sent it without its subfolderArray.
 */
export async function folderTree(
	this: IpsContext,
	companyHandle: string,
	options?: IpsCallOptions,
	folderPath?: string,
): Promise<IDataObject[]> {
	// depth -1 asks for the whole tree, as in the documentation's example.
	const result = await ipsRequest.call(this, 'getFolderTree', { companyHandle, folderPath, depth: -1 }, options);
	const folders: IDataObject[] = [];
	const visit = (folder: IDataObject | undefined) => {
		if (!folder) return;
		const { subfolderArray, ...fields } = folder;
		if (folder.folderHandle) folders.push(fields);
		itemsOf(subfolderArray).forEach(visit);
	};
	visit(result.folders as IDataObject | undefined);
	return folders;
}

/** Every folder of a company, parents before children, as paths with their handles. */
export async function companyFolders(
	this: IpsContext,
	companyHandle: string,
	options?: IpsCallOptions,
): Promise<FolderSummary[]> {
	const folders = await folderTree.call(this, companyHandle, options);
	return folders.map((folder) => ({ folderHandle: text(folder.folderHandle), path: text(folder.path) }));
}

/** The assets of a company with these handles, as Scene7 sent them; unknown handles are left out. */
export async function assetsByHandle(
	this: IpsContext,
	companyHandle: string,
	assetHandles: string[],
	options?: IpsCallOptions,
): Promise<IDataObject[]> {
	const result = await ipsRequest.call(this, 'getAssets', { companyHandle, assetHandleArray: { items: assetHandles } }, options);
	return itemsOf(result.assetArray);
}

/** One asset by handle, or undefined when Scene7 knows none (no result, or a fault naming the handle). */
export async function assetIfExists(
	this: IpsContext,
	companyHandle: string,
	assetHandle: string,
	options?: IpsCallOptions,
): Promise<IDataObject | undefined> {
	try {
		const [asset] = await assetsByHandle.call(this, companyHandle, [assetHandle], options);
		return asset;
	} catch (error) {
		const fault = ipsFaultOf(error);
		if (fault?.code === 30001 && fault.reason.includes(assetHandle)) return undefined;
		throw asNodeError(this.getNode(), error);
	}
}

const withoutFolderPrefix = (handle: string) => handle.replace(/^f\|/, '');

/** Whether an asset lies in the folder given by a handle in either form (path or f|path). */
export const isInFolder = (asset: { folder?: unknown; folderHandle?: unknown }, folderHandle: string): boolean => {
	const assetFolderHandle = text(asset.folderHandle);
	return (
		assetFolderHandle === folderHandle ||
		withoutFolderPrefix(assetFolderHandle) === withoutFolderPrefix(folderHandle) ||
		text(asset.folder) === withoutFolderPrefix(folderHandle)
	);
};

// An asset found after a lost answer counts as the one asked for unless Scene7 dates it well before the first try.
const CLOCK_SKEW_MS = 10 * 60 * 1000;

export interface AssetInFolderQuery {
	companyHandle: string;
	name: string;
	folderHandle: string;
	/** Only an asset created after this time (ms), give or take clock skew; one without a date counts. */
	createdAfter?: number;
	/** Only assets of these types. */
	types?: string[];
}

/** The asset with this name in this folder, if any: how a creating call whose answer was lost is recovered. */
export async function assetInFolder(
	this: IpsContext,
	{ companyHandle, name, folderHandle, createdAfter, types }: AssetInFolderQuery,
	options?: IpsCallOptions,
): Promise<AssetSummary | undefined> {
	const assets = await assetsNamed.call(this, companyHandle, name, options, types);
	return assets.find(
		(asset) =>
			isInFolder(asset, folderHandle) &&
			(createdAfter === undefined || !asset.created || Date.parse(asset.created) >= createdAfter - CLOCK_SKEW_MS),
	);
}

const withTrailingSlash = (path: string) => (path.endsWith('/') ? path : `${path}/`);

/** A folder path as the lookups compare it: no leading slashes, one trailing slash ('/' is the root). */
export const normalizeFolderPath = (path: string) => withTrailingSlash(path.trim().replace(/^\/+/, ''));

/**
 * The folder at `path` in a company's tree (companyFolders), the path given in full or relative to
 * the root folder, which the tree lists first. With `ignoreCase`, a match in other letter case counts
 * when it is the only one.
 */
export function folderAtPath(
	folders: FolderSummary[],
	path: string,
	{ ignoreCase = false }: { ignoreCase?: boolean } = {},
): FolderSummary | undefined {
	const wanted = normalizeFolderPath(path);
	const rootPath = folders[0]?.path ?? '';
	const candidates = wanted === '/' ? [rootPath] : [wanted, `${rootPath}${wanted}`];
	const matching = (same: (a: string, b: string) => boolean) =>
		folders.filter((folder) => candidates.some((candidate) => same(withTrailingSlash(folder.path), candidate)));
	const exact = matching((a, b) => a === b);
	if (exact.length > 0 || !ignoreCase) return exact[0];
	const loose = matching((a, b) => a.toLowerCase() === b.toLowerCase());
	return loose.length === 1 ? loose[0] : undefined;
}

/** Assets of a company with this name (Scene7 compares names without case), of the given types or any. */
export async function assetsNamed(
	this: IpsContext,
	companyHandle: string,
	name: string,
	options?: IpsCallOptions,
	types?: string[],
): Promise<AssetSummary[]> {
	const result = await ipsRequest.call(
		this,
		'getAssetsByName',
		{ companyHandle, nameArray: { items: [name] }, assetTypeArray: types ? { items: types } : undefined },
		options,
	);
	return itemsOf(result.assetArray).map(toAsset);
}

/** Which of these names are already used by assets of the company. */
export async function namesInUse(
	this: IpsContext,
	companyHandle: string,
	names: string[],
	options?: IpsCallOptions,
): Promise<string[]> {
	const result = await ipsRequest.call(
		this,
		'checkAssetNames',
		{ companyHandle, assetNameArray: { items: names } },
		options,
	);
	return itemsOf(result.inUseNameArray) as unknown as string[];
}

export const IMAGE_SEARCH_PAGE_SIZE = 50;

/** One page (from 1) of a company's images whose names contain `filter`, sorted by name. */
export async function searchImagesPage(
	this: IpsContext,
	companyHandle: string,
	filter: string,
	page: number,
): Promise<{ assets: AssetSummary[]; totalRows: number }> {
	const result = await ipsRequest.call(this, 'searchAssets', {
		companyHandle,
		includeSubfolders: true,
		trashState: 'NotInTrash',
		systemFieldConditionArray: filter
			? { items: [{ field: 'Name', op: 'Contains', value: filter }] }
			: undefined,
		assetTypeArray: { items: ['Image'] },
		recordsPerPage: IMAGE_SEARCH_PAGE_SIZE,
		resultsPage: page,
		sortBy: 'Name',
		sortDirection: 'Ascending',
	});
	return { assets: itemsOf(result.assetArray).map(toAsset), totalRows: Number(result.totalRows ?? 0) || 0 };
}
