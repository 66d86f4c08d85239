/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// GET /is/image/<company root><asset name>: Image Serving for published assets only, honouring
// wid, hei, fmt and qlt, each rendition encoded once and kept (within a byte budget) while the
// asset stays published as it is. GET /fixtures/<name>.png|.jpg: generated images for upload jobs to
// fetch (noise=1: several MB each), and /fixtures/broken.png, a body that is not an image.
import type * as http from 'node:http';

import type { ImageStore, PublishedImage } from './image-store';
import { MAX_REPLY_SIDE } from './image-store';
import { encodeImage, noisyImage, syntheticImage, targetSize, type ImageFormat } from './images';
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

/** Bytes of encoded renditions one sandbox keeps at most; the least recently served go first. */
export const RENDITION_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * Encoded answers of one sandbox by asset and rendition (wid, hei, fmt, qlt). Encoding a large image
 * costs far more than sending it (a 1200×1000 noisy PNG: about 300 ms), and a published image is a
 * snapshot that never changes: an entry serves only the very snapshot it was made from, so a new
 * publish, an unpublish or a reset makes it a miss, and entries of snapshots no longer published are
 * dropped at the next insert. The total stays within `maxBytes`.
 */
export class RenditionCache {
	private readonly entries = new Map<string, { image: PublishedImage; body: Buffer }>();
	private bytes = 0;

	constructor(private readonly maxBytes = RENDITION_CACHE_BYTES) {}

	get size(): { entries: number; bytes: number } {
		return { entries: this.entries.size, bytes: this.bytes };
	}

	get(image: PublishedImage, rendition: string): Buffer | undefined {
		const key = `${image.assetHandle}\n${rendition}`;
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		this.drop(key);
		if (entry.image !== image) return undefined;
		// Map order is insertion order: re-inserting makes it the most recently used.
		this.entries.set(key, entry);
		this.bytes += entry.body.length;
		return entry.body;
	}

	set(images: ImageStore, image: PublishedImage, rendition: string, body: Buffer): void {
		if (body.length > this.maxBytes) return;
		for (const [key, entry] of this.entries) {
			if (images.published.get(entry.image.assetHandle) !== entry.image) this.drop(key);
		}
		const key = `${image.assetHandle}\n${rendition}`;
		this.drop(key);
		this.entries.set(key, { image, body });
		this.bytes += body.length;
		for (const oldest of this.entries.keys()) {
			if (this.bytes <= this.maxBytes) break;
			this.drop(oldest);
		}
	}

	private drop(key: string): void {
		const entry = this.entries.get(key);
		if (!entry) return;
		this.entries.delete(key);
		this.bytes -= entry.body.length;
	}
}

const caches = new WeakMap<ImageStore, RenditionCache>();

/** The rendition cache of one sandbox's image store (made on first use, gone with the store). */
export function renditionCacheOf(images: ImageStore): RenditionCache {
	let cache = caches.get(images);
	if (!cache) {
		cache = new RenditionCache();
		caches.set(images, cache);
	}
	return cache;
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
	const cache = renditionCacheOf(images);
	const rendition = [options.wid ?? '', options.hei ?? '', options.format, options.quality].join(',');
	let body = cache.get(image, rendition);
	if (!body) {
		body = images.render(image, options);
		cache.set(images, image, rendition, body);
	}
	res.writeHead(200, { 'Content-Type': CONTENT_TYPES[options.format], 'Content-Length': body.length });
	res.end(body);
}

/**
 * /fixtures/<name>.png?w=640&h=480 (or .jpg / .jpeg): a gradient derived from <name>, default
 * 640×480; with noise=1 the gradient carries noise derived from <name> (noisyImage), so that its
 * PNG is large: about 3.3 MB at w=1200&h=1000. /fixtures/broken.png (or broken.jpg) answers 200
 * image/png with a body that is not one.
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
	const noise = url.searchParams.get('noise') ?? '0';
	if (noise !== '0' && noise !== '1') return text(res, 400, `Invalid noise '${noise}': expected 0 or 1`);
	const size = targetSize({ width: 640, height: 480 }, w, h);
	const picture = noise === '1' ? noisyImage : syntheticImage;
	const body = encodeImage(picture(m[1], size.width, size.height), format, 90);
	res.writeHead(200, { 'Content-Type': CONTENT_TYPES[format], 'Content-Length': body.length });
	res.end(body);
}
