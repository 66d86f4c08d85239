import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toCompanyOutput } from '../../helpers/output';
import {
	companyRLC,
	concurrencyOption,
	optionsCollection,
	RETRY_NOTES,
	retryOption,
	timeoutOption,
} from '../common.descriptions';
import type { ItemContext } from '../item';

const properties: INodeProperties[] = [
	{ ...companyRLC, description: 'The company to get' },
	optionsCollection([concurrencyOption('lookups'), retryOption(RETRY_NOTES.read), timeoutOption]),
];

const displayOptions = { show: { resource: ['company'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-get-company-info.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const companyHandle = await item.company();
	// Key order is getCompanyInfoParam's xsd:sequence.
	const result = await item.call('getCompanyInfo', { companyHandle });
	return toCompanyOutput((result.companyInfo as IDataObject | undefined) ?? { companyHandle });
}
