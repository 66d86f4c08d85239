import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callOptions, type CallSettings } from '../../helpers/callOptions';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { ExecutionScope } from '../../helpers/executionScope';
import { assetIfExists, isInFolder } from '../../methods/lookups';
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
} from '../common.descriptions';
import { resolveCompany, resolveFolder, resolveImage } from '../locators';

const properties: INodeProperties[] = [
	companyRLC,
	{ ...assetRLC, description: 'The image to move' },
	{ ...folderRLC, description: 'The folder the image goes into' },
	optionsCollection([concurrencyOption('moves'), retryOption(RETRY_NOTES.checked), timeoutOption]),
];

const displayOptions = { show: { resource: ['image'], operation: ['move'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-move-asset.html
export async function execute(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as CallSettings;
	const call = callOptions(options, itemIndex, scope);
	const companyHandle = await resolveCompany.call(this, scope, itemIndex, call);
	const assetHandle = await resolveImage.call(this, scope, itemIndex, call, companyHandle);
	const folderHandle = await resolveFolder.call(this, scope, itemIndex, call, companyHandle);

	// Key order is moveAssetParam's xsd:sequence.
	await ipsRequest.call(this, 'moveAsset', { companyHandle, assetHandle, folderHandle }, {
		...call,
		idempotent: false,
		// The answer was lost: the move happened if the asset is now in the folder.
		recover: async () => {
			const asset = await assetIfExists.call(this, companyHandle, assetHandle, call);
			return asset && isInFolder(asset, folderHandle) ? {} : undefined;
		},
	});
	return { assetHandle, companyHandle, folderHandle };
}
