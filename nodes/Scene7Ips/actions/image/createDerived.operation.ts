import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callOptions, type CallSettings } from '../../helpers/callOptions';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { requireReturnedHandle } from '../../helpers/output';
import type { ExecutionScope } from '../../helpers/executionScope';
import { optionalText, requireAssetName } from '../../helpers/input';
import { assetInFolder } from '../../methods/lookups';
import { ipsRequest } from '../../transport';
import {
	assetRLC,
	companyRLC,
	concurrencyOption,
	folderRLC,
	optionsCollection,
	RETRY_NOTES,
	retryOption,
	timeoutOption,
	validateUrlModifierOption,
} from '../common.descriptions';
import { resolveCompany, resolveFolder, resolveImage } from '../locators';
import { checkUrlModifier } from './urlModifier';

const properties: INodeProperties[] = [
	companyRLC,
	{ ...assetRLC, description: 'The image the new asset is derived from' },
	{ ...folderRLC, description: 'The folder the new asset goes into' },
	{
		displayName: 'New Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. macbookwin1_square',
		description: 'The name (IPS ID) of the new asset; it must not be in use in the company',
	},
	{
		displayName: 'Type',
		name: 'derivedType',
		type: 'options',
		options: [
			{
				name: 'Adjusted View',
				value: 'AdjustedView',
				description: 'An image that shows the original with the modifiers applied',
			},
			{
				name: 'Layer View',
				value: 'LayerView',
				description: 'An image to be used as a layer over others',
			},
		],
		default: 'AdjustedView',
		description: 'The type of the derived asset',
	},
	{
		displayName: 'URL Modifier',
		name: 'urlModifier',
		type: 'string',
		default: '',
		placeholder: 'e.g. crop=0,0,800,800',
		description: "Image Serving commands applied before the request's own commands",
	},
	{
		displayName: 'URL Post-Apply Modifier',
		name: 'urlPostApplyModifier',
		type: 'string',
		default: '',
		placeholder: 'e.g. fmt=jpg',
		description: "Image Serving commands applied after the request's own commands",
	},
	optionsCollection([
		concurrencyOption('creations'),
		retryOption(RETRY_NOTES.checked),
		timeoutOption,
		validateUrlModifierOption('creating the asset'),
	]),
];

const displayOptions = { show: { resource: ['image'], operation: ['createDerived'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface CreateDerivedOptions extends CallSettings {
	validateUrlModifier?: boolean;
}

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-create-derived-asset.html
export async function execute(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject> {
	const node = this.getNode();
	const options = this.getNodeParameter('options', itemIndex, {}) as CreateDerivedOptions;
	const name = requireAssetName(node, this.getNodeParameter('name', itemIndex, ''), 'New Name', itemIndex);
	const type = this.getNodeParameter('derivedType', itemIndex, 'AdjustedView') as string;
	const urlModifier = optionalText(node, this.getNodeParameter('urlModifier', itemIndex, ''), 'URL Modifier', itemIndex).trim();
	const urlPostApplyModifier = optionalText(
		node,
		this.getNodeParameter('urlPostApplyModifier', itemIndex, ''),
		'URL Post-Apply Modifier',
		itemIndex,
	).trim();
	if (options.validateUrlModifier !== false) {
		checkUrlModifier(node, urlModifier, 'URL Modifier', itemIndex);
		checkUrlModifier(node, urlPostApplyModifier, 'URL Post-Apply Modifier', itemIndex);
	}
	const call = callOptions(options, itemIndex, scope);
	const companyHandle = await resolveCompany.call(this, scope, itemIndex, call);
	const ownerHandle = await resolveImage.call(this, scope, itemIndex, call, companyHandle);
	const folderHandle = await resolveFolder.call(this, scope, itemIndex, call, companyHandle);

	const startedAt = Date.now();
	// Key order is createDerivedAssetParam's xsd:sequence; empty modifiers are left out.
	const request = {
		companyHandle,
		ownerHandle,
		folderHandle,
		name,
		type,
		urlModifier: urlModifier || undefined,
		urlPostApplyModifier: urlPostApplyModifier || undefined,
	};
	const result = await ipsRequest.call(this, 'createDerivedAsset', request, {
		...call,
		idempotent: false,
		// The answer was lost: the asset was made if one of this name and type is now in the folder.
		recover: async () => {
			const made = await assetInFolder.call(
				this,
				{ companyHandle, name, folderHandle, createdAfter: startedAt, types: [type] },
				call,
			);
			return made ? { assetHandle: made.assetHandle } : undefined;
		},
	});
	const assetHandle = requireReturnedHandle(node, result, {
		element: 'assetHandle',
		operation: 'createDerivedAsset',
		message: "Scene7 answered without the new asset's handle",
		description: 'The asset may or may not exist. Search the folder for the new name before running the item again.',
		itemIndex,
	});
	return { assetHandle, companyHandle, ownerHandle, folderHandle, name, type, urlModifier, urlPostApplyModifier };
}
