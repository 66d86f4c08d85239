import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { AssetSummary } from '../../client/lookups';
import { asNodeError } from '../../helpers/errors';
import { requireReturnedHandle } from '../../helpers/output';
import { ipsFaultOf } from '../../transport';
import {
	assetRLC,
	companyRLC,
	concurrencyOption,
	folderRLC,
	optionsCollection,
	retryOption,
	timeoutOption,
	validateUrlModifierOption,
} from '../common.descriptions';
import type { ItemContext } from '../item';
import { imageUrlFields, includeImageUrlOption, wantsImageUrl } from './imageUrlOutput';
import { modifierBuilder, modifierBuilderCollection } from './modifierBuilder.description';
import { blockUnknownCommandsOption, composeUrlModifier, urlModifierWarningsField } from './urlModifier';

const properties: INodeProperties[] = [
	companyRLC,
	assetRLC,
	folderRLC,
	{
		displayName: 'New Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Copy_macbookwin1',
		description: 'The name (IPS ID) of the new image; it must not be in use in the company',
	},
	{
		displayName: 'URL Modifier',
		name: 'urlModifier',
		type: 'string',
		default: '',
		placeholder: 'e.g. wid=800&hei=800&fmt=jpg',
		description:
			'Image Serving commands applied to make the copy, joined with &. Leave empty for an unchanged copy.',
	},
	modifierBuilder,
	modifierBuilderCollection,
	optionsCollection([
		blockUnknownCommandsOption,
		concurrencyOption('copies'),
		{
			displayName: 'If Name Exists',
			name: 'ifNameExists',
			type: 'options',
			options: [
				{
					name: 'Fail',
					value: 'fail',
					description: 'Report the name conflict as an error',
				},
				{
					name: 'Rename',
					value: 'rename',
					description: 'Use the next free name: name_1, name_2, …',
				},
				{
					name: 'Use Existing',
					value: 'useExisting',
					description:
						'If an asset with the name is already in the folder, return it instead of copying (safe to re-run)',
				},
			],
			default: 'fail',
			description: 'What to do when the new name is already used in the company',
		},
		{
			...includeImageUrlOption,
			description:
				"Whether to add imageUrl (and imageUrlWithModifier, the same URL with the copy's URL Modifier appended): the copy's " +
				"public Image Serving URL, put together from Scene7's Image Server URL and the company's root folder (an inference, " +
				'not checked against the server). It serves the image once it is published.',
		},
		retryOption('A copy is never made twice'),
		timeoutOption,
		validateUrlModifierOption('copying'),
	]),
];

const displayOptions = { show: { resource: ['image'], operation: ['copy'] } };

export const description = updateDisplayOptions(displayOptions, properties);

type IfNameExists = 'fail' | 'rename' | 'useExisting';

interface CopyOptions {
	blockUnknownCommands?: boolean;
	ifNameExists?: IfNameExists;
	validateUrlModifier?: boolean;
}

const isNameInUse = (error: unknown) => {
	const fault = ipsFaultOf(error);
	return fault?.code === 30000 && /already in use/i.test(fault.reason);
};

/** Scene7's name-in-use fault, with what to do about it: which folder holds the name, if known. */
async function nameInUseError(
	item: ItemContext,
	error: unknown,
	name: string,
	companyHandle: string,
	ifNameExists: IfNameExists,
) {
	const nodeError = asNodeError(item.node, error, item.index);
	if (ifNameExists !== 'useExisting') {
		nodeError.description =
			'Choose another New Name, or set Options > If Name Exists to Use Existing (return the asset of that name ' +
			'already in the folder) or Rename (use the next free name_1, name_2, …).';
		return nodeError;
	}
	// Use Existing found no asset of this name in the folder: it is somewhere else in the company.
	const holders = await item.client.assetsNamed(companyHandle, name).catch(() => []);
	const where = holders.map((asset) => `${asset.assetHandle} in folder ${asset.folder || asset.folderHandle}`).join(', ');
	nodeError.description =
		`The name is used by ${where || 'an asset in another folder'}. Use Existing only returns an asset in the ` +
		'target folder: choose that folder, another New Name, or Options > If Name Exists > Rename.';
	return nodeError;
}

const RENAME_BATCH = 10;
const MAX_RENAME_CANDIDATES = 200;

interface CopyTarget {
	companyHandle: string;
	sourceAssetHandle: string;
	folderHandle: string;
	urlModifier: string;
}

class ImageCopier {
	constructor(
		private readonly item: ItemContext,
		private readonly target: CopyTarget,
	) {}

	/** The asset with this name in the target folder, if any. */
	async findInFolder(name: string, createdAfter?: number): Promise<AssetSummary | undefined> {
		const { companyHandle, folderHandle } = this.target;
		return await this.item.client.assetInFolder({ companyHandle, name, folderHandle, createdAfter });
	}

	/** The requested name if free, else the first free name_1, name_2, … (checked with checkAssetNames). */
	async freeName(name: string): Promise<string> {
		for (let first = 0; first < MAX_RENAME_CANDIDATES; first += RENAME_BATCH) {
			const candidates = Array.from({ length: RENAME_BATCH }, (_, i) => (first + i === 0 ? name : `${name}_${first + i}`));
			const inUse = new Set(
				(await this.item.client.namesInUse(this.target.companyHandle, candidates)).map((used) => used.toLowerCase()),
			);
			const free = candidates.find((candidate) => !inUse.has(candidate.toLowerCase()));
			if (free) return free;
		}
		throw this.item.error(`No free name found for '${name}' up to ${name}_${MAX_RENAME_CANDIDATES - 1}`, 'Choose another New Name.');
	}

	/**
	 * One copyImage. If its answer is lost, the folder is searched for the new name before anything
	 * is sent again, so a copy Scene7 made is returned instead of being made twice.
	 */
	async copy(name: string): Promise<string> {
		const startedAt = Date.now();
		const { companyHandle, sourceAssetHandle, folderHandle, urlModifier } = this.target;
		// Key order is copyImageParam's xsd:sequence; urlModifier is required and may be empty.
		const request = { companyHandle, assetHandle: sourceAssetHandle, folderHandle, name, urlModifier };
		const result = await this.item.call('copyImage', request, {
			idempotent: false,
			recover: async () => {
				const made = await this.findInFolder(name, startedAt);
				return made ? { assetHandle: made.assetHandle } : undefined;
			},
		});
		return requireReturnedHandle(this.item.node, result, {
			element: 'assetHandle',
			operation: 'copyImage',
			message: "Scene7 answered the copy without the new image's handle",
			description: 'The copy may or may not exist. Search the folder for the new name before running the item again.',
			itemIndex: this.item.index,
		});
	}
}

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-copy-image.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const options = item.options as CopyOptions;
	const ifNameExists: IfNameExists = options.ifNameExists ?? 'fail';

	// Everything that needs no request is checked first, so a bad row costs no lookup.
	const requestedName = item.assetName('name', 'New Name');
	const { urlModifier, built, warnings } = composeUrlModifier(item, {
		validate: options.validateUrlModifier !== false,
		blockUnknown: options.blockUnknownCommands === true,
	});

	const companyHandle = await item.company();
	const sourceAssetHandle = await item.image(companyHandle);
	const folderHandle = await item.folder(companyHandle);
	const copier = new ImageCopier(item, { companyHandle, sourceAssetHandle, folderHandle, urlModifier });
	if (wantsImageUrl(item)) item.prefetchImageUrl(companyHandle);

	const copied = (assetHandle: string, name: string): IDataObject => ({
		assetHandle,
		companyHandle,
		sourceAssetHandle,
		folderHandle,
		name,
		urlModifier,
		alreadyExisted: false,
		...(name !== requestedName ? { requestedName } : {}),
		...(built ? { builtUrlModifier: built } : {}),
		...urlModifierWarningsField(warnings),
	});
	// Scene7 does not keep the commands a copy was made with, so an existing asset's output has no
	// urlModifier: this run's would be wrong, and the asset's own catalog modifier is another thing.
	const existing = (asset: AssetSummary): IDataObject => ({
		assetHandle: asset.assetHandle,
		companyHandle,
		sourceAssetHandle,
		folderHandle,
		name: asset.name || requestedName,
		alreadyExisted: true,
	});

	// The copy is made (or found): a failed URL lookup only leaves the URL out (imageUrlError says why).
	const withUrl = async (output: IDataObject): Promise<IDataObject> => {
		if (!wantsImageUrl(item)) return output;
		const modifier = typeof output.urlModifier === 'string' ? output.urlModifier : '';
		return { ...output, ...(await imageUrlFields(item, companyHandle, String(output.name), modifier)) };
	};

	if (ifNameExists === 'useExisting') {
		const found = await copier.findInFolder(requestedName);
		if (found) return await withUrl(existing(found));
	}
	let name = ifNameExists === 'rename' ? await copier.freeName(requestedName) : requestedName;
	// The name may be taken between the check and the copy; look again rather than fail.
	for (let tries = 1; ; tries++) {
		try {
			return await withUrl(copied(await copier.copy(name), name));
		} catch (error) {
			if (!isNameInUse(error)) throw item.nameError(error, 'New Name', name);
			if (ifNameExists === 'fail' || tries >= 5) throw await nameInUseError(item, error, name, companyHandle, ifNameExists);
			if (ifNameExists === 'useExisting') {
				const found = await copier.findInFolder(name);
				if (!found) throw await nameInUseError(item, error, name, companyHandle, ifNameExists);
				return await withUrl(existing(found));
			}
			name = await copier.freeName(requestedName);
		}
	}
}
