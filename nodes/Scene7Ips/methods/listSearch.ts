import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeParameterResourceLocator,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { IMAGE_SEARCH_PAGE_SIZE, Scene7Client } from '../client/lookups';
import { metadataFieldsOf } from '../client/metadata';

/** Small lists are filtered on the client, case-insensitively, and sorted by name. */
function filterAndSort(results: INodeListSearchItems[], filter?: string): INodeListSearchItems[] {
	const needle = filter?.trim().toLowerCase();
	return results
		.filter((result) => !needle || result.name.toLowerCase().includes(needle))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The company chosen in the node, whichever mode it was given in. */
async function currentCompanyHandle(context: ILoadOptionsFunctions, client: Scene7Client): Promise<string> {
	const locator = context.getCurrentNodeParameter('companyHandle') as INodeParameterResourceLocator | undefined;
	const value = typeof locator?.value === 'string' ? locator.value.trim() : '';
	if (!value) {
		throw new NodeOperationError(context.getNode(), 'Choose a company first', {
			description: 'The list shows the folders and images of the company chosen in the Company field.',
		});
	}
	if (locator?.mode !== 'name') return value;
	const company = await client.companyByName(value);
	if (!company) throw new NodeOperationError(context.getNode(), `No Scene7 company is named '${value}'`);
	return company.companyHandle;
}

export async function searchCompanies(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const companies = await new Scene7Client(this).companyMemberships();
	const results = companies.map((company) => ({ name: company.name || company.companyHandle, value: company.companyHandle }));
	return { results: filterAndSort(results, filter) };
}

export async function searchFolders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = new Scene7Client(this);
	const folders = await client.companyFolders(await currentCompanyHandle(this, client));
	// Paths sort parents before their subfolders, which reads like a tree.
	const results = folders.map((folder) => ({ name: folder.path, value: folder.folderHandle }));
	return { results: filterAndSort(results, filter) };
}

export async function searchImages(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = new Scene7Client(this);
	const page = Number(paginationToken) || 1;
	const companyHandle = await currentCompanyHandle(this, client);
	const { assets, totalRows } = await client.searchImagesPage(companyHandle, filter?.trim() ?? '', page);
	return {
		results: assets.map((asset) => ({
			name: asset.folder ? `${asset.name} (${asset.folder})` : asset.name,
			value: asset.assetHandle,
		})),
		paginationToken: page * IMAGE_SEARCH_PAGE_SIZE < totalRows ? String(page + 1) : undefined,
	};
}

/** The company's metadata fields for images, as `name (type)` with the field handle as value. */
export async function searchMetadataFields(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = new Scene7Client(this);
	const fields = await metadataFieldsOf(client, await currentCompanyHandle(this, client), 'Image');
	const results = fields.map((field) => ({
		name: `${field.name || field.fieldHandle}${field.type ? ` (${field.type})` : ''}`,
		value: field.fieldHandle,
	}));
	return { results: filterAndSort(results, filter) };
}
