import type { IDataObject } from 'n8n-workflow';

import { itemsOf, type Scene7Client } from './lookups';

// Metadata reads: the fields a company defines for an asset type (getMetadataFields) and an
// asset's values, which come back on Asset.metadataArray from getAssets when asked for with
// responseFieldArray (there is no getAssetMetadata operation; ips-api.md §10).

export interface MetadataFieldSummary {
	fieldHandle: string;
	name: string;
	/** Scene7's type name for the field, e.g. String, Boolean, Long, Double, Date, Tag. */
	type: string;
}

export interface MetadataValue {
	/** The name Scene7 sent on the Metadata element (a field's handle or its name). */
	key: string;
	value: IDataObject[string];
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The metadata fields a company defines for an asset type. */
export async function metadataFieldsOf(client: Scene7Client, companyHandle: string, assetType = 'Image'): Promise<MetadataFieldSummary[]> {
	const result = await client.call('getMetadataFields', { companyHandle, assetType });
	return itemsOf(result.fieldArray).map((field) => ({
		fieldHandle: text(field.fieldHandle),
		name: text(field.name),
		type: text(field.type),
	}));
}

// Paths relative to getAssetsReturn (responseFieldArray, c-operations-intro.md).
const METADATA_RESPONSE_FIELDS = ['assetArray/items/assetHandle', 'assetArray/items/name', 'assetArray/items/type', 'assetArray/items/metadataArray'];

/**
 * One asset's handle, name, type and metadata values, or undefined when Scene7 returns no asset
 * for the handle. A value is the typed element Scene7 filled in (boolVal, longVal, doubleVal,
 * dateVal, valueArray), else the text `value`.
 */
export async function assetMetadata(
	client: Scene7Client,
	companyHandle: string,
	assetHandle: string,
): Promise<{ asset: IDataObject; values: MetadataValue[] } | undefined> {
	// Key order is getAssetsParam's xsd:sequence.
	const result = await client.call('getAssets', {
		companyHandle,
		assetHandleArray: { items: [assetHandle] },
		responseFieldArray: { items: METADATA_RESPONSE_FIELDS },
	});
	const [asset] = itemsOf(result.assetArray);
	if (!asset) return undefined;
	const values = itemsOf(asset.metadataArray).map((metadata) => ({ key: text(metadata.name), value: metadataValueOf(metadata) }));
	return { asset, values };
}

/** The value of one Metadata element as its type. */
export function metadataValueOf(metadata: IDataObject): IDataObject[string] {
	if (metadata.valueArray !== undefined) return itemsOf(metadata.valueArray) as unknown as string[];
	if (typeof metadata.boolVal === 'string') return metadata.boolVal === 'true';
	for (const numeric of ['longVal', 'doubleVal']) {
		const raw = metadata[numeric];
		if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
	}
	if (typeof metadata.dateVal === 'string') return metadata.dateVal;
	return text(metadata.value);
}
