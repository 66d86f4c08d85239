import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callOptions, type CallSettings } from '../../helpers/callOptions';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { requireReturnedHandle } from '../../helpers/output';
import type { ExecutionScope } from '../../helpers/executionScope';
import { requireText } from '../../helpers/input';
import { companyFolders, folderAtPath } from '../../methods/lookups';
import { ipsRequest } from '../../transport';
import {
	companyRLC,
	concurrencyOption,
	optionsCollection,
	RETRY_NOTES,
	retryOption,
	timeoutOption,
} from '../common.descriptions';
import { resolveCompany } from '../locators';

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
export async function execute(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject> {
	const node = this.getNode();
	const options = this.getNodeParameter('options', itemIndex, {}) as CallSettings;
	const folderPath = requireText(
		node,
		this.getNodeParameter('folderPath', itemIndex, ''),
		'Folder Path',
		itemIndex,
		'Enter a path such as summer/2024/.',
	);
	const call = callOptions(options, itemIndex, scope);
	const companyHandle = await resolveCompany.call(this, scope, itemIndex, call);

	// Key order is createFolderParam's xsd:sequence.
	const result = await ipsRequest.call(this, 'createFolder', { companyHandle, folderPath }, {
		...call,
		idempotent: false,
		// The answer was lost: the folder was made if the company now has one with this path.
		recover: async () => {
			const made = folderAtPath(await companyFolders.call(this, companyHandle, call), folderPath);
			return made ? { folderHandle: made.folderHandle } : undefined;
		},
	});
	const folderHandle = requireReturnedHandle(node, result, {
		element: 'folderHandle',
		operation: 'createFolder',
		message: "Scene7 answered without the new folder's handle",
		description: 'The folder may or may not exist. Check the folder list before running the item again.',
		itemIndex,
	});
	return { folderHandle, companyHandle, folderPath };
}
