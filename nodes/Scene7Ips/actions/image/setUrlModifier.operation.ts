import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callOptions, type CallSettings } from '../../helpers/callOptions';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { ExecutionScope } from '../../helpers/executionScope';
import { optionalText } from '../../helpers/input';
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
		concurrencyOption('updates'),
		retryOption(RETRY_NOTES.repeatable),
		timeoutOption,
		validateUrlModifierOption('setting it'),
	]),
];

const displayOptions = { show: { resource: ['image'], operation: ['setUrlModifier'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface SetUrlModifierOptions extends CallSettings {
	validateUrlModifier?: boolean;
}

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-set-url-modifier.html
export async function execute(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject> {
	const node = this.getNode();
	const options = this.getNodeParameter('options', itemIndex, {}) as SetUrlModifierOptions;
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
	const assetHandle = await resolveImage.call(this, scope, itemIndex, call, companyHandle);

	// Key order is setUrlModifierParam's xsd:sequence. Both are always sent, so the image ends up
	// with exactly these modifiers ('' clears one).
	await ipsRequest.call(this, 'setUrlModifier', { companyHandle, assetHandle, urlModifier, urlPostApplyModifier }, call);
	return { assetHandle, companyHandle, urlModifier, urlPostApplyModifier };
}
