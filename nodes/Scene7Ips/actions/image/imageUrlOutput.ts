import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../item';

// The Image Serving URL on image outputs. Its derivation (getProperty IpsImageServerUrl + the
// company's root folder + the name) is our inference, not checked against a live server; see
// helpers/imageServingUrl.ts. A failed lookup never fails an item whose work is done: the output
// then says why it has no URL.

export const includeImageUrlOption: INodeProperties = {
	displayName: 'Include Image URL',
	name: 'includeImageUrl',
	type: 'boolean',
	default: true,
	description:
		"Whether to add imageUrl: the image's public Image Serving URL, put together from Scene7's Image Server URL " +
		"and the company's root folder (an inference, not checked against the server). It serves the image once it is published.",
};

/** Whether the item's Options leave the URL on (the default). */
export const wantsImageUrl = (item: ItemContext) => (item.options as { includeImageUrl?: boolean }).includeImageUrl !== false;

// Asset types Image Serving serves under /is/image (an assumption for the derived views).
const SERVED_TYPES = new Set(['Image', 'AdjustedView', 'LayerView']);

/** Whether an asset of this type gets an Image Serving URL; an unknown type counts as an image. */
export const isServedImage = (type: unknown) => typeof type !== 'string' || type === '' || SERVED_TYPES.has(type);

/**
 * `{ imageUrl }` (and `imageUrlWithModifier` when `modifier` is not empty), or `{ imageUrlError }`
 * with the reason the URL could not be put together.
 */
export async function imageUrlFields(
	item: ItemContext,
	companyHandle: string,
	name: string,
	modifier = '',
): Promise<IDataObject> {
	try {
		const imageUrl = await item.imageUrl(companyHandle, name);
		if (!modifier) return { imageUrl };
		return { imageUrl, imageUrlWithModifier: await item.imageUrl(companyHandle, name, modifier) };
	} catch (error) {
		return { imageUrlError: (error as Error).message };
	}
}

/** Adds the URL fields to asset outputs (only to the types Image Serving serves). */
export async function withImageUrls(item: ItemContext, companyHandle: string, outputs: IDataObject[]): Promise<IDataObject[]> {
	if (!wantsImageUrl(item)) return outputs;
	return await Promise.all(
		outputs.map(async (output) =>
			isServedImage(output.type) && typeof output.name === 'string' && output.name !== ''
				? { ...output, ...(await imageUrlFields(item, companyHandle, output.name)) }
				: output,
		),
	);
}
