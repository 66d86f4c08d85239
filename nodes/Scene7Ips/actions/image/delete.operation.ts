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
	{ ...assetRLC, description: 'The image to delete' },
	optionsCollection([concurrencyOption('deletions'), retryOption(RETRY_NOTES.checked), timeoutOption]),
];

const displayOptions = { show: { resource: ['image'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-delete-asset.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const companyHandle = await item.company();
	const assetHandle = await item.image(companyHandle);

	// Key order is deleteAssetParam's xsd:sequence.
	await item.call('deleteAsset', { companyHandle, assetHandle }, {
		idempotent: false,
		// The answer was lost: the delete happened if the asset is gone or in the trash.
		recover: async () => {
			const asset = await item.client.assetIfExists(companyHandle, assetHandle);
			return !asset || (asset.trashState !== undefined && asset.trashState !== 'NotInTrash') ? {} : undefined;
		},
	});
	return { deleted: true };
}
