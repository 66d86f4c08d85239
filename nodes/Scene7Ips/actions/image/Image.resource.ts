import type { INodeProperties } from 'n8n-workflow';

import * as copy from './copy.operation';

export const operations = { copy };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['image'] } },
		options: [
			{
				name: 'Copy',
				value: 'copy',
				description: 'Create a copy of an image, applying Image Serving commands to make it',
				action: 'Copy an image',
			},
		],
		default: 'copy',
	},
	...copy.description,
];
