import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireReturnedHandle } from '../../helpers/output';
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
	{ ...assetRLC, description: 'The image to replace' },
	{
		displayName: 'URL Modifier',
		name: 'urlModifier',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. wid=800&hei=800&fmt=jpg',
		description: 'Image Serving commands, joined with &, that Scene7 applies to the image to make its replacement',
	},
	optionsCollection([
		blockUnknownCommandsOption,
		concurrencyOption('replacements'),
		retryOption(RETRY_NOTES.notRepeated),
		timeoutOption,
		validateUrlModifierOption('replacing'),
	]),
];

const displayOptions = { show: { resource: ['image'], operation: ['replace'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-replace-image.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const urlModifier = item.text(
		'urlModifier',
		'URL Modifier',
		'Enter the Image Serving commands that make the replacement, e.g. wid=800&fmt=jpg.',
	);
	const warnings = checkItemModifiers(item.node, item.index, item.options, [[urlModifier, 'URL Modifier']]);
	const companyHandle = await item.company();
	const assetHandle = await item.image(companyHandle);

	// Key order is replaceImageParam's xsd:sequence. Whether a replacement ran cannot be told
	// afterwards, so one whose answer was lost is reported rather than sent again.
	const result = await item.call('replaceImage', { companyHandle, assetHandle, urlModifier }, { idempotent: false });
	const replaced = requireReturnedHandle(item.node, result, {
		element: 'assetHandle',
		operation: 'replaceImage',
		message: "Scene7 answered the replacement without the image's handle",
		description: 'The image may or may not have been replaced. Check it in Scene7 before running the item again.',
		itemIndex: item.index,
	});
	return { assetHandle: replaced, companyHandle, urlModifier, ...urlModifierWarningsField(warnings) };
}
