import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callOptions, type CallSettings } from '../../helpers/callOptions';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { ExecutionScope } from '../../helpers/executionScope';
import { optionalText } from '../../helpers/input';
import { toFolderOutput } from '../../helpers/output';
import { folderTree } from '../../methods/lookups';
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
import { resolveCompany } from '../locators';

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
export async function execute(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as CallSettings;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { folderPath?: string };
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : Math.max(1, Number(this.getNodeParameter('limit', itemIndex, 50)) || 1);
	const folderPath = optionalText(this.getNode(), filters.folderPath, 'Folder Path', itemIndex).trim() || undefined;
	const call = callOptions(options, itemIndex, scope);
	const companyHandle = await resolveCompany.call(this, scope, itemIndex, call);

	// The whole tree in one call, flattened: parents come before their subfolders.
	const folders = await folderTree.call(this, companyHandle, call, folderPath);
	return folders.slice(0, limit).map((folder) => toFolderOutput(folder, companyHandle));
}
