import type { INodeProperties } from 'n8n-workflow';

/**
 * Typed fields for the common Image Serving commands; what they compose is appended to the URL
 * Modifier. Zero, empty and "None" values add nothing.
 */
export const modifierBuilder: INodeProperties = {
	displayName: 'Modifier Builder',
	name: 'modifierBuilder',
	type: 'fixedCollection',
	placeholder: 'Add Image Serving Commands',
	default: {},
	description: 'Build Image Serving commands from typed fields; they are appended to the URL Modifier',
	options: [
		{
			displayName: 'Commands',
			name: 'commands',
			values: [
				{
					displayName: 'Allow Upscaling',
					name: 'upscale',
					type: 'boolean',
					default: false,
					description: 'Whether the image may be scaled above its original size (fit=…,1)',
				},
				{
					displayName: 'Background Color',
					name: 'backgroundColor',
					type: 'color',
					default: '',
					description: 'Background color of the view (bgc)',
				},
				{
					displayName: 'Brightness',
					name: 'brightness',
					type: 'number',
					typeOptions: { minValue: -100, maxValue: 100 },
					default: 0,
					description: 'Brightness from -100 to 100 (op_brightness); 0 leaves it unchanged',
				},
				{
					displayName: 'Contrast',
					name: 'contrast',
					type: 'number',
					typeOptions: { minValue: -100, maxValue: 100 },
					default: 0,
					description: 'Contrast from -100 to 100 (op_contrast); 0 leaves it unchanged',
				},
				{
					displayName: 'Crop',
					name: 'crop',
					type: 'string',
					default: '',
					placeholder: 'e.g. 0,0,500,500',
					description: 'Area of the source to keep:	x,y,width,height in pixels (crop)',
				},
				{
					displayName: 'Fit',
					name: 'fit',
					type: 'options',
					options: [
						{
							name: 'Constrain',
							value: 'constrain',
						},
						{
							name: 'Crop',
							value: 'crop',
						},
						{
							name: 'Fit',
							value: 'fit',
						},
						{
							name: 'Fit Height',
							value: 'vfit',
						},
						{
							name: 'Fit Width',
							value: 'hfit',
						},
						{
							name: 'None',
							value: '',
						},
						{
							name: 'Stretch',
							value: 'stretch',
						},
						{
							name: 'Wrap',
							value: 'wrap',
						},
					],
					default: '',
					description: 'How the image fits into Width	×	Height (fit)',
				},
				{
					displayName: 'Flip',
					name: 'flip',
					type: 'options',
					options: [
						{
							name: 'None',
							value: '',
						},
						{
							name: 'Left-Right',
							value: 'lr',
						},
						{
							name: 'Up-Down',
							value: 'ud',
						},
						{
							name: 'Both',
							value: 'lrud',
						},
						],
					default: '',
					description: 'Mirror the image (flip)',
				},
				{
					displayName: 'Format',
					name: 'format',
					type: 'options',
					options: [
						{
							name: 'AVIF',
							value: 'avif',
						},
						{
							name: 'GIF',
							value: 'gif',
						},
						{
							name: 'JPEG',
							value: 'jpeg',
						},
						{
							name: 'None',
							value: '',
						},
						{
							name: 'PNG',
							value: 'png',
						},
						{
							name: 'PNG With Alpha',
							value: 'png-alpha',
						},
						{
							name: 'TIFF',
							value: 'tif',
						},
						{
							name: 'WebP',
							value: 'webp',
						},
						],
					default: '',
					description: 'Image format of the copy (fmt)',
				},
				{
					displayName: 'Height',
					name: 'height',
					type: 'number',
					default: 0,
					description: 'Height of the copy in pixels (hei);	0 keeps the height',
				},
				{
					displayName: 'Quality',
					name: 'quality',
					type: 'number',
					default: 0,
					description: 'JPEG quality from 1 to 100 (qlt);	0 keeps the default',
				},
				{
					displayName: 'Rotate',
					name: 'rotate',
					type: 'number',
					default: 0,
					description: 'Degrees to rotate clockwise (rotate)',
				},
				{
					displayName: 'Saturation',
					name: 'saturation',
					type: 'number',
					typeOptions: { minValue: -100, maxValue: 100 },
					default: 0,
					description: 'Saturation from -100 to 100 (op_saturation); 0 leaves it unchanged',
				},
				{
					displayName: 'Sharpen',
					name: 'sharpen',
					type: 'boolean',
					default: false,
					description: 'Whether to sharpen the image (op_sharpen=1)',
				},
				{
					displayName: 'Width',
					name: 'width',
					type: 'number',
					default: 0,
					description: 'Width of the copy in pixels (wid);	0 keeps the width',
				},
			],
		},
	],
};
