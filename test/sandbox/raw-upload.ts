/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Hand-written UploadFile servlet requests over plain HTTP, for tests that must control every byte:
// multipart bodies built part by part (file bytes are streamed as given, never copied into one body).
import * as http from 'node:http';
import * as zlib from 'node:zlib';

import { DEMO } from './model';
import { authHeaderXml, fieldsXml, unescapeXml, type Fields, type HeaderFields } from './raw-soap';
import { LATEST_VERSION, typesNamespace } from './schema';

export const BOUNDARY = '----SandboxFormBoundary7MA4YWxkTrZu0gW';

export interface FormPart {
	name: string;
	/** Written as `filename="…"` when given (also when ''). */
	filename?: string;
	/** Default: application/octet-stream for a part with a filename, text/plain; charset=UTF-8 otherwise. */
	contentType?: string | null;
	/** Replaces every header line of the part (for malformed-part tests). */
	rawHeaders?: string[];
	/** Pieces are written one after the other (a large file need not be one Buffer). */
	body: string | Buffer | Buffer[];
}

/** The `auth` part: an authHeader document (default: the demo user, in the 2014-04-03 namespace like the docs' example). */
export function authPart(fields: HeaderFields = {}, ns = typesNamespace(LATEST_VERSION)): FormPart {
	return { name: 'auth', body: authHeaderXml(fields, ns) };
}

/** The required UploadPostJob children, in WSDL order. */
export function uploadPostJob(
	values: Partial<Record<'overwrite' | 'readyForPublish' | 'createMask' | 'emailSetting', string>> = {},
): Fields {
	return [
		['overwrite', values.overwrite ?? 'false'],
		['readyForPublish', values.readyForPublish ?? 'true'],
		['createMask', values.createMask ?? 'false'],
		['emailSetting', values.emailSetting ?? 'None'],
	];
}

/** The `uploadParams` part: an uploadPostParam document with these children, in the given order. */
export function paramsPart(fields: Fields, ns = typesNamespace(LATEST_VERSION)): FormPart {
	return { name: 'uploadParams', body: uploadPostParamXml(fields, ns) };
}

export function uploadPostParamXml(fields: Fields, ns = typesNamespace(LATEST_VERSION)): string {
	return `<uploadPostParam xmlns="${ns}">${fieldsXml(fields, '')}</uploadPostParam>`;
}

/** uploadPostParam children for the first POST of a job. */
export function firstPost(jobName: string, extra: Fields = [], job: Fields = uploadPostJob()): Fields {
	return [['companyHandle', DEMO.companyHandle], ['jobName', jobName], ...extra, ['uploadParams', job]];
}

/** uploadPostParam children for a later POST of a job. */
export function laterPost(jobHandle: string, extra: Fields = []): Fields {
	return [['companyHandle', DEMO.companyHandle], ['jobHandle', jobHandle], ...extra];
}

export function filePart(name: string, filename: string, body: FormPart['body']): FormPart {
	return { name, filename, body };
}

/** The body as pieces to write in order; `close: false` leaves out the closing delimiter. */
export function multipartBody(parts: FormPart[], options: { boundary?: string; close?: boolean } = {}): Buffer[] {
	const boundary = options.boundary ?? BOUNDARY;
	const out: Buffer[] = [];
	for (const part of parts) {
		const headers = part.rawHeaders ?? [
			`Content-Disposition: form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`,
			...(part.contentType === null
				? []
				: [
						`Content-Type: ${part.contentType ?? (part.filename === undefined ? 'text/plain; charset=UTF-8' : 'application/octet-stream')}`,
					]),
		];
		out.push(Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`, 'utf8'));
		if (Array.isArray(part.body)) out.push(...part.body);
		else out.push(typeof part.body === 'string' ? Buffer.from(part.body, 'utf8') : part.body);
		out.push(Buffer.from('\r\n'));
	}
	if (options.close !== false) out.push(Buffer.from(`--${boundary}--\r\n`));
	return out;
}

export interface UploadResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** POSTs the pieces with Content-Length (or as given), nothing added. */
export function postUpload(
	url: string,
	pieces: Buffer[],
	options: { contentType?: string | null; headers?: Record<string, string>; method?: string } = {},
): Promise<UploadResponse> {
	const length = pieces.reduce((n, p) => n + p.length, 0);
	const headers: Record<string, string> = {
		'Content-Length': String(length),
		...(options.contentType === null
			? {}
			: { 'Content-Type': options.contentType ?? `multipart/form-data; boundary=${BOUNDARY}` }),
		...options.headers,
	};
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: options.method ?? 'POST', headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		for (const piece of pieces) req.write(piece);
		req.end();
	});
}

/** One POST of these parts to the servlet. */
export function upload(url: string, parts: FormPart[]): Promise<UploadResponse> {
	return postUpload(url, multipartBody(parts));
}

export interface BareFault {
	element: string;
	code: number;
	reason: string;
}

/** Reads the servlet's bare fault element with a regular expression (independent of the server's parser). */
export function parseBareFault(body: string): BareFault | undefined {
	const m =
		/^<\?xml version="1\.0" encoding="UTF-8"\?><tns:(\w+) xmlns:tns="http:\/\/www\.scene7\.com\/IpsApi\/xsd"><tns:code>(\d+)<\/tns:code><tns:reason>([^<]*)<\/tns:reason><\/tns:\1>$/.exec(
			body,
		);
	return m ? { element: m[1], code: Number(m[2]), reason: unescapeXml(m[3]) } : undefined;
}

/** The jobHandle of a success answer, checked to be exactly the documented shape. */
export function jobHandleOf(body: string, ns = typesNamespace(LATEST_VERSION)): string | undefined {
	const prefix = `<?xml version="1.0" encoding="UTF-8"?><uploadPostReturn xmlns="${ns}"><jobHandle>`;
	const suffix = '</jobHandle></uploadPostReturn>';
	if (!body.startsWith(prefix) || !body.endsWith(suffix)) return undefined;
	return unescapeXml(body.slice(prefix.length, -suffix.length));
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** One PNG chunk as its pieces (length and type, data, CRC), so a large payload is not copied. */
export function pngChunk(type: string, data: Buffer): Buffer[] {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(head.subarray(4))));
	return [head, data, crc];
}
