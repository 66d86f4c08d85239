import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';

/** The most calls one execution keeps in flight (Options > Concurrency), and its default. */
export const MAX_CONCURRENCY = 128;

// Resource locators for the objects every operation works on. Their `name`s and mode names are
// part of the public interface: saved workflows store them. n8n's editor labels the modes named
// `list` and `id` itself ("From list", "By ID"), whatever displayName says; the others show theirs
// in a 92px box, so their labels stay short.

export const companyRLC: INodeProperties = {
	displayName: 'Company',
	name: 'companyHandle',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The company that owns the assets',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCompanies', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. c|6',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. ApiTestCo',
		},
	],
};

export const assetRLC: INodeProperties = {
	displayName: 'Image',
	name: 'assetHandle',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The image asset to copy',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchImages', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. a|739|1|537',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. macbookwin1',
		},
	],
};

export const folderRLC: INodeProperties = {
	displayName: 'Folder',
	name: 'folderHandle',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The folder the new image goes into',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchFolders', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. ApiTestCo/',
		},
		{
			displayName: 'Path',
			name: 'path',
			type: 'string',
			placeholder: 'e.g. ApiTestCo/summer/ or summer/',
		},
	],
};

export const HANDLE_HINTS = {
	company: 'A company handle looks like c|6.',
	asset: 'An asset handle looks like a|739|1|537.',
	folder: 'A folder handle looks like ApiTestCo/ or f|ApiTestCo/summer/.',
};

// Fields several operations share. Options collections list them as plain elements (never spread),
// so the collection's entries stay literal objects that lint can check; keep each collection in
// alphabetical order by display name (a unit test checks the assembled description).

/** Options > Concurrency; `what` names what is in flight, e.g. 'copies'. */
export function concurrencyOption(what: string): INodeProperties {
	return {
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
		default: MAX_CONCURRENCY,
		description: `The most ${what} in flight at once. The node starts at this number, backs off when Scene7 throttles or slows down and adds more again while it answers quickly; 1 runs one at a time. Results keep the input order.`,
	};
}

/** What Options > Retry promises about calls whose outcome is unknown (timeouts, resets, gateway errors). */
export const RETRY_NOTES = {
	read: 'Reading is always safe to repeat',
	checked: 'When the outcome of a change is unknown, Scene7 is asked whether it happened before anything is sent again',
	notRepeated: 'A change whose outcome is unknown is reported, never sent again',
	repeatable: 'Setting the same values again is harmless, so every failure on the way is tried again',
};

/** Options > Retry: attempts and backoff for calls that failed on the way; `note` is one sentence without its period. */
export function retryOption(note: string): INodeProperties {
	return {
		displayName: 'Retry',
		name: 'retry',
		type: 'fixedCollection',
		default: {},
		description: `How often to try again after timeouts, dropped connections, gateway errors and throttling. ${note}.`,
		options: [
			{
				displayName: 'Settings',
				name: 'settings',
				values: [
					{
						displayName: 'Attempts',
						name: 'attempts',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 10 },
						default: 3,
						description: 'Tries in all, the first included; 1 turns retrying off',
					},
					{
						displayName: 'Backoff',
						name: 'backoff',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 1000,
						description: 'Milliseconds before the first retry; each further retry waits twice as long',
					},
				],
			},
		],
	};
}

/** Options > Timeout. */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1000 },
	default: 120000,
	description: 'Milliseconds to wait for Scene7 before giving up on a call',
};

/** Options > Validate URL Modifier; `before` says when, e.g. 'copying'. */
export function validateUrlModifierOption(before: string): INodeProperties {
	return {
		displayName: 'Validate URL Modifier',
		name: 'validateUrlModifier',
		type: 'boolean',
		default: true,
		description: `Whether to check the URL Modifier against the Image Serving syntax before ${before}. Turn off to send commands this check does not know.`,
	};
}

export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** IPS asset types (string constants), sorted by name. */
export const ASSET_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'ACO', value: 'Aco' },
	{ name: 'Adjusted View', value: 'AdjustedView' },
	{ name: 'Animated GIF', value: 'AnimatedGif' },
	{ name: 'Asset', value: 'Asset' },
	{ name: 'Asset Set', value: 'AssetSet' },
	{ name: 'Audio', value: 'Audio' },
	{ name: 'Cabinet', value: 'Cabinet' },
	{ name: 'Catalog', value: 'Catalog' },
	{ name: 'Color Swatch', value: 'ColorSwatch' },
	{ name: 'Cue Point', value: 'CuePoint' },
	{ name: 'Excel', value: 'Excel' },
	{ name: 'Flash', value: 'Flash' },
	{ name: 'Font', value: 'Font' },
	{ name: 'ICC Profile', value: 'IccProfile' },
	{ name: 'Illustrator', value: 'Illustrator' },
	{ name: 'Image', value: 'Image' },
	{ name: 'Image Map', value: 'ImageMap' },
	{ name: 'Image Set', value: 'ImageSet' },
	{ name: 'InDesign', value: 'InDesign' },
	{ name: 'Layer View', value: 'LayerView' },
	{ name: 'Mask', value: 'Mask' },
	{ name: 'Master Video', value: 'MasterVideo' },
	{ name: 'PDF', value: 'Pdf' },
	{ name: 'PDF Settings', value: 'PDFSettings' },
	{ name: 'PostScript', value: 'PostScript' },
	{ name: 'PowerPoint', value: 'PowerPoint' },
	{ name: 'Premier Express Remix', value: 'PremierExpressRemix' },
	{ name: 'PSD Template', value: 'PsdTemplate' },
	{ name: 'Render Scene', value: 'RenderScene' },
	{ name: 'Render Set', value: 'RenderSet' },
	{ name: 'RTF', value: 'Rtf' },
	{ name: 'Spin Set', value: 'SpinSet' },
	{ name: 'SVG', value: 'Svg' },
	{ name: 'Template', value: 'Template' },
	{ name: 'Video', value: 'Video' },
	{ name: 'Video Caption', value: 'VideoCaption' },
	{ name: 'Viewer Preset', value: 'ViewerPreset' },
	{ name: 'Viewer SWF', value: 'ViewerSwf' },
	{ name: 'Vignette', value: 'Vignette' },
	{ name: 'Watermark', value: 'Watermark' },
	{ name: 'Windows Covering', value: 'WindowsCovering' },
	{ name: 'Word', value: 'Word' },
	{ name: 'XML', value: 'Xml' },
	{ name: 'XSL', value: 'Xsl' },
	{ name: 'Zip', value: 'Zip' },
	{ name: 'Zoom Target', value: 'ZoomTarget' },
];

/** Filters > Asset Types of the asset searches; an unset field means images only. */
export const assetTypesFilter: INodeProperties = {
	displayName: 'Asset Types',
	name: 'assetTypes',
	type: 'multiOptions',
	options: ASSET_TYPE_OPTIONS,
	default: ['Image'],
	description: 'Only return assets of these types. Without this filter only images are returned; empty returns every type.',
};

/** The Options collection every operation ends with. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}
