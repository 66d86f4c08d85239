// Pieces of Image → Download that need no request: the bytes of an answer, read with a bound,
// and the file extension of the format Image Serving answered with.

/** Images larger than this are refused: a bound on what one item holds in memory. */
export const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;

interface ReadableLike {
	[Symbol.asyncIterator](): AsyncIterator<unknown>;
	destroy?: () => void;
}

const isReadable = (body: unknown): body is ReadableLike =>
	body !== null && typeof body === 'object' && Symbol.asyncIterator in body;

const asBuffer = (chunk: unknown): Buffer => {
	if (Buffer.isBuffer(chunk)) return chunk;
	if (chunk instanceof ArrayBuffer) return Buffer.from(chunk);
	if (ArrayBuffer.isView(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
	return Buffer.from(String(chunk ?? ''));
};

/**
 * An answer's body as bytes, or undefined when it is larger than `limit`. A stream is read chunk
 * by chunk and dropped at the limit instead of being held whole.
 */
export async function readBytes(body: unknown, limit = MAX_DOWNLOAD_BYTES): Promise<Buffer | undefined> {
	if (!isReadable(body)) {
		const bytes = body === undefined || body === null ? Buffer.alloc(0) : asBuffer(body);
		return bytes.length > limit ? undefined : bytes;
	}
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		const bytes = asBuffer(chunk);
		size += bytes.length;
		if (size > limit) {
			body.destroy?.();
			return undefined;
		}
		chunks.push(bytes);
	}
	return Buffer.concat(chunks);
}

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/pjpeg': 'jpg',
	'image/png': 'png',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'image/avif': 'avif',
	'image/tiff': 'tif',
	'image/svg+xml': 'svg',
	'image/bmp': 'bmp',
	'image/jp2': 'jp2',
	'image/vnd.ms-photo': 'jxr',
	'image/heic': 'heic',
	'application/pdf': 'pdf',
	'application/x-shockwave-flash': 'swf',
};

/** The MIME type of a Content-Type header (parameters dropped, lower case); '' when none. */
export function mimeTypeOf(contentType: unknown): string {
	const value = Array.isArray(contentType) ? contentType[0] : contentType;
	return typeof value === 'string' ? (value.split(';')[0] ?? '').trim().toLowerCase() : '';
}

/** The usual file extension of a MIME type, without the dot; '' for one this table does not know. */
export function extensionOf(mimeType: string): string {
	return EXTENSIONS[mimeType] ?? '';
}

/** `name.ext`, unless the name already ends with that extension (or there is none to add). */
export function fileNameFor(name: string, extension: string): string {
	if (!extension || name.toLowerCase().endsWith(`.${extension}`)) return name;
	return `${name}.${extension}`;
}
