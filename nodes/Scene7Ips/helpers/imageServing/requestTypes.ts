// The req= request types with the response formats each accepts, and the req= value check.

import { didYouMean, isOneOf, listWords } from './words';

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

export function checkRequest(value: string): string | undefined {
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
