/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error */
// Pixels for the sandbox's Image Serving route and upload jobs: decode PNG/JPEG, encode PNG/JPEG, a
// synthetic picture for assets that have no pixels of their own, a noisy one for large fixtures
// (several MB as PNG), and a nearest-neighbour resize.
// Pure JS (pngjs, jpeg-js), sandbox only: nothing under nodes/ imports this.
import * as zlib from 'node:zlib';

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

/** Sniffs the bytes (PNG signature, JPEG SOI), not a file name or Content-Type, as an upload would. */
function sniffFormat(bytes: Buffer): ImageFormat {
	if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
	throw new Error('not a PNG or JPEG image');
}

export function decodeImage(bytes: Buffer): { pixels: Pixels; format: ImageFormat } {
	if (sniffFormat(bytes) === 'png') {
		const png = PNG.sync.read(bytes);
		return { pixels: { width: png.width, height: png.height, data: png.data }, format: 'png' };
	}
	const img = jpeg.decode(bytes, {
		useTArray: true,
		formatAsRGBA: true,
		maxResolutionInMP: MAX_PIXELS / 1_000_000,
		maxMemoryUsageInMB: 256,
	});
	return { pixels: { width: img.width, height: img.height, data: Buffer.from(img.data) }, format: 'jpeg' };
}

export interface ImageHeader {
	format: ImageFormat;
	width: number;
	height: number;
}

/**
 * Format and size of a PNG or JPEG, and a check of its structure, without decoding its pixels (the
 * UploadFile servlet takes files up to hundreds of MB; they are decoded when Image Serving first
 * serves them). Throws when the bytes are not a PNG or JPEG the sandbox could decode:
 * - PNG: signature, every chunk whole with a good CRC, IHDR first and valid, PLTE for palette images,
 *   consecutive IDATs, IEND; the image data inflates (native zlib) to exactly the size IHDR
 *   announces and every scanline has a valid filter type. That is all pngjs needs to decode it.
 * - JPEG: SOI, whole marker segments, a frame header (SOF0/1/2: what jpeg-js decodes) with a size,
 *   a scan, EOI. The entropy-coded data is not decoded here.
 * Images above MAX_PIXELS are refused, as for upload from URLs.
 */
export function probeImage(bytes: Buffer): ImageHeader {
	return sniffFormat(bytes) === 'png' ? probePng(bytes) : probeJpeg(bytes);
}

function checkPixelCount(width: number, height: number): void {
	if (width * height > MAX_PIXELS) {
		throw new Error(
			`image of ${width}×${height} pixels is too large: the IPS sandbox takes at most ${MAX_PIXELS} pixels`,
		);
	}
}

/** Channels per PNG colour type, and the bit depths each allows (PNG spec, IHDR). */
const PNG_COLOUR_TYPES: Record<number, { channels: number; depths: number[] }> = {
	0: { channels: 1, depths: [1, 2, 4, 8, 16] },
	2: { channels: 3, depths: [8, 16] },
	3: { channels: 1, depths: [1, 2, 4, 8] },
	4: { channels: 2, depths: [8, 16] },
	6: { channels: 4, depths: [8, 16] },
};
/** Adam7 passes: first column, first row, column step, row step. */
export const ADAM7 = [
	[0, 0, 8, 8],
	[4, 0, 8, 8],
	[0, 4, 4, 8],
	[2, 0, 4, 4],
	[0, 2, 2, 4],
	[1, 0, 2, 2],
	[0, 1, 1, 2],
];

function probePng(bytes: Buffer): ImageHeader {
	let pos = 8;
	let ihdr: Buffer | undefined;
	let palette = false;
	const idat: Buffer[] = [];
	let idatEnded = false;
	for (;;) {
		if (pos + 12 > bytes.length) throw new Error('truncated PNG: no IEND chunk');
		const length = bytes.readUInt32BE(pos);
		const type = bytes.toString('latin1', pos + 4, pos + 8);
		if (!/^[A-Za-z]{4}$/.test(type)) throw new Error(`malformed PNG: bad chunk type at byte ${pos + 4}`);
		if (length > 0x7fffffff || pos + 12 + length > bytes.length)
			throw new Error(`truncated PNG: chunk ${type} is cut off`);
		const data = bytes.subarray(pos + 8, pos + 8 + length);
		const crc = zlib.crc32(data, zlib.crc32(bytes.subarray(pos + 4, pos + 8)));
		if (crc !== bytes.readUInt32BE(pos + 8 + length)) throw new Error(`corrupt PNG: chunk ${type} has a bad CRC`);
		pos += 12 + length;
		if (!ihdr && type !== 'IHDR') throw new Error('malformed PNG: the first chunk is not IHDR');
		if (idat.length > 0 && type !== 'IDAT') idatEnded = true;
		if (type === 'IEND') break;
		switch (type) {
			case 'IHDR':
				if (ihdr) throw new Error('malformed PNG: more than one IHDR');
				if (length !== 13) throw new Error('malformed PNG: IHDR is not 13 bytes');
				ihdr = data;
				break;
			case 'PLTE':
				palette = true;
				break;
			case 'IDAT':
				if (idatEnded) throw new Error('malformed PNG: IDAT chunks are not consecutive');
				idat.push(data);
				break;
			default:
				// A critical chunk (upper-case first letter) a decoder does not know makes the file undecodable.
				if (type.charCodeAt(0) < 0x61) throw new Error(`unsupported PNG: unknown critical chunk ${type}`);
		}
	}
	const ih = ihdr as Buffer;
	const width = ih.readUInt32BE(0);
	const height = ih.readUInt32BE(4);
	const [depth, colourType, compression, filter, interlace] = [ih[8], ih[9], ih[10], ih[11], ih[12]];
	const colour = PNG_COLOUR_TYPES[colourType];
	if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff)
		throw new Error(`malformed PNG: size ${width}×${height}`);
	if (!colour || !colour.depths.includes(depth))
		throw new Error(`malformed PNG: colour type ${colourType} with bit depth ${depth}`);
	if (compression !== 0 || filter !== 0 || interlace > 1)
		throw new Error('malformed PNG: unknown compression, filter or interlace method');
	if (colourType === 3 && !palette) throw new Error('malformed PNG: a palette image without PLTE');
	if (idat.length === 0) throw new Error('malformed PNG: no IDAT chunk');
	checkPixelCount(width, height);
	const bits = colour.channels * depth;
	const passes = (interlace === 1 ? ADAM7 : [[0, 0, 1, 1]])
		.map(([x0, y0, dx, dy]) => ({
			rowBytes: Math.ceil((Math.ceil(Math.max(0, width - x0) / dx) * bits) / 8),
			rows: Math.ceil(Math.max(0, height - y0) / dy),
		}))
		.filter((p) => p.rowBytes > 0 && p.rows > 0);
	const expected = passes.reduce((sum, p) => sum + p.rows * (1 + p.rowBytes), 0);
	let raw: Buffer;
	try {
		raw = zlib.inflateSync(idat.length === 1 ? idat[0] : Buffer.concat(idat), { maxOutputLength: expected + 1 });
	} catch (error) {
		if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
			throw new Error(`corrupt PNG: more image data than ${width}×${height} pixels need`);
		throw new Error(`corrupt PNG: the image data does not inflate (${(error as Error).message})`);
	}
	if (raw.length !== expected) {
		throw new Error(
			`corrupt PNG: ${raw.length} bytes of image data where ${width}×${height} pixels need ${expected}`,
		);
	}
	let at = 0;
	for (const p of passes) {
		for (let row = 0; row < p.rows; row++) {
			if (raw[at] > 4) throw new Error(`corrupt PNG: scanline filter type ${raw[at]}`);
			at += 1 + p.rowBytes;
		}
	}
	return { format: 'png', width, height };
}

/** SOFn markers; jpeg-js decodes SOF0 (baseline), SOF1 (extended) and SOF2 (progressive). */
const JPEG_FRAMES = [0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf];
const JPEG_DECODABLE = [0xc0, 0xc1, 0xc2];

function probeJpeg(bytes: Buffer): ImageHeader {
	let pos = 2;
	let size: { width: number; height: number } | undefined;
	let scans = 0;
	for (;;) {
		if (pos >= bytes.length) throw new Error('truncated JPEG: no EOI marker');
		if (bytes[pos] !== 0xff) throw new Error(`malformed JPEG: no marker at byte ${pos}`);
		while (bytes[pos] === 0xff) pos++;
		if (pos >= bytes.length) throw new Error('truncated JPEG: no EOI marker');
		const marker = bytes[pos++];
		if (marker === 0xd9) break;
		if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
		if (marker === 0x00 || marker === 0xd8) throw new Error(`malformed JPEG: unexpected marker 0x${marker.toString(16)}`);
		if (pos + 2 > bytes.length) throw new Error('truncated JPEG: a marker segment is cut off');
		const length = bytes.readUInt16BE(pos);
		if (length < 2 || pos + length > bytes.length) throw new Error('truncated JPEG: a marker segment is cut off');
		if (JPEG_FRAMES.includes(marker)) {
			if (!JPEG_DECODABLE.includes(marker))
				throw new Error(`unsupported JPEG: frame type SOF${marker - 0xc0} (baseline and progressive only)`);
			if (length < 8) throw new Error('malformed JPEG: short frame header');
			size = { height: bytes.readUInt16BE(pos + 3), width: bytes.readUInt16BE(pos + 5) };
			if (size.width === 0 || size.height === 0)
				throw new Error(`malformed JPEG: size ${size.width}×${size.height}`);
		}
		pos += length;
		if (marker !== 0xda) continue;
		if (!size) throw new Error('malformed JPEG: a scan before the frame header');
		scans += 1;
		// Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart marker.
		for (;;) {
			const ff = bytes.indexOf(0xff, pos);
			if (ff < 0 || ff + 1 >= bytes.length) throw new Error('truncated JPEG: no EOI marker');
			const next = bytes[ff + 1];
			if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) {
				pos = ff + (next === 0xff ? 1 : 2);
				continue;
			}
			pos = ff;
			break;
		}
	}
	if (!size) throw new Error('malformed JPEG: no frame header');
	if (scans === 0) throw new Error('malformed JPEG: no scan');
	checkPixelCount(size.width, size.height);
	return { format: 'jpeg', ...size };
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
