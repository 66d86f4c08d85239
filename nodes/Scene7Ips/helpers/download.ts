// Pieces of Image → Download that need no request: the bound on an image's size and the file name
// for the format Image Serving answered with. The answer's bytes are read by transport/body.ts.

/** Images larger than this are refused: a bound on what one item holds in memory. */
export const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;

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
