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
	validateUrlModifierOption,
} from '../common.descriptions';
import { blockUnknownCommandsOption, checkItemModifiers, urlModifierWarningsField } from './urlModifier';
import type { ItemContext } from '../item';

const properties: INodeProperties[] = [
	companyRLC,
	{ ...assetRLC, description: 'The image whose URL modifiers to set' },
	{
		displayName: 'URL Modifier',
		name: 'urlModifier',
		type: 'string',
		default: '',
		placeholder: 'e.g. op_sharpen=1',
		description: "Image Serving commands applied before the request's own commands. Empty clears it.",
	},
	{
		displayName: 'URL Post-Apply Modifier',
		name: 'urlPostApplyModifier',
		type: 'string',
		default: '',
		placeholder: 'e.g. fmt=jpg&qlt=85',
		description: "Image Serving commands applied after the request's own commands. Empty clears it.",
	},
	optionsCollection([
		blockUnknownCommandsOption,
		concurrencyOption('updates'),
		retryOption(RETRY_NOTES.repeatable),
		timeoutOption,
		validateUrlModifierOption('setting it'),
	]),
];

const displayOptions = { show: { resource: ['image'], operation: ['setUrlModifier'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-set-url-modifier.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const urlModifier = item.optionalText('urlModifier', 'URL Modifier').trim();
	const urlPostApplyModifier = item.optionalText('urlPostApplyModifier', 'URL Post-Apply Modifier').trim();
	const warnings = checkItemModifiers(item.node, item.index, item.options, [
		[urlModifier, 'URL Modifier'],
		[urlPostApplyModifier, 'URL Post-Apply Modifier'],
	]);
	const companyHandle = await item.company();
	const assetHandle = await item.image(companyHandle);

	// Key order is setUrlModifierParam's xsd:sequence. Both are always sent, so the image ends up
	// with exactly these modifiers ('' clears one).
	await item.call('setUrlModifier', { companyHandle, assetHandle, urlModifier, urlPostApplyModifier });
	return { assetHandle, companyHandle, urlModifier, urlPostApplyModifier, ...urlModifierWarningsField(warnings) };
}
