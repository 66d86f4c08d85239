import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callOptions, type CallSettings } from '../../helpers/callOptions';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { ExecutionScope } from '../../helpers/executionScope';
import { toAssetOutput } from '../../helpers/output';
import { assetsByHandle } from '../../methods/lookups';
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
	{ ...assetRLC, description: 'The image to get' },
	optionsCollection([concurrencyOption('lookups'), retryOption(RETRY_NOTES.read), timeoutOption]),
];

const displayOptions = { show: { resource: ['image'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-get-assets.html
export async function execute(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as CallSettings;
	const call = callOptions(options, itemIndex, scope);
	const companyHandle = await resolveCompany.call(this, scope, itemIndex, call);
	const assetHandle = await resolveImage.call(this, scope, itemIndex, call, companyHandle);

	const [asset] = await assetsByHandle.call(this, companyHandle, [assetHandle], call);
	if (!asset) {
		throw new NodeOperationError(this.getNode(), `No asset has the handle '${assetHandle}' in company ${companyHandle} [item ${itemIndex}]`, {
			description: 'Scene7 returned nothing for this handle: check that the asset exists and belongs to the company.',
			itemIndex,
		});
	}
	return toAssetOutput(asset, companyHandle);
}
