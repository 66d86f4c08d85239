import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as company from './actions/company/Company.resource';
import * as custom from './actions/custom/Custom.resource';
import * as folder from './actions/folder/Folder.resource';
import * as image from './actions/image/Image.resource';
import * as job from './actions/job/Job.resource';
import { router } from './actions/router';
import { listSearch } from './methods';

export class Scene7Ips implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Scene7 IPS',
		name: 'scene7Ips',
		icon: { light: 'file:../../icons/scene7.svg', dark: 'file:../../icons/scene7.dark.svg' },
		group: ['transform'],
		// Version 2: the Modifier Builder is a collection of the commands the user adds.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Copy and manage images, folders and companies in Adobe Scene7 (Dynamic Media Classic) through the IPS API',
		defaults: { name: 'Scene7 IPS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'scene7IpsApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Company', value: 'company' },
					{ name: 'Custom Operation', value: 'custom' },
					{ name: 'Folder', value: 'folder' },
					{ name: 'Image', value: 'image' },
					{ name: 'Job', value: 'job' },
				],
				default: 'image',
			},
			...image.description,
			...folder.description,
			...company.description,
			...custom.description,
			...job.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
