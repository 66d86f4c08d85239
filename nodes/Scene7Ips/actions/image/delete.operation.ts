import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callOptions, type CallSettings } from '../../helpers/callOptions';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { ExecutionScope } from '../../helpers/executionScope';
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
	{ ...assetRLC, description: 'The image to delete' },
	optionsCollection([concurrencyOption('deletions'), retryOption(RETRY_NOTES.checked), timeoutOption]),
];

const displayOptions = { show: { resource: ['image'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-delete-asset.html
export async function execute(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as CallSettings;
	const call = callOptions(options, itemIndex, scope);
	const companyHandle = await resolveCompany.call(this, scope, itemIndex, call);
	const assetHandle = await resolveImage.call(this, scope, itemIndex, call, companyHandle);

	// Key order is deleteAssetParam's xsd:sequence.
	await ipsRequest.call(this, 'deleteAsset', { companyHandle, assetHandle }, {
		...call,
		idempotent: false,
		// The answer was lost: the delete happened if the asset is gone or in the trash.
		recover: async () => {
			const asset = await assetIfExists.call(this, companyHandle, assetHandle, call);
			return !asset || (asset.trashState !== undefined && asset.trashState !== 'NotInTrash') ? {} : undefined;
		},
	});
	return { deleted: true };
}
