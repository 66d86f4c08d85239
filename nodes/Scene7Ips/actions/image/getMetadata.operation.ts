import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { assetMetadata } from '../../client/metadata';
import { namedMetadata } from '../../helpers/metadataValues';
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
	{ ...assetRLC, description: 'The image whose metadata to get' },
	optionsCollection([concurrencyOption('lookups'), retryOption(RETRY_NOTES.read), timeoutOption]),
];

const displayOptions = { show: { resource: ['image'], operation: ['getMetadata'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// Metadata comes back on Asset.metadataArray from getAssets with responseFieldArray (ips-api.md §10).
// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-get-assets.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const companyHandle = await item.company();
	const assetHandle = await item.image(companyHandle);
	// One after the other, so an item never has two calls in flight (the fields are looked up once anyway).
	const fields = await item.metadataFields(companyHandle);
	const found = await assetMetadata(item.client, companyHandle, assetHandle);
	if (!found) {
		throw item.error(
			`No asset has the handle '${assetHandle}' in company ${companyHandle}`,
			'Scene7 returned nothing for this handle: check that the asset exists and belongs to the company.',
		);
	}
	const metadataFields = namedMetadata(found.values, fields);
	return {
		assetHandle: found.asset.assetHandle ?? assetHandle,
		companyHandle,
		name: found.asset.name ?? '',
		metadata: Object.fromEntries(metadataFields.map((field) => [field.name, field.value])),
		metadataFields: metadataFields as unknown as IDataObject[],
	};
}
