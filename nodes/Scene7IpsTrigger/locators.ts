// The company and folder the trigger watches, as handles. A company chosen by name and a folder
// chosen by path each cost a lookup, so an active trigger keeps what they resolved to in the node's
// static data and looks them up again only when their value changes or Scene7 refuses the handle.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { HANDLE_HINTS } from '../Scene7Ips/actions/common.descriptions';
import { asNodeError } from '../Scene7Ips/helpers/errors';
import { isLookupMode, LocatorNotFound, locatorValue, resolveCompany, resolveFolder } from '../Scene7Ips/client/locators';
import type { Scene7Client } from '../Scene7Ips/client/lookups';
import { ipsFaultOf } from '../Scene7Ips/transport';

/** Where the resolved handles live in the node's static data, beside the poll state. */
export const LOCATOR_KEY = 'scene7Locators';

/** A locator's value and the handle it resolved to. */
interface Resolved {
	value: string;
	handle: string;
}

interface LocatorCache {
	company?: Resolved;
	folder?: Resolved;
}

export interface WatchedHandles {
	companyHandle: string;
	folderHandle?: string;
}

// authorizationFault INVALID_COMPANY and ILLEGAL_COMPANY (ips-api.md §5).
const COMPANY_FAULTS = [20000, 20006];
// ipsApiFault INVALID_PARAMETER: searchAssets names the parameter it refuses.
const PARAMETER_FAULT = 30001;

const textOf = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');

function locatorOf(context: IPollFunctions, name: string): { mode: string; text: string } {
	const { mode, value } = locatorValue(context.getNodeParameter(name, '') as unknown);
	return { mode, text: textOf(value) };
}

function readCache(stored: unknown): LocatorCache {
	const cache: LocatorCache = {};
	if (stored === null || typeof stored !== 'object') return cache;
	for (const kind of ['company', 'folder'] as const) {
		const entry = (stored as Record<string, unknown>)[kind] as Partial<Resolved> | undefined;
		if (typeof entry?.value === 'string' && typeof entry.handle === 'string' && entry.handle) {
			cache[kind] = { value: entry.value, handle: entry.handle };
		}
	}
	return cache;
}

/**
 * Resolves the Company and Folder parameters. Without static data (a manual test run) nothing is
 * kept; every run looks them up.
 */
export class Locators {
	private readonly cache: LocatorCache;
	/** Which handles of this poll came from the static data rather than a lookup just now. */
	private readonly kept = { company: false, folder: false };

	constructor(
		private readonly context: IPollFunctions,
		private readonly client: Scene7Client,
		private readonly staticData?: IDataObject,
	) {
		this.cache = readCache(staticData?.[LOCATOR_KEY]);
	}

	async resolve(): Promise<WatchedHandles> {
		const companyHandle = await this.company();
		return { companyHandle, folderHandle: await this.folder(companyHandle) };
	}

	/**
	 * After a failed poll: whether the fault was about a kept handle that now resolves to another
	 * one, so the poll is worth one more try. A kept handle Scene7 refused is looked up again, so a
	 * company or folder that is gone fails with the lookup's own message. `used` is undefined when
	 * the poll failed while resolving (a kept company refused by the folder lookup).
	 */
	async refreshAfter(error: unknown, used: WatchedHandles | undefined): Promise<boolean> {
		const fault = ipsFaultOf(error);
		if (!fault || fault.code === null) return false;
		if (this.kept.company && COMPANY_FAULTS.includes(fault.code)) {
			this.forget('company');
			this.forget('folder');
			const again = await this.resolve();
			return used === undefined || again.companyHandle !== used.companyHandle || again.folderHandle !== used.folderHandle;
		}
		if (!used) return false;
		const path = used.folderHandle?.replace(/^f\|/, '');
		const aboutFolder = fault.code === PARAMETER_FAULT && (/folder/i.test(fault.reason) || (!!path && fault.reason.includes(path)));
		if (this.kept.folder && aboutFolder) {
			this.forget('folder');
			return (await this.folder(used.companyHandle)) !== used.folderHandle;
		}
		return false;
	}

	private async company(): Promise<string> {
		const { mode, text } = locatorOf(this.context, 'companyHandle');
		if (!text) {
			throw new NodeOperationError(this.context.getNode(), 'Company is empty', {
				description: `Pick the company to watch from the list, or enter its name or handle. ${HANDLE_HINTS.company}`,
			});
		}
		if (!isLookupMode('company', mode)) {
			this.forget('company');
			return text;
		}
		const kept = this.cache.company;
		if (kept?.value === text) {
			this.kept.company = true;
			return kept.handle;
		}
		const companyHandle = await this.resolved('company', async () => await resolveCompany(this.client, mode, text));
		this.keep('company', { value: text, handle: companyHandle });
		return companyHandle;
	}

	private async folder(companyHandle: string): Promise<string | undefined> {
		const { mode, text } = locatorOf(this.context, 'folderHandle');
		if (!text || !isLookupMode('folder', mode)) {
			this.forget('folder');
			return text || undefined;
		}
		// The same path means another folder in another company.
		const value = JSON.stringify([companyHandle, text]);
		const kept = this.cache.folder;
		if (kept?.value === value) {
			this.kept.folder = true;
			return kept.handle;
		}
		const folderHandle = await this.resolved('folder', async () => await resolveFolder(this.client, companyHandle, mode, text));
		this.keep('folder', { value, handle: folderHandle });
		return folderHandle;
	}

	/** A lookup's handle; a name or path that resolves to nothing is forgotten and fails the poll. */
	private async resolved(kind: keyof LocatorCache, resolve: () => Promise<string>): Promise<string> {
		try {
			return await resolve();
		} catch (error) {
			if (!(error instanceof LocatorNotFound)) throw asNodeError(this.context.getNode(), error);
			this.forget(kind);
			throw new NodeOperationError(this.context.getNode(), error.message, { description: error.description });
		}
	}

	private keep(kind: keyof LocatorCache, resolved: Resolved): void {
		this.cache[kind] = resolved;
		this.kept[kind] = false;
		this.save();
	}

	private forget(kind: keyof LocatorCache): void {
		this.kept[kind] = false;
		if (!this.cache[kind]) return;
		delete this.cache[kind];
		this.save();
	}

	private save(): void {
		if (!this.staticData) return;
		if (this.cache.company || this.cache.folder) this.staticData[LOCATOR_KEY] = { ...this.cache } as IDataObject;
		else delete this.staticData[LOCATOR_KEY];
	}
}
