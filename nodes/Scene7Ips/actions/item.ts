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
import { RunLookups } from '../client/runLookups';
import type { MetadataFieldSummary } from '../client/metadata';
import { asNodeError, errorForItem } from '../helpers/errors';
import { describeNameFault, faultConcernsName } from '../helpers/nameFaults';
import { type ExecutionScope, holdsExpression } from '../helpers/executionScope';
import { imageServingUrl } from '../helpers/imageServingUrl';
import { mappedFieldValue } from '../helpers/mappedField';
import { optionalText, requireAssetName, requireHandle, requireText } from '../helpers/input';
import { type IpsCallOptions, type IpsParam, ipsFaultOf } from '../transport';
import { retryPolicy, type CallSettings } from './callOptions';
import { HANDLE_HINTS } from './common.descriptions';

/**
 * One input item as an operation sees it: its index, its parameters and Options, the Company,
 * Image and Folder it names (names and paths looked up once per distinct value per execution),
 * and a client whose calls carry the item's timeout, retries and the run's signals.
 */
export class ItemContext {
	readonly node: INode;

	readonly client: Scene7Client;

	/** The reads the run's items share, each once per execution, made with this item's client. */
	private readonly lookups: RunLookups;

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
		this.lookups = new RunLookups(this.client, scope);
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
	private async shared<T>(what: string, load: () => Promise<T>): Promise<T> {
		try {
			return await load();
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
		const parts = await this.lookups.imageUrlParts(companyHandle);
		if ('failedLookup' in parts) throw errorForItem(this.node, parts.error, this.index, `while looking up ${parts.failedLookup}`);
		return imageServingUrl(parts.prefix, parts.rootPath, name, modifier);
	}

	/**
	 * Starts the lookups `imageUrl` needs now, beside the item's own call, so that the items of a
	 * run going side by side do not all stop and wait for them after their calls.
	 */
	prefetchImageUrl(companyHandle: string): void {
		// A failure is shared: each item that asks for its URL makes its own error of it.
		if (this.scope.sideBySide) this.lookups.imageUrlParts(companyHandle).catch(() => undefined);
	}

	/** An asset's record by handle (see RunLookups.assetByHandle), or undefined when Scene7 has none. */
	async assetByHandle(companyHandle: string, assetHandle: string): Promise<IDataObject | undefined> {
		return await this.shared(`image ${assetHandle}`, async () => await this.lookups.assetByHandle(companyHandle, assetHandle));
	}

	/** The metadata fields a company defines for images, looked up once per execution. */
	async metadataFields(companyHandle: string): Promise<MetadataFieldSummary[]> {
		return await this.shared(`the metadata fields of company ${companyHandle}`, async () => await this.lookups.metadataFields(companyHandle));
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
		const images = await this.shared(`Image '${name}'`, async () => await this.lookups.imagesNamed(companyHandle, name));
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
			companyByName: async (name) => await this.shared(`Company '${name}'`, async () => await this.lookups.companyByName(name)),
			companyFolders: async (companyHandle) =>
				await this.shared(`the folders of company ${companyHandle}`, async () => await this.lookups.companyFolders(companyHandle)),
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
