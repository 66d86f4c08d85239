/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// The UploadFile servlet's readers on their own: the streaming multipart/form-data parser (whatever
// the chunking) and the PNG/JPEG header check that stands in for a decode of large files.
import * as zlib from 'node:zlib';

import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

import { ADAM7, decodeImage, MAX_PIXELS, probeImage } from './images';
import { boundaryOf, MultipartParser, parseHeaderValue, type Part } from './multipart';
import { PNG_SIGNATURE, pngChunk } from './raw-upload';

const B = 'xYzZY';
const body = [
	'preamble to ignore\r\n',
	`--${B}\r\n`,
	'Content-Disposition: form-data; name="auth"\r\n',
	'Content-Type: text/plain; charset=US-ASCII\r\n',
	'Content-Transfer-Encoding: 8bit\r\n',
	'\r\n',
	'<authHeader/>\r\n',
	`--${B}  \r\n`, // transport padding
	'content-disposition: form-data; name="file1"; filename="a \\"quoted\\" name.png"\r\n',
	'\r\n',
	`bytes with \r\n--${B.slice(0, 3)} a partial delimiter and a CRLF\r\n\r\n`,
	`\r\n--${B}\r\n`,
	'Content-Disposition: form-data; name="empty"; filename=""\r\n',
	'\r\n',
	`\r\n--${B}--\r\n`,
	'epilogue to ignore',
].join('');

function parse(chunks: Buffer[], limit = 1 << 20): Part[] {
	const parser = new MultipartParser(B, () => limit);
	for (const c of chunks) parser.write(c);
	return parser.end();
}

function split(bytes: Buffer, size: number): Buffer[] {
	const out: Buffer[] = [];
	for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
	return out;
}

describe('MultipartParser', () => {
	const bytes = Buffer.from(body, 'utf8');
	const expected = [
		{ name: 'auth', filename: undefined, contentType: 'text/plain; charset=US-ASCII', data: '<authHeader/>' },
		{ name: 'file1', filename: 'a "quoted" name.png', contentType: undefined, data: `bytes with \r\n--${B.slice(0, 3)} a partial delimiter and a CRLF\r\n\r\n` },
		{ name: 'empty', filename: '', contentType: undefined, data: '' },
	];
	const shape = (parts: Part[]) =>
		parts.map((p) => ({ name: p.name, filename: p.filename, contentType: p.contentType, data: p.data?.toString('utf8') }));

	it('reads the same parts whatever the chunk size (1 byte to all at once)', () => {
		for (const size of [1, 2, 3, 5, 7, 8, 9, 13, 31, 64, bytes.length]) {
			expect({ size, parts: shape(parse(split(bytes, size))) }).toEqual({ size, parts: expected });
		}
		expect(parse([bytes]).map((p) => [p.index, p.size, p.headers['content-transfer-encoding']])).toEqual([
			[0, 13, '8bit'],
			[1, Buffer.byteLength(expected[1].data), undefined],
			[2, 0, undefined],
		]);
	});

	it('keeps a part only up to its limit, counting the rest', () => {
		const parser = new MultipartParser(B, (head) => (head.name === 'file1' ? 10 : 1000));
		for (const c of split(bytes, 4)) parser.write(c);
		const parts = parser.end();
		expect(parts[1]).toMatchObject({ name: 'file1', size: Buffer.byteLength(expected[1].data) });
		expect(parts[1].data).toBeUndefined();
		expect(parts[0].data?.toString()).toBe('<authHeader/>');
	});

	it.each([
		['no closing delimiter', body.slice(0, body.indexOf(`\r\n--${B}--`)), `The multipart body ends without its closing delimiter '--${B}--'`],
		['no delimiter at all', 'just text', `The body has no multipart delimiter '--${B}'`],
		['empty body', '', `The body has no multipart delimiter '--${B}'`],
		['junk after a delimiter', `--${B}x\r\n\r\n--${B}--`, /must be followed by CRLF or '--'/],
		['no Content-Disposition', `--${B}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${B}--`, /part 1 has no Content-Disposition/],
		['no headers at all', `--${B}\r\n\r\nx\r\n--${B}--`, /part 1 has no Content-Disposition/],
		['no name', `--${B}\r\nContent-Disposition: form-data; filename="a"\r\n\r\nx\r\n--${B}--`, /has no name parameter/],
		['not form-data', `--${B}\r\nContent-Disposition: inline; name="a"\r\n\r\nx\r\n--${B}--`, /is 'inline', not form-data/],
		['a header without a colon', `--${B}\r\nContent-Disposition form-data\r\n\r\nx\r\n--${B}--`, /Malformed header line in part 1/],
		['a header twice', `--${B}\r\nContent-Disposition: form-data; name="a"\r\ncontent-disposition: form-data; name="b"\r\n\r\nx\r\n--${B}--`, /appears twice/],
		['an unterminated quoted name', `--${B}\r\nContent-Disposition: form-data; name="a\r\n\r\nx\r\n--${B}--`, /Malformed Content-Disposition/],
		['headers never ending', `--${B}\r\nX-Long: ${'a'.repeat(20_000)}`, /longer than 16384 bytes/],
	])('refuses %s', (_label, text, message) => {
		for (const size of [1, 7, 1 << 20]) {
			expect(() => parse(split(Buffer.from(text), size))).toThrow(message);
		}
	});

	it('takes a delimiter at the very start and one part with nothing after the close delimiter', () => {
		const parts = parse([Buffer.from(`--${B}\r\nContent-Disposition: form-data; name=token\r\n\r\nv\r\n--${B}--`)]);
		expect(parts.map((p) => [p.name, p.data?.toString()])).toEqual([['token', 'v']]);
	});
});

describe('Content-Type and header parameters', () => {
	it.each([
		['multipart/form-data; boundary=abc', { boundary: 'abc' }],
		['Multipart/Form-Data; charset=utf-8; boundary="a b:c"', { boundary: 'a b:c' }],
		['multipart/form-data', { error: "Content-Type 'multipart/form-data' has no boundary parameter", mediaType: false }],
		['multipart/form-data; boundary=', { error: expect.stringMatching(/Invalid multipart boundary ''/), mediaType: false }],
		['multipart/form-data; boundary="ends with space "', { error: expect.stringMatching(/Invalid multipart boundary/), mediaType: false }],
		[`multipart/form-data; boundary=${'x'.repeat(71)}`, { error: expect.stringMatching(/Invalid multipart boundary/), mediaType: false }],
		['multipart/mixed; boundary=abc', { error: expect.stringMatching(/takes multipart\/form-data/), mediaType: true }],
		['text/xml', { error: expect.stringMatching(/takes multipart\/form-data/), mediaType: true }],
		[undefined, { error: expect.stringMatching(/takes multipart\/form-data/), mediaType: true }],
	])('%s', (contentType, result) => {
		expect(boundaryOf(contentType)).toEqual(result);
	});

	it('reads quoted and token parameters, and refuses malformed ones', () => {
		expect(parseHeaderValue('form-data; name="a\\"b"; filename=c.png')).toEqual({
			value: 'form-data',
			params: new Map([
				['name', 'a"b'],
				['filename', 'c.png'],
			]),
		});
		expect(parseHeaderValue('form-data; name="a"; name="b"')).toBeUndefined();
		expect(parseHeaderValue('form-data; name="a" junk')).toBeUndefined();
		expect(parseHeaderValue('form-data; =x')).toBeUndefined();
	});
});

describe('probeImage (format, size and structure without decoding)', () => {
	const solid = (width: number, height: number) => {
		const image = new PNG({ width, height });
		image.data.fill(90);
		return PNG.sync.write(image);
	};
	const chunk = (type: string, data: Buffer) => Buffer.concat(pngChunk(type, data));
	const ihdr = (width: number, height: number, depth: number, colour: number, interlace = 0) => {
		const data = Buffer.alloc(13);
		data.writeUInt32BE(width, 0);
		data.writeUInt32BE(height, 4);
		data[8] = depth;
		data[9] = colour;
		data[12] = interlace;
		return chunk('IHDR', data);
	};
	const handmade = (header: Buffer, raw: Buffer, extra: Buffer[] = []) =>
		Buffer.concat([PNG_SIGNATURE, header, ...extra, chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);

	it('reads PNGs and JPEGs that pngjs and jpeg-js then decode', () => {
		const p = solid(33, 17);
		expect(probeImage(p)).toEqual({ format: 'png', width: 33, height: 17 });
		const j = jpeg.encode({ width: 21, height: 14, data: Buffer.alloc(21 * 14 * 4, 200) }, 80).data;
		expect(probeImage(j)).toEqual({ format: 'jpeg', width: 21, height: 14 });
		expect(decodeImage(j).pixels.width).toBe(21);
	});

	it('computes the data size of interlaced, palette and sub-byte PNGs as pngjs reads them', () => {
		// 5×3 Adam7, 8-bit grey: passes 1 (1×1), 2 (1×1), 3 (2×1), 4 (1×2)... rows of filter byte + pixels.
		const width = 5;
		const height = 3;
		const rows: Buffer[] = [];
		// pngjs decoding the result below checks this table independently.
		for (const [x0, y0, dx, dy] of ADAM7) {
			const w = Math.ceil(Math.max(0, width - x0) / dx);
			const h = Math.ceil(Math.max(0, height - y0) / dy);
			if (w > 0) for (let r = 0; r < h; r++) rows.push(Buffer.alloc(1 + w));
		}
		const interlaced = handmade(ihdr(width, height, 8, 0, 1), Buffer.concat(rows));
		expect(probeImage(interlaced)).toEqual({ format: 'png', width, height });
		expect(decodeImage(interlaced).pixels).toMatchObject({ width, height });

		// 10×2 palette at 2 bits a pixel: 3 bytes a row.
		const palette = handmade(ihdr(10, 2, 2, 3), Buffer.alloc(2 * (1 + 3)), [chunk('PLTE', Buffer.from([0, 0, 0, 255, 255, 255]))]);
		expect(probeImage(palette)).toEqual({ format: 'png', width: 10, height: 2 });
		expect(decodeImage(palette).pixels).toMatchObject({ width: 10, height: 2 });
		const noPalette = handmade(ihdr(10, 2, 2, 3), Buffer.alloc(2 * (1 + 3)));
		expect(() => probeImage(noPalette)).toThrow('malformed PNG: a palette image without PLTE');
	});

	it.each([
		['text', Buffer.from('hello'), 'not a PNG or JPEG image'],
		['a PNG cut short', solid(20, 20).subarray(0, 50), /^truncated PNG/],
		['a bad CRC', (() => { const b = Buffer.from(solid(4, 4)); b[b.length - 20] ^= 0xff; return b; })(), /bad CRC/],
		['too little image data', handmade(ihdr(4, 4, 8, 2), Buffer.alloc(4 * (1 + 12) - 1)), /bytes of image data where 4×4 pixels need 52/],
		['too much image data', handmade(ihdr(4, 4, 8, 2), Buffer.alloc(4 * (1 + 12) + 9)), /more image data than 4×4/],
		['a bad filter byte', handmade(ihdr(1, 2, 8, 0), Buffer.from([0, 1, 9, 1])), 'corrupt PNG: scanline filter type 9'],
		['a bad bit depth', handmade(ihdr(1, 1, 3, 0), Buffer.alloc(2)), /colour type 0 with bit depth 3/],
		['an unknown critical chunk', handmade(ihdr(1, 1, 8, 0), Buffer.alloc(2), [chunk('ZZZZ', Buffer.alloc(1))]), /unknown critical chunk ZZZZ/],
		['IDATs apart', Buffer.concat([PNG_SIGNATURE, ihdr(1, 1, 8, 0), chunk('IDAT', Buffer.alloc(1)), chunk('tEXt', Buffer.from('a\0b')), chunk('IDAT', Buffer.alloc(1)), chunk('IEND', Buffer.alloc(0))]), /not consecutive/],
		['too many pixels', handmade(ihdr(10_000, 10_000, 8, 0), Buffer.alloc(1)), new RegExp(`at most ${MAX_PIXELS} pixels`)],
		['a JPEG without EOI', jpeg.encode({ width: 8, height: 8, data: Buffer.alloc(256, 1) }, 80).data.subarray(0, 300), /^truncated JPEG/],
		['a lossless JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xc3, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0, 0xff, 0xd9]), /unsupported JPEG: frame type SOF3/],
		['a JPEG without a scan', Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0, 0xff, 0xd9]), 'malformed JPEG: no scan'],
	])('refuses %s', (_label, bytes, message) => {
		expect(() => probeImage(bytes)).toThrow(message);
	});
});
