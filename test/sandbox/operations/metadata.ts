/* eslint-disable @n8n/community-nodes/require-node-api-error */
// Metadata: getMetadataFields, setAssetMetadata, batchSetAssetMetadata, and Asset.metadataArray.
// setAssetMetadataReturn is empty, so a bad update there can only be a fault (30001), and then none
// of the call's updates is applied. batchSetAssetMetadataReturn carries per-update faults, so there a
// bad field or value is one error detail and every other (asset, field) update still applies.
import { asArgs, optBoolean, optItems, optString, optStringItems, reqString, type Args } from '../args';
import { FAULT_CODES, invalidParameter } from '../faults';
import type { AssetRecord, MetadataFieldRecord, MetadataValue, SandboxState } from '../model';
import { companyOf, findAsset, touch, type CallContext } from './context';
import type { Out } from './serialize';

export function getMetadataFields(args: Args, ctx: CallContext): Out {
	const company = companyOf(ctx);
	// Seeded fields apply to every asset type, so assetType does not narrow the list.
	reqString(args, 'assetType');
	const items = ctx.state.metadataFields
		.filter((f) => f.companyHandle === company.companyHandle)
		.map((f) => ({
			fieldHandle: f.fieldHandle,
			name: f.name,
			type: f.type,
			defaultValue: f.defaultValue,
			isRequired: f.isRequired,
			isUserDefined: true,
			isHidden: false,
			isEnforced: f.type === 'SingleFixedTag',
		}));
	return { fieldArray: { items } };
}

class UpdateError extends Error {}

const VALUE_ELEMENTS = ['value', 'boolVal', 'longVal', 'doubleVal', 'dateVal'] as const;
const TAG_ELEMENTS = ['addTagValueArray', 'setTagValueArray', 'deleteTagValueArray'] as const;

function present(update: Args): string[] {
	return [...VALUE_ELEMENTS, ...TAG_ELEMENTS].filter((k) => update[k] !== undefined);
}

function asNumber(v: unknown): number | undefined {
	if (typeof v === 'number') return v;
	if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
	return undefined;
}

/** The field's new value, or an UpdateError saying why the update does not fit the field. */
function newValue(field: MetadataFieldRecord, update: Args, current: MetadataValue | undefined): MetadataValue {
	const given = present(update);
	const label = `field '${field.name}' (${field.fieldHandle}, type ${field.type})`;
	const only = (allowed: string[]) => {
		const wrong = given.filter((g) => !allowed.includes(g));
		if (wrong.length > 0) throw new UpdateError(`${wrong.join(', ')} cannot be used for ${label}`);
		if (given.length === 0) throw new UpdateError(`No value given for ${label}`);
		if (given.length > 1 && !field.type.endsWith('Tag')) throw new UpdateError(`More than one value given for ${label}`);
	};
	const text = optString(update, 'value') ?? '';
	switch (field.type) {
		case 'String':
			only(['value']);
			return text;
		case 'Boolean': {
			only(['value', 'boolVal']);
			const b = optBoolean(update, 'boolVal') ?? ({ true: true, false: false } as Record<string, boolean>)[text.toLowerCase()];
			if (b === undefined) throw new UpdateError(`'${text}' is not a boolean for ${label}`);
			return b;
		}
		case 'Int': {
			only(['value', 'longVal']);
			const n = asNumber(update.longVal ?? text);
			if (n === undefined || !Number.isInteger(n)) throw new UpdateError(`'${String(update.longVal ?? text)}' is not an integer for ${label}`);
			return n;
		}
		case 'Float': {
			only(['value', 'doubleVal', 'longVal']);
			const n = asNumber(update.doubleVal ?? update.longVal ?? text);
			if (n === undefined) throw new UpdateError(`'${text}' is not a number for ${label}`);
			return n;
		}
		case 'Date': {
			only(['value', 'dateVal']);
			const raw = update.dateVal ?? text;
			const ms = raw instanceof Date ? raw.getTime() : Date.parse(String(raw));
			if (Number.isNaN(ms)) throw new UpdateError(`'${String(raw)}' is not a date for ${label}`);
			return new Date(ms).toISOString();
		}
		case 'MultiTag': {
			only(['value', ...TAG_ELEMENTS]);
			let tags = Array.isArray(current) ? [...current] : [];
			if (update.value !== undefined) tags = text === '' ? [] : [text];
			const set = optStringItems(update, 'setTagValueArray');
			if (set) tags = [...set];
			for (const t of optStringItems(update, 'addTagValueArray') ?? []) if (!tags.includes(t)) tags.push(t);
			const del = optStringItems(update, 'deleteTagValueArray') ?? [];
			return tags.filter((t) => !del.includes(t));
		}
		case 'SingleFixedTag': {
			only(['value', 'setTagValueArray']);
			const set = optStringItems(update, 'setTagValueArray');
			if (set && set.length > 1) throw new UpdateError(`${label} takes a single value`);
			const v = set ? (set[0] ?? '') : text;
			if (v !== '' && !(field.tagValues ?? []).includes(v))
				throw new UpdateError(`'${v}' is not in the dictionary of ${label}: ${(field.tagValues ?? []).join(', ')}`);
			return v;
		}
	}
}

function fieldOf(ctx: CallContext, fieldHandle: string): MetadataFieldRecord {
	const company = companyOf(ctx);
	const field = ctx.state.metadataFields.find(
		(f) => f.fieldHandle === fieldHandle && f.companyHandle === company.companyHandle,
	);
	if (!field) throw new UpdateError(`Invalid fieldHandle '${fieldHandle}'`);
	return field;
}

export function setAssetMetadata(args: Args, ctx: CallContext): Out {
	const asset = findAsset(ctx, reqString(args, 'assetHandle'));
	const updates = (optItems(args, 'updateArray') ?? []).map(asArgs);
	const next: Record<string, MetadataValue> = { ...asset.metadata };
	updates.forEach((u, i) => {
		const fieldHandle = reqString(u, 'fieldHandle');
		try {
			next[fieldHandle] = newValue(fieldOf(ctx, fieldHandle), u, next[fieldHandle]);
		} catch (error) {
			if (!(error instanceof UpdateError)) throw error;
			throw invalidParameter(`updateArray/items[${i + 1}]: ${error.message}`);
		}
	});
	asset.metadata = next;
	if (updates.length > 0) touch(ctx, asset);
	return {};
}

/** Counts are per (asset, field) update: one bad update is one error, the others still apply. */
export function batchSetAssetMetadata(args: Args, ctx: CallContext): Out {
	const company = companyOf(ctx);
	let successCount = 0;
	const errors: Out[] = [];
	for (const rawBatch of optItems(args, 'updateArray') ?? []) {
		const batch = asArgs(rawBatch);
		const updates = (optItems(batch, 'updateArray') ?? []).map(asArgs);
		for (const assetHandle of optStringItems(batch, 'assetHandleArray') ?? []) {
			const asset = ctx.state.assets.find(
				(a) => a.assetHandle === assetHandle && a.companyHandle === company.companyHandle,
			);
			let changed = false;
			for (const u of updates) {
				const fieldHandle = reqString(u, 'fieldHandle');
				try {
					if (!asset) throw new UpdateError(`Invalid assetHandle '${assetHandle}'`);
					const field = fieldOf(ctx, fieldHandle);
					const value = newValue(field, u, asset.metadata?.[fieldHandle]);
					asset.metadata = { ...asset.metadata, [fieldHandle]: value };
					successCount += 1;
					changed = true;
				} catch (error) {
					if (!(error instanceof UpdateError)) throw error;
					errors.push({ assetHandle, fieldHandle, code: FAULT_CODES.INVALID_PARAMETER, reason: error.message });
				}
			}
			if (asset && changed) touch(ctx, asset);
		}
	}
	return {
		successCount,
		warningCount: 0,
		errorCount: errors.length,
		errorDetailArray: errors.length > 0 ? { items: errors } : undefined,
	};
}

/** Asset.metadataArray: one Metadata per field with a value, `name` being the field's name. */
export function metadataArrayOut(asset: AssetRecord, state: SandboxState): Out {
	const items = Object.entries(asset.metadata ?? {}).map(([fieldHandle, v]) => {
		const field = state.metadataFields.find(
			(f) => f.fieldHandle === fieldHandle && f.companyHandle === asset.companyHandle,
		);
		const type = field?.type;
		const text = Array.isArray(v) ? v.join(',') : String(v);
		return {
			name: field?.name ?? fieldHandle,
			value: text,
			boolVal: type === 'Boolean' ? v : undefined,
			longVal: type === 'Int' ? v : undefined,
			doubleVal: type === 'Float' ? v : undefined,
			dateVal: type === 'Date' ? v : undefined,
			valueArray: Array.isArray(v) ? { items: v } : undefined,
		};
	});
	return { items };
}
