import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireReturnedHandle } from '../../helpers/output';
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
import { blockUnknownCommandsOption, checkItemModifiers, urlModifierWarningsField } from './urlModifier';
import type { ItemContext } from '../item';

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
		blockUnknownCommandsOption,
		concurrencyOption('creations'),
		retryOption(RETRY_NOTES.checked),
		timeoutOption,
		validateUrlModifierOption('creating the asset'),
	]),
];

const displayOptions = { show: { resource: ['image'], operation: ['createDerived'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-create-derived-asset.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const name = item.assetName('name', 'New Name');
	const type = item.param('derivedType', 'AdjustedView');
	const urlModifier = item.optionalText('urlModifier', 'URL Modifier').trim();
	const urlPostApplyModifier = item.optionalText('urlPostApplyModifier', 'URL Post-Apply Modifier').trim();
	const warnings = checkItemModifiers(item.node, item.index, item.options, [
		[urlModifier, 'URL Modifier'],
		[urlPostApplyModifier, 'URL Post-Apply Modifier'],
	]);
	const companyHandle = await item.company();
	const ownerHandle = await item.image(companyHandle);
	const folderHandle = await item.folder(companyHandle);

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
	const result = await item
		.call('createDerivedAsset', request, {
			idempotent: false,
			// The answer was lost: the asset was made if one of this name and type is now in the folder.
			recover: async () => {
				const made = await item.client.assetInFolder({ companyHandle, name, folderHandle, createdAfter: startedAt, types: [type] });
				return made ? { assetHandle: made.assetHandle } : undefined;
			},
		})
		.catch((error: unknown) => {
			throw item.nameError(error, 'New Name', name);
		});
	const assetHandle = requireReturnedHandle(item.node, result, {
		element: 'assetHandle',
		operation: 'createDerivedAsset',
		message: "Scene7 answered without the new asset's handle",
		description: 'The asset may or may not exist. Search the folder for the new name before running the item again.',
		itemIndex: item.index,
	});
	return { assetHandle, companyHandle, ownerHandle, folderHandle, name, type, urlModifier, urlPostApplyModifier, ...urlModifierWarningsField(warnings) };
}
