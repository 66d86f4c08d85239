import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

// What the typed operations output: one flat object per asset, folder or company, with the values
// IPS types as numbers or booleans converted from the strings the SOAP answer carries.

const NUMBER_FIELDS = new Set(['width', 'height', 'fileSize', 'resolution', 'anchorX', 'anchorY']);
const BOOLEAN_FIELDS = new Set(['readyForPublish', 'hasSubfolders', 'isActive']);

// Asset fields in the order they are output; anything else Scene7 sends follows them.
const ASSET_FIELDS = [
	'name',
	'type',
	'subType',
	'fileName',
	'folder',
	'folderHandle',
	'readyForPublish',
	'trashState',
	'created',
	'createUser',
	'lastModified',
	'lastModifyUser',
	'ipsImageUrl',
];

const isObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** A value as its type: numbers and booleans from their text where the field is known to hold one. */
export function typedValue(field: string, value: IDataObject[string]): IDataObject[string] {
	if (typeof value !== 'string') return value;
	if (NUMBER_FIELDS.has(field) && value.trim() !== '') {
		const number = Number(value);
		return Number.isFinite(number) ? number : value;
	}
	if (BOOLEAN_FIELDS.has(field) && (value === 'true' || value === 'false')) return value === 'true';
	return value;
}

/**
 * One asset as the node outputs it: its handle and company first, then the Asset fields, then the
 * fields of its type's info block (imageInfo: width, height, urlModifier, …) lifted to the top.
 */
export function toAssetOutput(asset: IDataObject, companyHandle: string): IDataObject {
	const output: IDataObject = { assetHandle: asset.assetHandle, companyHandle };
	for (const field of ASSET_FIELDS) {
		if (asset[field] !== undefined) output[field] = typedValue(field, asset[field]);
	}
	const rest = Object.entries(asset).filter(([field]) => field !== 'assetHandle' && !ASSET_FIELDS.includes(field));
	for (const [field, value] of rest) {
		if (!field.endsWith('Info') || !isObject(value)) {
			output[field] = value;
			continue;
		}
		// imageInfo, layerViewInfo, videoInfo, …: an asset has the one of its type.
		for (const [infoField, infoValue] of Object.entries(value)) {
			if (!(infoField in output)) output[infoField] = typedValue(infoField, infoValue);
		}
	}
	return output;
}

const lastSegment = (path: string) => path.replace(/\/+$/, '').split('/').pop() ?? '';

/** One folder: handle, path, its own name (the last part of the path) and what else Scene7 sent. */
export function toFolderOutput(folder: IDataObject, companyHandle: string): IDataObject {
	const path = typeof folder.path === 'string' ? folder.path : '';
	const output: IDataObject = { folderHandle: folder.folderHandle, companyHandle, path, name: lastSegment(path) };
	for (const [field, value] of Object.entries(folder)) {
		if (field !== 'subfolderArray' && !(field in output)) output[field] = typedValue(field, value);
	}
	return output;
}

/** A company (getCompanyInfo's companyInfo, or the company of a membership). */
export function toCompanyOutput(company: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(company).map(([field, value]) => [field, typedValue(field, value)]));
}

/**
 * The handle a creating call's answer must carry. A missing or blank one is an error that says the
 * outcome is unknown, never an output item with an empty handle.
 */
export function requireReturnedHandle(
	node: INode,
	result: IDataObject,
	{ element, operation, message, description, itemIndex }: {
		element: string;
		operation: string;
		message: string;
		description: string;
		itemIndex?: number;
	},
): string {
	const handle = typeof result[element] === 'string' ? (result[element] as string).trim() : '';
	if (!handle) {
		throw new NodeApiError(node, { message: `${operation}Return without ${element}` }, { message, description, itemIndex });
	}
	return handle;
}
