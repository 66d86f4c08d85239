/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { uploadBodyHead, uploadBodyTail, type UploadPostParam } from '../../../nodes/Scene7Ips/transport/uploadFile';
import { uploadBody } from '../../../nodes/Scene7Ips/transport/uploadPost';

const BOUNDARY = 'unitB';
const PARAM: UploadPostParam = { companyHandle: 'c|6', job: { handle: 'j|1' }, destFolder: 'ApiTestCo/' };
const FILE = { partName: 'file1', fileName: 'shoe.png' };

async function drain(body: unknown): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

const expected = (file?: Buffer) =>
	Buffer.concat([uploadBodyHead(BOUNDARY, PARAM, file && FILE), ...(file ? [file] : []), uploadBodyTail(BOUNDARY, file !== undefined)]);

describe('uploadBody: the multipart body of one POST, without its auth part', () => {
	it('bytes in memory: one buffer, its length', () => {
		const file = Buffer.from('PNG-bytes');
		const { body, length } = uploadBody({ boundary: BOUNDARY, param: PARAM, file: { ...FILE, data: { bytes: file } } });
		expect(Buffer.compare(body as Buffer, expected(file))).toBe(0);
		expect(length).toBe(expected(file).length);
	});

	it('no file (the POST that ends the job): the params and the closing delimiter', () => {
		const { body, length } = uploadBody({ boundary: BOUNDARY, param: PARAM });
		expect((body as Buffer).toString()).toBe(expected().toString());
		expect(length).toBe(expected().length);
	});

	it("a file n8n streams from its store (a file stream): the file's bytes between head and tail, read as they come", async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'scene7-upload-'));
		try {
			const file = Buffer.alloc(300_000, 7);
			writeFileSync(path.join(dir, 'f'), file);
			const stream = createReadStream(path.join(dir, 'f'), { highWaterMark: 64 * 1024 });
			const { body, length } = uploadBody({ boundary: BOUNDARY, param: PARAM, file: { ...FILE, data: { stream, size: file.length } } });
			// Not read yet: nothing of the file is in memory until the request reads the body.
			expect(stream.bytesRead).toBe(0);
			expect(typeof (body as Readable).pipe).toBe('function');
			const sent = await drain(body);
			expect(Buffer.compare(sent, expected(file))).toBe(0);
			expect(length).toBe(sent.length);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('any Node stream (S3 mode gives another kind) works; something that is not a stream is refused', async () => {
		const stream = Readable.from([Buffer.from('ab'), Buffer.from('c')]);
		const { body } = uploadBody({ boundary: BOUNDARY, param: PARAM, file: { ...FILE, data: { stream, size: 3 } } });
		expect((await drain(body)).toString()).toBe(expected(Buffer.from('abc')).toString());
		async function* notAStream() {
			yield Buffer.from('x');
		}
		expect(() => uploadBody({ boundary: BOUNDARY, param: PARAM, file: { ...FILE, data: { stream: notAStream(), size: 1 } } })).toThrow(
			'The binary data stream n8n gave is not a Node.js stream',
		);
	});
});
