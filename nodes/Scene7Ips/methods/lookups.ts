import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ipsFaultOf, ipsRequest, type IpsCallOptions } from '../transport';

// The IPS reads behind the editor's lists and the name and path lookups of resource locators.

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

/** Every folder of a company, parents before children, as paths with their handles. */
export async function companyFolders(
	this: IpsContext,
	companyHandle: string,
	options?: IpsCallOptions,
): Promise<FolderSummary[]> {
	// depth -1 asks for the whole tree, as in the documentation's example.
	const result = await ipsRequest.call(this, 'getFolderTree', { companyHandle, depth: -1 }, options);
	const folders: FolderSummary[] = [];
	const visit = (folder: IDataObject | undefined) => {
		if (!folder) return;
		if (folder.folderHandle) folders.push({ folderHandle: text(folder.folderHandle), path: text(folder.path) });
		itemsOf(folder.subfolderArray).forEach(visit);
	};
	visit(result.folders as IDataObject | undefined);
	return folders;
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
