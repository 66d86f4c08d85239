import type { INodeProperties } from 'n8n-workflow';

// Resource locators for the objects every operation works on. Their `name`s and mode names are
// part of the public interface: saved workflows store them.

export const companyRLC: INodeProperties = {
	displayName: 'Company',
	name: 'companyHandle',
	type: 'resourceLocator',
	default: { mode: 'id', value: '' },
	required: true,
	description: 'The company that owns the assets',
	modes: [
		{
			displayName: 'By Handle',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. c|6',
		},
	],
};

export const assetRLC: INodeProperties = {
	displayName: 'Image',
	name: 'assetHandle',
	type: 'resourceLocator',
	default: { mode: 'id', value: '' },
	required: true,
	description: 'The image asset to copy',
	modes: [
		{
			displayName: 'By Handle',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. a|739|1|537',
		},
	],
};

export const folderRLC: INodeProperties = {
	displayName: 'Folder',
	name: 'folderHandle',
	type: 'resourceLocator',
	default: { mode: 'id', value: '' },
	required: true,
	description: 'The folder the new image goes into',
	modes: [
		{
			displayName: 'By Handle',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. ApiTestCo/',
		},
	],
};

export const HANDLE_HINTS = {
	company: 'A company handle looks like c|6.',
	asset: 'An asset handle looks like a|739|1|537.',
	folder: 'A folder handle looks like ApiTestCo/ or f|ApiTestCo/summer/.',
};
