import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callOptions, type CallSettings } from '../../helpers/callOptions';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { ExecutionScope } from '../../helpers/executionScope';
import { requireAssetName } from '../../helpers/input';
import { assetIfExists } from '../../methods/lookups';
import { ipsRequest } from '../../transport';
import {
	assetRLC,
	companyRLC,
	concurrencyOption,
	optionsCollection,
	RETRY_NOTES,
	retryOption,
	timeoutOption,
} from '../common.descriptions';
import { resolveCompany, resolveImage } from '../locators';

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

interface RenameOptions extends CallSettings {
	validateName?: boolean;
}

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-rename-asset.html
export async function execute(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as RenameOptions;
	const newName = requireAssetName(this.getNode(), this.getNodeParameter('newName', itemIndex, ''), 'New Name', itemIndex);
	const call = callOptions(options, itemIndex, scope);
	const companyHandle = await resolveCompany.call(this, scope, itemIndex, call);
	const assetHandle = await resolveImage.call(this, scope, itemIndex, call, companyHandle);

	// Key order is renameAssetParam's xsd:sequence (2014-04-03 has no renameFiles).
	const request = { companyHandle, assetHandle, newName, validateName: options.validateName !== false };
	await ipsRequest.call(this, 'renameAsset', request, {
		...call,
		idempotent: false,
		// The answer was lost: the rename happened if the asset now has the new name.
		recover: async () => {
			const asset = await assetIfExists.call(this, companyHandle, assetHandle, call);
			return asset?.name === newName ? {} : undefined;
		},
	});
	return { assetHandle, companyHandle, name: newName };
}
