import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isInFolder } from '../../client/lookups';
import {
	assetRLC,
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
	{ ...assetRLC, description: 'The image to move' },
	{ ...folderRLC, description: 'The folder the image goes into' },
	optionsCollection([concurrencyOption('moves'), retryOption(RETRY_NOTES.checked), timeoutOption]),
];

const displayOptions = { show: { resource: ['image'], operation: ['move'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-move-asset.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const companyHandle = await item.company();
	const assetHandle = await item.image(companyHandle);
	const folderHandle = await item.folder(companyHandle);

	// Key order is moveAssetParam's xsd:sequence.
	await item.call('moveAsset', { companyHandle, assetHandle, folderHandle }, {
		idempotent: false,
		// The answer was lost: the move happened if the asset is now in the folder.
		recover: async () => {
			const asset = await item.client.assetIfExists(companyHandle, assetHandle);
			return asset && isInFolder(asset, folderHandle) ? {} : undefined;
		},
	});
	return { assetHandle, companyHandle, folderHandle };
}
