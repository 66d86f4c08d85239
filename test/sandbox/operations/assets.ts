// Asset operations: copyImage first, then the read, search and change operations around it.
import {
	optBoolean,
	optInt,
	optItems,
	optString,
	optStringItems,
	reqString,
	asArgs,
	type Args,
} from '../args';
import { invalidParameter, missingParameter } from '../faults';
import { newAsset, TRASH_STATES, type AssetRecord } from '../model';
import {
	assetNameInUse,
	checkAssetName,
	companyOf,
	findAsset,
	findFolder,
	isUnder,
	oneOf,
	requireImage,
	requireNotInTrash,
	requireUnusedName,
	touch,
	unsupported,
	type CallContext,
} from './context';
import { sizeModifiers, targetSize } from '../images';
import { metadataArrayOut } from './metadata';
import { assetOut, fieldSelection, type Out } from './serialize';

function extensionOf(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot > 0 ? fileName.slice(dot) : '';
}

function companyAssets(ctx: CallContext): AssetRecord[] {
	const company = companyOf(ctx);
	return ctx.state.assets.filter((a) => a.companyHandle === company.companyHandle);
}

const METADATA_PATH = 'assetArray/items/metadataArray';

/**
 * Metadata comes back only when responseFieldArray asks for it ('assetArray/items/metadataArray' or
 * a path under it), as IPS returns it on request.
 */
function assetArray(ctx: CallContext, assets: AssetRecord[], args: Args): Out {
	const include = optStringItems(args, 'responseFieldArray');
	const withMetadata = (include ?? []).some(
		(p) => p === METADATA_PATH || p.startsWith(`${METADATA_PATH}/`),
	);
	const items = assets.map((a) => {
		const out = assetOut(a, ctx.state);
		if (!withMetadata) return out;
		// Keys in sequence order: metadataArray sits between lastModifyUser and imageInfo.
		const { imageInfo, layerViewInfo, videoInfo, ...head } = out;
		return { ...head, metadataArray: metadataArrayOut(a, ctx.state), imageInfo, layerViewInfo, videoInfo };
	});
	return fieldSelection({ assetArray: { items } }, args);
}

/** Access-control filters (searches and folder reads): not modelled. */
export function refuseAccessHandles(args: Args): void {
	if (optString(args, 'accessUserHandle') !== undefined) unsupported('accessUserHandle');
	if (optString(args, 'accessGroupHandle') !== undefined) unsupported('accessGroupHandle');
}

function refuseNonEmpty(args: Args, param: string): void {
	if ((optItems(args, param)?.length ?? 0) > 0) unsupported(param);
}

function matchesTypes(asset: AssetRecord, args: Args): boolean {
	const include = optStringItems(args, 'assetTypeArray');
	const exclude = optStringItems(args, 'excludeAssetTypeArray') ?? [];
	if (include && include.length > 0 && !include.includes(asset.type)) return false;
	return !exclude.includes(asset.type);
}

export function copyImage(args: Args, ctx: CallContext): Out {
	const source = findAsset(ctx, reqString(args, 'assetHandle'));
	requireNotInTrash(source);
	requireImage(source);
	const folder = findFolder(ctx, reqString(args, 'folderHandle'));
	const name = reqString(args, 'name');
	checkAssetName(name);
	requireUnusedName(ctx, name);
	const urlModifier = reqString(args, 'urlModifier');
	const fileName = name + extensionOf(source.fileName);
	// wid/hei in the modifier size the copy's pixels (the only modifiers the sandbox applies).
	const { wid, hei } = sizeModifiers(urlModifier);
	const size = source.imageInfo && targetSize(source.imageInfo, wid, hei);
	// An assumption (the docs do not say): a copy keeps its source's publish mark.
	const fields = { assetHandle: ctx.newAssetHandle(), companyHandle: source.companyHandle, type: 'Image', name, fileName, folderHandle: folder.folderHandle, readyForPublish: source.readyForPublish };
	const copy = newAsset(fields, ctx.now, ctx.user.email, {
		// The modifier is applied to the pixels of the copy, not stored as its catalog modifier.
		imageInfo: source.imageInfo && {
			...source.imageInfo,
			...size,
			originalPath: folder.path,
			originalFile: fileName,
			urlModifier: '',
			urlPostApplyModifier: '',
		},
		copiedFrom: { assetHandle: source.assetHandle, urlModifier, by: ctx.user.email, at: ctx.now },
	});
	ctx.state.assets.push(copy);
	return { assetHandle: copy.assetHandle };
}

export function getAssets(args: Args, ctx: CallContext): Out {
	refuseAccessHandles(args);
	const handles = optStringItems(args, 'assetHandleArray') ?? [];
	const assets = companyAssets(ctx);
	// Unknown handles are skipped, as a lookup by list would.
	const found = handles.flatMap((h) => assets.filter((a) => a.assetHandle === h));
	return assetArray(ctx, found, args);
}

export function getAssetsByName(args: Args, ctx: CallContext): Out {
	refuseAccessHandles(args);
	refuseNonEmpty(args, 'assetSubTypeArray');
	const names = (optStringItems(args, 'nameArray') ?? []).map((n) => n.toLowerCase());
	const found = companyAssets(ctx).filter(
		(a) =>
			a.trashState === 'NotInTrash' &&
			names.includes(a.name.toLowerCase()) &&
			matchesTypes(a, args),
	);
	return assetArray(ctx, found, args);
}

export function checkAssetNames(args: Args, ctx: CallContext): Out {
	const names = optStringItems(args, 'assetNameArray') ?? [];
	return { inUseNameArray: { items: names.filter((n) => assetNameInUse(ctx, n)) } };
}

const MATCH_MODES = ['MatchAll', 'MatchAny'] as const;
const STRING_OPS = [
	'Equals',
	'NotEquals',
	'Contains',
	'NotContains',
	'StartsWith',
	'EndsWith',
] as const;
const SYSTEM_FIELDS = [
	'Name',
	'Keywords',
	'Description',
	'Comments',
	'UserData',
	'Sku',
	'FileSize',
	'CreatedWith',
	'Created',
	'CreateUser',
	'LastModifyUser',
	'FileName',
] as const;
const SUPPORTED_SYSTEM_FIELDS: Partial<
	Record<(typeof SYSTEM_FIELDS)[number], (a: AssetRecord) => string>
> = {
	Name: (a) => a.name,
	FileName: (a) => a.fileName,
	CreateUser: (a) => a.createUser,
	LastModifyUser: (a) => a.lastModifyUser,
};
const SORT_FIELDS = ['Created', 'Modified', 'Name', 'AssetType', 'FileSize'] as const;
const SORT_DIRECTIONS = ['Ascending', 'Descending'] as const;
const PUBLISH_STATES = ['MarkedForPublish', 'NotMarkedForPublish'] as const;
export const MAX_RECORDS_PER_PAGE = 1000;

type Predicate = (a: AssetRecord) => boolean;

function stringCondition(op: (typeof STRING_OPS)[number], value: string): (s: string) => boolean {
	const v = value.toLowerCase();
	switch (op) {
		case 'Equals':
			return (s) => s.toLowerCase() === v;
		case 'NotEquals':
			return (s) => s.toLowerCase() !== v;
		case 'Contains':
			return (s) => s.toLowerCase().includes(v);
		case 'NotContains':
			return (s) => !s.toLowerCase().includes(v);
		case 'StartsWith':
			return (s) => s.toLowerCase().startsWith(v);
		case 'EndsWith':
			return (s) => s.toLowerCase().endsWith(v);
	}
}

// Dates: Adobe's SystemFieldCondition page says a range is given as minDate and maxDate with op
// Between or NotBetween. Its example filters LastModified, which the list of search fields above does
// not name; the sandbox accepts both Created and LastModified (inclusive bounds: an assumption).
const DATE_FIELDS: Record<string, (a: AssetRecord) => string> = {
	Created: (a) => a.created,
	LastModified: (a) => a.lastModified,
};
const DATE_OPS = ['Between', 'NotBetween'] as const;

/** A dateTime element as node-soap hands it over (a Date), in ms; undefined when absent. */
function optDate(args: Args, name: string): number | undefined {
	const v = args[name];
	if (v === undefined || v === null) return undefined;
	const ms = v instanceof Date ? v.getTime() : Date.parse(String(v));
	if (Number.isNaN(ms)) throw invalidParameter(`Invalid ${name} '${String(v)}': not a date`);
	return ms;
}

function dateCondition(cond: Args, where: string, field: string): Predicate {
	const op = oneOf(reqString(cond, 'op'), DATE_OPS, `${where}/op`) as (typeof DATE_OPS)[number];
	const min = optDate(cond, 'minDate');
	const max = optDate(cond, 'maxDate');
	if (min === undefined || max === undefined) {
		throw missingParameter(`Missing required element '${min === undefined ? 'minDate' : 'maxDate'}' in '${where}' for op ${op}`);
	}
	const read = DATE_FIELDS[field];
	return (a) => {
		const t = Date.parse(read(a));
		const inside = t >= min && t <= max;
		return op === 'Between' ? inside : !inside;
	};
}

function systemFieldPredicates(args: Args): Predicate[] {
	return (optItems(args, 'systemFieldConditionArray') ?? []).map((raw, i) => {
		const cond = asArgs(raw);
		const where = `systemFieldConditionArray/items[${i + 1}]`;
		const fieldName = reqString(cond, 'field');
		if (fieldName in DATE_FIELDS) return dateCondition(cond, where, fieldName);
		const field = oneOf(
			fieldName,
			SYSTEM_FIELDS,
			`${where}/field`,
		) as (typeof SYSTEM_FIELDS)[number];
		const op = oneOf(
			reqString(cond, 'op'),
			STRING_OPS,
			`${where}/op`,
		) as (typeof STRING_OPS)[number];
		const read = SUPPORTED_SYSTEM_FIELDS[field];
		if (!read) unsupported(`${where}/field=${field}`);
		const value = optString(cond, 'value');
		if (value === undefined)
			throw missingParameter(`Missing required element 'value' in '${where}' for op ${op}`);
		const test = stringCondition(op, value);
		return (a: AssetRecord) => test(read(a));
	});
}

function sortKey(field: (typeof SORT_FIELDS)[number], a: AssetRecord): string | number {
	switch (field) {
		// As instants: the text of two dates only sorts right when both have the same form.
		case 'Created':
			return Date.parse(a.created);
		case 'Modified':
			return Date.parse(a.lastModified);
		case 'Name':
			return a.name.toLowerCase();
		case 'AssetType':
			return a.type;
		case 'FileSize':
			return a.imageInfo?.fileSize ?? a.videoInfo?.fileSize ?? 0;
	}
}

export function searchAssets(args: Args, ctx: CallContext): Out {
	refuseAccessHandles(args);
	for (const p of [
		'keywordArray',
		'tagConditionArray',
		'metadataConditionArray',
		'assetSubTypeArray',
		'excludeByproductArray',
	]) {
		refuseNonEmpty(args, p);
	}
	if (optString(args, 'projectHandle') !== undefined) unsupported('projectHandle');
	oneOf(optString(args, 'conditionMatchMode'), MATCH_MODES, 'conditionMatchMode');
	oneOf(optString(args, 'tagMatchMode'), MATCH_MODES, 'tagMatchMode');
	oneOf(optString(args, 'metadataMatchMode'), MATCH_MODES, 'metadataMatchMode');

	const folderArg = optString(args, 'folder');
	const folder = folderArg === undefined ? undefined : findFolder(ctx, folderArg, 'folder');
	const includeSubfolders = optBoolean(args, 'includeSubfolders') ?? false;
	const trashState =
		oneOf(optString(args, 'trashState'), TRASH_STATES, 'trashState') ?? 'NotInTrash';
	const publishState = oneOf(optString(args, 'publishState'), PUBLISH_STATES, 'publishState');
	const matchAny =
		oneOf(optString(args, 'systemFieldMatchMode'), MATCH_MODES, 'systemFieldMatchMode') ===
		'MatchAny';
	const conditions = systemFieldPredicates(args);
	const sortBy = oneOf(optString(args, 'sortBy'), SORT_FIELDS, 'sortBy');
	const descending =
		oneOf(optString(args, 'sortDirection'), SORT_DIRECTIONS, 'sortDirection') === 'Descending';
	const recordsPerPage = optInt(args, 'recordsPerPage') ?? MAX_RECORDS_PER_PAGE;
	const resultsPage = optInt(args, 'resultsPage') ?? 1;
	if (recordsPerPage < 1)
		throw invalidParameter(`Invalid recordsPerPage '${recordsPerPage}': must be at least 1`);
	if (resultsPage < 1)
		throw invalidParameter(`Invalid resultsPage '${resultsPage}': pages are numbered from 1`);

	let hits = companyAssets(ctx).filter((a) => {
		if (a.trashState !== trashState) return false;
		if (
			folder &&
			!(includeSubfolders ? isUnder(a.folderHandle, folder.path) : a.folderHandle === folder.path)
		)
			return false;
		if (publishState && a.readyForPublish !== (publishState === 'MarkedForPublish')) return false;
		if (!matchesTypes(a, args)) return false;
		if (conditions.length === 0) return true;
		return matchAny ? conditions.some((c) => c(a)) : conditions.every((c) => c(a));
	});
	if (sortBy) {
		hits = [...hits].sort((x, y) => {
			const kx = sortKey(sortBy, x);
			const ky = sortKey(sortBy, y);
			const order = kx < ky ? -1 : kx > ky ? 1 : x.assetHandle.localeCompare(y.assetHandle);
			return descending ? -order : order;
		});
	}
	// IPS caps a page at 1000 records.
	const pageSize = Math.min(recordsPerPage, MAX_RECORDS_PER_PAGE);
	const page = hits.slice((resultsPage - 1) * pageSize, resultsPage * pageSize);
	// totalRows is a field of the return as assetArray is: ips-api.md §6 speaks of a response "limited
	// to totalRows, name, handle, type, subType", so a responseFieldArray without it leaves it out.
	return { ...fieldSelection({ totalRows: hits.length }, args), ...assetArray(ctx, page, args) };
}

export function renameAsset(args: Args, ctx: CallContext): Out {
	const asset = findAsset(ctx, reqString(args, 'assetHandle'));
	const newName = reqString(args, 'newName');
	checkAssetName(newName, 'newName');
	if (optBoolean(args, 'validateName')) requireUnusedName(ctx, newName, asset);
	asset.name = newName;
	touch(ctx, asset);
	return {};
}

export function moveAsset(args: Args, ctx: CallContext): Out {
	const asset = findAsset(ctx, reqString(args, 'assetHandle'));
	const folder = findFolder(ctx, reqString(args, 'folderHandle'));
	asset.folderHandle = folder.folderHandle;
	if (asset.imageInfo) asset.imageInfo.originalPath = folder.path;
	touch(ctx, asset);
	return {};
}

/** Removes an asset and, as the docs say for derived assets, everything derived from it. */
export function removeAssets(ctx: CallContext, doomed: (a: AssetRecord) => boolean): void {
	const gone = new Set(ctx.state.assets.filter(doomed).map((a) => a.assetHandle));
	let grew = true;
	while (grew) {
		grew = false;
		for (const a of ctx.state.assets) {
			if (!gone.has(a.assetHandle) && a.derivedFrom && gone.has(a.derivedFrom.ownerHandle)) {
				gone.add(a.assetHandle);
				grew = true;
			}
		}
	}
	const kept = ctx.state.assets.filter((a) => !gone.has(a.assetHandle));
	ctx.state.assets.splice(0, ctx.state.assets.length, ...kept);
}

export function deleteAsset(args: Args, ctx: CallContext): Out {
	const asset = findAsset(ctx, reqString(args, 'assetHandle'));
	removeAssets(ctx, (a) => a === asset);
	return {};
}

export function replaceImage(args: Args, ctx: CallContext): Out {
	const asset = findAsset(ctx, reqString(args, 'assetHandle'));
	requireNotInTrash(asset);
	requireImage(asset);
	const urlModifier = reqString(args, 'urlModifier');
	asset.replacements = [
		...(asset.replacements ?? []),
		{ urlModifier, by: ctx.user.email, at: ctx.now },
	];
	touch(ctx, asset);
	return { assetHandle: asset.assetHandle };
}

export function setUrlModifier(args: Args, ctx: CallContext): Out {
	const asset = findAsset(ctx, reqString(args, 'assetHandle'));
	const target = asset.imageInfo ?? asset.layerViewInfo;
	if (!target) {
		throw invalidParameter(
			`Invalid assetHandle '${asset.assetHandle}': assets of type ${asset.type} have no URL modifiers`,
		);
	}
	const urlModifier = optString(args, 'urlModifier');
	const urlPostApplyModifier = optString(args, 'urlPostApplyModifier');
	if (urlModifier !== undefined) target.urlModifier = urlModifier;
	if (urlPostApplyModifier !== undefined) target.urlPostApplyModifier = urlPostApplyModifier;
	touch(ctx, asset);
	return {};
}

const DERIVED_TYPES = ['AdjustedView', 'LayerView'] as const;

export function createDerivedAsset(args: Args, ctx: CallContext): Out {
	const owner = findAsset(ctx, reqString(args, 'ownerHandle'), 'ownerHandle');
	requireNotInTrash(owner, 'ownerHandle');
	requireImage(owner, 'ownerHandle');
	const folder = findFolder(ctx, reqString(args, 'folderHandle'));
	const name = reqString(args, 'name');
	const type = oneOf(
		reqString(args, 'type'),
		DERIVED_TYPES,
		'type',
	) as (typeof DERIVED_TYPES)[number];
	checkAssetName(name);
	requireUnusedName(ctx, name);
	const urlModifier = optString(args, 'urlModifier') ?? '';
	const urlPostApplyModifier = optString(args, 'urlPostApplyModifier') ?? '';
	const fields = { assetHandle: ctx.newAssetHandle(), companyHandle: owner.companyHandle, type, name, fileName: owner.fileName, folderHandle: folder.folderHandle, readyForPublish: false };
	const derived = newAsset(fields, ctx.now, ctx.user.email, { derivedFrom: { ownerHandle: owner.assetHandle, type } });
	if (type === 'AdjustedView' && owner.imageInfo) {
		derived.imageInfo = { ...owner.imageInfo, urlModifier, urlPostApplyModifier };
	} else {
		derived.layerViewInfo = { urlModifier, urlPostApplyModifier };
	}
	ctx.state.assets.push(derived);
	return { assetHandle: derived.assetHandle };
}

/** Marks or unmarks an asset for the next publish; what is live changes only when a publish runs. */
export function setAssetPublishState(args: Args, ctx: CallContext): Out {
	const asset = findAsset(ctx, reqString(args, 'assetHandle'));
	const state = oneOf(reqString(args, 'publishState'), PUBLISH_STATES, 'publishState');
	asset.readyForPublish = state === 'MarkedForPublish';
	touch(ctx, asset);
	return {};
}
