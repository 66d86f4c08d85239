import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ExecutionScope } from '../helpers/executionScope';
import { requireHandle, requireText } from '../helpers/input';
import { assetsNamed, companyByName, companyFolders, folderAtPath, normalizeFolderPath } from '../methods/lookups';
import type { IpsCallOptions } from '../transport';
import { HANDLE_HINTS } from './common.descriptions';

// Turn the Company, Image and Folder resource locators of one item into handles. Names and paths
// are looked up once per distinct value per execution (ExecutionScope), never across executions.

function locatorOf(context: IExecuteFunctions, parameter: string, itemIndex: number): INodeParameterResourceLocator {
	const value = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	// Older or hand-written workflows may hold a plain value instead of a locator.
	if (value === null || typeof value !== 'object' || !('mode' in value)) {
		return { __rl: true, mode: 'id', value: value as string };
	}
	return value as INodeParameterResourceLocator;
}

/** Whether an optional locator was left empty (nothing picked, typed or mapped). */
export function isLocatorEmpty(context: IExecuteFunctions, parameter: string, itemIndex: number): boolean {
	const { value } = locatorOf(context, parameter, itemIndex);
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export async function resolveCompany(
	this: IExecuteFunctions,
	scope: ExecutionScope,
	itemIndex: number,
	call: IpsCallOptions,
	parameter = 'companyHandle',
): Promise<string> {
	const node = this.getNode();
	const { mode, value } = locatorOf(this, parameter, itemIndex);
	if (mode !== 'name') return requireHandle(node, value, 'Company', 'company', itemIndex, HANDLE_HINTS.company);

	const name = requireText(node, value, 'Company', itemIndex, 'Enter the company name as Scene7 shows it.');
	const company = await scope.lookup(`company:${name}`, async () => await companyByName.call(this, name, call));
	if (!company) {
		throw new NodeOperationError(node, `No Scene7 company is named '${name}' [item ${itemIndex}]`, {
			description: 'Check the spelling, pick the company from the list, or enter its handle (e.g. c|6).',
			itemIndex,
		});
	}
	return company.companyHandle;
}

export async function resolveImage(
	this: IExecuteFunctions,
	scope: ExecutionScope,
	itemIndex: number,
	call: IpsCallOptions,
	companyHandle: string,
	parameter = 'assetHandle',
): Promise<string> {
	const node = this.getNode();
	const { mode, value } = locatorOf(this, parameter, itemIndex);
	if (mode !== 'name') return requireHandle(node, value, 'Image', 'asset', itemIndex, HANDLE_HINTS.asset);

	const name = requireText(node, value, 'Image', itemIndex, 'Enter the image name as Scene7 shows it.');
	const images = await scope.lookup(
		`image:${companyHandle}:${name}`,
		async () => await assetsNamed.call(this, companyHandle, name, call, ['Image']),
	);
	if (images.length === 1) return images[0].assetHandle;
	if (images.length === 0) {
		throw new NodeOperationError(node, `No image is named '${name}' in company ${companyHandle} [item ${itemIndex}]`, {
			description:
				'Check the spelling (names must match exactly), that the asset is an image, and the company; or pick the image from the list or enter its handle.',
			itemIndex,
		});
	}
	const found = images.map((image) => `${image.assetHandle} in ${image.folder || 'an unknown folder'}`).join(', ');
	throw new NodeOperationError(
		node,
		`${images.length} images are named '${name}' in company ${companyHandle} [item ${itemIndex}]`,
		{ description: `Enter the handle of the one you mean: ${found}.`, itemIndex },
	);
}

export async function resolveFolder(
	this: IExecuteFunctions,
	scope: ExecutionScope,
	itemIndex: number,
	call: IpsCallOptions,
	companyHandle: string,
	parameter = 'folderHandle',
): Promise<string> {
	const node = this.getNode();
	const { mode, value } = locatorOf(this, parameter, itemIndex);
	if (mode !== 'path') return requireHandle(node, value, 'Folder', 'folder', itemIndex, HANDLE_HINTS.folder);

	const path = normalizeFolderPath(requireText(node, value, 'Folder', itemIndex, 'Enter a path such as ApiTestCo/summer/.'));
	const folders = await scope.lookup(
		`folders:${companyHandle}`,
		async () => await companyFolders.call(this, companyHandle, call),
	);
	// Spreadsheets rarely keep the case of folder names; a unique match in other case is accepted.
	const folder = folderAtPath(folders, path, { ignoreCase: true });
	if (!folder) {
		throw new NodeOperationError(node, `No folder has the path '${path}' in company ${companyHandle} [item ${itemIndex}]`, {
			description: `Paths start at the company's root folder (${folders[0]?.path || 'e.g. ApiTestCo/'}) or are relative to it. Pick the folder from the list or enter its handle.`,
			itemIndex,
		});
	}
	return folder.folderHandle;
}
