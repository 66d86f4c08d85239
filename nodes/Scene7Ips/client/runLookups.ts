// The reads a run's items share, each once per execution (through the execution scope): image URL
// parts, assets by handle (batched), images by name, companies by name, a company's folders and
// metadata fields. Failures come back as they are; the item that asked makes its own error of them.
import type { IDataObject } from 'n8n-workflow';

import type { ExecutionScope } from '../helpers/executionScope';
import type { AssetSummary, CompanySummary, FolderSummary, Scene7Client } from './lookups';
import { type MetadataFieldSummary, metadataFieldsOf } from './metadata';

// Keys of the execution's shared lookups for image URLs.
const IMAGE_SERVER_URL = 'imageServerUrl';
const IMAGE_URL_PARTS = 'imageUrlParts:';
const IMAGE_SERVER_URL_WHAT = "Scene7's Image Server URL (getProperty IpsImageServerUrl)";

export interface ImageUrlParts {
	prefix: string;
	rootPath: string;
}

/** Which lookup for image URLs failed and why; each item makes its own error of it. */
export interface FailedLookup {
	failedLookup: string;
	error: unknown;
}

async function settled<T>(what: string, load: () => Promise<T>): Promise<{ value: T } | FailedLookup> {
	try {
		return { value: await load() };
	} catch (error) {
		return { failedLookup: what, error };
	}
}

export class RunLookups {
	constructor(
		/** The asking item's client: its timeout, retries and signals carry the call. */
		private readonly client: Scene7Client,
		private readonly scope: ExecutionScope,
	) {}

	/** The Image Server prefix and the company's root, once per company per execution. */
	async imageUrlParts(companyHandle: string): Promise<ImageUrlParts | FailedLookup> {
		return await this.scope.lookup(`${IMAGE_URL_PARTS}${companyHandle}`, async () => await this.loadImageUrlParts(companyHandle));
	}

	private async loadImageUrlParts(companyHandle: string): Promise<ImageUrlParts | FailedLookup> {
		// The prefix is the same for every company: one getProperty per execution.
		const prefix = async () =>
			await settled(IMAGE_SERVER_URL_WHAT, async () => await this.scope.lookup(IMAGE_SERVER_URL, async () => await this.client.imageServerUrl()));
		const company = async () => await settled(`company ${companyHandle}`, async () => await this.client.companyInfo(companyHandle));
		// Side by side, both go out together. Otherwise one after the other: one item alone, or items
		// one at a time, has one call in flight (and the company is not asked when the prefix failed).
		const pendingPrefix = prefix();
		const pendingCompany = this.scope.sideBySide ? company() : undefined;
		const serverUrl = await pendingPrefix;
		if ('failedLookup' in serverUrl) return serverUrl;
		const info = await (pendingCompany ?? company());
		return 'failedLookup' in info ? info : { prefix: serverUrl.value, rootPath: info.value.rootPath };
	}

	/**
	 * An asset's record by handle, or undefined when Scene7 has none: each handle once per execution,
	 * and the items asking within one turn share one getAssets (100 handles at most). A batch Scene7
	 * refuses as a whole is asked again one handle at a time, so a bad handle fails only its item.
	 */
	async assetByHandle(companyHandle: string, assetHandle: string): Promise<IDataObject | undefined> {
		const byHandle = async (list: string[]) =>
			new Map<string, IDataObject | Error>((await this.client.assetsByHandle(companyHandle, list)).map((asset) => [String(asset.assetHandle), asset]));
		const loadMany = async (handles: string[]) => {
			if (handles.length === 1) return await byHandle(handles);
			try {
				return await byHandle(handles);
			} catch {
				// Each handle alone: its own answer, or its own failure.
				const answers = await Promise.all(
					handles.map(async (handle) => await byHandle([handle]).catch((error: Error) => new Map([[handle, error]]))),
				);
				return new Map(answers.flatMap((answer) => [...answer]));
			}
		};
		return await this.scope.lookup(`asset:${companyHandle}\u0000${assetHandle}`, async () => {
			const answer = await this.scope.batch(`assets:${companyHandle}`, assetHandle, loadMany);
			if (answer instanceof Error) throw answer;
			return answer;
		});
	}

	/** The images of this exact name in the company. */
	async imagesNamed(companyHandle: string, name: string): Promise<AssetSummary[]> {
		return await this.scope.lookup(`image:${companyHandle}:${name}`, async () => await this.client.assetsNamed(companyHandle, name, ['Image']));
	}

	/** The company of this exact name, or undefined. */
	async companyByName(name: string): Promise<CompanySummary | undefined> {
		return await this.scope.lookup(`company:${name}`, async () => await this.client.companyByName(name));
	}

	/** The company's folders with their paths. */
	async companyFolders(companyHandle: string): Promise<FolderSummary[]> {
		return await this.scope.lookup(`folders:${companyHandle}`, async () => await this.client.companyFolders(companyHandle));
	}

	/** The metadata fields a company defines for images. */
	async metadataFields(companyHandle: string): Promise<MetadataFieldSummary[]> {
		return await this.scope.lookup(`metadataFields:${companyHandle}`, async () => await metadataFieldsOf(this.client, companyHandle));
	}
}
