import type {
	IDataObject,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { assetTypesFilter, companyRLC, folderRLC, HANDLE_HINTS } from '../Scene7Ips/actions/common.descriptions';
import { folderAtPath, normalizeFolderPath, Scene7Client } from '../Scene7Ips/client/lookups';
import { toAssetOutput } from '../Scene7Ips/helpers/output';
import { listSearch } from '../Scene7Ips/methods';
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
} from './pollState';
import { type FetchPage, scanWindow } from './scan';

type EventChoice = 'added' | 'modified' | 'addedOrModified';

interface Filters {
	assetTypes?: string[];
	includeSubfolders?: boolean;
	name?: string;
}

interface Scope {
	companyHandle: string;
	folderHandle?: string;
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

const DAY_MS = 24 * 60 * 60 * 1000;

function locatorOf(context: IPollFunctions, name: string): INodeParameterResourceLocator {
	const value = context.getNodeParameter(name, '') as unknown;
	if (value === null || typeof value !== 'object' || !('mode' in value)) {
		return { __rl: true, mode: 'id', value: value as string };
	}
	return value as INodeParameterResourceLocator;
}

const textOf = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');

async function companyHandleOf(context: IPollFunctions, client: Scene7Client): Promise<string> {
	const { mode, value } = locatorOf(context, 'companyHandle');
	const text = textOf(value);
	if (!text) {
		throw new NodeOperationError(context.getNode(), 'Company is empty', {
			description: `Pick the company to watch from the list, or enter its name or handle. ${HANDLE_HINTS.company}`,
		});
	}
	if (mode !== 'name') return text;
	const company = await client.companyByName(text);
	if (!company) {
		throw new NodeOperationError(context.getNode(), `No Scene7 company is named '${text}'`, {
			description: 'Check the spelling, pick the company from the list, or enter its handle (e.g. c|6).',
		});
	}
	return company.companyHandle;
}

async function folderHandleOf(context: IPollFunctions, client: Scene7Client, companyHandle: string): Promise<string | undefined> {
	const { mode, value } = locatorOf(context, 'folderHandle');
	const text = textOf(value);
	if (!text) return undefined;
	if (mode !== 'path') return text;
	const folders = await client.companyFolders(companyHandle);
	const folder = folderAtPath(folders, normalizeFolderPath(text), { ignoreCase: true });
	if (!folder) {
		throw new NodeOperationError(context.getNode(), `No folder has the path '${text}' in company ${companyHandle}`, {
			description: `Paths start at the company's root folder (${folders[0]?.path || 'e.g. ApiTestCo/'}) or are relative to it. Pick the folder from the list or enter its handle.`,
		});
	}
	return folder.folderHandle;
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
		const client = new Scene7Client(this, { timeout: CALL_TIMEOUT_MS });

		const companyHandle = await companyHandleOf(this, client);
		const scope: Scope = {
			companyHandle,
			folderHandle: await folderHandleOf(this, client, companyHandle),
			includeSubfolders: filters.includeSubfolders ?? true,
			assetTypes: filters.assetTypes ?? ['Image'],
			nameContains: textOf(filters.name),
		};
		const now = Date.now();
		const fetchPage: FetchPage<IDataObject> = async ({ resultsPage, recordsPerPage, createdFrom }) =>
			await client.searchAssetsPage({
				...scope,
				createdBetween:
					createdFrom === undefined
						? undefined
						: // A range takes minDate and maxDate (Adobe's SystemFieldCondition page); a day ahead of n8n's clock leaves room for Scene7's.
							{ from: new Date(createdFrom).toISOString(), to: new Date(Math.max(now, createdFrom) + DAY_MS).toISOString() },
				sortBy: strategy === 'created' ? 'Created' : 'Modified',
				sortDirection: 'Descending',
				recordsPerPage,
				resultsPage,
			});
		const toItem = (asset: IDataObject, event: ChangeEvent): INodeExecutionData => ({
			json: { event, ...toAssetOutput(asset, companyHandle) },
		});

		if (this.getMode() === 'manual') {
			// A test run shows the newest matching asset, so the user sees the data shape; state is left alone.
			const { assets } = await fetchPage({ resultsPage: 1, recordsPerPage: 1 });
			if (assets.length === 0) {
				throw new NodeOperationError(this.getNode(), 'No asset matches the trigger yet', {
					description:
						'The test run shows the newest asset in the folder that matches the filters. Check the company, folder and filters, or add an image and try again.',
				});
			}
			return [[toItem(assets[0], eventOfLatest(assets[0], strategy))]];
		}

		const config: PollConfig = { strategy, events, overlapMs: OVERLAP_MS, maxSeen: MAX_SEEN };
		const fingerprint = JSON.stringify({ choice, ...scope });
		const staticData = this.getWorkflowStaticData('node');
		const state = readState(staticData[STATE_KEY], fingerprint);
		// A failed search throws before the state changes, so the next poll reads the same window again.
		if (!state) {
			const assets = await scanWindow(fetchPage, { strategy, overlapMs: OVERLAP_MS });
			staticData[STATE_KEY] = firstState(assets, fingerprint, now, config) as unknown as IDataObject;
			return null;
		}
		const assets = await scanWindow(fetchPage, { strategy, from: windowStart(state, OVERLAP_MS), overlapMs: OVERLAP_MS });
		const { changes, state: next } = advance(state, assets, now, config);
		staticData[STATE_KEY] = next as unknown as IDataObject;
		return changes.length > 0 ? [changes.map(({ asset, event }) => toItem(asset, event))] : null;
	}
}
