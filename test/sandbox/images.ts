// Pixels for the sandbox's Image Serving route and upload jobs: decode PNG/JPEG, encode PNG/JPEG, a
// synthetic picture for assets that have no pixels of their own, a noisy one for large fixtures
// (several MB as PNG), and a nearest-neighbour resize.
// Pure JS (pngjs, jpeg-js), sandbox only: nothing under nodes/ imports this.
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export interface Pixels {
	width: number;
	height: number;
	/** RGBA, 4 bytes per pixel, row by row. */
	data: Buffer;
}

export type ImageFormat = 'png' | 'jpeg';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Refuses images above this many pixels: a decode must not exhaust a shared test machine. */
export const MAX_PIXELS = 25_000_000;

/** Sniffs the bytes, not a file name or Content-Type, as an upload would. */
export function decodeImage(bytes: Buffer): { pixels: Pixels; format: ImageFormat } {
	if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
		const png = PNG.sync.read(bytes);
		return { pixels: { width: png.width, height: png.height, data: png.data }, format: 'png' };
	}
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
		const img = jpeg.decode(bytes, {
			useTArray: true,
			formatAsRGBA: true,
			maxResolutionInMP: MAX_PIXELS / 1_000_000,
			maxMemoryUsageInMB: 256,
		});
		return {
			pixels: { width: img.width, height: img.height, data: Buffer.from(img.data) },
			format: 'jpeg',
		};
	}
	throw new Error('not a PNG or JPEG image');
}

export function encodeImage(pixels: Pixels, format: ImageFormat, quality = 80): Buffer {
	if (format === 'png') {
		const png = new PNG({ width: pixels.width, height: pixels.height });
		pixels.data.copy(png.data);
		return PNG.sync.write(png);
	}
	return jpeg.encode({ width: pixels.width, height: pixels.height, data: pixels.data }, quality)
		.data;
}

function hash(text: string): number {
	let h = 2166136261;
	for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
	return h;
}

/** A diagonal gradient whose two colours derive from `key`: same key, same picture. */
export function syntheticImage(key: string, width: number, height: number): Pixels {
	const h = hash(key);
	const from = [h & 0xff, (h >>> 8) & 0xff, (h >>> 16) & 0xff];
	const to = from.map((c) => 255 - c);
	const data = Buffer.alloc(width * height * 4);
	const span = Math.max(1, width + height - 2);
	// A local, not the global, in the loop: inside Jest's vm context every global lookup is slow.
	const round = Math.round;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const t = (x + y) / span;
			const i = (y * width + x) * 4;
			for (let c = 0; c < 3; c++) data[i + c] = round(from[c] + (to[c] - from[c]) * t);
			data[i + 3] = 255;
		}
	}
	return { width, height, data };
}

/** Bits of each colour channel the noise of `noisyImage` replaces: 6 gives about 3.3 MB as PNG at 1200×1000. */
export const NOISE_BITS = 6;

/**
 * The gradient of `syntheticImage` with the low NOISE_BITS bits of every colour channel replaced by
 * noise from a generator seeded by `key`: same key and size, same picture. Noise does not compress,
 * so its PNG takes close to 3 bytes a pixel (2–5 MB at 1200×1000) where the bare gradient takes a quarter of a byte:
 * a large image for upload and download tests, still cheap to make.
 */
export function noisyImage(key: string, width: number, height: number): Pixels {
	const pixels = syntheticImage(key, width, height);
	const { data } = pixels;
	const keep = 0xff & ~((1 << NOISE_BITS) - 1);
	const noise = (1 << NOISE_BITS) - 1;
	const imul = Math.imul;
	// mulberry32: 32 random bits a pixel, NOISE_BITS of them for each of R, G, B.
	let state = hash(`noise:${key}`);
	for (let i = 0; i < data.length; i += 4) {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = imul(t ^ (t >>> 15), t | 1);
		t ^= t + imul(t ^ (t >>> 7), t | 61);
		const bits = (t ^ (t >>> 14)) >>> 0;
		data[i] = (data[i] & keep) | (bits & noise);
		data[i + 1] = (data[i + 1] & keep) | ((bits >>> 8) & noise);
		data[i + 2] = (data[i + 2] & keep) | ((bits >>> 16) & noise);
	}
	return pixels;
}

export function resize(src: Pixels, width: number, height: number): Pixels {
	if (src.width === width && src.height === height) return src;
	const data = Buffer.alloc(width * height * 4);
	for (let y = 0; y < height; y++) {
		const sy = Math.min(src.height - 1, Math.floor((y * src.height) / height));
		for (let x = 0; x < width; x++) {
			const sx = Math.min(src.width - 1, Math.floor((x * src.width) / width));
			src.data.copy(data, (y * width + x) * 4, (sy * src.width + sx) * 4, (sy * src.width + sx) * 4 + 4);
		}
	}
	return { width, height, data };
}

/**
 * wid/hei as Image Serving reads them: both given, that size; one given, the other follows the
 * aspect ratio; neither, the stored size. Values must be positive integers.
 */
export function targetSize(
	stored: { width: number; height: number },
	wid: number | undefined,
	hei: number | undefined,
): { width: number; height: number } {
	if (wid !== undefined && hei !== undefined) return { width: wid, height: hei };
	if (wid !== undefined)
		return { width: wid, height: Math.max(1, Math.round((wid * stored.height) / stored.width)) };
	if (hei !== undefined)
		return { width: Math.max(1, Math.round((hei * stored.width) / stored.height)), height: hei };
	return { width: stored.width, height: stored.height };
}

/** wid= and hei= of a urlModifier or query string (names are case-insensitive in Image Serving). */
export function sizeModifiers(modifiers: string): { wid?: number; hei?: number } {
	const out: { wid?: number; hei?: number } = {};
	for (const part of modifiers.replace(/^\?/, '').split('&')) {
		const [name, value] = part.split('=');
		const n = /^\d+$/.test(value ?? '') ? Number(value) : undefined;
		if (n === undefined || n < 1) continue;
		if (name.toLowerCase() === 'wid') out.wid = n;
		if (name.toLowerCase() === 'hei') out.hei = n;
	}
	return out;
}
