/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { uploadBodyHead, uploadBodyTail, type UploadPostParam } from '../../../nodes/Scene7Ips/transport/uploadFile';
import { NodeApiError } from 'n8n-workflow';

import { uploadBody, uploadPost } from '../../../nodes/Scene7Ips/transport/uploadPost';
import { fakeExecuteContext } from '../../support/executeContext';

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
	// Bytes in memory: "sends the auth part first, the framed body after it, with the whole length" below.
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

describe('uploadPost: one POST, its answer or its fault in plain words', () => {
	const UPLOAD_URL = 'https://ips.test/scene7/UploadFile';
	const post = async (statusCode: number, body: string, headers?: Record<string, string>) => {
		const { context, sent } = fakeExecuteContext({ parameters: {}, respond: async () => ({ statusCode, body, headers }) });
		const outcome = await uploadPost(context, {
			uploadUrl: UPLOAD_URL,
			boundary: BOUNDARY,
			param: PARAM,
			file: { ...FILE, data: { bytes: Buffer.from('PNG') } },
			itemIndex: 3,
		}).catch((error: unknown) => error as NodeApiError);
		return { outcome, sent };
	};
	const fault = (element: string, code: number, reason: string) =>
		`<tns:${element} xmlns:tns="http://www.scene7.com/IpsApi/xsd"><tns:code>${code}</tns:code><tns:reason>${reason}</tns:reason></tns:${element}>`;

	it('sends the auth part first, the framed body after it, with the whole length, to the servlet only', async () => {
		const { outcome, sent } = await post(200, '<uploadPostReturn xmlns="x"><jobHandle>j|6|9</jobHandle></uploadPostReturn>');
		expect(outcome).toBe('j|6|9');
		expect(sent).toHaveLength(1);
		const { options, body } = sent[0];
		expect(options.url).toBe(UPLOAD_URL);
		expect(options).toMatchObject({ method: 'POST', disableFollowRedirect: true, ignoreHttpStatusErrors: true });
		expect(body.startsWith(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="auth"`)).toBe(true);
		expect(body.endsWith(expected(Buffer.from('PNG')).toString())).toBe(true);
		expect(options.headers?.['Content-Length']).toBe(String(Buffer.byteLength(body)));
	});

	it.each([
		[200, fault('authenticationFault', 10001, 'Invalid username/password'), 'Scene7 rejected the user name or password (10001)', 'authenticationFault 10001'],
		[500, fault('ipsApiFault', 30001, 'File too large'), 'File too large', 'ipsApiFault 30001'],
	])('HTTP %i with a bare fault: the fault, explained, for the item', async (status, body, words, httpCode) => {
		const { outcome } = await post(status, body);
		expect(outcome).toBeInstanceOf(NodeApiError);
		const error = outcome as NodeApiError;
		expect(`${error.message} ${error.description}`).toContain(words);
		expect(error.httpCode).toBe(httpCode);
		expect(error.context.itemIndex).toBe(3);
		expect(error.context.ipsFault).toMatchObject({ type: httpCode.split(' ')[0], code: Number(httpCode.split(' ')[1]) });
	});

	it.each([
		['a web page', 502, '<html><body>Bad gateway</body></html>', 'a web page'],
		['nothing', 200, '', 'empty'],
		['something else', 200, '<other/>', 'no uploadPostReturn and no fault'],
	])('an answer that is %s is an error that says so, not a job', async (_what, status, body, words) => {
		const { outcome } = await post(status, body);
		expect(outcome).toBeInstanceOf(NodeApiError);
		expect((outcome as NodeApiError).message).toContain(words);
		expect((outcome as NodeApiError).httpCode).toBe(String(status));
	});

	it('a redirect is not followed: an error naming the status and the host', async () => {
		const { outcome, sent } = await post(307, '', { location: 'https://elsewhere.test/scene7/UploadFile' });
		expect(sent).toHaveLength(1);
		expect((outcome as NodeApiError).message).toBe(
			'The Scene7 endpoint answered UploadFile with a redirect (HTTP 307) to host elsewhere.test. The node does not follow redirects, so nothing was sent there',
		);
	});
});
