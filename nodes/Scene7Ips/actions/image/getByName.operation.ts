import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callOptions, type CallSettings } from '../../helpers/callOptions';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { ExecutionScope } from '../../helpers/executionScope';
import { requireText } from '../../helpers/input';
import { toAssetOutput } from '../../helpers/output';
import { itemsOf } from '../../methods/lookups';
import { ipsRequest } from '../../transport';
import {
	assetTypesFilter,
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
	optionsCollection([concurrencyOption('lookups'), retryOption(RETRY_NOTES.read), timeoutOption]),
];

const displayOptions = { show: { resource: ['image'], operation: ['getByName'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const HINT = 'Enter the asset name as Scene7 shows it.';

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-get-assets-by-name.html
export async function execute(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject[]> {
	const node = this.getNode();
	const options = this.getNodeParameter('options', itemIndex, {}) as CallSettings;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { assetTypes?: string[] };
	const value = this.getNodeParameter('assetName', itemIndex, '') as unknown;
	const names = Array.isArray(value)
		? value.map((name, index) => requireText(node, name, `Name ${index + 1}`, itemIndex, HINT))
		: [requireText(node, value, 'Name', itemIndex, HINT)];
	if (names.length === 0) requireText(node, '', 'Name', itemIndex, HINT);
	const call = callOptions(options, itemIndex, scope);

	const companyHandle = await resolveCompany.call(this, scope, itemIndex, call);
	const assetTypes = filters.assetTypes ?? ['Image'];
	// Key order is getAssetsByNameParam's xsd:sequence.
	const result = await ipsRequest.call(
		this,
		'getAssetsByName',
		{
			companyHandle,
			nameArray: { items: names },
			assetTypeArray: assetTypes.length > 0 ? { items: assetTypes } : undefined,
		},
		call,
	);
	return itemsOf(result.assetArray).map((asset) => toAssetOutput(asset, companyHandle));
}
