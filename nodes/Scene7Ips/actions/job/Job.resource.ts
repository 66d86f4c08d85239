import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as publish from './publish.operation';
import * as uploadFiles from './uploadFiles.operation';
import * as uploadFromUrls from './uploadFromUrls.operation';

export const operations = {
	get,
	publish,
	uploadFiles,
	uploadFromUrls,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the state of a job, or its log once it has finished',
				action: 'Get a job',
			},
			{
				name: 'Publish',
				value: 'publish',
				description: 'Start an Image Serving publish of a company, so its images go live',
				action: 'Start a publish job',
			},
			{
				name: 'Upload Files',
				value: 'uploadFiles',
				description: "Upload the workflow's own files (binary data) into Scene7, in one job",
				action: 'Upload files in a job',
			},
			{
				name: 'Upload From URLs',
				value: 'uploadFromUrls',
				description: 'Upload files Scene7 downloads from URLs, in one job',
				action: 'Upload files by URL in a job',
			},
		],
		default: 'uploadFromUrls',
	},
	...uploadFromUrls.description,
	...uploadFiles.description,
	...publish.description,
	...get.description,
];
