// Checks and builds the Image Serving commands that copyImage applies through its urlModifier.
// Syntax and value rules: Image Serving HTTP protocol reference,
// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-serving-api/image-serving-api/http-protocol-reference/command-reference/c-command-reference.html

export type ModifierIssueKind = 'syntax' | 'unknownCommand' | 'invalidValue' | 'encoding';

export interface ModifierIssue {
	kind: ModifierIssueKind;
	/**
	 * true when the check is sure Scene7 cannot mean this (bad syntax, a value that breaks the
	 * documented rule in a way no documented example does); false for what the check cannot judge:
	 * unknown commands, and values that only differ from the documented syntax in ways Adobe's own
	 * examples do (a fraction where a whole number is documented, true/false for 0/1, an empty value).
	 */
	certain: boolean;
	/** Documented spelling for known commands, as written otherwise; '' for empty segments. */
	command: string;
	/** The offending segment exactly as written. */
	segment: string;
	message: string;
}

/** Returns what is wrong with a (decoded) value, or undefined when it is fine. */
type ValueCheck = (value: string) => string | undefined;

interface CommandSpec {
	name: string;
	check?: ValueCheck;
	/** The command may be written without '=' (an empty value is meaningful). */
	mayOmitValue?: boolean;
	/** The server does not substitute $var$ references in this command. */
	noVariables?: boolean;
	/** The value may be a nested request in {} or (), whose '&', '=' and '?' stay unencoded. */
	takesNestedRequest?: boolean;
}

// ---------------------------------------------------------------------------
// Small value parsers

const INTEGER = /^[+-]?\d+$/;
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const VARIABLE_REFERENCE = /\$[A-Za-z0-9._-]+\$/;
const NAME_CHARS = /^[A-Za-z0-9._-]+$/;
const COMMAND_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const NESTED_REQUEST_START = /^(?:is|ir|fxg)?[{(]/i;
const MAX_SHOWN_SEGMENT = 80;

interface NumberRule {
	integer: boolean;
	min?: number;
	max?: number;
	/** Exclusive lower bound. */
	above?: number;
	nonZero?: boolean;
}

// While set, whole-number rules also take fractions: used to tell a doubtful value from a certain error.
let fractionsForWholeNumbers = false;

function matchesNumber(text: string, rule: NumberRule): boolean {
	if (!(rule.integer && !fractionsForWholeNumbers ? INTEGER : REAL).test(text)) return false;
	const value = Number(text);
	if (rule.min !== undefined && value < rule.min) return false;
	if (rule.max !== undefined && value > rule.max) return false;
	if (rule.above !== undefined && value <= rule.above) return false;
	if (rule.nonZero && value === 0) return false;
	return true;
}

function describeNumber(rule: NumberRule): string {
	const kind = rule.integer ? 'a whole number' : 'a number';
	if (rule.min !== undefined && rule.max !== undefined) {
		return `${kind} from ${rule.min} to ${rule.max}`;
	}
	if (rule.above !== undefined) return `${kind} greater than ${rule.above}`;
	if (rule.min !== undefined) return `${kind} of ${rule.min} or more`;
	if (rule.nonZero) return `${kind} other than 0`;
	return kind;
}

function listWords(words: readonly string[]): string {
	if (words.length <= 1) return words.join('');
	return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
			current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
		}
		previous = current;
	}
	return previous[b.length];
}

/** The closest candidate within a small edit distance, to suggest a fix for a typo. */
function closestMatch(word: string, candidates: readonly string[]): string | undefined {
	const lower = word.toLowerCase();
	// Guessing from one or two characters would mostly be noise.
	if (lower.length < 3) return undefined;
	const allowed = lower.length === 3 ? 1 : 2;
	let best: string | undefined;
	let bestDistance = allowed + 1;
	for (const candidate of candidates) {
		const distance = editDistance(lower, candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}

function didYouMean(word: string, candidates: readonly string[]): string {
	const suggestion = closestMatch(word, candidates);
	return suggestion ? ` (did you mean ${suggestion}?)` : '';
}

// ---------------------------------------------------------------------------
// Value check builders

function singleNumber(label: string, rule: NumberRule): ValueCheck {
	return (value) =>
		matchesNumber(value, rule) ? undefined : `${label} must be ${describeNumber(rule)}`;
}

const COUNT_WORDS = ['zero', 'one', 'two', 'three', 'four'];

/** A fixed number of comma-separated numbers, such as x,y or left,top,right,bottom. */
function numberList(label: string, parts: string, rule: NumberRule, example: string): ValueCheck {
	const count = parts.split(',').length;
	const kind = rule.integer ? 'whole numbers' : 'numbers';
	return (value) => {
		const items = value.split(',');
		if (items.length === count && items.every((item) => matchesNumber(item, rule))) {
			return undefined;
		}
		return `${label} must be ${COUNT_WORDS[count]} ${kind} ${parts}, e.g. ${example}`;
	};
}

function keyword(label: string, allowed: readonly string[]): ValueCheck {
	return (value) =>
		allowed.some((word) => word.toLowerCase() === value.toLowerCase())
			? undefined
			: `unknown ${label} '${value}'${didYouMean(value, allowed)}; use ${listWords(allowed)}`;
}

function flag(label: string): ValueCheck {
	return (value) => (value === '0' || value === '1' ? undefined : `${label} must be 0 or 1`);
}

function isOneOf(value: string, allowed: readonly string[]): boolean {
	return allowed.includes(value.toLowerCase());
}

// ---------------------------------------------------------------------------
// Colors: {gray[,alpha][g] | r,g,b[,a][r] | c,m,y,k[,a]k | 0x{hex2|hex4}[g] | [0x]{hex6|hex8}[r] | [0x]{hex8|hex10}k}[s]

type ColorKind = 'gray' | 'rgb' | 'cmyk';
type ColorResult = { kind: ColorKind } | { problem: string };

const HEX = /^[0-9a-f]+$/;
const COLOR_FORMS = 'use r,g,b (0-255), a gray level 0-100, c,m,y,k followed by k, or hex rrggbb';

function parseHexColor(
	hex: string,
	suffix: string,
	hasPrefix: boolean,
	written: string,
): ColorResult {
	const length = hex.length;
	if ((length === 2 || length === 4) && hasPrefix && (suffix === '' || suffix === 'g')) {
		return { kind: 'gray' };
	}
	if ((length === 6 || length === 8) && (suffix === '' || suffix === 'r')) return { kind: 'rgb' };
	if ((length === 8 || length === 10) && suffix === 'k') return { kind: 'cmyk' };
	return {
		problem: `'${written}' is not a valid hex color; use rrggbb or rrggbbaa, ccmmyykk followed by k, or 0x followed by 2 or 4 hex digits for gray`,
	};
}

function parseColor(written: string): ColorResult {
	if (written === '') return { problem: `the color is empty; ${COLOR_FORMS}` };
	if (written.startsWith('#')) {
		return { problem: `write hex colors without '#', e.g. ${written.slice(1) || 'ffffff'}` };
	}
	let text = written.toLowerCase();
	// 's' marks the source color space; it never changes what the rest means.
	if (text.endsWith('s')) text = text.slice(0, -1);
	let suffix = '';
	if (/[grk]$/.test(text)) {
		suffix = text.slice(-1);
		text = text.slice(0, -1);
	}
	if (text.startsWith('0x')) {
		const hex = text.slice(2);
		if (!HEX.test(hex)) return { problem: `'${written}' is not a valid hex color; ${COLOR_FORMS}` };
		return parseHexColor(hex, suffix, true, written);
	}
	if (!text.includes(',') && HEX.test(text) && text.length >= 6) {
		return parseHexColor(text, suffix, false, written);
	}
	const components = text.split(',');
	if (!components.every((component) => /^\d+$/.test(component))) {
		return { problem: `'${written}' is not a color; ${COLOR_FORMS}` };
	}
	const values = components.map(Number);
	const count = values.length;
	if (suffix === 'k') {
		if (count !== 4 && count !== 5) {
			return { problem: 'a CMYK color needs 4 values (c,m,y,k) or 5 with alpha, then k' };
		}
		if (values.some((value) => value > 100)) {
			return { problem: 'CMYK color values must be 0-100 (percent)' };
		}
		return { kind: 'cmyk' };
	}
	if (suffix === 'g' || (suffix === '' && count <= 2)) {
		if (count > 2) return { problem: 'a gray color takes a gray level and an optional alpha' };
		if (values.some((value) => value > 100)) {
			return { problem: 'gray color values must be 0-100 (percent)' };
		}
		return { kind: 'gray' };
	}
	if (count !== 3 && count !== 4) {
		return {
			problem: `'${written}' is not a color; an RGB color needs 3 values (r,g,b) or 4 with alpha`,
		};
	}
	if (values.some((value) => value > 255)) return { problem: 'RGB color values must be 0-255' };
	return { kind: 'rgb' };
}

function colorCheck(value: string): string | undefined {
	const result = parseColor(value);
	return 'problem' in result ? result.problem : undefined;
}

// ---------------------------------------------------------------------------
// Command-specific checks

const FIT_MODES = ['fit', 'constrain', 'crop', 'wrap', 'stretch', 'hfit', 'vfit'];

function checkFit(value: string): string | undefined {
	const [mode, upscale, ...extra] = value.split(',');
	if (!isOneOf(mode, FIT_MODES)) return `unknown fit mode '${mode}'; use ${listWords(FIT_MODES)}`;
	if (upscale !== undefined && upscale !== '0' && upscale !== '1') {
		return 'the upscale flag after the fit mode must be 0 or 1';
	}
	if (extra.length > 0) return 'fit takes a mode and an optional upscale flag, e.g. fit=crop,1';
	return undefined;
}

const SIZE_RULE: NumberRule = { integer: true, above: 0 };

/** x,y,width,height where the offset may be negative but the size must be positive. */
function rectangle(
	label: string,
	integer: boolean,
	allowScale: boolean,
	example: string,
): ValueCheck {
	const offsetRule: NumberRule = { integer };
	const sizeRule: NumberRule = { integer, above: 0 };
	const kind = integer ? 'whole numbers' : 'numbers';
	return (value) => {
		const items = value.split(',');
		const scale = allowScale && items.length === 5 ? items.pop() : undefined;
		const shapeOk =
			items.length === 4 &&
			matchesNumber(items[0], offsetRule) &&
			matchesNumber(items[1], offsetRule) &&
			matchesNumber(items[2], sizeRule) &&
			matchesNumber(items[3], sizeRule);
		if (!shapeOk) {
			const scalePart = allowScale ? ' and an optional scale' : '';
			return `${label} must be four ${kind} x,y,width,height with width and height greater than 0${scalePart}, e.g. ${example}`;
		}
		if (scale !== undefined && !matchesNumber(scale, { integer: false, above: 0 })) {
			return `the scale after ${label} must be a number greater than 0`;
		}
		return undefined;
	};
}

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

function checkFormat(value: string): string | undefined {
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

function checkQuality(value: string): string | undefined {
	const [quality, chroma, ...extra] = value.split(',');
	const qualityOk = matchesNumber(quality, { integer: true, min: 1, max: 100 });
	const chromaOk = chroma === undefined || chroma === '0' || chroma === '1';
	if (!qualityOk || extra.length > 0) {
		return 'quality must be 1-100, optionally followed by ,1 to turn off chroma downsampling';
	}
	if (!chromaOk) return 'the chroma flag after the quality must be 0 or 1';
	return undefined;
}

const ADJUSTMENT: NumberRule = { integer: true, min: -100, max: 100 };

function checkColorize(value: string): string | undefined {
	const items = value.split(',');
	// An RGB color is itself comma-separated, so find the optional off|norm keyword first.
	const keywordIndex = items.findIndex((item) => isOneOf(item, ['off', 'norm']));
	const colorItems = keywordIndex === -1 ? items : items.slice(0, keywordIndex);
	const rest = keywordIndex === -1 ? [] : items.slice(keywordIndex + 1);
	const color = parseColor(colorItems.join(','));
	if ('problem' in color) return color.problem;
	if (color.kind !== 'rgb') return `op_colorize needs an RGB color, not a ${color.kind} color`;
	if (rest.length > 1) return 'op_colorize takes color[,off|norm[,contrast]]';
	if (rest.length === 1 && !matchesNumber(rest[0], { integer: false, min: 0, max: 100 })) {
		return 'the contrast after op_colorize must be a number from 0 to 100';
	}
	return undefined;
}

function checkUnsharpMask(value: string): string | undefined {
	const items = value.split(',');
	const rules: Array<[string, NumberRule]> = [
		['amount', { integer: false, min: 0, max: 5 }],
		['radius', { integer: false, min: 0, max: 250 }],
		['threshold', { integer: true, min: 0, max: 255 }],
		['monochrome flag', { integer: true, min: 0, max: 1 }],
	];
	if (items.length > rules.length) {
		return 'unsharp mask takes amount[,radius[,threshold[,monochrome]]]';
	}
	for (let index = 0; index < items.length; index++) {
		const [label, rule] = rules[index];
		if (!matchesNumber(items[index], rule)) {
			return `unsharp mask ${label} must be ${describeNumber(rule)}`;
		}
	}
	return undefined;
}

function checkNoise(value: string): string | undefined {
	const [amount, distribution, monochrome, ...extra] = value.split(',');
	if (!matchesNumber(amount, { integer: true, min: 0, max: 100 }) || extra.length > 0) {
		return 'noise must be a whole number from 0 to 100, optionally followed by ,uniform or ,gaussian and ,0 or ,1';
	}
	if (distribution !== undefined && !isOneOf(distribution, ['uniform', 'gaussian'])) {
		return `unknown noise distribution '${distribution}'; use uniform or gaussian`;
	}
	if (monochrome !== undefined && monochrome !== '0' && monochrome !== '1') {
		return 'the monochrome flag after the noise distribution must be 0 or 1';
	}
	return undefined;
}

const QUANTIZE_PALETTES = ['adaptive', 'web', 'mac'];

function checkQuantize(value: string): string | undefined {
	const [palette, dither, colorCount, ...colors] = value.split(',');
	if (!isOneOf(palette, QUANTIZE_PALETTES)) {
		return `unknown palette '${palette}'; use ${listWords(QUANTIZE_PALETTES)}`;
	}
	if (dither !== undefined && !isOneOf(dither, ['diffuse', 'off'])) {
		return `unknown dither mode '${dither}'; use diffuse or off`;
	}
	if (colorCount !== undefined && !matchesNumber(colorCount, { integer: true, min: 2, max: 256 })) {
		return 'the number of colors must be a whole number from 2 to 256';
	}
	const badColor = colors.find((color) => !/^[0-9a-f]{6}$/i.test(color));
	if (badColor !== undefined) {
		return `forced color '${badColor}' must be 6 hex digits rrggbb without 0x`;
	}
	return undefined;
}

function checkOpacity(value: string): string | undefined {
	const items = value.split(',');
	const rule: NumberRule = { integer: true, min: 0, max: 100 };
	if (items.length <= 2 && items.every((item) => matchesNumber(item, rule))) return undefined;
	return 'opacity must be a whole number from 0 to 100, optionally followed by a fill opacity 0-100';
}

function checkDevicePixelRatio(value: string): string | undefined {
	if (value.toLowerCase() === 'off') return undefined;
	const [mode, ratio, ...extra] = value.split(',');
	if (mode.toLowerCase() === 'on' && ratio !== undefined && extra.length === 0) {
		if (matchesNumber(ratio, { integer: false, above: 0 })) return undefined;
		return 'the device pixel ratio after on must be a number greater than 0';
	}
	return 'use dpr=off or dpr=on,<ratio>, e.g. dpr=on,2';
}

const CACHE_MODES = ['on', 'off', 'validate', 'update'];

function checkCache(value: string): string | undefined {
	const items = value.split(',');
	if (items.length === 1 && isOneOf(items[0], CACHE_MODES)) return undefined;
	if (items.length === 2 && items.every((item) => isOneOf(item, ['on', 'off']))) return undefined;
	return `use cache=${CACHE_MODES.join('|')} or cache=on|off,on|off (client,server)`;
}

function checkLayer(value: string): string | undefined {
	const items = value.split(',');
	const [selector, name] = items;
	if (INTEGER.test(selector) || selector.toLowerCase() === 'comp') {
		if (Number(selector) < 0) return 'the layer number must be 0 or greater';
		if (items.length > 2) {
			return 'layer takes a number or comp and an optional name, e.g. layer=1,logo';
		}
		if (name !== undefined && (name === '' || name.toLowerCase() === 'comp')) {
			return 'the layer name must not be empty or comp';
		}
		return undefined;
	}
	if (items.length > 1 || selector === '') {
		return 'use layer=<number>, layer=comp, layer=<number>,<name> or layer=<name>';
	}
	return undefined;
}

// Response formats each req= type accepts after a comma.
const REQUEST_TYPES: Record<string, { name: string; formats: string[] }> = {};
for (const [names, formats] of [
	[
		'catalogprops exists imageprops imageset props validate xlate',
		['text', 'javascript', 'xml', 'json'],
	],
	['map targets userdata', ['text', 'xml', 'json']],
	['set', ['xml', 'json']],
	['mbrSet', ['text', 'xml']],
	['img loadcache mask message resolve saveToFile tmb xmp', []],
] as Array<[string, string[]]>) {
	for (const name of names.split(' ')) REQUEST_TYPES[name.toLowerCase()] = { name, formats };
}
const REQUEST_TYPE_NAMES = Object.keys(REQUEST_TYPES)
	.map((key) => REQUEST_TYPES[key].name)
	.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
// Only these take an encoding after the xml format.
const REQUESTS_WITH_XML_ENCODING = ['imageset', 'map', 'targets', 'userdata', 'set', 'mbrset'];

function checkRequest(value: string): string | undefined {
	const [typeWritten, format, encoding, ...extra] = value.split(',');
	const type = REQUEST_TYPES[typeWritten.toLowerCase()];
	if (!type) {
		return `unknown request type '${typeWritten}'${didYouMean(typeWritten, REQUEST_TYPE_NAMES)}; use one of ${REQUEST_TYPE_NAMES.join(', ')}`;
	}
	if (format === undefined) return undefined;
	if (type.formats.length === 0) return `req=${type.name} takes no options`;
	if (!isOneOf(format, type.formats)) {
		return `req=${type.name} answers in ${listWords(type.formats)}, not '${format}'`;
	}
	const takesEncoding =
		format.toLowerCase() === 'xml' &&
		REQUESTS_WITH_XML_ENCODING.includes(typeWritten.toLowerCase());
	if (encoding !== undefined && (!takesEncoding || encoding === '')) {
		return `req=${type.name},${format} takes no further option`;
	}
	if (extra.length > 0) return `req=${type.name} takes at most a format and an encoding`;
	return undefined;
}

function checkJsonpHandler(value: string): string | undefined {
	return /^[A-Za-z0-9]+$/.test(value)
		? undefined
		: 'the handler name may contain only letters and digits';
}

// ---------------------------------------------------------------------------
// The command table

const COMMANDS: CommandSpec[] = [
	// View
	{ name: 'wid', check: singleNumber('width', SIZE_RULE) },
	{ name: 'hei', check: singleNumber('height', SIZE_RULE) },
	{ name: 'scl', check: singleNumber('view scale', { integer: false, above: 0 }) },
	{ name: 'fit', check: checkFit },
	{
		name: 'align',
		check: numberList(
			'alignment',
			'horizontal,vertical',
			{ integer: false, min: -1, max: 1 },
			'align=-1,-1',
		),
	},
	{ name: 'rect', check: rectangle('rect', true, true, 'rect=0,0,2000,600') },
	{ name: 'rgn', check: rectangle('rgn', true, false, 'rgn=0,0,500,500') },
	{ name: 'bgc', check: colorCheck },
	{ name: 'dpr', check: checkDevicePixelRatio },
	{ name: 'network', check: keyword('network setting', ['on', 'off']) },
	{ name: 'bfc', check: keyword('browser format conversion setting', ['on', 'off']) },
	// Source image
	{ name: 'crop', check: rectangle('crop', true, false, 'crop=0,0,500,500') },
	{ name: 'cropN', check: rectangle('cropN', false, false, 'cropN=0.1,0,0.8,1') },
	{ name: 'cropPathE' },
	{ name: 'anchor', check: numberList('anchor', 'x,y', { integer: true }, 'anchor=0,0') },
	{ name: 'anchorN', check: numberList('anchorN', 'x,y', { integer: false }, 'anchorN=-0.5,-0.5') },
	{ name: 'scale', check: singleNumber('source scale', { integer: false, above: 0 }) },
	{ name: 'res' },
	{ name: 'mask', takesNestedRequest: true },
	{ name: 'maskUse', check: keyword('mask use', ['norm', 'invert', 'off']) },
	// Layers and composition
	{ name: 'layer', check: checkLayer, noVariables: true },
	{
		name: 'effect',
		check: singleNumber('effect layer', { integer: true, nonZero: true }),
		noVariables: true,
	},
	{ name: 'effectMask', check: flag('effectMask') },
	{ name: 'src', takesNestedRequest: true },
	{
		name: 'size',
		check: numberList('size', 'width,height', { integer: true, min: 0 }, 'size=200,200'),
	},
	{
		name: 'sizeN',
		check: numberList('sizeN', 'width,height', { integer: false, min: 0, max: 1 }, 'sizeN=0.9,0.9'),
	},
	{ name: 'pos', check: numberList('position', 'x,y', { integer: true }, 'pos=10,10') },
	{ name: 'posN', check: numberList('posN', 'x,y', { integer: false }, 'posN=0.5,0') },
	{ name: 'origin', check: numberList('origin', 'x,y', { integer: true }, 'origin=0,0') },
	{ name: 'originN', check: numberList('originN', 'x,y', { integer: false }, 'originN=-0.5,-0.5') },
	{
		name: 'extend',
		check: numberList('extend', 'left,top,right,bottom', { integer: true }, 'extend=5,5,5,5'),
	},
	{
		name: 'extendN',
		check: numberList('extendN', 'left,top,right,bottom', { integer: false }, 'extendN=0,0.1,0,0'),
	},
	{ name: 'color', check: colorCheck },
	{ name: 'bgColor', check: colorCheck },
	{ name: 'opac', check: checkOpacity },
	{
		name: 'blendMode',
		check: keyword('blend mode', ['norm', 'dissolve', 'lighten', 'darken', 'mult', 'screen']),
	},
	{ name: 'hide', check: flag('hide') },
	{ name: 'map', mayOmitValue: true },
	{ name: 'mapA', mayOmitValue: true },
	{ name: 'clipPath' },
	{ name: 'clipPathE' },
	{ name: 'clipXPath' },
	{ name: 'clipXPathE' },
	{ name: 'perspective' },
	{ name: 'perspectiveN' },
	{ name: 'template' },
	// Transforms
	{ name: 'rotate', check: singleNumber('rotation', { integer: false }) },
	{ name: 'flip', check: keyword('flip direction', ['lr', 'ud', 'lrud']) },
	// Adjustments
	{ name: 'op_brightness', check: singleNumber('brightness', ADJUSTMENT) },
	{ name: 'op_contrast', check: singleNumber('contrast', ADJUSTMENT) },
	{ name: 'op_saturation', check: singleNumber('saturation', ADJUSTMENT) },
	{ name: 'op_hue', check: singleNumber('hue', { integer: true, min: -180, max: 180 }) },
	{
		name: 'op_colorbalance',
		check: numberList('color balance', 'red,green,blue', ADJUSTMENT, 'op_colorbalance=100,0,0'),
	},
	{ name: 'op_colorize', check: checkColorize },
	{ name: 'op_invert', check: flag('op_invert') },
	{ name: 'op_sharpen', check: flag('op_sharpen') },
	{ name: 'op_usm', check: checkUnsharpMask },
	{ name: 'op_usmR', check: checkUnsharpMask },
	{ name: 'op_blur', check: singleNumber('blur radius', { integer: false, min: 0, max: 100 }) },
	{ name: 'op_noise', check: checkNoise },
	{ name: 'op_grow', check: singleNumber('grow radius', ADJUSTMENT) },
	{ name: 'op_growMask', check: singleNumber('mask grow radius', ADJUSTMENT) },
	{ name: 'op_growMaskR', check: singleNumber('mask grow radius', ADJUSTMENT) },
	// Output
	{ name: 'fmt', check: checkFormat },
	{ name: 'qlt', check: checkQuality },
	{ name: 'quantize', check: checkQuantize },
	{ name: 'jpegSize', check: singleNumber('JPEG size limit (kB)', { integer: true, min: 0 }) },
	{ name: 'pscan', check: keyword('progressive scan count', ['auto', '3', '4', '5']) },
	// 'sharp' is the older name of sharp2; the docs still use it in an example.
	{
		name: 'resMode',
		check: keyword('resampling mode', ['bilin', 'bicub', 'sharp2', 'bisharp', 'sharp']),
	},
	{ name: 'icc' },
	{ name: 'iccEmbed', check: flag('iccEmbed') },
	{ name: 'pathEmbed', check: flag('pathEmbed') },
	{ name: 'xmpEmbed', check: flag('xmpEmbed') },
	{ name: 'printRes' },
	// Request
	{ name: 'req', check: checkRequest },
	{ name: 'cache', check: checkCache },
	{ name: 'defaultImage', mayOmitValue: true },
	{ name: 'id' },
	{ name: 'imageSet', takesNestedRequest: true },
	{ name: 'locale', mayOmitValue: true },
	{ name: 'type', mayOmitValue: true },
	// Companions of req= (json handler, message text, saveToFile target and timeout)
	{ name: 'handler', check: checkJsonpHandler },
	{ name: 'message' },
	{ name: 'name' },
	{ name: 'timeout' },
	// Text
	{ name: 'text' },
	{ name: 'textPs' },
	{ name: 'textAngle' },
	{ name: 'textAttr' },
	{ name: 'textPath' },
	{ name: 'textFlowPath', mayOmitValue: true },
	{ name: 'textFlowXPath', mayOmitValue: true },
	{ name: 'pathAttr' },
];

const COMMANDS_BY_KEY = new Map(COMMANDS.map((spec) => [spec.name.toLowerCase(), spec]));
const COMMAND_NAMES = COMMANDS.map((spec) => spec.name);

/** Documented spellings of every command the validator knows, in reference order. */
export const IMAGE_SERVING_COMMANDS: readonly string[] = COMMAND_NAMES;

export function isKnownImageServingCommand(name: string): boolean {
	return COMMANDS_BY_KEY.has(name.toLowerCase());
}

// ---------------------------------------------------------------------------
// Splitting into segments

const CLOSERS: Record<string, string> = { '{': '}', '(': ')' };

/** Index just past the bracket group starting at `start`, or -1 if it never closes properly. */
function endOfBracketGroup(text: string, start: number): number {
	const expected: string[] = [];
	for (let index = start; index < text.length; index++) {
		const char = text[index];
		if (char in CLOSERS) {
			expected.push(CLOSERS[char]);
		} else if (char === '}' || char === ')') {
			if (expected.pop() !== char) return -1;
			if (expected.length === 0) return index + 1;
		}
	}
	return -1;
}

function segmentEnd(text: string, start: number): number {
	const nextAmpersand = text.indexOf('&', start);
	const plainEnd = nextAmpersand === -1 ? text.length : nextAmpersand;
	const equals = text.indexOf('=', start);
	if (equals === -1 || equals > plainEnd) return plainEnd;
	const spec = COMMANDS_BY_KEY.get(text.slice(start, equals).toLowerCase());
	const opening = NESTED_REQUEST_START.exec(text.slice(equals + 1));
	if (!spec?.takesNestedRequest || !opening) return plainEnd;
	const groupEnd = endOfBracketGroup(text, equals + opening[0].length);
	// An unclosed group falls back to plain splitting; the value check then reports it.
	if (groupEnd === -1) return plainEnd;
	const afterGroup = text.indexOf('&', groupEnd);
	return afterGroup === -1 ? text.length : afterGroup;
}

function splitSegments(modifier: string): string[] {
	const segments: string[] = [];
	let start = 0;
	for (;;) {
		const end = segmentEnd(modifier, start);
		segments.push(modifier.slice(start, end));
		if (end >= modifier.length) return segments;
		start = end + 1;
	}
}

// ---------------------------------------------------------------------------
// Validation

function shown(segment: string): string {
	return segment.length > MAX_SHOWN_SEGMENT
		? `${segment.slice(0, MAX_SHOWN_SEGMENT - 1)}…`
		: segment;
}

function makeIssue(
	kind: ModifierIssueKind,
	command: string,
	segment: string,
	problem: string,
	certain = kind !== 'unknownCommand',
): ModifierIssue {
	return { kind, command, segment, certain, message: `\`${shown(segment)}\`: ${problem}` };
}

/** true/false written for a 0|1 flag, as in Adobe's example iccEmbed=true. */
function withFlagWords(value: string): string {
	return value
		.split(',')
		.map((part) => (/^true$/i.test(part) ? '1' : /^false$/i.test(part) ? '0' : part))
		.join(',');
}

/**
 * Whether a value the check refuses would pass with fractions allowed for whole numbers and
 * true/false for 0/1. Adobe's own examples write values that way (origin=-0.5,-0.5 where the
 * syntax says int,int; iccEmbed=true where it says 0|1), so such a value is a doubt, not an error.
 */
function passesLeniently(check: ValueCheck, value: string): boolean {
	fractionsForWholeNumbers = true;
	try {
		return check(withFlagWords(value)) === undefined;
	} finally {
		fractionsForWholeNumbers = false;
	}
}

/** %xx decoding with ISO-Latin code points, which is what the server applies to values. */
function percentDecode(value: string): string {
	return value.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
		String.fromCharCode(parseInt(hex, 16)),
	);
}

function encodingProblem(value: string, allowRawDelimiters: boolean): string | undefined {
	const badPercent = value.search(/%(?![0-9A-Fa-f]{2})/);
	if (badPercent !== -1) {
		return `'%' must start a %xx code with two hex digits; write a literal '%' as %25`;
	}
	for (const char of value) {
		const code = char.charCodeAt(0);
		if (code < 0x20 || code === 0x7f) {
			return 'control characters such as tabs and line breaks must be %xx-encoded or removed';
		}
		if (char === '<' || char === '>') {
			return `'${char}' must be %xx-encoded as ${char === '<' ? '%3C' : '%3E'}`;
		}
	}
	// Nested requests keep their own '=' (and '&') unencoded.
	if (!allowRawDelimiters && value.includes('=')) {
		return `'=' inside a value must be %xx-encoded as %3D`;
	}
	return undefined;
}

function validateVariableDefinition(segment: string): ModifierIssue | undefined {
	const equals = segment.indexOf('=');
	const name = segment.slice(1, equals);
	if (!NAME_CHARS.test(name)) {
		return makeIssue(
			'syntax',
			segment.slice(0, equals),
			segment,
			'variable names may contain only letters, digits, ., _ and -',
		);
	}
	const problem = encodingProblem(segment.slice(equals + 1), false);
	return problem ? makeIssue('encoding', `$${name}`, segment, problem) : undefined;
}

function validateDollarSegment(segment: string): ModifierIssue | undefined {
	if (segment.includes('=')) return validateVariableDefinition(segment);
	if (segment.length > 2 && segment.endsWith('$') && NAME_CHARS.test(segment.slice(1, -1))) {
		return undefined;
	}
	return makeIssue(
		'syntax',
		segment,
		segment,
		'a macro is written $name$ and a variable definition $name=value, with names made of letters, digits, ., _ and -',
	);
}

function nestedImageServingModifiers(value: string): string | undefined {
	const match = /^is([{(])/i.exec(value);
	if (!match || !value.endsWith(CLOSERS[match[1]])) return undefined;
	const request = value.slice(3, -1);
	const query = request.indexOf('?');
	return query === -1 ? undefined : request.slice(query + 1);
}

function validateCommand(segment: string): ModifierIssue[] {
	const equals = segment.indexOf('=');
	const written = equals === -1 ? segment : segment.slice(0, equals);
	if (written === '') {
		return [makeIssue('syntax', '', segment, "the command name before '=' is missing")];
	}
	if (!COMMAND_NAME.test(written)) {
		const trimmed = written.trim();
		const hint = COMMAND_NAME.test(trimmed)
			? 'remove the spaces around the command name'
			: 'a command is written name=value, with a name made of letters, digits and _';
		return [
			makeIssue(
				'syntax',
				COMMANDS_BY_KEY.get(trimmed.toLowerCase())?.name ?? trimmed,
				segment,
				hint,
			),
		];
	}
	const spec = COMMANDS_BY_KEY.get(written.toLowerCase());
	if (!spec) {
		const issues = [
			makeIssue(
				'unknownCommand',
				written,
				segment,
				`unknown Image Serving command '${written}'${didYouMean(written, COMMAND_NAMES)}`,
			),
		];
		// Reported on its own, but not certain: the check does not know how this command reads its value.
		const encoding = equals === -1 ? undefined : encodingProblem(segment.slice(equals + 1), false);
		if (encoding) issues.push(makeIssue('encoding', written, segment, encoding, false));
		return issues;
	}
	if (equals === -1) {
		if (spec.mayOmitValue) return [];
		return [
			makeIssue(
				'syntax',
				spec.name,
				segment,
				`${spec.name} needs a value, written ${spec.name}=value`,
			),
		];
	}
	const rawValue = segment.slice(equals + 1);
	const isNested = Boolean(spec.takesNestedRequest) && NESTED_REQUEST_START.test(rawValue);
	const encoding = encodingProblem(rawValue, isNested);
	if (encoding) return [makeIssue('encoding', spec.name, segment, encoding)];
	if (isNested) return validateNestedRequest(spec.name, segment, rawValue);
	if (VARIABLE_REFERENCE.test(rawValue)) {
		if (spec.noVariables) {
			return [
				makeIssue(
					'invalidValue',
					spec.name,
					segment,
					`variables ($name$) cannot be used in ${spec.name}=`,
				),
			];
		}
		// The value is only known once the server substitutes the variable.
		return [];
	}
	if (!spec.check) return [];
	if (rawValue === '') {
		// Adobe's own example req=&locale=ja leaves a value empty; the server may take the default.
		return [
			makeIssue('invalidValue', spec.name, segment, `a value is needed after '${spec.name}='`, false),
		];
	}
	const value = percentDecode(rawValue);
	if (value !== value.trim() && value.trim() !== '') {
		return [makeIssue('invalidValue', spec.name, segment, 'remove the spaces around the value')];
	}
	const problem = spec.check(value);
	if (!problem) return [];
	return [makeIssue('invalidValue', spec.name, segment, problem, !passesLeniently(spec.check, value))];
}

function validateNestedRequest(command: string, segment: string, value: string): ModifierIssue[] {
	const bracket = value.search(/[{(]/);
	if (endOfBracketGroup(value, bracket) === -1) {
		return [
			makeIssue(
				'syntax',
				command,
				segment,
				`the nested request's brackets do not match; close each '{' with '}' and each '(' with ')'`,
			),
		];
	}
	const innerModifiers = nestedImageServingModifiers(value);
	if (innerModifiers === undefined) return [];
	// Typos inside a nested Image Serving request are as fatal as outside it.
	return validateUrlModifier(innerModifiers).map((inner) => ({
		...inner,
		message: `${inner.message} (in the nested request of ${command}=)`,
	}));
}

function emptySegmentIssue(segments: string[], first: number, last: number): ModifierIssue {
	const before = first > 0 ? segments[first - 1] : undefined;
	const after = last < segments.length - 1 ? segments[last + 1] : undefined;
	// A run of n empty segments touches n + 1 separators inside the string, one fewer at each end.
	const emptyCount = last - first + 1;
	const separators = '&'.repeat(
		emptyCount + 1 - (before === undefined ? 1 : 0) - (after === undefined ? 1 : 0),
	);
	const context = `${before ?? ''}${separators}${after ?? ''}`;
	let problem = "an empty command between '&' separators; remove the extra '&'";
	if (before === undefined && after === undefined) {
		problem = "there are only '&' separators and no commands";
	} else if (before === undefined) {
		problem = "starts with '&'; remove the leading '&'";
	} else if (after === undefined) {
		problem = "ends with '&'; remove the trailing '&'";
	}
	return {
		kind: 'syntax',
		command: '',
		segment: '',
		certain: true,
		message: `\`${shown(context)}\`: ${problem}`,
	};
}

/**
 * Checks an Image Serving modifier string (`cmd=value&cmd=value…`) and lists every problem found.
 * An empty list means the string is well-formed; '' is valid.
 */
export function validateUrlModifier(modifier: string): ModifierIssue[] {
	if (modifier === '') return [];
	const segments = splitSegments(modifier);
	const issues: ModifierIssue[] = [];
	for (let index = 0; index < segments.length; index++) {
		const segment = segments[index];
		if (segment === '') {
			let last = index;
			while (last + 1 < segments.length && segments[last + 1] === '') last++;
			issues.push(emptySegmentIssue(segments, index, last));
			index = last;
		} else if (segment.startsWith('$')) {
			const issue = validateDollarSegment(segment);
			if (issue) issues.push(issue);
		} else if (!segment.startsWith('.')) {
			// Segments starting with '.' are comments, which the server ignores.
			issues.push(...validateCommand(segment));
		}
	}
	return issues;
}

// ---------------------------------------------------------------------------
// Modifier Builder

export type FitMode = 'fit' | 'constrain' | 'crop' | 'wrap' | 'stretch' | 'hfit' | 'vfit';

export interface ModifierBuilderFields {
	width?: number;
	height?: number;
	fit?: FitMode;
	/** Allow scaling above 100 %; adds ",1" to fit= (with fit=fit when no mode is chosen). */
	upscale?: boolean;
	/** x,y,width,height in pixels. */
	crop?: string;
	rotate?: number;
	flip?: 'lr' | 'ud' | 'lrud';
	format?: string;
	quality?: number;
	backgroundColor?: string;
	/** true adds op_sharpen=1. */
	sharpen?: boolean;
	/** amount[,radius[,threshold[,monochrome]]] for op_usm=. */
	unsharpMask?: string;
	brightness?: number;
	contrast?: number;
	saturation?: number;
}

/** Fractions are rounded to 6 decimals so that tiny values never print in exponent notation. */
function formatNumber(value: number): string {
	if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
	return String(Number(value.toFixed(6)));
}

/** %xx-encodes a typed value, keeping ',' (value separator) and '$' (variable references) readable. */
function encodeValue(value: string): string {
	return encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%24/g, '$');
}

function cleanText(value: string | undefined): string {
	return (value ?? '').trim().replace(/\s*,\s*/g, ',');
}

/**
 * Turns the Modifier Builder fields into a modifier string with documented command names in a fixed
 * order. Values are written as given; out-of-range numbers are left for validateUrlModifier to report.
 */
export function buildUrlModifier(fields: ModifierBuilderFields): string {
	const commands: string[] = [];
	const addNumber = (name: string, value: number | undefined) => {
		if (value !== undefined && value !== null) commands.push(`${name}=${formatNumber(value)}`);
	};
	const addText = (name: string, value: string) => {
		if (value !== '') commands.push(`${name}=${encodeValue(value)}`);
	};

	addNumber('wid', fields.width);
	addNumber('hei', fields.height);
	if (fields.fit || fields.upscale) {
		commands.push(`fit=${fields.fit ?? 'fit'}${fields.upscale ? ',1' : ''}`);
	}
	addText('crop', cleanText(fields.crop));
	addNumber('rotate', fields.rotate);
	if (fields.flip) commands.push(`flip=${fields.flip}`);
	addNumber('op_brightness', fields.brightness);
	addNumber('op_contrast', fields.contrast);
	addNumber('op_saturation', fields.saturation);
	if (fields.sharpen) commands.push('op_sharpen=1');
	addText('op_usm', cleanText(fields.unsharpMask));
	// '#' is the usual way to write a hex color, but Image Serving takes the digits alone.
	addText('bgc', cleanText(fields.backgroundColor).replace(/^#/, ''));
	addText('fmt', cleanText(fields.format));
	addNumber('qlt', fields.quality);
	return commands.join('&');
}

/** Joins modifier strings with '&', skipping empty parts and stray leading, trailing or doubled '&'. */
export function joinUrlModifiers(...parts: string[]): string {
	return parts
		.map((part) =>
			(part ?? '')
				.trim()
				.replace(/&{2,}/g, '&')
				.replace(/^&+|&+$/g, ''),
		)
		.filter((part) => part !== '')
		.join('&');
}
