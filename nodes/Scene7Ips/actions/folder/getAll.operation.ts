import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionalText } from '../../helpers/input';
import { toFolderOutput } from '../../helpers/output';
import {
	companyRLC,
	concurrencyOption,
	limitField,
	optionsCollection,
	RETRY_NOTES,
	retryOption,
	returnAllField,
	timeoutOption,
} from '../common.descriptions';
import type { ItemContext } from '../item';

const properties: INodeProperties[] = [
	companyRLC,
	returnAllField,
	limitField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Folder Path',
				name: 'folderPath',
				type: 'string',
				default: '',
				placeholder: 'e.g. summer/',
				description: "Only return this folder and the folders below it. The company's root folder may be left out of the path.",
			},
		],
	},
	optionsCollection([concurrencyOption('lookups'), retryOption(RETRY_NOTES.read), timeoutOption]),
];

const displayOptions = { show: { resource: ['folder'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-get-folder-tree.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const filters = item.param<{ folderPath?: string }>('filters', {});
	const limit = item.param('returnAll', false) ? Infinity : Math.max(1, Number(item.param('limit', 50)) || 1);
	const folderPath = optionalText(item.node, filters.folderPath, 'Folder Path', item.index).trim() || undefined;
	const companyHandle = await item.company();

	// The whole tree in one call, flattened: parents come before their subfolders.
	const folders = await item.client.folderTree(companyHandle, folderPath);
	return folders.slice(0, limit).map((folder) => toFolderOutput(folder, companyHandle));
}
