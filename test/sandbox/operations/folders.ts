// Folder operations: getFolderTree, getFolders, createFolder, deleteFolder.
import { optInt, optString, reqString, type Args } from '../args';
import { FAULT_CODES, invalidParameter, ipsApiFault } from '../faults';
import { folderRecord, type FolderRecord } from '../model';
import {
	companyOf,
	findFolder,
	findFolderByPath,
	forbiddenChar,
	isUnder,
	normaliseFolderPath,
	type CallContext,
} from './context';
import { refuseAccessHandles, removeAssets } from './assets';
import { childFolders, fieldSelection, folderOut, type Out } from './serialize';

/** depth 0 is the start folder alone; a negative depth means the whole tree. */
function tree(ctx: CallContext, folder: FolderRecord, depth: number): Out {
	const out = folderOut(folder, ctx.state);
	const children = childFolders(folder, ctx.state);
	if (depth !== 0 && children.length > 0) {
		out.subfolderArray = { items: children.map((c) => tree(ctx, c, depth - 1)) };
	}
	return out;
}

export function getFolderTree(args: Args, ctx: CallContext): Out {
	refuseAccessHandles(args);
	const start = findFolderByPath(ctx, optString(args, 'folderPath'));
	return fieldSelection({ folders: tree(ctx, start, optInt(args, 'depth') ?? 0) }, args);
}

export function getFolders(args: Args, ctx: CallContext): Out {
	refuseAccessHandles(args);
	const start = findFolderByPath(ctx, optString(args, 'folderPath'));
	const items = ctx.state.folders
		.filter((f) => f.companyHandle === start.companyHandle && isUnder(f.path, start.path))
		.sort((x, y) => x.path.localeCompare(y.path))
		.map((f) => folderOut(f, ctx.state));
	return fieldSelection({ folderArray: { items } }, args);
}

const FORBIDDEN_FOLDER_CHARS = '\\:*?"<>|';

export function createFolder(args: Args, ctx: CallContext): Out {
	const company = companyOf(ctx);
	const requested = reqString(args, 'folderPath');
	// "The new folder is subordinate to the Images folder, even if you specify a /": paths are
	// taken relative to the company root unless they already start with it.
	const path = normaliseFolderPath(company, requested);
	const segments = path.slice(company.rootPath.length, -1).split('/');
	if (
		path === company.rootPath ||
		segments.some((s) => s.trim() === '') ||
		forbiddenChar(path, FORBIDDEN_FOLDER_CHARS) !== undefined
	) {
		throw invalidParameter(`Invalid folderPath '${requested}'`);
	}
	if (ctx.state.folders.some((f) => f.companyHandle === company.companyHandle && f.path === path)) {
		throw ipsApiFault(FAULT_CODES.EXCEPTION, `Folder '${path}' already exists.`);
	}
	const parent = path.slice(0, path.slice(0, -1).lastIndexOf('/') + 1);
	if (
		!ctx.state.folders.some((f) => f.companyHandle === company.companyHandle && f.path === parent)
	) {
		throw invalidParameter(
			`Invalid folderPath '${requested}': parent folder '${parent}' does not exist`,
		);
	}
	ctx.state.folders.push(folderRecord(company.companyHandle, path, ctx.now));
	return { folderHandle: path };
}

export function deleteFolder(args: Args, ctx: CallContext): Out {
	const company = companyOf(ctx);
	const folder = findFolder(ctx, reqString(args, 'folderHandle'));
	if (folder.path === company.rootPath) {
		throw invalidParameter(
			`Invalid folderHandle '${folder.folderHandle}': the company root folder cannot be deleted`,
		);
	}
	// The folder goes with its subfolders and every asset in them.
	removeAssets(
		ctx,
		(a) => a.companyHandle === company.companyHandle && isUnder(a.folderHandle, folder.path),
	);
	const kept = ctx.state.folders.filter(
		(f) => !(f.companyHandle === company.companyHandle && isUnder(f.path, folder.path)),
	);
	ctx.state.folders.splice(0, ctx.state.folders.length, ...kept);
	return {};
}
