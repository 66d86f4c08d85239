// Model records to response objects. Key order is the xsd:sequence order, because node-soap writes
// keys in the order given; the server checks every response against schema.ts anyway.
import { optStringItems, type Args } from '../args';
import type { AssetRecord, CompanyRecord, FolderRecord, SandboxState, UserRecord } from '../model';

export type Out = Record<string, unknown>;

export function companyOut(c: CompanyRecord): Out {
	return { companyHandle: c.companyHandle, name: c.name, rootPath: c.rootPath, expires: c.expires };
}

export function userOut(u: UserRecord): Out {
	return {
		userHandle: u.userHandle,
		firstName: u.firstName,
		lastName: u.lastName,
		email: u.email,
		isValid: u.isValid,
		isIpsAdmin: u.isIpsAdmin,
	};
}

export function assetOut(a: AssetRecord, state: SandboxState): Out {
	const folder = state.folders.find(
		(f) => f.folderHandle === a.folderHandle && f.companyHandle === a.companyHandle,
	);
	const owner =
		a.derivedFrom && state.assets.find((x) => x.assetHandle === a.derivedFrom?.ownerHandle);
	return {
		assetHandle: a.assetHandle,
		type: a.type,
		name: a.name,
		fileName: a.fileName,
		folder: folder?.path ?? a.folderHandle,
		folderHandle: a.folderHandle,
		readyForPublish: a.readyForPublish,
		trashState: a.trashState,
		created: a.created,
		createUser: a.createUser,
		lastModified: a.lastModified,
		lastModifyUser: a.lastModifyUser,
		imageInfo: a.imageInfo && {
			originalPath: a.imageInfo.originalPath,
			originalFile: a.imageInfo.originalFile,
			width: a.imageInfo.width,
			height: a.imageInfo.height,
			fileSize: a.imageInfo.fileSize,
			resolution: a.imageInfo.resolution,
			urlModifier: a.imageInfo.urlModifier,
			urlPostApplyModifier: a.imageInfo.urlPostApplyModifier,
		},
		layerViewInfo: a.layerViewInfo && {
			url: owner ? `${owner.folderHandle}${owner.name}` : undefined,
			urlModifier: a.layerViewInfo.urlModifier,
			urlPostApplyModifier: a.layerViewInfo.urlPostApplyModifier,
		},
		videoInfo: a.videoInfo && { ...a.videoInfo },
	};
}

export function folderOut(f: FolderRecord, state: SandboxState): Out {
	return {
		folderHandle: f.folderHandle,
		path: f.path,
		lastModified: f.lastModified,
		hasSubfolders: childFolders(f, state).length > 0,
	};
}

export function childFolders(parent: FolderRecord, state: SandboxState): FolderRecord[] {
	return state.folders
		.filter(
			(f) =>
				f.companyHandle === parent.companyHandle &&
				f.path !== parent.path &&
				f.path.startsWith(parent.path),
		)
		.filter((f) => !f.path.slice(parent.path.length, -1).includes('/'))
		.sort((x, y) => x.path.localeCompare(y.path));
}

/** selectFields with the call's responseFieldArray and excludeFieldArray. */
export function fieldSelection(value: Out, args: Args): Out {
	return selectFields(value, optStringItems(args, 'responseFieldArray'), optStringItems(args, 'excludeFieldArray'));
}

/**
 * responseFieldArray / excludeFieldArray: '/'-separated paths relative to the return element,
 * e.g. 'assetArray/items/name'. Only applied to returns whose pruned fields are all optional.
 */
export function selectFields(
	value: Out,
	include: string[] | undefined,
	exclude: string[] | undefined,
): Out {
	const keep = include && include.length > 0 ? include : undefined;
	const drop = exclude ?? [];
	const walk = (v: unknown, path: string): unknown => {
		if (path !== '') {
			if (drop.includes(path)) return undefined;
			if (keep) {
				const covered = keep.some((k) => path === k || path.startsWith(`${k}/`));
				const ancestor = keep.some((k) => k.startsWith(`${path}/`));
				if (!covered && !ancestor) return undefined;
			}
		}
		if (Array.isArray(v)) return v.map((x) => walk(x, path)).filter((x) => x !== undefined);
		if (v !== null && typeof v === 'object') {
			const out: Out = {};
			for (const [k, child] of Object.entries(v as Out)) {
				const w = walk(child, path === '' ? k : `${path}/${k}`);
				if (w !== undefined) out[k] = w;
			}
			return out;
		}
		return v;
	};
	return walk(value, '') as Out;
}
