import type { IBinaryData, IDataObject, IExecuteFunctions, IN8nHttpFullResponse, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { extensionOf, fileNameFor, MAX_DOWNLOAD_BYTES, mimeTypeOf } from '../../helpers/download';
import { asNodeError } from '../../helpers/errors';
import { CREDENTIAL_TYPE, DOWNLOAD_LIMITER, limiterFor } from '../../transport';
import { isReadable, readBodyBytes } from '../../transport/body';
import { hostOf, isImageServingRead, isRedirectStatus } from '../../transport/endpoint';
import {
	assetRLC,
	companyRLC,
	concurrencyOption,
	optionsCollection,
	timeoutOption,
	validateUrlModifierOption,
} from '../common.descriptions';
import type { ItemContext } from '../item';
import { BinaryOutput } from '../operation';
import { checkUrlModifier, urlModifierWarningsField } from './urlModifier';

const properties: INodeProperties[] = [
	companyRLC,
	{ ...assetRLC, description: 'The image to download' },
	{
		displayName: 'URL Modifier',
		name: 'urlModifier',
		type: 'string',
		default: '',
		placeholder: 'e.g. wid=800&fmt=jpg',
		description: 'Image Serving commands for the rendition to download, joined with &. Leave empty for the image as served by default.',
	},
	optionsCollection([
		{
			displayName: 'Binary Property',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: 'The name of the binary property the image is put in',
		},
		concurrencyOption('downloads'),
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. macbookwin1.jpg',
			description: "The file name of the binary data. Leave empty for the image's name with the extension of the format Image Serving sent.",
		},
		timeoutOption,
		validateUrlModifierOption('downloading'),
	]),
];

const displayOptions = { show: { resource: ['image'], operation: ['download'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface DownloadOptions {
	binaryPropertyName?: string;
	fileName?: string;
	timeout?: number;
	validateUrlModifier?: boolean;
}

const headerOf = (headers: IDataObject | undefined, name: string): unknown =>
	Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

/** Redirects followed for one image: enough for a move to https or another Image Serving host. */
export const MAX_IMAGE_SERVING_REDIRECTS = 3;

/**
 * GETs an Image Serving URL, following at most MAX_IMAGE_SERVING_REDIRECTS redirects by hand, and
 * only to other Image Serving URLs: each hop is again a plain read the credential passes on with
 * nothing of its own (isImageServingRead), so no hop can carry the password.
 */
async function readImageServing(
	context: IExecuteFunctions,
	item: ItemContext,
	imageUrl: string,
	timeout: number | undefined,
): Promise<IN8nHttpFullResponse> {
	let url = imageUrl;
	for (let redirects = 0; ; redirects++) {
		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
				method: 'GET',
				url,
				// Read as a stream so an oversized answer is dropped at the bound, not held whole.
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout,
				abortSignal: item.signal,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			const nodeError = asNodeError(item.node, error, item.index);
			nodeError.message = `Image Serving could not be reached for ${url}: ${nodeError.message} [item ${item.index}]`;
			nodeError.description = 'Check the network, or run the item again; Image Serving is a public server separate from the IPS API.';
			throw nodeError;
		}
		const status = Number(response.statusCode);
		if (!isRedirectStatus(status)) return response;
		await readBodyBytes(response.body, 0);
		const location = headerOf(response.headers, 'location');
		let next = '';
		try {
			next = new URL(String(location ?? ''), url).href;
		} catch {
			// No usable Location: reported below.
		}
		if (!location || !next) {
			throw item.error(`Image Serving answered HTTP ${status} for ${url} without saying where to`, 'Run the item again later.');
		}
		if (redirects >= MAX_IMAGE_SERVING_REDIRECTS) {
			throw item.error(
				`Image Serving redirected ${imageUrl} more than ${MAX_IMAGE_SERVING_REDIRECTS} times`,
				'Check the company\'s Image Serving URL in Scene7; the node follows at most a few redirects.',
			);
		}
		if (!isImageServingRead({ method: 'GET', url: next })) {
			throw item.error(
				`Image Serving redirected ${url} to host ${hostOf(next) || 'unknown'}, which is not a plain Image Serving URL (http or https, /is/image/ in its path, no user name or password)`,
				'The node follows redirects only to other Image Serving URLs. Check the company\'s Image Serving URL in Scene7.',
			);
		}
		url = next;
	}
}

/**
 * Reads an image from Image Serving, whose URL is derived from Scene7's Image Server URL and the
 * company's root (an inference, see helpers/imageServingUrl.ts). The GET goes through the
 * credential, which passes a plain Image Serving read on unchanged: nothing secret is sent to Image
 * Serving.
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<BinaryOutput> {
	const options = item.options as DownloadOptions;
	const binaryPropertyName = item.optionalText('options.binaryPropertyName', 'Binary Property').trim() || 'data';
	const modifier = item.optionalText('urlModifier', 'URL Modifier').trim();
	const warnings = options.validateUrlModifier === false ? [] : checkUrlModifier(item.node, modifier, 'URL Modifier', item.index);

	const companyHandle = await item.company();
	const assetHandle = await item.image(companyHandle);
	const asset = await item.assetByHandle(companyHandle, assetHandle);
	const name = typeof asset?.name === 'string' ? asset.name : '';
	if (!name) {
		throw item.error(
			`No asset has the handle '${assetHandle}' in company ${companyHandle}`,
			'Scene7 returned nothing for this handle: check that the asset exists and belongs to the company.',
		);
	}
	const imageUrl = await item.imageUrl(companyHandle, name, modifier);

	// Each read holds a slot of the Image Serving host's own window until its bytes are stored.
	let release: Awaited<ReturnType<ReturnType<typeof limiterFor>['acquire']>>;
	try {
		release = await limiterFor(`image-serving ${hostOf(imageUrl)}`, DOWNLOAD_LIMITER).acquire(item.signal);
	} catch {
		const stopped = item.error(`The download of ${imageUrl} was not started: the run stopped`, 'Nothing was read.');
		// Not this item's failure: the run controller reports the cause that stopped the run.
		stopped.context.runStopped = true;
		throw stopped;
	}
	const startedAt = Date.now();
	try {
		const output = await downloadOne(this, item, { assetHandle, companyHandle, name, imageUrl, options, binaryPropertyName, warnings });
		release({ kind: 'answered', latencyMs: Date.now() - startedAt });
		return output;
	} catch (error) {
		release({ kind: 'other' });
		throw asNodeError(item.node, error, item.index);
	}
}

interface DownloadTarget {
	assetHandle: string;
	companyHandle: string;
	name: string;
	imageUrl: string;
	options: DownloadOptions;
	binaryPropertyName: string;
	warnings: ReturnType<typeof checkUrlModifier>;
}

/** One GET and its bytes into n8n's binary data. */
async function downloadOne(context: IExecuteFunctions, item: ItemContext, target: DownloadTarget): Promise<BinaryOutput> {
	const { assetHandle, companyHandle, name, imageUrl, options, binaryPropertyName, warnings } = target;
	const response = await readImageServing(context, item, imageUrl, options.timeout);
	const status = Number(response.statusCode);
	if (status === 403 || status === 404) {
		await readBodyBytes(response.body, 0);
		throw item.error(
			`Image Serving does not serve image '${name}' (HTTP ${status}) at ${imageUrl}`,
			'The likely cause is that the image is not published yet (Image Serving only serves published assets). Publish it (Job → Publish) and download it again once the publish job is done. A URL Modifier Image Serving refuses, or a company served from its own domain, can cause this too.',
		);
	}
	if (status < 200 || status >= 300) {
		await readBodyBytes(response.body, 0);
		throw item.error(
			`Image Serving answered HTTP ${status} for ${imageUrl}`,
			'Check the URL Modifier, or run the item again later if the server is busy.',
		);
	}
	const tooLarge = () =>
		item.error(
			`The image at ${imageUrl} is larger than ${MAX_DOWNLOAD_BYTES / 1024 / 1024} MB`,
			'Ask Image Serving for a smaller rendition with the URL Modifier (e.g. wid=2000&fmt=jpg&qlt=85).',
		);
	const declared = Number(headerOf(response.headers, 'content-length'));
	const sized = headerOf(response.headers, 'content-length') !== undefined && Number.isFinite(declared);
	if (sized && declared > MAX_DOWNLOAD_BYTES) {
		await readBodyBytes(response.body, 0);
		throw tooLarge();
	}
	const mimeType = mimeTypeOf(headerOf(response.headers, 'content-type')) || 'application/octet-stream';
	const fileName = item.optionalText('options.fileName', 'File Name').trim() || fileNameFor(name, extensionOf(mimeType));
	const encoding = String(headerOf(response.headers, 'content-encoding') ?? 'identity').toLowerCase();
	let binaryData: IBinaryData;
	let fileSize: number;
	if (sized && encoding === 'identity' && isReadable(response.body)) {
		// Its length is known and within the bound: the stream goes to n8n as it comes, so in
		// filesystem (and S3) binary mode no more than a chunk of it is held in memory.
		type BinaryInput = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];
		try {
			binaryData = await context.helpers.prepareBinaryData(response.body as unknown as BinaryInput, fileName, mimeType);
		} catch (error) {
			response.body.destroy?.();
			throw item.error(
				`Image Serving stopped sending ${imageUrl} before the image was complete: ${(error as Error).message}`,
				'Run the item again; nothing of the image was kept.',
			);
		}
		fileSize = typeof binaryData.bytes === 'number' ? binaryData.bytes : declared;
	} else {
		// No length given (or compressed on the way): read with the bound, then hand over.
		const data = await readBodyBytes(response.body, MAX_DOWNLOAD_BYTES);
		if (!data) throw tooLarge();
		binaryData = await context.helpers.prepareBinaryData(data, fileName, mimeType);
		fileSize = data.length;
	}
	return new BinaryOutput(
		{ assetHandle, companyHandle, name, imageUrl, mimeType, fileSize, ...urlModifierWarningsField(warnings) },
		{ [binaryPropertyName]: binaryData },
	);
}
