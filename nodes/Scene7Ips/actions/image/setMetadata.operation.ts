import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { itemsOf } from '../../client/lookups';
import type { MetadataFieldSummary } from '../../client/metadata';
import { asNodeError, errorForItem } from '../../helpers/errors';
import { autoType, toMetadataUpdate, type ValueType } from '../../helpers/metadataValues';
import type { IpsParam } from '../../transport';
import {
	assetRLC,
	companyRLC,
	concurrencyOption,
	optionsCollection,
	RETRY_NOTES,
	retryOption,
	timeoutOption,
} from '../common.descriptions';
import { byGroup, chunkNumbers } from '../../helpers/groups';
import type { ItemContext } from '../item';
import type { OperationOutput } from '../operation';

const properties: INodeProperties[] = [
	companyRLC,
	{ ...assetRLC, description: 'The image whose metadata to set' },
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		required: true,
		description: 'The metadata fields to set and their values',
		options: [
			{
				displayName: 'Field',
				name: 'fieldValues',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'resourceLocator',
						default: { mode: 'list', value: '' },
						required: true,
						description: 'The metadata field (of the company, for images) to set',
						modes: [
							{
								displayName: 'From List',
								name: 'list',
								type: 'list',
								typeOptions: { searchListMethod: 'searchMetadataFields', searchable: true },
							},
							{
								displayName: 'By ID',
								name: 'id',
								type: 'string',
								placeholder: 'e.g. m|6|IMAGE|102',
							},
						],
					},
					{
						displayName: 'Value Type',
						name: 'valueType',
						type: 'options',
						options: [
							{ name: 'Auto', value: 'auto', description: "From the field's type, as Scene7 lists it (getMetadataFields)" },
							{ name: 'Boolean', value: 'boolean', description: 'True or false' },
							{ name: 'Date', value: 'date', description: 'A date such as 2026-12-01 or 2026-12-01T10:00:00Z' },
							{ name: 'Double', value: 'double', description: 'A number such as 2.5' },
							{ name: 'Long', value: 'long', description: 'A whole number such as 42' },
							{ name: 'String', value: 'string', description: 'Text, sent as given' },
							{ name: 'Tags (Add)', value: 'addTags', description: 'Add these comma-separated tags to those the field has' },
							{ name: 'Tags (Remove)', value: 'removeTags', description: 'Remove these comma-separated tags from the field' },
							{ name: 'Tags (Set)', value: 'setTags', description: "Replace the field's tags with these comma-separated tags" },
						],
						default: 'auto',
						description: 'How the value is sent to Scene7',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'The value; for tags a comma-separated list',
					},
				],
			},
		],
	},
	optionsCollection([concurrencyOption('lookups'), retryOption(RETRY_NOTES.repeatable), timeoutOption]),
];

const displayOptions = { show: { resource: ['image'], operation: ['setMetadata'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface FieldRow {
	field?: INodeParameterResourceLocator | string;
	valueType?: ValueType;
	value?: unknown;
}

export interface MetadataPart {
	companyHandle: string;
	assetHandle: string;
	updates: IpsParam[];
	/** Field names by handle, where Scene7 lists the field. */
	names: Record<string, string>;
}

const handleOf = (field: FieldRow['field']) =>
	String((field !== null && typeof field === 'object' ? field.value : field) ?? '').trim();

// Reads and checks one item; only what is certain is refused before anything is sent.
export async function prepare(this: IExecuteFunctions, item: ItemContext): Promise<MetadataPart> {
	const rows = item.param<{ fieldValues?: FieldRow[] }>('fields', {}).fieldValues ?? [];
	if (rows.length === 0) {
		throw item.error('Fields is empty', 'Add at least one field to set, with its value.');
	}
	rows.forEach((row, index) => {
		if (!handleOf(row.field)) {
			throw item.error(`Field ${index + 1} names no metadata field`, 'Pick the field from the list or enter its handle.');
		}
	});

	const companyHandle = await item.company();
	const assetHandle = await item.image(companyHandle);
	const needsTypes = rows.some((row) => (row.valueType ?? 'auto') === 'auto');
	let fields: MetadataFieldSummary[] = [];
	try {
		fields = await item.metadataFields(companyHandle);
	} catch (error) {
		// Names only make messages clearer; Auto cannot do without the field's type.
		if (needsTypes) throw asNodeError(item.node, error, item.index);
	}
	const names = Object.fromEntries(fields.map((field) => [field.fieldHandle, field.name]));

	const updates = rows.map((row, index) => {
		const fieldHandle = handleOf(row.field);
		const label = names[fieldHandle] ? `'${names[fieldHandle]}' (${fieldHandle})` : fieldHandle;
		let type = row.valueType ?? 'auto';
		if (type === 'auto') {
			const field = fields.find((candidate) => candidate.fieldHandle === fieldHandle);
			if (!field) {
				throw item.error(
					`Field ${index + 1} (${fieldHandle}) is not a metadata field of images in company ${companyHandle}`,
					"Value Type Auto takes the type from the company's image metadata fields, which do not list this handle. Pick the field from the list, or choose the Value Type yourself.",
				);
			}
			type = autoType(field.type);
		}
		const converted = toMetadataUpdate(fieldHandle, type, row.value);
		if (!converted.ok) throw item.error(`The value of field ${label} ${converted.problem}`, converted.hint);
		return converted.update;
	});
	return { companyHandle, assetHandle, updates, names };
}

type Parts = Array<{ item: ItemContext; part: MetadataPart }>;

interface SetMetadataFault {
	assetHandle: string;
	fieldHandle: string;
	code: string;
	reason: string;
}

const faultsOf = (array: unknown): SetMetadataFault[] =>
	itemsOf(array).map((fault) => ({
		assetHandle: String(fault.assetHandle ?? ''),
		fieldHandle: String(fault.fieldHandle ?? ''),
		code: String(fault.code ?? ''),
		reason: String(fault.reason ?? ''),
	}));

const fieldLabel = (part: MetadataPart, fieldHandle: string) =>
	part.names[fieldHandle] ? `'${part.names[fieldHandle]}' (${fieldHandle})` : fieldHandle || 'an unnamed field';

/** One company's items in one batchSetAssetMetadata; a result per part, in order. */
async function setForCompany(this: IExecuteFunctions, parts: Parts): Promise<Array<OperationOutput | Error>> {
	const [{ item: first, part: firstPart }] = parts;
	const { companyHandle } = firstPart;
	// Key order is batchSetAssetMetadataParam's xsd:sequence, then BatchMetadataUpdate's.
	const request = {
		companyHandle,
		updateArray: {
			items: parts.map(({ part }) => ({ assetHandleArray: { items: [part.assetHandle] }, updateArray: { items: part.updates } })),
		},
	};
	let result: IDataObject;
	try {
		// Setting the same values again is harmless (assumed also for adding or removing tags).
		result = await first.call('batchSetAssetMetadata', request, { idempotent: true });
	} catch (error) {
		return parts.map(({ item, part }) =>
			errorForItem(this.getNode(), error, item.index, `setting the metadata of image ${part.assetHandle} in one batch for company ${companyHandle}`),
		);
	}
	const errors = faultsOf(result.errorDetailArray);
	const warnings = faultsOf(result.warningDetailArray);
	const errorCount = Number(result.errorCount ?? 0) || 0;
	const unattributed = errorCount > 0 && errors.length === 0;

	return parts.map(({ item, part }) => {
		if (unattributed) {
			return item.error(
				`Scene7 reported ${errorCount} failed metadata update${errorCount === 1 ? '' : 's'} without saying which`,
				`The batch for company ${companyHandle} may have left image ${part.assetHandle} unchanged. Check its metadata (Image → Get Metadata) and run the item again.`,
			);
		}
		const own = errors.filter((fault) => fault.assetHandle === part.assetHandle);
		if (own.length > 0) {
			const what = own.map((fault) => `field ${fieldLabel(part, fault.fieldHandle)}: ${fault.reason}${fault.code ? ` (${fault.code})` : ''}`);
			return item.error(
				`Scene7 did not set metadata of image ${part.assetHandle}: ${what.join('; ')}`,
				"Check that the value suits the field's type and that the field exists for images in this company; Scene7 may have set the item's other fields.",
			);
		}
		const ownWarnings = warnings.filter((fault) => fault.assetHandle === part.assetHandle);
		return {
			assetHandle: part.assetHandle,
			companyHandle,
			updated: part.updates.map((update) => part.names[String(update.fieldHandle)] || String(update.fieldHandle)),
			...(ownWarnings.length > 0
				? {
						warnings: ownWarnings.map((fault) => ({
							fieldHandle: fault.fieldHandle,
							field: part.names[fault.fieldHandle] || fault.fieldHandle,
							code: fault.code,
							reason: fault.reason,
						})),
					}
				: {}),
		};
	});
}

/**
 * Items in one batchSetAssetMetadata at most. The call documents no limit (ips-api.md §11.5); the
 * bound keeps one call's body and time small enough for one Timeout, and a call that fails fails at
 * most this many items (10,000 rows are 100 calls, run through the endpoint's window).
 */
export const METADATA_BATCH_SIZE = 100;

// batchSetAssetMetadata per company, METADATA_BATCH_SIZE items a call (ips-api.md §10).
// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-batch-set-asset-metadata.html
export async function executeBatch(
	this: IExecuteFunctions,
	prepared: Array<{ item: ItemContext; part: unknown }>,
): Promise<Array<OperationOutput | Error>> {
	const parts = prepared as Parts;
	const company = ({ part }: Parts[number]) => part.companyHandle;
	const chunks = chunkNumbers(parts, company, METADATA_BATCH_SIZE);
	const chunkOf = new Map(parts.map((entry, position) => [entry, chunks[position]]));
	return await byGroup(parts, (entry) => `${company(entry)}#${chunkOf.get(entry)}`, async (group) => await setForCompany.call(this, group));
}
