import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callOptions, type CallSettings } from '../../helpers/callOptions';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { requireReturnedHandle } from '../../helpers/output';
import type { ExecutionScope } from '../../helpers/executionScope';
import { requireText } from '../../helpers/input';
import { ipsRequest } from '../../transport';
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
import { resolveCompany, resolveImage } from '../locators';
import { checkUrlModifier } from './urlModifier';

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
		concurrencyOption('replacements'),
		retryOption(RETRY_NOTES.notRepeated),
		timeoutOption,
		validateUrlModifierOption('replacing'),
	]),
];

const displayOptions = { show: { resource: ['image'], operation: ['replace'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface ReplaceOptions extends CallSettings {
	validateUrlModifier?: boolean;
}

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-replace-image.html
export async function execute(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject> {
	const node = this.getNode();
	const options = this.getNodeParameter('options', itemIndex, {}) as ReplaceOptions;
	const urlModifier = requireText(
		node,
		this.getNodeParameter('urlModifier', itemIndex, ''),
		'URL Modifier',
		itemIndex,
		'Enter the Image Serving commands that make the replacement, e.g. wid=800&fmt=jpg.',
	);
	if (options.validateUrlModifier !== false) checkUrlModifier(node, urlModifier, 'URL Modifier', itemIndex);
	const call = callOptions(options, itemIndex, scope);
	const companyHandle = await resolveCompany.call(this, scope, itemIndex, call);
	const assetHandle = await resolveImage.call(this, scope, itemIndex, call, companyHandle);

	// Key order is replaceImageParam's xsd:sequence. Whether a replacement ran cannot be told
	// afterwards, so one whose answer was lost is reported rather than sent again.
	const result = await ipsRequest.call(this, 'replaceImage', { companyHandle, assetHandle, urlModifier }, { ...call, idempotent: false });
	const replaced = requireReturnedHandle(node, result, {
		element: 'assetHandle',
		operation: 'replaceImage',
		message: "Scene7 answered the replacement without the image's handle",
		description: 'The image may or may not have been replaced. Check it in Scene7 before running the item again.',
		itemIndex,
	});
	return { assetHandle: replaced, companyHandle, urlModifier };
}
