// Company and Folder as users give them (From list, By ID, Name, Path) resolved to handles: the one
// resolution the action node and the trigger share. What each keeps between calls (the action node
// an execution's answers, the trigger its static data) is the caller's: it passes the lookups.
import type { INodeParameterResourceLocator } from 'n8n-workflow';

import { type CompanySummary, folderAtPath, type FolderSummary, normalizeFolderPath } from './lookups';

/** The reads a resolution needs: the client itself, or a wrapper that shares its answers. */
export interface LocatorLookups {
	companyByName(name: string): Promise<CompanySummary | undefined>;
	companyFolders(companyHandle: string): Promise<FolderSummary[]>;
}

/** A locator as stored: its mode and its value. */
export interface LocatorValue {
	mode: string;
	value: unknown;
}

/** Why a name or path resolves to nothing, in the words both nodes show; each makes its own error of it. */
export class LocatorNotFound extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'LocatorNotFound';
	}
}

/** A stored locator; older or hand-written workflows may hold a plain value, which is a handle. */
export function locatorValue(stored: unknown): LocatorValue {
	if (stored === null || typeof stored !== 'object' || !('mode' in stored)) return { mode: 'id', value: stored };
	const { mode, value } = stored as INodeParameterResourceLocator;
	return { mode, value };
}

export type LocatorKind = 'company' | 'folder';

// The modes whose value Scene7 must look up; every other mode (From list, By ID) gives the handle.
const LOOKUP_MODES: Record<LocatorKind, string> = { company: 'name', folder: 'path' };

/** Whether the locator's value is looked up (a company's name, a folder's path), not a handle. */
export const isLookupMode = (kind: LocatorKind, mode: string) => mode === LOOKUP_MODES[kind];

/** The company handle of a Company locator's mode and (checked, trimmed) text. */
export async function resolveCompany(lookups: LocatorLookups, mode: string, text: string): Promise<string> {
	return isLookupMode('company', mode) ? await companyHandleOfName(lookups, text) : text;
}

/** The folder handle of a Folder locator's mode and (checked, trimmed) text, in that company. */
export async function resolveFolder(lookups: LocatorLookups, companyHandle: string, mode: string, text: string): Promise<string> {
	return isLookupMode('folder', mode) ? await folderHandleOfPath(lookups, companyHandle, text) : text;
}

/** The handle of the company of this exact name. */
export async function companyHandleOfName(lookups: LocatorLookups, name: string): Promise<string> {
	const company = await lookups.companyByName(name);
	if (!company) {
		throw new LocatorNotFound(
			`No Scene7 company is named '${name}'`,
			'Check the spelling, pick the company from the list, or enter its handle (e.g. c|6).',
		);
	}
	return company.companyHandle;
}

/** The handle of the company's folder at this path (from its root, or relative to it). */
export async function folderHandleOfPath(lookups: LocatorLookups, companyHandle: string, path: string): Promise<string> {
	const wanted = normalizeFolderPath(path);
	const folders = await lookups.companyFolders(companyHandle);
	// Spreadsheets rarely keep the case of folder names; a unique match in other case is accepted.
	const folder = folderAtPath(folders, wanted, { ignoreCase: true });
	if (!folder) {
		throw new LocatorNotFound(
			`No folder has the path '${wanted}' in company ${companyHandle}`,
			`Paths start at the company's root folder (${folders[0]?.path || 'e.g. ApiTestCo/'}) or are relative to it. Pick the folder from the list or enter its handle.`,
		);
	}
	return folder.folderHandle;
}
