// The fmt= formats with the pixel types and compressions each accepts, and the fmt= value check.

import { didYouMean, listWords } from './words';

interface FormatRule {
	pixelTypes: string[];
	compressions: string[];
}

const ALL_PIXEL_TYPES = ['rgb', 'gray', 'cmyk'];
const LOSSY_LOSSLESS = ['lossy', 'lossless'];

// Pixel types and compressions per format, from the fmt= combinations table.
const FORMATS: Record<string, FormatRule> = {
	'avif-alpha': { pixelTypes: ['rgb'], compressions: LOSSY_LOSSLESS },
	avif: { pixelTypes: ['rgb'], compressions: LOSSY_LOSSLESS },
	eps: { pixelTypes: ALL_PIXEL_TYPES, compressions: [] },
	f4m: { pixelTypes: [], compressions: [] },
	'gif-alpha': { pixelTypes: ['rgb', 'gray'], compressions: [] },
	gif: { pixelTypes: ['rgb', 'gray'], compressions: [] },
	heic: { pixelTypes: ['rgb'], compressions: ['lossless'] },
	jpeg: { pixelTypes: ALL_PIXEL_TYPES, compressions: [] },
	'jpeg2000-alpha': { pixelTypes: ['rgb', 'gray'], compressions: LOSSY_LOSSLESS },
	jpeg2000: { pixelTypes: ['rgb', 'gray'], compressions: LOSSY_LOSSLESS },
	'jpegxr-alpha': { pixelTypes: ['rgb'], compressions: LOSSY_LOSSLESS },
	jpegxr: { pixelTypes: ['rgb'], compressions: LOSSY_LOSSLESS },
	jpg: { pixelTypes: ALL_PIXEL_TYPES, compressions: [] },
	m3u8: { pixelTypes: [], compressions: [] },
	pdf: { pixelTypes: ALL_PIXEL_TYPES, compressions: ['none', 'zip', 'jpeg'] },
	pjpeg: { pixelTypes: ALL_PIXEL_TYPES, compressions: [] },
	'png-alpha': { pixelTypes: ['rgb', 'gray'], compressions: [] },
	png: { pixelTypes: ['rgb', 'gray'], compressions: [] },
	'png8-alpha': { pixelTypes: ['rgb'], compressions: [] },
	png8: { pixelTypes: ['rgb'], compressions: [] },
	'swf-alpha': { pixelTypes: ['rgb', 'gray'], compressions: [] },
	swf: { pixelTypes: ['rgb', 'gray'], compressions: [] },
	'swf3-alpha': { pixelTypes: ['rgb', 'gray'], compressions: [] },
	swf3: { pixelTypes: ['rgb', 'gray'], compressions: [] },
	'tif-alpha': { pixelTypes: ALL_PIXEL_TYPES, compressions: ['none', 'lzw', 'zip'] },
	tif: { pixelTypes: ALL_PIXEL_TYPES, compressions: ['none', 'lzw', 'zip', 'jpeg'] },
	'webp-alpha': { pixelTypes: ['rgb'], compressions: LOSSY_LOSSLESS },
	webp: { pixelTypes: ['rgb'], compressions: LOSSY_LOSSLESS },
};

const FORMAT_NAMES = Object.keys(FORMATS);
const FORMATS_WITH_COMPRESSION = FORMAT_NAMES.filter(
	(name) => FORMATS[name].compressions.length > 0,
);

export function checkFormat(value: string): string | undefined {
	const items = value.split(',');
	if (items.length > 3) return 'fmt takes format[,pixelType[,compression]], e.g. fmt=tif,cmyk,lzw';
	const [formatWritten, pixelTypeWritten = '', compressionWritten] = items;
	const format = formatWritten.toLowerCase();
	const rule = FORMATS[format];
	if (!rule) {
		return `unknown format '${formatWritten}'${didYouMean(formatWritten, FORMAT_NAMES)}; use one of ${FORMAT_NAMES.join(', ')}`;
	}
	// An empty pixel type keeps the default, as in fmt=tif,,jpeg.
	const pixelType = pixelTypeWritten.toLowerCase();
	if (pixelType !== '' && !rule.pixelTypes.includes(pixelType)) {
		if (!ALL_PIXEL_TYPES.includes(pixelType)) {
			return `unknown pixel type '${pixelTypeWritten}'; use ${listWords(ALL_PIXEL_TYPES)}`;
		}
		if (rule.pixelTypes.length === 0) return `format ${format} takes no pixel type`;
		return `format ${format} supports pixel type ${listWords(rule.pixelTypes)}, not ${pixelType}`;
	}
	if (compressionWritten === undefined) return undefined;
	const compression = compressionWritten.toLowerCase();
	if (rule.compressions.length === 0) {
		return `format ${format} takes no compression; only ${listWords(FORMATS_WITH_COMPRESSION)} do`;
	}
	if (!rule.compressions.includes(compression)) {
		return `format ${format} supports compression ${listWords(rule.compressions)}, not '${compressionWritten}'`;
	}
	return undefined;
}
