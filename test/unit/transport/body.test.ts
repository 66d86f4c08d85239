/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { PassThrough, Readable } from 'node:stream';

import { readBodyBytes, readBodyText } from '../../../nodes/Scene7Ips/transport/body';

describe('readBodyText', () => {
	it('takes text, bytes and nothing as they are', async () => {
		expect(await readBodyText('<a/>')).toEqual({ text: '<a/>' });
		expect(await readBodyText(Buffer.from('Grüße'))).toEqual({ text: 'Grüße' });
		expect(await readBodyText(undefined)).toEqual({ text: '' });
		expect(await readBodyText(null)).toEqual({ text: '' });
		expect(await readBodyText(42)).toEqual({ text: '42' });
		expect(await readBodyText('x'.repeat(11), 10)).toEqual({ tooLarge: true });
		expect(await readBodyText(Buffer.alloc(11), 10)).toEqual({ tooLarge: true });
	});

	it('joins a stream’s chunks before decoding, so a character split between chunks stays whole', async () => {
		const bytes = Buffer.from('<name>Grüße 👋</name>');
		const split = bytes.indexOf(Buffer.from('👋')) + 2;
		expect(await readBodyText(Readable.from([bytes.subarray(0, split), bytes.subarray(split)]))).toEqual({ text: '<name>Grüße 👋</name>' });
		expect(await readBodyText(Readable.from(['<a>', 'b', '</a>'], { objectMode: true }))).toEqual({ text: '<a>b</a>' });
		expect(await readBodyText(Readable.from([]))).toEqual({ text: '' });
	});

	it('stops reading at the limit and destroys the stream', async () => {
		const stream = new PassThrough();
		const read = readBodyText(stream, 10);
		stream.write('12345');
		stream.write('678901');
		expect(await read).toEqual({ tooLarge: true });
		expect(stream.destroyed).toBe(true);
		// Exactly at the limit is still read.
		expect(await readBodyText(Readable.from(['12345', '67890']), 10)).toEqual({ text: '1234567890' });
	});

	it('fails with the stream’s error, and with a premature close when it closes before its end', async () => {
		const failing = new PassThrough();
		const read = readBodyText(failing);
		failing.write('<part');
		failing.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		await expect(read).rejects.toMatchObject({ message: 'socket hang up', code: 'ECONNRESET' });

		const cut = new PassThrough();
		const cutRead = readBodyText(cut);
		cut.write('<part');
		cut.destroy();
		await expect(cutRead).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
	});
});

describe('readBodyBytes', () => {
	it('reads a stream up to the bound and drops it beyond', async () => {
		expect(await readBodyBytes(Readable.from([Buffer.from('ab'), Buffer.from('c')]), 3)).toEqual(Buffer.from('abc'));
		expect(await readBodyBytes(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 3)).toBeUndefined();
		expect(await readBodyBytes(Readable.from([new Uint8Array([1, 2]), 'c'], { objectMode: true }), 3)).toEqual(Buffer.from([1, 2, 0x63]));
		expect(await readBodyBytes(new Uint8Array([1, 2]).buffer, 2)).toEqual(Buffer.from([1, 2]));
		expect(await readBodyBytes(Buffer.from('abcd'), 3)).toBeUndefined();
		expect(await readBodyBytes(undefined, 0)).toEqual(Buffer.alloc(0));
	});

	it('destroys a stream it stops reading (a drain with limit 0 included)', async () => {
		const stream = new PassThrough();
		const read = readBodyBytes(stream, 0);
		stream.write('x');
		expect(await read).toBeUndefined();
		expect(stream.destroyed).toBe(true);
	});
});
