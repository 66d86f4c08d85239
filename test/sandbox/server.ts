/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// The IPS sandbox: a local HTTP server that answers the IPS SOAP API like Scene7 where a client can
// tell (see README.md). Tests start it in-process with startSandbox(); `npm run sandbox` runs it
// standalone (cli.ts), with a small JSON control API under /__sandbox/ for out-of-process harnesses.
import { setMaxListeners } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import * as zlib from 'node:zlib';

import {
	combineInjectors,
	defaultErrorPage,
	injectRule,
	parseInjectRule,
	type InjectAction,
	type Injector,
} from './injector';
import { ImageStore } from './image-store';
import { imageServingRoute, IMAGE_SERVING_PREFIX, fixtureRoute, FIXTURE_PREFIX } from './image-serving';
import { DEFAULT_JOB_STEP_MS, DEFAULT_UPLOAD_JOB_IDLE_MS, JobRunner } from './jobs';
import { createSeedState, HandleAllocator, resetState, type SandboxState } from './model';
import type { RecordedRequest } from './recorder';
import { API_VERSIONS, LATEST_VERSION, type ApiVersion } from './schema';
import { faultEnvelope, invalidRequestXml } from './faults';
import { newSoapRecord, SoapEndpoint, XML_CONTENT_TYPE, type SoapReply } from './soap-endpoint';
import { SERVICE_PATH, buildWsdl } from './wsdl';
import {
	DEFAULT_UPLOAD_MAX_FILE_SIZE,
	newUploadRecord,
	UPLOAD_PATH,
	UploadServlet,
} from './upload-servlet';

// What the tests and npm start take from the sandbox besides startSandbox.
export { DEMO, INVALID_USER, metadataFieldHandle, ROLE_USERS, ROLES, SEED, SPECIAL_PASSWORD_USER } from './model';
export type { AssetRecord, Role } from './model';
export type { RecordedRequest } from './recorder';
export { UPLOAD_OPERATION } from './upload-servlet';
export type { InjectAction, InjectContext } from './injector';
export { injectRule, redirectTo, throttle } from './injector';
export { SERVICE_PATH } from './wsdl';

export interface SandboxOptions {
	/** 0 (default): a free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Added before answering each call; a function may look at the call (already recorded). */
	latencyMs?: number | ((request?: RecordedRequest) => number);
	injector?: Injector;
	/** Seeds the handle generator (default 1). */
	seed?: number;
	/** Called when a POST has been answered (or failed by the injector); the CLI logs with it. */
	onRequest?: (request: RecordedRequest) => void;
	/** How long each job step takes (New → Running → Done); default 400 ms. */
	jobStepMs?: number;
	/**
	 * UploadFile servlet: the largest file part, in bytes (getProperty UploadPostMaxFileSize answers it);
	 * default 2 GiB. A POST with a larger file is refused.
	 */
	uploadMaxFileSize?: number;
	/** UploadFile servlet: an open job with no POST for this long ends on its own; default 30 minutes (Scene7's). */
	uploadJobIdleMs?: number;
}

export interface Sandbox {
	url: string;
	serviceUrl: string;
	/** `<url>/scene7/UploadFile`: the UploadFile servlet (HTTP POST upload), on the same origin as serviceUrl. */
	uploadUrl: string;
	/** UploadPostMaxFileSize in bytes (the uploadMaxFileSize option or its default). */
	uploadMaxFileSize: number;
	state: SandboxState;
	/** `<url>/is/image/`: what getProperty IpsImageServerUrl answers. */
	imageServerUrl: string;
	/** Uploaded pixels and published renditions (kept out of `state`, which stays plain JSON). */
	images: ImageStore;
	requests: RecordedRequest[];
	setInjector(fn?: Injector): void;
	reset(): void;
	close(): Promise<void>;
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;
const WSDL_PATH = /^\/scene7\/webservice\/IpsApi-(\d{4}-\d{2}-\d{2})\.wsdl$/;
const CONTROL_PREFIX = '/__sandbox/';
/** The paths that take POST only, and what the 405 page says they take. */
const POST_ONLY = new Map([
	[SERVICE_PATH, 'IPS takes SOAP requests by POST'],
	[UPLOAD_PATH, 'UploadFile takes multipart/form-data by POST'],
]);

function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function htmlPage(status: number, text: string): string {
	return `<html><head><title>${status}</title></head><body><h1>HTTP Status ${status}</h1><p>${text}</p></body></html>`;
}

/** An HTTP error page as the SOAP endpoint's reply. */
function htmlReply(status: number, text: string): SoapReply {
	return { status, body: htmlPage(status, text), contentType: 'text/html', gzip: false, committed: false };
}

function json(res: http.ServerResponse, status: number, value: unknown): void {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(value, null, 2));
}

function wsdlVersionFromPath(pathname: string): ApiVersion | undefined {
	const m = WSDL_PATH.exec(pathname);
	return m ? API_VERSIONS.find((v) => v === m[1]) : undefined;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	const state = createSeedState();
	const handles = new HandleAllocator(options.seed ?? 1);
	const requests: RecordedRequest[] = [];
	const sockets = new Set<Socket>();
	const shutdown = new AbortController();
	// Every answer waiting out its latency listens on it: hundreds at once are normal, not a leak.
	setMaxListeners(0, shutdown.signal);
	let injector = options.injector;
	let postCount = 0;
	// Calls admitted (not failed by the injector before running) and not yet answered.
	let running = 0;
	// Built before listening, so no request can arrive ahead of it.
	const images = new ImageStore();
	const newAssetHandle = () => handles.next((h) => state.assets.some((a) => a.assetHandle === h));
	const uploadMaxFileSize = options.uploadMaxFileSize ?? DEFAULT_UPLOAD_MAX_FILE_SIZE;
	if (!Number.isSafeInteger(uploadMaxFileSize) || uploadMaxFileSize < 0)
		throw new Error(`uploadMaxFileSize must be a whole number of bytes, not ${uploadMaxFileSize}`);
	const jobs = new JobRunner({
		state,
		images,
		stepMs: options.jobStepMs ?? DEFAULT_JOB_STEP_MS,
		uploadJobIdleMs: options.uploadJobIdleMs ?? DEFAULT_UPLOAD_JOB_IDLE_MS,
		newAssetHandle,
	});
	const endpoint = await SoapEndpoint.create({
		state,
		handles,
		jobs,
		images,
		imageServerUrl: () => sandbox.imageServerUrl,
		uploadMaxFileSize,
	});
	const servlet = new UploadServlet({ state, jobs, maxFileSize: uploadMaxFileSize });
	const wsdlCache = new Map<string, string>();
	const wsdlFor = (version: ApiVersion, serviceUrl: string): string => {
		const key = `${version} ${serviceUrl}`;
		if (!wsdlCache.has(key)) wsdlCache.set(key, buildWsdl(version, serviceUrl));
		return wsdlCache.get(key) as string;
	};

	const latency = (request?: RecordedRequest): number => {
		const l = options.latencyMs;
		const ms = typeof l === 'function' ? l(request) : (l ?? 0);
		return Math.max(0, ms);
	};

	const wait = async (ms: number): Promise<boolean> => {
		if (ms <= 0) return !shutdown.signal.aborted;
		try {
			await delay(ms, undefined, { signal: shutdown.signal });
			return true;
		} catch {
			return false;
		}
	};

	const act = async (
		action: InjectAction,
		req: http.IncomingMessage,
		res: http.ServerResponse,
	): Promise<void> => {
		if (action.kind === 'hang') return;
		if (!(await wait(latency()))) return;
		if (action.kind === 'reset' || action.kind === 'resetAfterCommit') {
			req.socket.resetAndDestroy();
			return;
		}
		res.writeHead(action.status, {
			'Content-Type': action.contentType ?? 'text/html',
			...(action.status === 429 && !action.headers ? { 'Retry-After': '1' } : {}),
			...action.headers,
		});
		res.end(action.body ?? defaultErrorPage(action.status));
	};

	const send = async (reply: SoapReply, res: http.ServerResponse, request: RecordedRequest): Promise<void> => {
		if (!(await wait(latency(request)))) return;
		const headers: http.OutgoingHttpHeaders = { 'Content-Type': reply.contentType };
		let payload = Buffer.from(reply.body, 'utf8');
		if (reply.gzip) {
			payload = zlib.gzipSync(payload);
			headers['Content-Encoding'] = 'gzip';
		}
		res.writeHead(reply.status, headers);
		res.end(payload);
	};

	/** The SOAP call's reply, from a body read in full (`produce` runs it once the injector let it through). */
	const soapCall = async (
		req: http.IncomingMessage,
		pathname: string,
		record: RecordedRequest,
	): Promise<() => Promise<SoapReply>> => {
		const body = await readBody(req);
		let bytes = body;
		if (bytes && req.headers['content-encoding'] === 'gzip') {
			try {
				bytes = zlib.gunzipSync(bytes);
			} catch {
				bytes = undefined;
			}
		}
		let rawBody: string | undefined;
		try {
			rawBody = bytes && UTF8.decode(bytes);
		} catch {
			rawBody = undefined;
		}
		record.rawBody = rawBody ?? (bytes ? bytes.toString('utf8') : '');
		return async (): Promise<SoapReply> => {
			if (pathname !== SERVICE_PATH) return htmlReply(404, 'Not found');
			if (!body) return htmlReply(413, 'Request body too large');
			if (
				req.headers['content-encoding'] &&
				req.headers['content-encoding'] !== 'identity' &&
				req.headers['content-encoding'] !== 'gzip'
			) {
				return htmlReply(415, 'Unsupported Content-Encoding');
			}
			if (rawBody === undefined) {
				const fault = invalidRequestXml(
					'Invalid request XML: the body is not valid UTF-8 (or not valid gzip)',
				);
				return {
					status: 500,
					body: faultEnvelope(fault),
					contentType: XML_CONTENT_TYPE,
					gzip: false,
					committed: false,
					fault,
				};
			}
			return endpoint.handle(rawBody, req.headers, record);
		};
	};

	/** An UploadFile POST: the multipart body is read (and its syntax checked) before the injector is asked. */
	const uploadCall = async (
		req: http.IncomingMessage,
		record: RecordedRequest,
	): Promise<() => Promise<SoapReply>> => {
		const received = await servlet.receive(req, record);
		return () => Promise.resolve(servlet.process(received, req.headers, record));
	};

	const handlePost = async (
		req: http.IncomingMessage,
		res: http.ServerResponse,
		pathname: string,
	) => {
		const index = postCount++;
		const upload = pathname === UPLOAD_PATH;
		const record = upload ? newUploadRecord(req) : newSoapRecord(req.headers);
		requests.push(record);
		const produce = upload ? await uploadCall(req, record) : await soapCall(req, pathname, record);

		const before = injector?.({ phase: 'before', index, request: record, running });
		if (before && before.kind !== 'resetAfterCommit' && before.kind !== 'statusAfterCommit') {
			record.outcome = 'injected';
			record.injected = before.kind;
			record.status = before.kind === 'status' ? before.status : undefined;
			options.onRequest?.(record);
			await act(before, req, res);
			return;
		}
		running++;
		res.once('close', () => running--);

		const reply = await produce();
		record.outcome = reply.fault || reply.status >= 400 ? 'fault' : 'ok';
		record.faultCode = reply.fault?.code;
		record.faultReason = reply.fault?.reason;
		record.status = reply.status;

		const after = before ?? injector?.({ phase: 'after', index, request: record, running: running - 1 });
		if (after) {
			const failing: InjectAction =
				after.kind === 'statusAfterCommit'
					? { ...after, kind: 'status' }
					: after.kind === 'resetAfterCommit'
						? { kind: 'reset' }
						: after;
			record.outcome = 'injected';
			record.injected = after.kind;
			record.committed = reply.committed;
			record.status = failing.kind === 'status' ? failing.status : undefined;
			options.onRequest?.(record);
			await act(failing, req, res);
			return;
		}
		options.onRequest?.(record);
		await send(reply, res, record);
	};

	const handleControl = async (
		req: http.IncomingMessage,
		res: http.ServerResponse,
		route: string,
	) => {
		if (req.method === 'GET' && route === 'health')
			return json(res, 200, { ok: true, serviceUrl: sandbox.serviceUrl, uploadUrl: sandbox.uploadUrl });
		if (req.method === 'GET' && route === 'state') return json(res, 200, state);
		if (req.method === 'GET' && route === 'requests') return json(res, 200, requests);
		if (req.method === 'POST' && route === 'reset') {
			sandbox.reset();
			return json(res, 200, { ok: true });
		}
		if (route === 'inject' && req.method === 'DELETE') {
			injector = undefined;
			return json(res, 200, { ok: true });
		}
		if (route === 'inject' && req.method === 'POST') {
			try {
				const value: unknown = JSON.parse(
					((await readBody(req)) ?? Buffer.alloc(0)).toString('utf8'),
				);
				const rules = (Array.isArray(value) ? value : [value]).map(parseInjectRule);
				injector = combineInjectors(...rules.map(injectRule));
				return json(res, 200, { ok: true, rules: rules.length });
			} catch (error) {
				return json(res, 400, { ok: false, error: (error as Error).message });
			}
		}
		return json(res, 404, { ok: false, error: `no control route ${req.method} ${route}` });
	};

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		if (url.pathname.startsWith(CONTROL_PREFIX))
			return handleControl(req, res, url.pathname.slice(CONTROL_PREFIX.length));
		if (req.method === 'GET' && url.pathname.startsWith(IMAGE_SERVING_PREFIX))
			return imageServingRoute(state, images, url, res);
		if (req.method === 'GET' && url.pathname.startsWith(FIXTURE_PREFIX)) return fixtureRoute(url, res);
		if (req.method === 'POST') return handlePost(req, res, url.pathname);
		if (req.method === 'GET') {
			const version =
				url.pathname === SERVICE_PATH && url.search.toLowerCase().startsWith('?wsdl')
					? LATEST_VERSION
					: wsdlVersionFromPath(url.pathname);
			if (version) {
				// The WSDL servlet's documented serviceUrl parameter overrides soap:address.
				const serviceUrl = url.searchParams.get('serviceUrl') ?? sandbox.serviceUrl;
				res.writeHead(200, { 'Content-Type': XML_CONTENT_TYPE });
				res.end(wsdlFor(version, serviceUrl));
				return;
			}
		}
		const postOnly = POST_ONLY.get(url.pathname);
		if (postOnly) {
			res.writeHead(405, { 'Content-Type': 'text/html', Allow: 'POST' });
			res.end(htmlPage(405, `Method ${req.method} is not allowed; ${postOnly}`));
			return;
		}
		res.writeHead(404, { 'Content-Type': 'text/html' });
		res.end(htmlPage(404, 'Not found'));
	};

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
			res.end(`IPS sandbox failure: ${(error as Error)?.stack ?? String(error)}`);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	const sandbox: Sandbox = {
		url,
		serviceUrl: url + SERVICE_PATH,
		uploadUrl: url + UPLOAD_PATH,
		uploadMaxFileSize,
		imageServerUrl: url + IMAGE_SERVING_PREFIX,
		images,
		state,
		requests,
		setInjector(fn) {
			injector = fn;
		},
		reset() {
			jobs.stopAll();
			images.clear();
			resetState(state);
			handles.reset();
			requests.length = 0;
			postCount = 0;
		},
		async close() {
			jobs.stopAll();
			shutdown.abort();
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			for (const socket of sockets) socket.destroy();
			await closed;
		},
	};
	return sandbox;
}
