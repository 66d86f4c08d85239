import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toAssetOutput } from '../../helpers/output';
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
import { includeImageUrlOption, withImageUrls } from './imageUrlOutput';

const properties: INodeProperties[] = [
	companyRLC,
	{ ...assetRLC, description: 'The image to get' },
	optionsCollection([concurrencyOption('lookups'), includeImageUrlOption, retryOption(RETRY_NOTES.read), timeoutOption]),
];

const displayOptions = { show: { resource: ['image'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-get-assets.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const companyHandle = await item.company();
	const assetHandle = await item.image(companyHandle);
	const [asset] = await item.client.assetsByHandle(companyHandle, [assetHandle]);
	if (!asset) {
		throw item.error(
			`No asset has the handle '${assetHandle}' in company ${companyHandle}`,
			'Scene7 returned nothing for this handle: check that the asset exists and belongs to the company.',
		);
	}
	const [output] = await withImageUrls(item, companyHandle, [toAssetOutput(asset, companyHandle)]);
	return output;
}
