/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
// Hand-written SOAP over plain HTTP, for tests that must control every byte a client sends.
import * as http from 'node:http';
import * as zlib from 'node:zlib';

import { DEMO, type SandboxState } from './model';
import { IPS_BASE_NS, LATEST_VERSION, typesNamespace, type ApiVersion } from './schema';
import { escapeXml } from './xml';

export interface HeaderFields {
	user?: string;
	password?: string;
	appName?: string;
	appVersion?: string;
	locale?: string;
	gzipResponse?: boolean;
	faultHttpStatusCode?: number;
}

/** Param children as [name, value] pairs, written in the given order; values are XML-escaped. */
export type Fields = Array<[string, string | Fields | undefined]>;

export function fieldsXml(fields: Fields, prefix = 'ns1:'): string {
	return fields
		.map(([name, value]) => {
			if (value === undefined) return `<${prefix}${name}/>`;
			const inner = typeof value === 'string' ? escapeXml(value) : fieldsXml(value, prefix);
			return `<${prefix}${name}>${inner}</${prefix}${name}>`;
		})
		.join('');
}

export function authHeaderXml(fields: HeaderFields = {}, ns = IPS_BASE_NS): string {
	const values: HeaderFields = {
		user: DEMO.user,
		password: DEMO.password,
		appName: 'sandbox-test',
		appVersion: '1.0',
		...fields,
	};
	const order: Array<keyof HeaderFields> = [
		'user',
		'password',
		'locale',
		'appName',
		'appVersion',
		'gzipResponse',
		'faultHttpStatusCode',
	];
	const inner = order
		.filter((k) => values[k] !== undefined)
		.map((k) => `<${k}>${escapeXml(String(values[k]))}</${k}>`)
		.join('');
	return `<authHeader xmlns="${ns}">${inner}</authHeader>`;
}

export interface EnvelopeOptions {
	version?: ApiVersion;
	/** Overrides the body namespace entirely (for wrong-namespace tests). */
	namespace?: string;
	/** Raw header XML; default: the demo user's authHeader. Pass '' for an empty Header, null for none. */
	header?: string | null;
}

export function envelope(
	operation: string,
	fields: Fields | string,
	options: EnvelopeOptions = {},
): string {
	const ns = options.namespace ?? typesNamespace(options.version ?? LATEST_VERSION);
	const body = typeof fields === 'string' ? fields : fieldsXml(fields);
	const header = options.header === undefined ? authHeaderXml() : options.header;
	return (
		'<?xml version="1.0" encoding="UTF-8"?>' +
		'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
		(header === null ? '' : `<soapenv:Header>${header}</soapenv:Header>`) +
		`<soapenv:Body><ns1:${operation}Param xmlns:ns1="${ns}">${body}</ns1:${operation}Param></soapenv:Body>` +
		'</soapenv:Envelope>'
	);
}

export interface RawResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	/** Decoded (gunzipped if needed) body. */
	body: string;
	/** Bytes as received on the wire. */
	wire: Buffer;
}

export interface PostOptions {
	soapAction?: string | null;
	contentType?: string;
	headers?: Record<string, string>;
	method?: string;
	path?: string;
}

/** POSTs with node:http, so nothing is added or changed on the way (no default compression). */
export function post(
	url: string,
	body: string | Buffer,
	options: PostOptions = {},
): Promise<RawResponse> {
	const target = new URL(options.path ?? '', url);
	const headers: Record<string, string> = {
		'Content-Type': options.contentType ?? 'text/xml; charset=UTF-8',
		...options.headers,
	};
	if (options.soapAction !== null && options.soapAction !== undefined)
		headers.SOAPAction = options.soapAction;
	return new Promise((resolve, reject) => {
		const req = http.request(target, { method: options.method ?? 'POST', headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const wire = Buffer.concat(chunks);
				const decoded = res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(wire) : wire;
				resolve({
					status: res.statusCode ?? 0,
					headers: res.headers,
					body: decoded.toString('utf8'),
					wire,
				});
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

export interface GetResponse {
	status: number;
	type?: string;
	length?: string;
	body: Buffer;
}

/** GETs with node:http, the body as bytes (served images, fixtures, the control API). */
export function get(url: string): Promise<GetResponse> {
	return new Promise((resolve, reject) => {
		http
			.get(url, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						type: res.headers['content-type'],
						length: res.headers['content-length'],
						body: Buffer.concat(chunks),
					}),
				);
			})
			.on('error', reject);
	});
}

/** One SOAP call: envelope + POST with SOAPAction set to the operation. */
export function call(
	serviceUrl: string,
	operation: string,
	fields: Fields | string,
	options: EnvelopeOptions & PostOptions = {},
): Promise<RawResponse> {
	return post(serviceUrl, envelope(operation, fields, options), {
		soapAction: operation,
		...options,
	});
}

export interface ParsedFault {
	faultcode: string;
	faultstring: string;
	element: string;
	code: number;
	reason: string;
}

/** The text of XML character data, its five predefined entities replaced. */
export const unescapeXml = (text: string): string =>
	text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');

/** Reads the sandbox's fault shape with regular expressions (independent of the server's parser). */
export function parseFault(body: string): ParsedFault | undefined {
	const m =
		/<soapenv:Fault><faultcode>([^<]*)<\/faultcode><faultstring>([^<]*)<\/faultstring><detail><ns1:(\w+) xmlns:ns1="http:\/\/www\.scene7\.com\/IpsApi\/xsd"><code xmlns="http:\/\/www\.scene7\.com\/IpsApi\/xsd">(\d+)<\/code><reason xmlns="http:\/\/www\.scene7\.com\/IpsApi\/xsd">([^<]*)<\/reason><\/ns1:\3><\/detail><\/soapenv:Fault>/.exec(
			body,
		);
	if (!m) return undefined;
	return {
		faultcode: m[1],
		faultstring: m[2],
		element: m[3],
		code: Number(m[4]),
		reason: unescapeXml(m[5]),
	};
}

/** Text of the first element with this local name (any prefix), unescaped. */
export function elementText(body: string, local: string): string | undefined {
	return elementTexts(body, local)[0];
}

/** Texts of every element with this local name. */
export function elementTexts(body: string, local: string): string[] {
	const re = new RegExp(`<(?:\\w+:)?${local}(?:\\s[^>]*)?>([^<]*)</(?:\\w+:)?${local}>`, 'g');
	return [...body.matchAll(re)].map((m) => unescapeXml(m[1]));
}

/** copyImageParam children in WSDL order; `urlModifier: undefined` writes an empty element. */
export function copyImageFields(
	overrides: Partial<
		Record<
			'companyHandle' | 'assetHandle' | 'folderHandle' | 'name' | 'urlModifier',
			string | undefined
		>
	> = {},
): Fields {
	const values = {
		companyHandle: DEMO.companyHandle,
		assetHandle: DEMO.assetHandle,
		folderHandle: DEMO.folderHandle,
		name: 'Copy_macbookwin1',
		urlModifier: 'wid=400&hei=300',
		...overrides,
	};
	return (['companyHandle', 'assetHandle', 'folderHandle', 'name', 'urlModifier'] as const).map(
		(k) => [k, values[k]],
	);
}

/** submitJob with these children; the new jobHandle (a fault fails the test). */
export async function submitJob(serviceUrl: string, fields: Fields): Promise<string> {
	const res = await call(serviceUrl, 'submitJob', fields);
	const fault = parseFault(res.body);
	if (fault) throw new Error(`submitJob was refused: ${fault.reason} (${fault.code})`);
	return elementText(res.body, 'jobHandle') as string;
}

/** Polls a sandbox's state (or a function reading it, e.g. over the control API) until the job is Done. */
export async function waitDone(
	source: { readonly state: SandboxState } | (() => Promise<SandboxState>),
	jobHandle: string,
	timeoutMs = 5000,
): Promise<SandboxState> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const state = typeof source === 'function' ? await source() : source.state;
		if (state.jobs.find((job) => job.jobHandle === jobHandle)?.state === 'Done') return state;
		if (Date.now() > deadline) throw new Error(`job ${jobHandle} did not finish in ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
