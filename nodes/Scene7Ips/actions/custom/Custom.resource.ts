import type { INodeProperties } from 'n8n-workflow';

import * as call from './call.operation';

export const operations = { call };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['custom'] } },
		options: [
			{
				name: 'Call',
				value: 'call',
				description: 'Call any IPS operation with parameters given as JSON and get its result as JSON',
				action: 'Call an IPS operation',
			},
		],
		default: 'call',
	},
	...call.description,
];
