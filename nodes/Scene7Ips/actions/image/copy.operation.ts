import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { updateDisplayOptions } from '../../helpers/displayOptions';
import { requireReturnedHandle } from '../../helpers/output';
import type { ExecutionScope } from '../../helpers/executionScope';
import { asNodeError } from '../../helpers/errors';
import { requireAssetName } from '../../helpers/input';
import { callOptions, type CallSettings } from '../../helpers/callOptions';
import { type AssetSummary, assetInFolder, namesInUse } from '../../methods/lookups';
import { type IpsCallOptions, ipsFaultOf, ipsRequest } from '../../transport';
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
import { resolveCompany, resolveFolder, resolveImage } from '../locators';
import { modifierBuilder } from './modifierBuilder.description';
import { composeUrlModifier } from './urlModifier';

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
	optionsCollection([
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
		retryOption('A copy is never made twice'),
		timeoutOption,
		validateUrlModifierOption('copying'),
	]),
];

const displayOptions = { show: { resource: ['image'], operation: ['copy'] } };

export const description = updateDisplayOptions(displayOptions, properties);

type IfNameExists = 'fail' | 'rename' | 'useExisting';

interface CopyOptions extends CallSettings {
	concurrency?: number;
	ifNameExists?: IfNameExists;
	validateUrlModifier?: boolean;
}

const isNameInUse = (error: unknown) => {
	const fault = ipsFaultOf(error);
	return fault?.code === 30000 && /already in use/i.test(fault.reason);
};

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
		private readonly context: IExecuteFunctions,
		private readonly target: CopyTarget,
		private readonly call: IpsCallOptions,
	) {}

	/** The asset with this name in the target folder, if any. */
	async findInFolder(name: string, createdAfter?: number): Promise<AssetSummary | undefined> {
		const { companyHandle, folderHandle } = this.target;
		return await assetInFolder.call(this.context, { companyHandle, name, folderHandle, createdAfter }, this.call);
	}

	/** The requested name if free, else the first free name_1, name_2, … (checked with checkAssetNames). */
	async freeName(name: string): Promise<string> {
		for (let first = 0; first < MAX_RENAME_CANDIDATES; first += RENAME_BATCH) {
			const candidates = Array.from({ length: RENAME_BATCH }, (_, i) => (first + i === 0 ? name : `${name}_${first + i}`));
			const inUse = new Set(
				(await namesInUse.call(this.context, this.target.companyHandle, candidates, this.call)).map((used) => used.toLowerCase()),
			);
			const free = candidates.find((candidate) => !inUse.has(candidate.toLowerCase()));
			if (free) return free;
		}
		throw new NodeOperationError(this.context.getNode(), `No free name found for '${name}' up to ${name}_${MAX_RENAME_CANDIDATES - 1}`, {
			description: 'Choose another New Name.',
			itemIndex: this.call.itemIndex,
		});
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
		const result = await ipsRequest.call(this.context, 'copyImage', request, {
			...this.call,
			idempotent: false,
			recover: async () => {
				const made = await this.findInFolder(name, startedAt);
				return made ? { assetHandle: made.assetHandle } : undefined;
			},
		});
		return requireReturnedHandle(this.context.getNode(), result, {
			element: 'assetHandle',
			operation: 'copyImage',
			message: "Scene7 answered the copy without the new image's handle",
			description: 'The copy may or may not exist. Search the folder for the new name before running the item again.',
			itemIndex: this.call.itemIndex,
		});
	}
}

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-copy-image.html
export async function execute(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject> {
	const node = this.getNode();
	const options = this.getNodeParameter('options', itemIndex, {}) as CopyOptions;
	const ifNameExists: IfNameExists = options.ifNameExists ?? 'fail';
	const call = callOptions(options, itemIndex, scope);

	// Everything that needs no request is checked first, so a bad row costs no lookup.
	const requestedName = requireAssetName(node, this.getNodeParameter('name', itemIndex, ''), 'New Name', itemIndex);
	const { urlModifier, built } = composeUrlModifier(this, itemIndex, options.validateUrlModifier !== false);

	const companyHandle = await resolveCompany.call(this, scope, itemIndex, call);
	const sourceAssetHandle = await resolveImage.call(this, scope, itemIndex, call, companyHandle);
	const folderHandle = await resolveFolder.call(this, scope, itemIndex, call, companyHandle);
	const copier = new ImageCopier(this, { companyHandle, sourceAssetHandle, folderHandle, urlModifier }, call);

	const output = (assetHandle: string, name: string, alreadyExisted: boolean): IDataObject => ({
		assetHandle,
		companyHandle,
		sourceAssetHandle,
		folderHandle,
		name,
		urlModifier,
		alreadyExisted,
		...(name !== requestedName ? { requestedName } : {}),
		...(built ? { builtUrlModifier: built } : {}),
	});

	if (ifNameExists === 'useExisting') {
		const existing = await copier.findInFolder(requestedName);
		if (existing) return output(existing.assetHandle, requestedName, true);
	}
	let name = ifNameExists === 'rename' ? await copier.freeName(requestedName) : requestedName;
	// The name may be taken between the check and the copy; look again rather than fail.
	for (let tries = 1; ; tries++) {
		try {
			return output(await copier.copy(name), name, false);
		} catch (error) {
			if (!isNameInUse(error) || ifNameExists === 'fail' || tries >= 5) throw asNodeError(node, error, itemIndex);
			if (ifNameExists === 'useExisting') {
				const existing = await copier.findInFolder(name);
				if (!existing) throw asNodeError(node, error, itemIndex);
				return output(existing.assetHandle, name, true);
			}
			name = await copier.freeName(requestedName);
		}
	}
}
