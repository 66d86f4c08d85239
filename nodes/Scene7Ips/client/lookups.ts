import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import { asNodeError } from '../helpers/errors';
import { type IpsCallOptions, type IpsParam, ipsFaultOf, ipsRequest } from '../transport';

// The IPS reads a run makes besides its operations' own calls: the name and path lookups of the
// resource locators, the editor's lists, and the checks that recover a call whose answer was lost.

// A polling trigger's context has the same getNode and httpRequestWithAuthentication the transport uses.
type IpsContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;
type TransportContext = ThisParameterType<typeof ipsRequest>;

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

/**
 * How far Scene7's clock may be behind n8n's (an assumption): an asset or job found after a lost
 * answer counts as the one asked for unless Scene7 dates it well before the first try.
 */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;

export interface AssetInFolderQuery {
	companyHandle: string;
	name: string;
	folderHandle: string;
	/** Only an asset created after this time (ms), give or take clock skew; one without a date counts. */
	createdAfter?: number;
	/** Only assets of these types. */
	types?: string[];
}

export const IMAGE_SEARCH_PAGE_SIZE = 50;

/** IPS returns at most this many assets per searchAssets call. */
export const MAX_SEARCH_PAGE_SIZE = 1000;

/** One page of a searchAssets call, in the terms the polling trigger uses. */
export interface AssetSearchPage {
	companyHandle: string;
	/** A folder handle (path or f|path); undefined searches the whole company. */
	folderHandle?: string;
	includeSubfolders: boolean;
	/** Asset types to return; empty returns every type. */
	assetTypes: string[];
	/** Only assets whose name contains this (Scene7 ignores case); '' for any name. */
	nameContains: string;
	/** Only assets created in this range (ISO dates, both included). */
	createdBetween?: { from: string; to: string };
	sortBy: 'Created' | 'Modified';
	sortDirection: 'Ascending' | 'Descending';
	recordsPerPage: number;
	/** From 1, in units of recordsPerPage. */
	resultsPage: number;
	/** responseFieldArray: only these fields (paths relative to searchAssetsReturn); undefined: Scene7's default fields. */
	responseFields?: string[];
}

/**
 * IPS calls with one item's (or one list search's) call settings: its index for errors, timeout,
 * retries and the run's signals. The only way operations and list searches reach the transport.
 */
export class Scene7Client {
	constructor(
		private readonly context: IpsContext,
		readonly settings: IpsCallOptions = {},
	) {}

	/** One IPS operation; `extra` says whether sending it twice is harmless and how to recover it. */
	async call(
		operation: string,
		param: IpsParam,
		extra: Pick<IpsCallOptions, 'idempotent' | 'recover'> = {},
	): Promise<IDataObject> {
		return await ipsRequest.call(this.context as TransportContext, operation, param, { ...this.settings, ...extra });
	}

	/** The companies the credential's user belongs to. */
	async companyMemberships(): Promise<CompanySummary[]> {
		const result = await this.call('getCompanyMembership', {});
		return itemsOf(result.membershipArray).map((membership) => toCompany(membership.company as IDataObject));
	}

	/** The company by its handle (name, root folder path). */
	async companyInfo(companyHandle: string): Promise<CompanySummary> {
		const result = await this.call('getCompanyInfo', { companyHandle });
		return toCompany(result.companyInfo as IDataObject);
	}

	/** Scene7's external URL prefix of its Image Server, e.g. `https://s7d1.scene7.com/is/image/`. */
	async imageServerUrl(): Promise<string> {
		const result = await this.call('getProperty', { name: 'IpsImageServerUrl' });
		return text(result.value);
	}

	/** A company by its exact name; undefined when Scene7 knows none. */
	async companyByName(companyName: string): Promise<CompanySummary | undefined> {
		let result: IDataObject;
		try {
			result = await this.call('getCompanyInfo', { companyName });
		} catch (error) {
			// Scene7 answers an unknown name with an invalid-company (or invalid-parameter) fault.
			const code = ipsFaultOf(error)?.code;
			if (code === 20000 || code === 30001) return undefined;
			throw asNodeError(this.context.getNode(), error);
		}
		const company = toCompany((result.companyInfo as IDataObject | undefined) ?? {});
		return company.companyHandle ? company : undefined;
	}

	/**
	 * The folders of a company's tree from `folderPath` (default: the root) down, parents before
	 * children, each as Scene7 sent it without its subfolderArray.
	 */
	async folderTree(companyHandle: string, folderPath?: string): Promise<IDataObject[]> {
		// depth -1 asks for the whole tree, as in the documentation's example.
		const result = await this.call('getFolderTree', { companyHandle, folderPath, depth: -1 });
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
	async companyFolders(companyHandle: string): Promise<FolderSummary[]> {
		const folders = await this.folderTree(companyHandle);
		return folders.map((folder) => ({ folderHandle: text(folder.folderHandle), path: text(folder.path) }));
	}

	/** The assets of a company with these handles, as Scene7 sent them; unknown handles are left out. */
	async assetsByHandle(companyHandle: string, assetHandles: string[]): Promise<IDataObject[]> {
		const result = await this.call('getAssets', { companyHandle, assetHandleArray: { items: assetHandles } });
		return itemsOf(result.assetArray);
	}

	/** One asset by handle, or undefined when Scene7 knows none (no result, or a fault naming the handle). */
	async assetIfExists(companyHandle: string, assetHandle: string): Promise<IDataObject | undefined> {
		try {
			const [asset] = await this.assetsByHandle(companyHandle, [assetHandle]);
			return asset;
		} catch (error) {
			const fault = ipsFaultOf(error);
			if (fault?.code === 30001 && fault.reason.includes(assetHandle)) return undefined;
			throw asNodeError(this.context.getNode(), error);
		}
	}

	/** The asset with this name in this folder, if any: how a creating call whose answer was lost is recovered. */
	async assetInFolder({ companyHandle, name, folderHandle, createdAfter, types }: AssetInFolderQuery): Promise<AssetSummary | undefined> {
		const assets = await this.assetsNamed(companyHandle, name, types);
		return assets.find(
			(asset) =>
				isInFolder(asset, folderHandle) &&
				(createdAfter === undefined || !asset.created || Date.parse(asset.created) >= createdAfter - CLOCK_SKEW_MS),
		);
	}

	/** Assets of a company with this name (Scene7 compares names without case), of the given types or any. */
	async assetsNamed(companyHandle: string, name: string, types?: string[]): Promise<AssetSummary[]> {
		const result = await this.call('getAssetsByName', {
			companyHandle,
			nameArray: { items: [name] },
			assetTypeArray: types ? { items: types } : undefined,
		});
		return itemsOf(result.assetArray).map(toAsset);
	}

	/** Which of these names are already used by assets of the company. */
	async namesInUse(companyHandle: string, names: string[]): Promise<string[]> {
		const result = await this.call('checkAssetNames', { companyHandle, assetNameArray: { items: names } });
		return itemsOf(result.inUseNameArray) as unknown as string[];
	}

	/** One page of assets outside the trash, as Scene7 sent them, and how many match in all. */
	async searchAssetsPage(search: AssetSearchPage): Promise<{ assets: IDataObject[]; totalRows: number }> {
		const conditions: IpsParam[] = [];
		if (search.nameContains) conditions.push({ field: 'Name', op: 'Contains', value: search.nameContains });
		// A date range is minDate and maxDate with op Between (Adobe's SystemFieldCondition page).
		if (search.createdBetween) {
			conditions.push({ field: 'Created', op: 'Between', minDate: search.createdBetween.from, maxDate: search.createdBetween.to });
		}
		// Key order is searchAssetsParam's xsd:sequence.
		const result = await this.call('searchAssets', {
			companyHandle: search.companyHandle,
			// Folder handles are paths, bare or with the f| prefix; the search takes the path.
			folder: search.folderHandle?.replace(/^f\|/, ''),
			includeSubfolders: search.includeSubfolders,
			trashState: 'NotInTrash',
			systemFieldMatchMode: conditions.length > 1 ? 'MatchAll' : undefined,
			systemFieldConditionArray: conditions.length > 0 ? { items: conditions } : undefined,
			assetTypeArray: search.assetTypes.length > 0 ? { items: search.assetTypes } : undefined,
			recordsPerPage: Math.min(Math.max(1, Math.floor(search.recordsPerPage)), MAX_SEARCH_PAGE_SIZE),
			resultsPage: search.resultsPage,
			sortBy: search.sortBy,
			sortDirection: search.sortDirection,
			responseFieldArray: search.responseFields ? { items: search.responseFields } : undefined,
		});
		return { assets: itemsOf(result.assetArray), totalRows: Number(result.totalRows ?? 0) || 0 };
	}

	/** One page (from 1) of a company's images whose names contain `filter`, sorted by name. */
	async searchImagesPage(
		companyHandle: string,
		filter: string,
		page: number,
	): Promise<{ assets: AssetSummary[]; totalRows: number }> {
		const result = await this.call('searchAssets', {
			companyHandle,
			includeSubfolders: true,
			trashState: 'NotInTrash',
			systemFieldConditionArray: filter ? { items: [{ field: 'Name', op: 'Contains', value: filter }] } : undefined,
			assetTypeArray: { items: ['Image'] },
			recordsPerPage: IMAGE_SEARCH_PAGE_SIZE,
			resultsPage: page,
			sortBy: 'Name',
			sortDirection: 'Ascending',
		});
		return { assets: itemsOf(result.assetArray).map(toAsset), totalRows: Number(result.totalRows ?? 0) || 0 };
	}
}
