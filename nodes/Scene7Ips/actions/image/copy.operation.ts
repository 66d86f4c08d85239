import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { updateDisplayOptions } from '../../helpers/displayOptions';
import { optionalText, requireHandle, requireText } from '../../helpers/input';
import { ipsRequest } from '../../transport';
import { assetRLC, companyRLC, folderRLC, HANDLE_HINTS } from '../common.descriptions';

const properties: INodeProperties[] = [
	companyRLC,
	assetRLC,
	folderRLC,
	{
		displayName: 'New Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Copy_macbookwin1',
		description: 'The name (IPS ID) of the new image; it must not be in use in the company',
	},
	{
		displayName: 'URL Modifier',
		name: 'urlModifier',
		type: 'string',
		default: '',
		placeholder: 'e.g. wid=800&hei=800&fmt=jpg',
		description:
			'Image Serving commands applied to make the copy, joined with &. Leave empty for an unchanged copy.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1000 },
				default: 120000,
				description: 'Milliseconds to wait for Scene7 before giving up on a call',
			},
		],
	},
];

const displayOptions = { show: { resource: ['image'], operation: ['copy'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface CopyOptions {
	timeout?: number;
}

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-copy-image.html
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const locator = { extractValue: true };
	const param = (name: string) => this.getNodeParameter(name, itemIndex, '', locator);

	// Key order is copyImageParam's xsd:sequence; the envelope writes elements in this order.
	const request = {
		companyHandle: requireHandle(node, param('companyHandle'), 'Company', 'company', itemIndex, HANDLE_HINTS.company),
		assetHandle: requireHandle(node, param('assetHandle'), 'Image', 'asset', itemIndex, HANDLE_HINTS.asset),
		folderHandle: requireHandle(node, param('folderHandle'), 'Folder', 'folder', itemIndex, HANDLE_HINTS.folder),
		name: requireText(node, param('name'), 'New Name', itemIndex, 'Names are unique within a company.'),
		// Always sent: the element is required, and may be empty.
		urlModifier: optionalText(node, param('urlModifier'), 'URL Modifier', itemIndex),
	};
	const options = this.getNodeParameter('options', itemIndex, {}) as CopyOptions;

	const result = await ipsRequest.call(this, 'copyImage', request, { itemIndex, timeout: options.timeout });
	const assetHandle = typeof result.assetHandle === 'string' ? result.assetHandle.trim() : '';
	if (!assetHandle) {
		throw new NodeApiError(node, { message: 'copyImageReturn without assetHandle' }, {
			message: "Scene7 answered the copy without the new image's handle",
			description: 'The copy may or may not exist. Search the folder for the new name before running the item again.',
			itemIndex,
		});
	}
	return {
		assetHandle,
		companyHandle: request.companyHandle,
		sourceAssetHandle: request.assetHandle,
		folderHandle: request.folderHandle,
		name: request.name,
		urlModifier: request.urlModifier,
	};
}
