import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { folderAtPath } from '../../client/lookups';
import { requireReturnedHandle } from '../../helpers/output';
import {
	companyRLC,
	concurrencyOption,
	optionsCollection,
	RETRY_NOTES,
	retryOption,
	timeoutOption,
} from '../common.descriptions';
import type { ItemContext } from '../item';

const properties: INodeProperties[] = [
	companyRLC,
	{
		displayName: 'Folder Path',
		name: 'folderPath',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. summer/2024/ or ApiTestCo/summer/2024/',
		description: "The path of the new folder, from the company's root folder (which may be left out). Its parent must exist.",
	},
	optionsCollection([concurrencyOption('creations'), retryOption(RETRY_NOTES.checked), timeoutOption]),
];

const displayOptions = { show: { resource: ['folder'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-create-folder.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const folderPath = item.text('folderPath', 'Folder Path', 'Enter a path such as summer/2024/.');
	const companyHandle = await item.company();

	// Key order is createFolderParam's xsd:sequence.
	const result = await item.call('createFolder', { companyHandle, folderPath }, {
		idempotent: false,
		// The answer was lost: the folder was made if the company now has one with this path.
		recover: async () => {
			const made = folderAtPath(await item.client.companyFolders(companyHandle), folderPath);
			return made ? { folderHandle: made.folderHandle } : undefined;
		},
	});
	const folderHandle = requireReturnedHandle(item.node, result, {
		element: 'folderHandle',
		operation: 'createFolder',
		message: "Scene7 answered without the new folder's handle",
		description: 'The folder may or may not exist. Check the folder list before running the item again.',
		itemIndex: item.index,
	});
	return { folderHandle, companyHandle, folderPath };
}
