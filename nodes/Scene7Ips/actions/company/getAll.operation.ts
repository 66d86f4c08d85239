import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callOptions, type CallSettings } from '../../helpers/callOptions';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { ExecutionScope } from '../../helpers/executionScope';
import { toCompanyOutput, typedValue } from '../../helpers/output';
import { itemsOf } from '../../methods/lookups';
import { ipsRequest } from '../../transport';
import {
	concurrencyOption,
	limitField,
	optionsCollection,
	RETRY_NOTES,
	retryOption,
	returnAllField,
	timeoutOption,
} from '../common.descriptions';

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	optionsCollection([concurrencyOption('lookups'), retryOption(RETRY_NOTES.read), timeoutOption]),
];

const displayOptions = { show: { resource: ['company'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-get-company-membership.html
export async function execute(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as CallSettings;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : Math.max(1, Number(this.getNodeParameter('limit', itemIndex, 50)) || 1);
	const call = callOptions(options, itemIndex, scope);

	// The companies of the credential's user, one item per membership.
	const result = await ipsRequest.call(this, 'getCompanyMembership', {}, call);
	return itemsOf(result.membershipArray)
		.slice(0, limit)
		.map(({ company, role, isActive }) => ({
			...toCompanyOutput((company as IDataObject | undefined) ?? {}),
			role,
			isActive: typedValue('isActive', isActive),
		}));
}
