import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callOptions, type CallSettings } from '../../helpers/callOptions';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { ExecutionScope } from '../../helpers/executionScope';
import { companyFolders, isInFolder } from '../../methods/lookups';
import { ipsRequest } from '../../transport';
import {
	companyRLC,
	concurrencyOption,
	folderRLC,
	optionsCollection,
	RETRY_NOTES,
	retryOption,
	timeoutOption,
} from '../common.descriptions';
import { resolveCompany, resolveFolder } from '../locators';

const properties: INodeProperties[] = [
	companyRLC,
	{ ...folderRLC, description: 'The folder to delete, with its subfolders and every asset in them' },
	optionsCollection([concurrencyOption('deletions'), retryOption(RETRY_NOTES.checked), timeoutOption]),
];

const displayOptions = { show: { resource: ['folder'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-delete-folder.html
export async function execute(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as CallSettings;
	const call = callOptions(options, itemIndex, scope);
	const companyHandle = await resolveCompany.call(this, scope, itemIndex, call);
	const folderHandle = await resolveFolder.call(this, scope, itemIndex, call, companyHandle);

	// Key order is deleteFolderParam's xsd:sequence.
	await ipsRequest.call(this, 'deleteFolder', { companyHandle, folderHandle }, {
		...call,
		idempotent: false,
		// The answer was lost: the delete happened if the company no longer has the folder.
		recover: async () => {
			const folders = await companyFolders.call(this, companyHandle, call);
			const exists = folders.some((folder) => isInFolder({ folderHandle: folder.folderHandle, folder: folder.path }, folderHandle));
			return exists ? undefined : {};
		},
	});
	return { deleted: true };
}
