import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { resolveServiceUrl } from './endpoint';
import { buildAuthHeader, escapeXml } from './envelopeFrame';

// The UploadFile servlet (ips-api.md §11.1): a multipart HTTP POST, not SOAP, on another host than
// the IPS API. Pure functions: the node frames the request, the credential's `authenticate` adds
// the `auth` part (the only part that holds the password), and the answer is read here.

export const UPLOAD_SERVLET_PATH = '/scene7/UploadFile';

/** The servlet's hosts per region: the SOAP hosts without `api` (ips-api.md §11.1). */
const REGION_UPLOAD_HOSTS: Record<string, string> = {
	northAmerica: 's7sps1ssl.scene7.com',
	northAmericaStaging: 's7sps1ssl-staging.scene7.com',
	emea: 's7sps3ssl.scene7.com',
	emeaStaging: 's7sps3ssl-staging.scene7.com',
	apac: 's7sps5ssl.scene7.com',
	apacStaging: 's7sps5ssl-staging.scene7.com',
};

/**
 * Where a credential's uploads go. For a region, the servlet host Adobe documents for it; for a
 * custom Service URL, the same origin with the servlet's path (an assumption: Adobe documents
 * no custom servlet URL; the local sandbox serves both on one origin). '' when the Service URL
 * is not an http(s) URL.
 */
export function resolveUploadUrl(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.region !== 'custom') {
		const host = REGION_UPLOAD_HOSTS[String(credentials.region)] ?? REGION_UPLOAD_HOSTS.northAmerica;
		return `https://${host}${UPLOAD_SERVLET_PATH}`;
	}
	try {
		const service = new URL(resolveServiceUrl(credentials));
		return service.protocol === 'https:' || service.protocol === 'http:' ? `${service.origin}${UPLOAD_SERVLET_PATH}` : '';
	} catch {
		return '';
	}
}

/** The namespace of the servlet's XML parts, as in Adobe's example request (ips-api.md §11.1). */
export const UPLOAD_NAMESPACE = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';

export const EMAIL_SETTINGS = ['All', 'Error', 'ErrorAndWarning', 'JobCompletion', 'None'] as const;
export type EmailSetting = (typeof EMAIL_SETTINGS)[number];

/** UploadPostJob: what the job does with the files (sent with the job's first POST). */
export interface UploadJobSettings {
	overwrite: boolean;
	readyForPublish: boolean;
	/** Unset: the company's default applies (ips-api.md §11.1). */
	preservePublishState?: boolean;
	createMask: boolean;
	emailSetting: EmailSetting;
}

export interface UploadPostParam {
	companyHandle: string;
	/** A new job's name (first POST) or the handle an earlier POST of the job returned. */
	job: { name: string } | { handle: string };
	description?: string;
	/** The folder path put before the file's name, e.g. `ApiTestCo/uploads/`. */
	destFolder?: string;
	/** The target file name; overrides the file part's `filename`. */
	fileName?: string;
	endJob?: boolean;
	/** Required with a job name, ignored by Scene7 on later POSTs (so not sent there). */
	settings?: UploadJobSettings;
}

const element = (name: string, value: string | boolean | undefined) =>
	value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;

/** The `uploadParams` part: an uploadPostParam document, its elements in the WSDL's order. */
export function uploadPostParamXml(param: UploadPostParam): string {
	const { settings } = param;
	const job = settings
		? '<uploadParams>' +
			element('overwrite', settings.overwrite) +
			element('readyForPublish', settings.readyForPublish) +
			element('preservePublishState', settings.preservePublishState) +
			element('createMask', settings.createMask) +
			element('emailSetting', settings.emailSetting) +
			'</uploadParams>'
		: '';
	return (
		'<?xml version="1.0" encoding="UTF-8"?>' +
		`<uploadPostParam xmlns="${UPLOAD_NAMESPACE}">` +
		element('companyHandle', param.companyHandle) +
		('name' in param.job ? element('jobName', param.job.name) : element('jobHandle', param.job.handle)) +
		element('description', param.description) +
		element('destFolder', param.destFolder) +
		element('fileName', param.fileName) +
		element('endJob', param.endJob) +
		job +
		'</uploadPostParam>'
	);
}

// ---- multipart/form-data framing (RFC 7578) ----

const CRLF = '\r\n';

/**
 * A boundary: a fixed prefix and the caller's random letters and digits. Unpredictable, so no file
 * can be made to hold it and smuggle in parts of its own.
 */
export function multipartBoundary(random: string): string {
	return `----n8nScene7${random}`;
}

export const multipartContentType = (boundary: string) => `multipart/form-data; boundary=${boundary}`;

/** The boundary of a multipart/form-data Content-Type, or undefined for any other type. */
export function boundaryOf(contentType: unknown): string | undefined {
	if (typeof contentType !== 'string') return undefined;
	const [type, ...parameters] = contentType.split(';').map((part) => part.trim());
	if (type.toLowerCase() !== 'multipart/form-data') return undefined;
	for (const parameter of parameters) {
		const found = /^boundary=(?:"([^"]+)"|([^"\s]+))$/i.exec(parameter);
		if (found) return found[1] ?? found[2];
	}
	return undefined;
}

// A name or file name inside a quoted Content-Disposition parameter: quotes and line breaks
// would end the header, so they are written as percent escapes (what browsers send, RFC 7578 §2).
const dispositionValue = (value: string) => value.replace(/["\r\n%]/g, (char) => encodeURIComponent(char));

/** One text part: delimiter, headers, blank line, content and the line break before the next delimiter. */
function textPart(boundary: string, name: string, content: string): string {
	return (
		`--${boundary}${CRLF}` +
		`Content-Disposition: form-data; name="${dispositionValue(name)}"${CRLF}` +
		`Content-Type: text/plain; charset=US-ASCII${CRLF}` +
		`Content-Transfer-Encoding: 8bit${CRLF}${CRLF}` +
		`${content}${CRLF}`
	);
}

// The text parts say US-ASCII (as Adobe's example does), so anything beyond it is written as an XML
// character reference: a name or password in any script arrives as the same characters.
const asciiXml = (xml: string) => xml.replace(/[^\x20-\x7E]/gu, (char) => `&#x${(char.codePointAt(0) as number).toString(16)};`);

/**
 * What goes before a file's bytes: the `uploadParams` part and the file part's headers. The `auth`
 * part is not here: `authenticate` puts it in front (uploadAuthPart).
 */
export function uploadBodyHead(boundary: string, param: UploadPostParam, file?: { partName: string; fileName: string }): Buffer {
	let head = textPart(boundary, 'uploadParams', asciiXml(uploadPostParamXml(param)));
	if (file) {
		head +=
			`--${boundary}${CRLF}` +
			`Content-Disposition: form-data; name="${dispositionValue(file.partName)}"; filename="${dispositionValue(file.fileName)}"${CRLF}` +
			`Content-Type: application/octet-stream${CRLF}` +
			`Content-Transfer-Encoding: binary${CRLF}${CRLF}`;
	}
	return Buffer.from(head, 'utf8');
}

/** What follows the last part: the line break ending the file's bytes (if any) and the closing delimiter. */
export function uploadBodyTail(boundary: string, afterFile: boolean): Buffer {
	return Buffer.from(`${afterFile ? CRLF : ''}--${boundary}--${CRLF}`, 'utf8');
}

/** The `auth` part: the authHeader document (the password's only place in an upload). */
export function uploadAuthPart(boundary: string, credentials: ICredentialDataDecryptedObject): Buffer {
	const authHeader = buildAuthHeader(credentials, 200, UPLOAD_NAMESPACE);
	return Buffer.from(textPart(boundary, 'auth', asciiXml(authHeader)), 'utf8');
}

// ---- the answer ----

export type UploadAnswer =
	| { ok: true; jobHandle: string }
	| { ok: false; fault: string; code: string; reason: string };

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) =>
	text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (whole, hex?: string, dec?: string, name?: string) => {
		if (hex) return String.fromCodePoint(parseInt(hex, 16));
		if (dec) return String.fromCodePoint(parseInt(dec, 10));
		return XML_ENTITIES[name as string] ?? whole;
	});

const childText = (xml: string, name: string) => {
	const found = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${name}>`).exec(xml);
	return found ? unescapeXml(found[1]).trim() : undefined;
};

/**
 * The servlet's answer: `uploadPostReturn` with the job's handle, or one bare fault element
 * (authenticationFault, authorizationFault, ipsApiFault), which Scene7 may send with HTTP 200
 * (ips-api.md §11.1), so the root element decides, not the status. Undefined for anything else.
 */
export function readUploadAnswer(body: string): UploadAnswer | undefined {
	const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<(?:[\w.-]+:)?([\w.-]+)[\s/>]/.exec(body)?.[1];
	if (root === 'uploadPostReturn') {
		const jobHandle = childText(body, 'jobHandle');
		return jobHandle ? { ok: true, jobHandle } : undefined;
	}
	if (root === 'authenticationFault' || root === 'authorizationFault' || root === 'ipsApiFault') {
		return { ok: false, fault: root, code: childText(body, 'code') ?? '', reason: childText(body, 'reason') ?? '' };
	}
	return undefined;
}

// ---- the credential's part ----

/** A request body `authenticate` can put the auth part in front of: bytes, or a stream not yet read. */
interface UnreadStream {
	unshift(chunk: Buffer): void;
	readableFlowing?: boolean | null;
	readableEnded?: boolean;
}

const isUnreadStream = (body: unknown): body is UnreadStream =>
	body !== null &&
	typeof body === 'object' &&
	typeof (body as UnreadStream).unshift === 'function' &&
	(body as UnreadStream).readableFlowing == null &&
	(body as UnreadStream).readableEnded !== true;

const NOT_AN_UPLOAD =
	'This request to the Scene7 UploadFile servlet is not a multipart POST as the Scene7 IPS node builds it, ' +
	'so the Scene7 IPS API credential added nothing and nothing was sent.';

/**
 * An upload request with its `auth` part in front: the body (bytes, or a stream nobody has read
 * yet) must be a multipart POST whose boundary its Content-Type names, and a Content-Length, if
 * set, grows by the part. Anything else is refused: the password goes nowhere else.
 */
export function withUploadAuthPart<T extends { method?: string; headers?: Record<string, unknown>; body?: unknown }>(
	requestOptions: T,
	credentials: ICredentialDataDecryptedObject,
): T {
	const headers = { ...(requestOptions.headers ?? {}) };
	const headerName = (wanted: string) => Object.keys(headers).find((name) => name.toLowerCase() === wanted);
	const contentTypeHeader = headerName('content-type');
	const boundary = boundaryOf(contentTypeHeader === undefined ? undefined : headers[contentTypeHeader]);
	const { body } = requestOptions;
	if (String(requestOptions.method ?? '').toUpperCase() !== 'POST' || boundary === undefined) throw new Error(NOT_AN_UPLOAD);
	const authPart = uploadAuthPart(boundary, credentials);
	let withAuth: unknown;
	if (Buffer.isBuffer(body)) withAuth = Buffer.concat([authPart, body]);
	else if (isUnreadStream(body)) {
		body.unshift(authPart);
		withAuth = body;
	} else throw new Error(NOT_AN_UPLOAD);
	const lengthHeader = headerName('content-length');
	if (lengthHeader !== undefined) {
		const length = Number(headers[lengthHeader]);
		if (!Number.isSafeInteger(length) || length < 0) throw new Error(NOT_AN_UPLOAD);
		headers[lengthHeader] = String(length + authPart.length);
	}
	return { ...requestOptions, headers, body: withAuth };
}
