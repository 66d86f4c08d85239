import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	assetRLC,
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
	{ ...assetRLC, description: 'The image to rename' },
	{
		displayName: 'New Name',
		name: 'newName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. macbookwin1_2024',
		description: 'The new name (IPS ID) of the image; names are unique within a company',
	},
	optionsCollection([
		concurrencyOption('renames'),
		retryOption(RETRY_NOTES.checked),
		timeoutOption,
		{
			displayName: 'Validate Name',
			name: 'validateName',
			type: 'boolean',
			default: true,
			description: 'Whether Scene7 should refuse a name that another asset of the company already uses',
		},
	]),
];

const displayOptions = { show: { resource: ['image'], operation: ['rename'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-rename-asset.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const newName = item.assetName('newName', 'New Name');
	const companyHandle = await item.company();
	const assetHandle = await item.image(companyHandle);

	// Key order is renameAssetParam's xsd:sequence (2014-04-03 has no renameFiles).
	const request = { companyHandle, assetHandle, newName, validateName: item.options.validateName !== false };
	await item
		.call('renameAsset', request, {
			idempotent: false,
			// The answer was lost: the rename happened if the asset now has the new name.
			recover: async () => {
				const asset = await item.client.assetIfExists(companyHandle, assetHandle);
				return asset?.name === newName ? {} : undefined;
			},
		})
		.catch((error: unknown) => {
			throw item.nameError(error, 'New Name', newName);
		});
	return { assetHandle, companyHandle, name: newName };
}
