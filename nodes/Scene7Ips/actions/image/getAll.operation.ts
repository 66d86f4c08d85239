import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { itemsOf } from '../../client/lookups';
import { optionalText } from '../../helpers/input';
import { toAssetOutput } from '../../helpers/output';
import type { IpsParam } from '../../transport';
import {
	assetTypesFilter,
	companyRLC,
	concurrencyOption,
	folderRLC,
	limitField,
	optionsCollection,
	RETRY_NOTES,
	retryOption,
	returnAllField,
	timeoutOption,
} from '../common.descriptions';
import type { ItemContext } from '../item';
import { includeImageUrlOption, withImageUrls } from './imageUrlOutput';

/** IPS returns at most this many assets per searchAssets call. */
export const MAX_PAGE_SIZE = 1000;

const properties: INodeProperties[] = [
	companyRLC,
	{
		...folderRLC,
		required: false,
		description: 'Only search this folder (and, unless turned off in Filters, its subfolders). Leave empty to search the whole company.',
	},
	returnAllField,
	limitField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			assetTypesFilter,
			{
				displayName: 'Include Subfolders',
				name: 'includeSubfolders',
				type: 'boolean',
				default: true,
				description: 'Whether to search the subfolders of the folder too',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. summer',
				description: 'Only return assets whose name matches this text as Name Match says (Scene7 ignores case)',
			},
			{
				displayName: 'Name Match',
				name: 'nameMatch',
				type: 'options',
				options: [
					{ name: 'Contains', value: 'Contains' },
					{ name: 'Does Not Contain', value: 'NotContains' },
					{ name: 'Does Not Equal', value: 'NotEquals' },
					{ name: 'Ends With', value: 'EndsWith' },
					{ name: 'Equals', value: 'Equals' },
					{ name: 'Starts With', value: 'StartsWith' },
				],
				default: 'Contains',
				description: 'How Name is compared with asset names',
			},
			{
				displayName: 'Publish State',
				name: 'publishState',
				type: 'options',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Marked for Publish', value: 'MarkedForPublish' },
					{ name: 'Not Marked for Publish', value: 'NotMarkedForPublish' },
				],
				default: 'any',
				description: 'Only return assets that are, or are not, marked for publish',
			},
			{
				displayName: 'Trash State',
				name: 'trashState',
				type: 'options',
				options: [
					{ name: 'In Emptied Trash', value: 'InEmptiedTrash' },
					{ name: 'In Trash', value: 'InTrash' },
					{ name: 'Not in Trash', value: 'NotInTrash' },
				],
				default: 'NotInTrash',
				description: 'Whether to return assets outside the trash (the default), or those in it',
			},
		],
	},
	optionsCollection([
		concurrencyOption('searches'),
		includeImageUrlOption,
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
			default: MAX_PAGE_SIZE,
			description: `Assets to ask Scene7 for per call (at most ${MAX_PAGE_SIZE}); smaller pages make more, smaller calls`,
		},
		retryOption(RETRY_NOTES.read),
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			options: [
				{ name: 'Asset Type', value: 'AssetType' },
				{ name: 'Created', value: 'Created' },
				{ name: 'File Size', value: 'FileSize' },
				{ name: 'Modified', value: 'Modified' },
				{ name: 'Name', value: 'Name' },
			],
			default: 'Name',
			description: 'The order Scene7 returns the assets in, which keeps pages apart',
		},
		{
			displayName: 'Sort Direction',
			name: 'sortDirection',
			type: 'options',
			options: [
				{ name: 'Ascending', value: 'Ascending' },
				{ name: 'Descending', value: 'Descending' },
			],
			default: 'Ascending',
		},
		timeoutOption,
	]),
];

const displayOptions = { show: { resource: ['image'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface SearchFilters {
	assetTypes?: string[];
	includeSubfolders?: boolean;
	name?: string;
	nameMatch?: string;
	publishState?: string;
	trashState?: string;
}

interface SearchOptions {
	pageSize?: number;
	sortBy?: string;
	sortDirection?: string;
}

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-search-assets.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const options = item.options as SearchOptions;
	const filters = item.param<SearchFilters>('filters', {});
	const limit = item.param('returnAll', false) ? Infinity : Math.max(1, Number(item.param('limit', 50)) || 1);
	const name = optionalText(item.node, filters.name, 'Name', item.index).trim();

	const companyHandle = await item.company();
	const folderHandle = item.isEmpty('folderHandle') ? undefined : await item.folder(companyHandle);
	const assetTypes = filters.assetTypes ?? ['Image'];
	// Pages are numbered in units of recordsPerPage, so it stays the same for every page.
	const recordsPerPage = Math.min(Math.max(1, Math.floor(options.pageSize ?? MAX_PAGE_SIZE)), MAX_PAGE_SIZE, limit);

	// Key order is searchAssetsParam's xsd:sequence.
	const search = (resultsPage: number): IpsParam => ({
		companyHandle,
		// Folder handles are paths, bare or with the f| prefix; the search takes the path.
		folder: folderHandle?.replace(/^f\|/, ''),
		includeSubfolders: filters.includeSubfolders ?? true,
		publishState: filters.publishState && filters.publishState !== 'any' ? filters.publishState : undefined,
		trashState: filters.trashState ?? 'NotInTrash',
		systemFieldConditionArray: name
			? { items: [{ field: 'Name', op: filters.nameMatch ?? 'Contains', value: name }] }
			: undefined,
		assetTypeArray: assetTypes.length > 0 ? { items: assetTypes } : undefined,
		recordsPerPage,
		resultsPage,
		sortBy: options.sortBy ?? 'Name',
		sortDirection: options.sortDirection ?? 'Ascending',
	});

	const found = new Map<string, IDataObject>();
	for (let page = 1; found.size < limit; page++) {
		const result = await item.call('searchAssets', search(page));
		const assets = itemsOf(result.assetArray);
		const before = found.size;
		// An asset can move from one page to the next while paging; it is output once.
		for (const asset of assets) found.set(String(asset.assetHandle), asset);
		const totalRows = Number(result.totalRows);
		const lastPage =
			assets.length < recordsPerPage ||
			found.size === before ||
			(Number.isFinite(totalRows) && page * recordsPerPage >= totalRows);
		if (lastPage) break;
	}
	const outputs = [...found.values()].slice(0, limit).map((asset) => toAssetOutput(asset, companyHandle));
	return await withImageUrls(item, companyHandle, outputs);
}
