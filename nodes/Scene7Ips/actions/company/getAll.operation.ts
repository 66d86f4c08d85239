import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { itemsOf } from '../../client/lookups';
import { toCompanyOutput, typedValue } from '../../helpers/output';
import {
	concurrencyOption,
	limitField,
	optionsCollection,
	RETRY_NOTES,
	retryOption,
	returnAllField,
	timeoutOption,
} from '../common.descriptions';
import type { ItemContext } from '../item';

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	optionsCollection([concurrencyOption('lookups'), retryOption(RETRY_NOTES.read), timeoutOption]),
];

const displayOptions = { show: { resource: ['company'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-get-company-membership.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const limit = item.param('returnAll', false) ? Infinity : Math.max(1, Number(item.param('limit', 50)) || 1);

	// The companies of the credential's user, one item per membership.
	const result = await item.call('getCompanyMembership', {});
	return itemsOf(result.membershipArray)
		.slice(0, limit)
		.map(({ company, role, isActive }) => ({
			...toCompanyOutput((company as IDataObject | undefined) ?? {}),
			role,
			isActive: typedValue('isActive', isActive),
		}));
}
