import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { ExecutionScope } from '../../helpers/executionScope';
import {
	buildUrlModifier,
	joinUrlModifiers,
	type ModifierBuilderFields,
	validateUrlModifier,
} from '../../helpers/imageServing';
import { optionalText, requireText } from '../../helpers/input';
import { ipsRequest } from '../../transport';
import { assetRLC, companyRLC, folderRLC } from '../common.descriptions';
import { resolveCompany, resolveFolder, resolveImage } from '../locators';
import { modifierBuilder } from './modifierBuilder.description';

const properties: INodeProperties[] = [
	companyRLC,
	assetRLC,
	folderRLC,
	{
		displayName: 'New Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Copy_macbookwin1',
		description: 'The name (IPS ID) of the new image; it must not be in use in the company',
	},
	{
		displayName: 'URL Modifier',
		name: 'urlModifier',
		type: 'string',
		default: '',
		placeholder: 'e.g. wid=800&hei=800&fmt=jpg',
		description:
			'Image Serving commands applied to make the copy, joined with &. Leave empty for an unchanged copy.',
	},
	modifierBuilder,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1000 },
				default: 120000,
				description: 'Milliseconds to wait for Scene7 before giving up on a call',
			},
			{
				displayName: 'Validate URL Modifier',
				name: 'validateUrlModifier',
				type: 'boolean',
				default: true,
				description:
					'Whether to check the URL Modifier against the Image Serving syntax before copying. Turn off to send commands this check does not know.',
			},
		],
	},
];

const displayOptions = { show: { resource: ['image'], operation: ['copy'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface CopyOptions {
	timeout?: number;
	validateUrlModifier?: boolean;
}

/** The URL Modifier field plus what the Modifier Builder composes, checked unless turned off. */
function composeUrlModifier(context: IExecuteFunctions, itemIndex: number, validate: boolean) {
	const typed = optionalText(context.getNode(), context.getNodeParameter('urlModifier', itemIndex, ''), 'URL Modifier', itemIndex);
	const fields = context.getNodeParameter('modifierBuilder.commands', itemIndex, {}) as IDataObject;
	// The editor stores every field with its default; 0, '' and false mean "not set".
	const setFields = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== 0 && value !== '' && value !== false));
	const built = buildUrlModifier(setFields as ModifierBuilderFields);
	const urlModifier = joinUrlModifiers(typed, built);
	if (validate) {
		const issues = validateUrlModifier(urlModifier);
		if (issues.length > 0) {
			throw new NodeOperationError(
				context.getNode(),
				`URL Modifier is not valid Image Serving syntax: ${issues[0].message} [item ${itemIndex}]`,
				{
					description:
						`${issues.map((issue) => issue.message).join(' ')} ` +
						'Fix the command, or turn off Options > Validate URL Modifier to send commands this check does not know.',
					itemIndex,
				},
			);
		}
	}
	return { urlModifier, built };
}

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-copy-image.html
export async function execute(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject> {
	const node = this.getNode();
	const options = this.getNodeParameter('options', itemIndex, {}) as CopyOptions;
	// Everything that needs no request is checked first, so a bad row costs no lookup.
	const name = requireText(node, this.getNodeParameter('name', itemIndex, ''), 'New Name', itemIndex, 'Names are unique within a company.');
	const { urlModifier, built } = composeUrlModifier(this, itemIndex, options.validateUrlModifier !== false);

	const companyHandle = await resolveCompany.call(this, scope, itemIndex);
	const sourceAssetHandle = await resolveImage.call(this, scope, itemIndex, companyHandle);
	const folderHandle = await resolveFolder.call(this, scope, itemIndex, companyHandle);

	// Key order is copyImageParam's xsd:sequence; urlModifier is required and may be empty.
	const request = { companyHandle, assetHandle: sourceAssetHandle, folderHandle, name, urlModifier };
	const result = await ipsRequest.call(this, 'copyImage', request, { itemIndex, timeout: options.timeout });
	const assetHandle = typeof result.assetHandle === 'string' ? result.assetHandle.trim() : '';
	if (!assetHandle) {
		throw new NodeApiError(node, { message: 'copyImageReturn without assetHandle' }, {
			message: "Scene7 answered the copy without the new image's handle",
			description: 'The copy may or may not exist. Search the folder for the new name before running the item again.',
			itemIndex,
		});
	}
	return {
		assetHandle,
		companyHandle,
		sourceAssetHandle,
		folderHandle,
		name,
		urlModifier,
		...(built ? { builtUrlModifier: built } : {}),
	};
}
