import type { ICredentialsDecrypted, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { readBodyText } from './body';
import { isRedirectStatus, redirectTarget } from './endpoint';
import { explainFault, explainUnreadable } from './faults';
import { CREDENTIAL_TYPE, redirectError, transportError } from './index';
import type { IpsFaultType } from './response';
import { multipartContentType, readUploadAnswer, uploadBodyHead, uploadBodyTail, type UploadPostParam } from './uploadFile';

// One POST to the UploadFile servlet (ips-api.md §11.1). Sent once: a POST whose answer is lost is
// never sent again here, since the files may already be in the job; the job's log says.

const OPERATION = 'UploadFile';

/** The file of one POST: bytes in memory, or a stream n8n gives for its stored binary data. */
export type UploadFileBytes = { bytes: Buffer } | { stream: AsyncIterable<unknown>; size: number };

export interface UploadPostOptions {
	uploadUrl: string;
	boundary: string;
	param: UploadPostParam;
	file?: { partName: string; fileName: string; data: UploadFileBytes };
	itemIndex?: number;
	timeout?: number;
	credentials?: ICredentialsDecrypted;
}

interface StreamClass {
	from(source: AsyncIterable<unknown>, options?: { objectMode: boolean }): AsyncIterable<unknown>;
}

/**
 * Node's Readable class, reached through a stream n8n handed us: community nodes may not import
 * `node:stream`, and a multipart body is the file's stream with a head and a tail around it.
 */
function readableClassOf(stream: object): StreamClass | undefined {
	for (let proto = Object.getPrototypeOf(stream) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
		const candidate = (proto as { constructor?: StreamClass & { name?: string } }).constructor;
		if (candidate?.name === 'Readable' && typeof candidate.from === 'function') return candidate;
	}
	return undefined;
}

async function* framed(head: Buffer, file: AsyncIterable<unknown>, tail: Buffer) {
	yield head;
	for await (const chunk of file) yield chunk;
	yield tail;
}

/** The multipart body without its auth part (the credential puts that in front) and its length. */
export function uploadBody(options: Pick<UploadPostOptions, 'boundary' | 'param' | 'file'>): { body: unknown; length: number } {
	const { boundary, param, file } = options;
	const head = uploadBodyHead(boundary, param, file && { partName: file.partName, fileName: file.fileName });
	const tail = uploadBodyTail(boundary, file !== undefined);
	if (!file) return { body: Buffer.concat([head, tail]), length: head.length + tail.length };
	if ('bytes' in file.data) {
		const body = Buffer.concat([head, file.data.bytes, tail]);
		return { body, length: body.length };
	}
	const Readable = readableClassOf(file.data.stream);
	if (!Readable) throw new Error('The binary data stream n8n gave is not a Node.js stream');
	return {
		body: Readable.from(framed(head, file.data.stream, tail), { objectMode: false }),
		length: head.length + file.data.size + tail.length,
	};
}

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

/** Sends one POST and returns the job handle Scene7 answered with; every failure is a NodeApiError. */
export async function uploadPost(context: IExecuteFunctions, options: UploadPostOptions): Promise<string> {
	const { itemIndex } = options;
	const { body, length } = uploadBody(options);
	const request: IHttpRequestOptions = {
		method: 'POST',
		url: options.uploadUrl,
		headers: { 'Content-Type': multipartContentType(options.boundary), 'Content-Length': String(length) },
		body: body as IHttpRequestOptions['body'],
		encoding: 'stream',
		json: false,
		returnFullResponse: true,
		// Faults may come with any status (HTTP 200 in Adobe's example): the body says what happened.
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: options.timeout,
		abortSignal: context.getExecutionCancelSignal?.(),
	};
	let response: FullResponse;
	let read: Awaited<ReturnType<typeof readBodyText>> | undefined;
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			request,
			options.credentials ? { credentialsDecrypted: options.credentials } : undefined,
		)) as FullResponse;
		if (!isRedirectStatus(response.statusCode)) read = await readBodyText(response.body);
	} catch (error) {
		throw transportError(context, OPERATION, error, itemIndex);
	}
	const status = response.statusCode;
	if (read === undefined) {
		(response.body as { destroy?: () => void } | undefined)?.destroy?.();
		throw redirectError(context, OPERATION, status, redirectTarget(response.headers?.location), itemIndex);
	}
	const answer = 'text' in read ? readUploadAnswer(read.text) : undefined;
	if (answer?.ok) return answer.jobHandle;
	if (answer) {
		const code = Number(answer.code);
		const fault = {
			type: answer.fault as IpsFaultType,
			code: answer.code === '' || !Number.isFinite(code) ? undefined : code,
			reason: answer.reason,
			faultcode: answer.fault,
			faultstring: answer.reason,
		};
		const { message, description } = explainFault(fault, 'the upload (UploadFile)');
		const error = new NodeApiError(context.getNode(), { message, faultType: answer.fault, faultCode: answer.code, reason: answer.reason, httpStatus: status } as JsonObject, {
			message,
			description,
			httpCode: `${answer.fault} ${answer.code}`.trim(),
			itemIndex,
		});
		error.context.ipsFault = { type: answer.fault, code: fault.code ?? null, reason: answer.reason };
		throw error;
	}
	const kind = 'text' in read ? (read.text.trim() === '' ? 'empty' : /^\s*</.test(read.text) && /<html/i.test(read.text) ? 'html' : 'unexpected') : 'tooLarge';
	const { message, description } = explainUnreadable(kind, status, 'no uploadPostReturn and no fault');
	throw new NodeApiError(context.getNode(), { message, kind } as JsonObject, {
		message: message.replace('a SOAP response', "the UploadFile servlet's answer"),
		description,
		httpCode: String(status),
		itemIndex,
	});
}
