import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { assetTypesFilter, companyRLC, folderRLC } from '../Scene7Ips/actions/common.descriptions';
import { Scene7Client } from '../Scene7Ips/client/lookups';
import { asNodeError } from '../Scene7Ips/helpers/errors';
import { toAssetOutput } from '../Scene7Ips/helpers/output';
import { listSearch } from '../Scene7Ips/methods';
import { responseFieldsFor } from './fields';
import { Locators, type WatchedHandles } from './locators';
import {
	advance,
	type ChangeEvent,
	eventOfLatest,
	firstState,
	MAX_SEEN,
	OVERLAP_MS,
	type PollConfig,
	readState,
	type Strategy,
	windowStart,
	withLookBack,
} from './pollState';
import { type FetchPage, scanWindow } from './scan';

type EventChoice = 'added' | 'modified' | 'addedOrModified';

interface Filters {
	assetTypes?: string[];
	includeSubfolders?: boolean;
	lookBackMinutes?: number;
	name?: string;
}

interface Scope extends WatchedHandles {
	includeSubfolders: boolean;
	assetTypes: string[];
	nameContains: string;
}

const EVENTS: Record<EventChoice, ChangeEvent[]> = {
	added: ['added'],
	modified: ['modified'],
	addedOrModified: ['added', 'modified'],
};

/** How long one call to Scene7 may take, as the action node's default. */
const CALL_TIMEOUT_MS = 120_000;

/** Where the poll state lives in the node's static data. */
const STATE_KEY = 'scene7PollState';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** The Look-Back option's bounds, in minutes: a day re-read on every poll is already a lot. */
const LOOK_BACK_MIN = 1;
const LOOK_BACK_MAX = 24 * 60;

const textOf = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');

function lookBackMsOf(context: IPollFunctions, filters: Filters): number {
	const minutes = filters.lookBackMinutes ?? OVERLAP_MS / MINUTE_MS;
	if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < LOOK_BACK_MIN || minutes > LOOK_BACK_MAX) {
		throw new NodeOperationError(context.getNode(), `Look-Back must be a number of minutes from ${LOOK_BACK_MIN} to ${LOOK_BACK_MAX}`, {
			description: `Filters > Look-Back (Minutes) is '${String(minutes)}'. Enter how many minutes each poll reads again before the newest date it saw (default 5).`,
		});
	}
	return minutes * MINUTE_MS;
}

interface PollSettings {
	choice: EventChoice;
	events: ChangeEvent[];
	strategy: Strategy;
	lookBackMs: number;
}

/** One poll of the scope: the test run's newest asset, or the changes since the last poll. */
async function pollScope(
	context: IPollFunctions,
	client: Scene7Client,
	scope: Scope,
	{ choice, events, strategy, lookBackMs }: PollSettings,
): Promise<INodeExecutionData[][] | null> {
	const { companyHandle, folderHandle, includeSubfolders, assetTypes, nameContains } = scope;
	const now = Date.now();
	const fetchPage: FetchPage<IDataObject> = async ({ resultsPage, recordsPerPage, createdFrom }) =>
		await client.searchAssetsPage({
			companyHandle,
			folderHandle,
			includeSubfolders,
			assetTypes,
			nameContains,
			createdBetween:
				createdFrom === undefined
					? undefined
					: // A range takes minDate and maxDate (Adobe's SystemFieldCondition page); a day ahead of n8n's clock leaves room for Scene7's.
						{ from: new Date(createdFrom).toISOString(), to: new Date(Math.max(now, createdFrom) + DAY_MS).toISOString() },
			sortBy: strategy === 'created' ? 'Created' : 'Modified',
			sortDirection: 'Descending',
			recordsPerPage,
			resultsPage,
			// Only what the output shows: a quiet poll's answer stays small.
			responseFields: responseFieldsFor(assetTypes),
		});
	const toItem = (asset: IDataObject, event: ChangeEvent): INodeExecutionData => ({
		json: { event, ...toAssetOutput(asset, companyHandle) },
	});

	if (context.getMode() === 'manual') {
		// A test run shows the newest matching asset, so the user sees the data shape; state is left alone.
		const { assets } = await fetchPage({ resultsPage: 1, recordsPerPage: 1 });
		if (assets.length === 0) {
			throw new NodeOperationError(context.getNode(), 'No asset matches the trigger yet', {
				description:
					'The test run shows the newest asset in the folder that matches the filters. Check the company, folder and filters, or add an image and try again.',
			});
		}
		return [[toItem(assets[0], eventOfLatest(assets[0], strategy))]];
	}

	const config: PollConfig = { strategy, events, overlapMs: lookBackMs, maxSeen: MAX_SEEN };
	// The look-back is left out: changing it keeps what was seen (withLookBack).
	const fingerprint = JSON.stringify({ choice, ...scope });
	const staticData = context.getWorkflowStaticData('node');
	const stored = readState(staticData[STATE_KEY], fingerprint);
	// A failed search throws before the state changes, so the next poll reads the same window again.
	if (!stored) {
		const assets = await scanWindow(fetchPage, { strategy, overlapMs: lookBackMs });
		staticData[STATE_KEY] = firstState(assets, fingerprint, now, config) as unknown as IDataObject;
		return null;
	}
	const state = withLookBack(stored, lookBackMs);
	const assets = await scanWindow(fetchPage, { strategy, from: windowStart(state, lookBackMs), overlapMs: lookBackMs });
	const { changes, state: next } = advance(state, assets, now, config);
	staticData[STATE_KEY] = next as unknown as IDataObject;
	return changes.length > 0 ? [changes.map(({ asset, event }) => toItem(asset, event))] : null;
}

export class Scene7IpsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Scene7 IPS Trigger',
		name: 'scene7IpsTrigger',
		icon: { light: 'file:../../icons/scene7.svg', dark: 'file:../../icons/scene7.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ {"added": "Image Added", "modified": "Image Modified", "addedOrModified": "Image Added or Modified"}[$parameter["event"]] }}',
		description: 'Starts the workflow when images are added to or modified in Adobe Scene7 (Dynamic Media Classic)',
		defaults: { name: 'Scene7 IPS Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'scene7IpsApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'Image Added',
						value: 'added',
						description: 'A new image appears: its creation date is newer than anything the trigger saw before',
					},
					{ name: 'Image Added or Modified', value: 'addedOrModified' },
					{
						name: 'Image Modified',
						value: 'modified',
						description: "An existing image's modification date moves on",
					},
				],
				default: 'added',
			},
			{ ...companyRLC, description: 'The company whose images to watch' },
			{
				...folderRLC,
				required: false,
				description: 'Only watch this folder (and, unless turned off in Filters, its subfolders). Leave empty to watch the whole company.',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						...assetTypesFilter,
						description: 'Only watch assets of these types. Without this filter only images are watched; empty watches every type.',
					},
					{
						displayName: 'Include Subfolders',
						name: 'includeSubfolders',
						type: 'boolean',
						default: true,
						description: 'Whether to watch the subfolders of the folder too',
					},
					{
						displayName: 'Look-Back (Minutes)',
						name: 'lookBackMinutes',
						type: 'number',
						typeOptions: { minValue: LOOK_BACK_MIN, maxValue: LOOK_BACK_MAX },
						default: 5,
						description:
							'How far before the newest date already seen each poll looks again. It catches assets whose Scene7 date is older than the moment they show up in search, e.g. after a long upload or processing. Longer catches later arrivals; each poll then re-reads the assets of that period.',
					},
					{
						displayName: 'Name Contains',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. summer',
						description: 'Only watch assets whose name contains this text (Scene7 ignores case)',
					},
				],
			},
		],
	};

	methods = { listSearch };

	// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-search-assets.html
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const choice = this.getNodeParameter('event', 'added') as EventChoice;
		const events = EVENTS[choice] ?? EVENTS.added;
		// Only Image Added can ask Scene7 for a date range: Created is a documented search field,
		// LastModified is not (ips-api.md §10); modifications are found by sorting instead.
		const strategy: Strategy = events.includes('modified') ? 'modified' : 'created';
		const filters = this.getNodeParameter('filters', {}) as Filters;
		const settings: PollSettings = { choice, events, strategy, lookBackMs: lookBackMsOf(this, filters) };
		const assetTypes = filters.assetTypes ?? ['Image'];
		const client = new Scene7Client(this, { timeout: CALL_TIMEOUT_MS });
		// A test run looks the locators up afresh and leaves the static data alone.
		const locators = new Locators(this, client, this.getMode() === 'manual' ? undefined : this.getWorkflowStaticData('node'));
		const scopeOf = (handles: WatchedHandles): Scope => ({
			...handles,
			includeSubfolders: filters.includeSubfolders ?? true,
			assetTypes,
			nameContains: textOf(filters.name),
		});

		let handles: WatchedHandles | undefined;
		try {
			handles = await locators.resolve();
			return await pollScope(this, client, scopeOf(handles), settings);
		} catch (error) {
			// A kept company or folder handle Scene7 refuses is looked up again; one that changed is tried once.
			if (!(await locators.refreshAfter(error, handles))) throw asNodeError(this.getNode(), error);
			return await pollScope(this, client, scopeOf(await locators.resolve()), settings);
		}
	}
}
