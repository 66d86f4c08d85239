/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// GET /is/image/<company root><asset name>: Image Serving for published assets only, honouring
// wid, hei, fmt and qlt. GET /fixtures/<name>.png|.jpg: generated images for upload jobs to fetch,
// and /fixtures/broken.png, a body that is not an image.
import type * as http from 'node:http';

import type { ImageStore } from './image-store';
import { MAX_REPLY_SIDE } from './image-store';
import { encodeImage, syntheticImage, targetSize, type ImageFormat } from './images';
import type { SandboxState } from './model';

export const IMAGE_SERVING_PREFIX = '/is/image/';
export const FIXTURE_PREFIX = '/fixtures/';

const CONTENT_TYPES: Record<ImageFormat, string> = { png: 'image/png', jpeg: 'image/jpeg' };
/** fmt values the sandbox renders; Image Serving's default is jpeg. */
const FORMATS: Record<string, ImageFormat> = {
	png: 'png',
	'png-alpha': 'png',
	jpeg: 'jpeg',
	jpg: 'jpeg',
};

function text(res: http.ServerResponse, status: number, body: string): void {
	res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
	res.end(body);
}

/** Modifier names are case-insensitive in Image Serving. */
function param(url: URL, name: string): string | undefined {
	for (const [k, v] of url.searchParams) if (k.toLowerCase() === name) return v;
	return undefined;
}

function positiveInt(value: string | undefined, name: string): number | undefined | Error {
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_REPLY_SIDE)
		return new Error(`Invalid ${name} '${value}': expected an integer 1..${MAX_REPLY_SIDE}`);
	return Number(value);
}

function imageOptions(url: URL): { wid?: number; hei?: number; format: ImageFormat; quality: number } | Error {
	const wid = positiveInt(param(url, 'wid'), 'wid');
	const hei = positiveInt(param(url, 'hei'), 'hei');
	if (wid instanceof Error) return wid;
	if (hei instanceof Error) return hei;
	const fmtParam = (param(url, 'fmt') ?? 'jpeg').split(',')[0].toLowerCase();
	const format = FORMATS[fmtParam];
	if (!format) return new Error(`Unsupported fmt '${fmtParam}': the IPS sandbox renders png and jpeg`);
	const qltParam = param(url, 'qlt')?.split(',')[0];
	const quality = qltParam === undefined ? 80 : Number(qltParam);
	if (!Number.isInteger(quality) || quality < 1 || quality > 100)
		return new Error(`Invalid qlt '${qltParam}': expected 1..100`);
	return { wid, hei, format, quality };
}

export function imageServingRoute(
	state: SandboxState,
	images: ImageStore,
	url: URL,
	res: http.ServerResponse,
): void {
	let objectPath: string;
	try {
		objectPath = decodeURIComponent(url.pathname.slice(IMAGE_SERVING_PREFIX.length));
	} catch {
		return text(res, 400, 'Invalid object path');
	}
	const company = state.companies.find((c) => objectPath.startsWith(c.rootPath));
	const name = company ? objectPath.slice(company.rootPath.length) : '';
	const image = company && name !== '' ? images.find(company, name) : undefined;
	// Unknown and unpublished objects look the same from outside: 404 with a short text (assumed).
	if (!image) return text(res, 404, `Image not found: ${objectPath}`);
	const options = imageOptions(url);
	if (options instanceof Error) return text(res, 400, options.message);
	const body = images.render(image, options);
	res.writeHead(200, { 'Content-Type': CONTENT_TYPES[options.format], 'Content-Length': body.length });
	res.end(body);
}

/**
 * /fixtures/<name>.png?w=640&h=480 (or .jpg / .jpeg): a gradient derived from <name>, default
 * 640×480. /fixtures/broken.png (or broken.jpg) answers 200 image/png with a body that is not one.
 */
export function fixtureRoute(url: URL, res: http.ServerResponse): void {
	const file = decodeURIComponent(url.pathname.slice(FIXTURE_PREFIX.length));
	const m = /^(.+)\.(png|jpe?g)$/i.exec(file);
	if (!m) return text(res, 404, `No fixture ${file}`);
	const format: ImageFormat = m[2].toLowerCase() === 'png' ? 'png' : 'jpeg';
	if (m[1] === 'broken') {
		res.writeHead(200, { 'Content-Type': CONTENT_TYPES[format] });
		res.end('this is not an image');
		return;
	}
	const w = positiveInt(url.searchParams.get('w') ?? undefined, 'w');
	const h = positiveInt(url.searchParams.get('h') ?? undefined, 'h');
	if (w instanceof Error) return text(res, 400, w.message);
	if (h instanceof Error) return text(res, 400, h.message);
	const size = targetSize({ width: 640, height: 480 }, w, h);
	const body = encodeImage(syntheticImage(m[1], size.width, size.height), format, 90);
	res.writeHead(200, { 'Content-Type': CONTENT_TYPES[format], 'Content-Length': body.length });
	res.end(body);
}
