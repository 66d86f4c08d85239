import type { INodeProperties } from 'n8n-workflow';

import * as copy from './copy.operation';
import * as createDerived from './createDerived.operation';
import * as del from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getByName from './getByName.operation';
import * as getMetadata from './getMetadata.operation';
import * as move from './move.operation';
import * as rename from './rename.operation';
import * as replace from './replace.operation';
import * as setMetadata from './setMetadata.operation';
import * as setUrlModifier from './setUrlModifier.operation';

export const operations = {
	copy,
	createDerived,
	delete: del,
	download,
	get,
	getAll,
	getByName,
	getMetadata,
	move,
	rename,
	replace,
	setMetadata,
	setUrlModifier,
};

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
			{
				name: 'Create Derived',
				value: 'createDerived',
				description: 'Create an adjusted view or layer view of an image',
				action: 'Create a derived image',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an image',
				action: 'Delete an image',
			},
			{
				name: 'Download',
				value: 'download',
				description: 'Download an image from Image Serving, optionally with Image Serving commands, as binary data',
				action: 'Download an image',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an image by its handle',
				action: 'Get an image',
			},
			{
				name: 'Get by Name',
				value: 'getByName',
				description: 'Get the images that have a name',
				action: 'Get images by name',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Search the images of a company or folder',
				action: 'Get many images',
			},
			{
				name: 'Get Metadata',
				value: 'getMetadata',
				description: "Get the values of an image's metadata fields",
				action: 'Get the metadata of an image',
			},
			{
				name: 'Move',
				value: 'move',
				description: 'Move an image to another folder',
				action: 'Move an image',
			},
			{
				name: 'Rename',
				value: 'rename',
				description: 'Give an image a new name',
				action: 'Rename an image',
			},
			{
				name: 'Replace',
				value: 'replace',
				description: 'Replace an image with the result of Image Serving commands applied to it',
				action: 'Replace an image',
			},
			{
				name: 'Set Metadata',
				value: 'setMetadata',
				description: "Set values of an image's metadata fields, many images in one request per company",
				action: 'Set the metadata of an image',
			},
			{
				name: 'Set URL Modifier',
				value: 'setUrlModifier',
				description: 'Set the Image Serving commands stored with an image',
				action: 'Set the URL modifier of an image',
			},
		],
		default: 'copy',
	},
	...copy.description,
	...createDerived.description,
	...del.description,
	...download.description,
	...get.description,
	...getAll.description,
	...getByName.description,
	...getMetadata.description,
	...move.description,
	...rename.description,
	...replace.description,
	...setMetadata.description,
	...setUrlModifier.description,
];
