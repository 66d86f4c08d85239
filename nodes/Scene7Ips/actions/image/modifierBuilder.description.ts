import type { INodeProperties } from 'n8n-workflow';

// The 14 Image Serving commands the builder offers. Zero, empty and "None" values add nothing.
const COMMAND_FIELDS: INodeProperties[] = [
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
];

/**
 * Node version 1: a fixed collection that adds all 14 fields at once. Kept, unchanged in shape
 * (`modifierBuilder: { commands: { width: 800, fit: '', … } }`), so that saved workflows load and
 * show the values they apply.
 */
export const modifierBuilder: INodeProperties = {
	displayName: 'Modifier Builder',
	name: 'modifierBuilder',
	type: 'fixedCollection',
	placeholder: 'Add Image Serving Commands',
	default: {},
	description: 'Build Image Serving commands from typed fields; they are appended to the URL Modifier',
	displayOptions: { show: { '@version': [1] } },
	options: [
		{
			displayName: 'Commands',
			name: 'commands',
			values: COMMAND_FIELDS,
		},
	],
};

// In the collection the user adds a command to set it, so the options start at a value that does
// something rather than at "None".
const COLLECTION_DEFAULTS: Record<string, string | boolean> = {
	fit: 'fit',
	flip: 'lr',
	format: 'jpeg',
	sharpen: true,
	upscale: true,
};

/**
 * Node version 2 and later: the same parameter name as a collection, where the user adds only the
 * commands wanted ('Add Command'). Saved as `modifierBuilder: { width: 800, fit: 'constrain' }`;
 * composeUrlModifier reads this shape and the version 1 shape the same way.
 */
export const modifierBuilderCollection: INodeProperties = {
	displayName: 'Modifier Builder',
	name: 'modifierBuilder',
	type: 'collection',
	placeholder: 'Add Command',
	default: {},
	description: 'Image Serving commands to add from typed fields; they are appended to the URL Modifier',
	displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
	options: COMMAND_FIELDS.map((field) => {
		const property: INodeProperties = { ...field };
		if (field.name in COLLECTION_DEFAULTS) property.default = COLLECTION_DEFAULTS[field.name];
		if (field.type === 'options') property.options = field.options?.filter((option) => 'value' in option && option.value !== '');
		return property;
	}),
};
