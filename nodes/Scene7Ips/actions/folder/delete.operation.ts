import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isInFolder } from '../../client/lookups';
import {
	companyRLC,
	concurrencyOption,
	folderRLC,
	optionsCollection,
	RETRY_NOTES,
	retryOption,
	timeoutOption,
} from '../common.descriptions';
import type { ItemContext } from '../item';

const properties: INodeProperties[] = [
	companyRLC,
	{ ...folderRLC, description: 'The folder to delete, with its subfolders and every asset in them' },
	optionsCollection([concurrencyOption('deletions'), retryOption(RETRY_NOTES.checked), timeoutOption]),
];

const displayOptions = { show: { resource: ['folder'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-delete-folder.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const companyHandle = await item.company();
	const folderHandle = await item.folder(companyHandle);

	// Key order is deleteFolderParam's xsd:sequence.
	await item.call('deleteFolder', { companyHandle, folderHandle }, {
		idempotent: false,
		// The answer was lost: the delete happened if the company no longer has the folder.
		recover: async () => {
			const folders = await item.client.companyFolders(companyHandle);
			const exists = folders.some((folder) => isInFolder({ folderHandle: folder.folderHandle, folder: folder.path }, folderHandle));
			return exists ? undefined : {};
		},
	});
	return { deleted: true };
}
