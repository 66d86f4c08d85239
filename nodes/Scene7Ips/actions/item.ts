import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	isLookupMode,
	type LocatorLookups,
	LocatorNotFound,
	type LocatorValue,
	locatorValue,
	resolveCompany,
	resolveFolder,
} from '../client/locators';
import { Scene7Client } from '../client/lookups';
import { type MetadataFieldSummary, metadataFieldsOf } from '../client/metadata';
import { asNodeError, errorForItem } from '../helpers/errors';
import { describeNameFault, faultConcernsName } from '../helpers/nameFaults';
import { type ExecutionScope, holdsExpression } from '../helpers/executionScope';
import { imageServingUrl } from '../helpers/imageServingUrl';
import { mappedFieldValue } from '../helpers/mappedField';
import { optionalText, requireAssetName, requireHandle, requireText } from '../helpers/input';
import { type IpsCallOptions, type IpsParam, ipsFaultOf } from '../transport';
import { retryPolicy, type CallSettings } from './callOptions';
import { HANDLE_HINTS } from './common.descriptions';

// Keys of the execution's shared lookups for image URLs.
const IMAGE_SERVER_URL = 'imageServerUrl';
const IMAGE_URL_PARTS = 'imageUrlParts:';
const IMAGE_SERVER_URL_WHAT = "Scene7's Image Server URL (getProperty IpsImageServerUrl)";

interface ImageUrlParts {
	prefix: string;
	rootPath: string;
}

/** Which lookup for image URLs failed and why; each item makes its own error of it. */
interface FailedLookup {
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

/**
 * One input item as an operation sees it: its index, its parameters and Options, the Company,
 * Image and Folder it names (names and paths looked up once per distinct value per execution),
 * and a client whose calls carry the item's timeout, retries and the run's signals.
 */
export class ItemContext {
	readonly node: INode;

	readonly client: Scene7Client;

	/** The item's Options collection as the editor stored it. */
	readonly options: IDataObject;

	constructor(
		private readonly context: IExecuteFunctions,
		readonly index: number,
		readonly scope: ExecutionScope,
		/** Fires when the run stops (Cancel, or a failure under Stop): end waits and polls with it. */
		readonly signal?: AbortSignal,
	) {
		this.node = scope.node ?? context.getNode();
		this.options = this.param<IDataObject>('options', {});
		const { timeout, retry } = this.options as CallSettings;
		const settings: IpsCallOptions = { itemIndex: index, timeout, retry: retryPolicy({ retry }), limiter: scope.limiter, credentials: scope.credentials, signal };
		this.client = new Scene7Client(context, settings);
	}

	/** One IPS operation for this item; see IpsCallOptions for `idempotent` and `recover`. */
	async call(operation: string, param: IpsParam, extra?: Pick<IpsCallOptions, 'idempotent' | 'recover'>) {
		return await this.client.call(operation, param, extra);
	}

	/**
	 * A parameter's value for this item: read once per execution when it holds no expression, read
	 * from the item when it maps one of its fields, evaluated by n8n otherwise.
	 */
	param<T = unknown>(name: string, fallback?: T): T {
		const stored = name.split('.').reduce<unknown>(
			(parent, key) => (parent !== null && typeof parent === 'object' ? (parent as IDataObject)[key] : undefined),
			this.node.parameters,
		);
		if (holdsExpression(stored)) {
			const mapped = mappedFieldValue(stored, this.context.getInputData()[this.index]?.json);
			if (mapped !== undefined) return mapped as T;
		}
		return this.scope.parameter(stored, name, () => this.context.getNodeParameter(name, this.index, fallback as never) as T);
	}

	/** A required text parameter: trimmed, not empty, no control characters. */
	text(name: string, field: string, hint: string): string {
		return requireText(this.node, this.param(name, ''), field, this.index, hint);
	}

	/** An optional text parameter ('' when empty). */
	optionalText(name: string, field: string): string {
		return optionalText(this.node, this.param(name, ''), field, this.index);
	}

	/** A required asset name parameter. */
	assetName(name: string, field: string): string {
		return requireAssetName(this.node, this.param(name, ''), field, this.index);
	}

	/**
	 * Scene7's fault about the name sent in `field`, in words that say so and name the field and
	 * the item; any other error unchanged.
	 */
	nameError(error: unknown, field: string, name: string) {
		const nodeError = asNodeError(this.node, error, this.index);
		const fault = ipsFaultOf(error);
		if (!fault || !faultConcernsName({ ...fault, code: fault.code ?? undefined }, name)) return nodeError;
		const { message, description } = describeNameFault({ ...fault, code: fault.code ?? undefined }, field, this.index, name);
		nodeError.message = message;
		nodeError.description = description;
		return nodeError;
	}

	/** An error about this item, naming it. */
	error(message: string, description: string): NodeOperationError {
		return new NodeOperationError(this.node, `${message} [item ${this.index}]`, { description, itemIndex: this.index });
	}

	private locator(parameter: string): LocatorValue {
		return locatorValue(this.param<unknown>(parameter, ''));
	}

	/** Whether an optional locator was left empty (nothing picked, typed or mapped). */
	isEmpty(parameter: string): boolean {
		const { value } = this.locator(parameter);
		return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
	}

	/** A lookup shared with the run's other items; a failure becomes this item's own error. */
	private async shared<T>(key: string, what: string, load: () => Promise<T>): Promise<T> {
		try {
			return await this.scope.lookup(key, load);
		} catch (error) {
			throw errorForItem(this.node, error, this.index, `while looking up ${what}`);
		}
	}

	/**
	 * The public Image Serving URL of an image (with an optional modifier), from Scene7's Image
	 * Server prefix and the company's root, each looked up once per execution. A failed lookup
	 * becomes this item's error; callers whose work is already done keep it off their output's way.
	 */
	async imageUrl(companyHandle: string, name: string, modifier?: string): Promise<string> {
		const { prefix, rootPath } = await this.imageUrlParts(companyHandle);
		return imageServingUrl(prefix, rootPath, name, modifier);
	}

	/**
	 * Starts the lookups `imageUrl` needs now, beside the item's own call, so that the items of a
	 * run going side by side do not all stop and wait for them after their calls.
	 */
	prefetchImageUrl(companyHandle: string): void {
		if (!this.scope.sideBySide) return;
		// A failure is shared: each item that asks for its URL makes its own error of it.
		this.imageUrlParts(companyHandle).catch(() => undefined);
	}

	/** The Image Server prefix and the company's root, once per company per execution. */
	private async imageUrlParts(companyHandle: string): Promise<ImageUrlParts> {
		const parts = await this.scope.lookup(`${IMAGE_URL_PARTS}${companyHandle}`, async () => await this.loadImageUrlParts(companyHandle));
		if ('failedLookup' in parts) throw errorForItem(this.node, parts.error, this.index, `while looking up ${parts.failedLookup}`);
		return parts;
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
		return await this.shared(`asset:${companyHandle}\u0000${assetHandle}`, `image ${assetHandle}`, async () => {
			const answer = await this.scope.batch(`assets:${companyHandle}`, assetHandle, loadMany);
			if (answer instanceof Error) throw answer;
			return answer;
		});
	}

	/** The metadata fields a company defines for images, looked up once per execution. */
	async metadataFields(companyHandle: string): Promise<MetadataFieldSummary[]> {
		return await this.shared(
			`metadataFields:${companyHandle}`,
			`the metadata fields of company ${companyHandle}`,
			async () => await metadataFieldsOf(this.client, companyHandle),
		);
	}

	/** The company handle the Company locator gives (a name looked up once per execution). */
	async company(parameter = 'companyHandle'): Promise<string> {
		const { mode, value } = this.locator(parameter);
		if (!isLookupMode('company', mode)) return requireHandle(this.node, value, 'Company', 'company', this.index, HANDLE_HINTS.company);
		const name = requireText(this.node, value, 'Company', this.index, 'Enter the company name as Scene7 shows it.');
		return await this.resolved(async () => await resolveCompany(this.sharedLookups, mode, name));
	}

	/** The asset handle the Image locator gives. */
	async image(companyHandle: string, parameter = 'assetHandle'): Promise<string> {
		const { mode, value } = this.locator(parameter);
		if (mode !== 'name') return requireHandle(this.node, value, 'Image', 'asset', this.index, HANDLE_HINTS.asset);

		const name = requireText(this.node, value, 'Image', this.index, 'Enter the image name as Scene7 shows it.');
		const images = await this.shared(
			`image:${companyHandle}:${name}`,
			`Image '${name}'`,
			async () => await this.client.assetsNamed(companyHandle, name, ['Image']),
		);
		if (images.length === 1) return images[0].assetHandle;
		if (images.length === 0) {
			throw this.error(
				`No image is named '${name}' in company ${companyHandle}`,
				'Check the spelling (names must match exactly), that the asset is an image, and the company; or pick the image from the list or enter its handle.',
			);
		}
		const found = images.map((image) => `${image.assetHandle} in ${image.folder || 'an unknown folder'}`).join(', ');
		throw this.error(
			`${images.length} images are named '${name}' in company ${companyHandle}`,
			`Enter the handle of the one you mean: ${found}.`,
		);
	}

	/** The folder handle the Folder locator gives (a company's folders read once per execution). */
	async folder(companyHandle: string, parameter = 'folderHandle'): Promise<string> {
		const { mode, value } = this.locator(parameter);
		if (!isLookupMode('folder', mode)) return requireHandle(this.node, value, 'Folder', 'folder', this.index, HANDLE_HINTS.folder);
		const path = requireText(this.node, value, 'Folder', this.index, 'Enter a path such as ApiTestCo/summer/.');
		return await this.resolved(async () => await resolveFolder(this.sharedLookups, companyHandle, mode, path));
	}

	/** The locator lookups through this execution's shared answers: each name or company once. */
	private get sharedLookups(): LocatorLookups {
		return {
			companyByName: async (name) =>
				await this.shared(`company:${name}`, `Company '${name}'`, async () => await this.client.companyByName(name)),
			companyFolders: async (companyHandle) =>
				await this.shared(
					`folders:${companyHandle}`,
					`the folders of company ${companyHandle}`,
					async () => await this.client.companyFolders(companyHandle),
				),
		};
	}

	/** A resolution's handle; a name or path that resolves to nothing becomes this item's error. */
	private async resolved(resolve: () => Promise<string>): Promise<string> {
		try {
			return await resolve();
		} catch (error) {
			if (error instanceof LocatorNotFound) throw this.error(error.message, error.description);
			throw asNodeError(this.node, error, this.index);
		}
	}
}
