import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callOptions, type CallSettings } from '../../helpers/callOptions';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { ExecutionScope } from '../../helpers/executionScope';
import { toCompanyOutput } from '../../helpers/output';
import { ipsRequest } from '../../transport';
import {
	companyRLC,
	concurrencyOption,
	optionsCollection,
	RETRY_NOTES,
	retryOption,
	timeoutOption,
} from '../common.descriptions';
import { resolveCompany } from '../locators';

const properties: INodeProperties[] = [
	{ ...companyRLC, description: 'The company to get' },
	optionsCollection([concurrencyOption('lookups'), retryOption(RETRY_NOTES.read), timeoutOption]),
];

const displayOptions = { show: { resource: ['company'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-get-company-info.html
export async function execute(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as CallSettings;
	const call = callOptions(options, itemIndex, scope);
	const companyHandle = await resolveCompany.call(this, scope, itemIndex, call);
	// Key order is getCompanyInfoParam's xsd:sequence.
	const result = await ipsRequest.call(this, 'getCompanyInfo', { companyHandle }, call);
	return toCompanyOutput((result.companyInfo as IDataObject | undefined) ?? { companyHandle });
}
