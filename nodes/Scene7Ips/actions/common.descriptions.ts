import type { INodeProperties } from 'n8n-workflow';

// Resource locators for the objects every operation works on. Their `name`s and mode names are
// part of the public interface: saved workflows store them.

export const companyRLC: INodeProperties = {
	displayName: 'Company',
	name: 'companyHandle',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The company that owns the assets',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCompanies', searchable: true },
		},
		{
			displayName: 'By Handle',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. c|6',
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. ApiTestCo',
		},
	],
};

export const assetRLC: INodeProperties = {
	displayName: 'Image',
	name: 'assetHandle',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The image asset to copy',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchImages', searchable: true },
		},
		{
			displayName: 'By Handle',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. a|739|1|537',
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. macbookwin1',
		},
	],
};

export const folderRLC: INodeProperties = {
	displayName: 'Folder',
	name: 'folderHandle',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The folder the new image goes into',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchFolders', searchable: true },
		},
		{
			displayName: 'By Handle',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. ApiTestCo/',
		},
		{
			displayName: 'By Path',
			name: 'path',
			type: 'string',
			placeholder: 'e.g. ApiTestCo/summer/ or summer/',
		},
	],
};

export const HANDLE_HINTS = {
	company: 'A company handle looks like c|6.',
	asset: 'An asset handle looks like a|739|1|537.',
	folder: 'A folder handle looks like ApiTestCo/ or f|ApiTestCo/summer/.',
};

/** The most calls one execution keeps in flight (Options > Concurrency). */
export const MAX_CONCURRENCY = 32;
