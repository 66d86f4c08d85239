import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { itemsOf } from '../../client/lookups';
import { requireText } from '../../helpers/input';
import { toAssetOutput } from '../../helpers/output';
import {
	assetTypesFilter,
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
	{
		displayName: 'Name',
		name: 'assetName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. macbookwin1',
		description:
			'The name (IPS ID) of the asset. Scene7 ignores case. Map a list to look up several names at once.',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [assetTypesFilter],
	},
	optionsCollection([concurrencyOption('lookups'), includeImageUrlOption, retryOption(RETRY_NOTES.read), timeoutOption]),
];

const displayOptions = { show: { resource: ['image'], operation: ['getByName'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const HINT = 'Enter the asset name as Scene7 shows it.';

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-get-assets-by-name.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const filters = item.param<{ assetTypes?: string[] }>('filters', {});
	const value = item.param<unknown>('assetName', '');
	const names = Array.isArray(value)
		? value.map((name, index) => requireText(item.node, name, `Name ${index + 1}`, item.index, HINT))
		: [requireText(item.node, value, 'Name', item.index, HINT)];
	if (names.length === 0) requireText(item.node, '', 'Name', item.index, HINT);

	const companyHandle = await item.company();
	const assetTypes = filters.assetTypes ?? ['Image'];
	// Key order is getAssetsByNameParam's xsd:sequence.
	const result = await item.call('getAssetsByName', {
		companyHandle,
		nameArray: { items: names },
		assetTypeArray: assetTypes.length > 0 ? { items: assetTypes } : undefined,
	});
	const outputs = itemsOf(result.assetArray).map((asset) => toAssetOutput(asset, companyHandle));
	return await withImageUrls(item, companyHandle, outputs);
}
