// One SOAP call, from the bytes received to the bytes to send. The strict checks (what a schema-
// validating Java stack would refuse) run on our own parse; node-soap then parses the same body
// against our WSDL and calls the operation with its arguments, and writes the result.
//
// Several API versions: node-soap matches body elements by local name and writes responses in the
// namespace of its WSDL, so we keep one node-soap server per version, each built from a WSDL whose
// types are in that version's namespace (wsdl.ts). The request's namespace picks the server, and
// the answer comes back in the namespace the client used; nothing is rewritten.
//
// Order of checks: Content-Type, XML, envelope, body element and namespace, SOAPAction, authHeader
// schema, authentication, body schema, company and role, then the operation. Faults raised once the
// envelope could be read honour authHeader/faultHttpStatusCode.
import { randomUUID } from 'node:crypto';
import * as soap from 'soap';

import { allowedRoles, companyAccess, defaultRole, requireOperationRole } from './access';
import { asArgs } from './args';
import { authenticate, claimedUser, peekFaultHttpStatus, readAuthHeader } from './auth';
import { asFault, faultEnvelope, invalidRequestXml, IpsFault, noOperationPermission } from './faults';
import type { ImageStore } from './image-store';
import type { JobRunner } from './jobs';
import type { HandleAllocator, SandboxState, UserRecord } from './model';
import { OPERATION_HANDLERS, type CallContext } from './operations';
import type { Out } from './operations/serialize';
import type { RecordedRequest } from './recorder';
import {
	API_VERSIONS,
	OPERATIONS,
	SOAP11_ENVELOPE_NS,
	SOAP12_ENVELOPE_NS,
	typesNamespace,
	versionOfNamespace,
	type ApiVersion,
	type OperationSchema,
} from './schema';
import { validateSequence } from './validate';
import { SERVICE_PATH, buildWsdl } from './wsdl';
import { childElements, hasSignificantText, parseXml, type XmlElement } from './xml';

/** As node:http hands them over: lower-case names. */
export type HttpHeaders = Record<string, string | string[] | undefined>;

/** A header's value, a repeated header's values joined with ', '. */
export function headerValue(headers: HttpHeaders, name: string): string | undefined {
	const v = headers[name];
	return Array.isArray(v) ? v.join(', ') : v;
}

export const XML_CONTENT_TYPE = 'text/xml;charset=UTF-8';
const CALL_ID_HEADER = 'x-ips-sandbox-call';

export interface SoapReply {
	status: number;
	body: string;
	contentType: string;
	/** Whether the client allowed a gzipped answer (Accept-Encoding and authHeader/gzipResponse). */
	gzip: boolean;
	/** True when the operation ran to completion (its state changes are in). */
	committed: boolean;
	fault?: IpsFault;
}

interface PendingCall {
	ctx: CallContext;
	schema: OperationSchema;
	record: RecordedRequest;
	fault?: IpsFault;
	error?: unknown;
	done: boolean;
}

function acceptsGzip(headers: HttpHeaders): boolean {
	const value = String(headers['accept-encoding'] ?? '');
	return value.split(',').some((part) => {
		const [coding, ...params] = part.trim().split(';');
		const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
		return (
			(coding.toLowerCase() === 'gzip' || coding === '*') && (q === undefined || Number(q) > 0)
		);
	});
}

export function soapActionOperation(value: string | undefined): string {
	const trimmed = (value ?? '').trim();
	return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
		? trimmed.slice(1, -1)
		: trimmed;
}

/** The record of a POST, as received: its outcome is 'ok' until the reply says otherwise. */
export function newSoapRecord(headers: HttpHeaders): RecordedRequest {
	const soapAction = headers.soapaction === undefined ? undefined : String(headers.soapaction);
	return {
		operation: soapActionOperation(soapAction),
		soapAction,
		contentType: headerValue(headers, 'content-type'),
		headers: { ...headers },
		rawBody: '',
		user: undefined,
		outcome: 'ok',
		at: new Date(),
	};
}

class TransportError extends Error {
	constructor(
		readonly status: number,
		readonly fault: IpsFault,
	) {
		super(fault.reason);
	}
}

function checkContentType(value: string | undefined): void {
	const [mediaType, ...params] = (value ?? '').split(';').map((s) => s.trim());
	if (mediaType.toLowerCase() !== 'text/xml') {
		throw new TransportError(
			415,
			invalidRequestXml(
				`Unsupported Content-Type '${value ?? ''}': IPS takes SOAP 1.1, Content-Type: text/xml; charset=UTF-8`,
			),
		);
	}
	const charset = params
		.map((p) => /^charset\s*=\s*"?([^";]+)"?$/i.exec(p)?.[1])
		.find((c) => c !== undefined);
	if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
		throw new TransportError(
			415,
			invalidRequestXml(`Unsupported charset '${charset}': send UTF-8`),
		);
	}
}

function parseRequestXml(rawBody: string): XmlElement | IpsFault {
	try {
		return parseXml(rawBody);
	} catch (error) {
		return invalidRequestXml(`Invalid request XML: ${(error as Error).message}`);
	}
}

/** The message of what `check` throws, if anything. */
function problemOf(check: () => void): string | undefined {
	try {
		check();
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

interface ParsedEnvelope {
	header?: XmlElement;
	body: XmlElement;
	version: ApiVersion;
	schema: OperationSchema;
}

function readEnvelope(rawBody: string): ParsedEnvelope {
	const root = parseRequestXml(rawBody);
	if (root instanceof IpsFault) throw root;
	if (root.local === 'Envelope' && root.ns === SOAP12_ENVELOPE_NS) {
		throw invalidRequestXml('SOAP 1.2 envelopes are not supported: IPS takes SOAP 1.1');
	}
	if (root.local !== 'Envelope' || root.ns !== SOAP11_ENVELOPE_NS) {
		throw invalidRequestXml(
			`Invalid request XML: the root element must be a SOAP 1.1 Envelope, not '${root.qname}'`,
		);
	}
	if (hasSignificantText(root))
		throw invalidRequestXml('Invalid request XML: text directly inside the Envelope');
	const parts = childElements(root);
	const names = parts.map((p) => (p.ns === SOAP11_ENVELOPE_NS ? p.local : `{${p.ns}}${p.local}`));
	const shapeOk =
		(names.length === 1 && names[0] === 'Body') ||
		(names.length === 2 && names[0] === 'Header' && names[1] === 'Body');
	if (!shapeOk) {
		throw invalidRequestXml(
			`Invalid request XML: the Envelope must hold an optional Header and a Body, found: ${names.join(', ') || 'nothing'}`,
		);
	}
	const header = parts.length === 2 ? parts[0] : undefined;
	const bodyWrapper = parts[parts.length - 1];
	const bodyElements = childElements(bodyWrapper);
	if (hasSignificantText(bodyWrapper) || bodyElements.length !== 1) {
		throw invalidRequestXml(
			`Invalid request XML: the Body must hold exactly one element, found ${bodyElements.length}`,
		);
	}
	const body = bodyElements[0];
	if (!body.local.endsWith('Param')) {
		throw invalidRequestXml(
			`Invalid request XML: unexpected body element '${body.local}'; expected '<operation>Param'`,
		);
	}
	const version = versionOfNamespace(body.ns);
	if (!version) {
		const expected = API_VERSIONS.map(typesNamespace).join(', ');
		throw invalidRequestXml(
			`Unsupported namespace '${body.ns}' for '${body.local}'; expected one of: ${expected}`,
		);
	}
	const operation = body.local.slice(0, -'Param'.length);
	const schema = OPERATIONS.get(operation);
	if (!schema)
		throw invalidRequestXml(`Operation '${operation}' is not implemented by the IPS sandbox`);
	return { header, body, version, schema };
}

/** The sandbox's own check that what node-soap wrote is what the schema promises. */
function checkResponse(xml: string, schema: OperationSchema, ns: string): void {
	const root = parseXml(xml);
	const body = childElements(root).find((e) => e.local === 'Body' && e.ns === SOAP11_ENVELOPE_NS);
	const ret = body && childElements(body)[0];
	if (!ret || ret.local !== `${schema.name}Return` || ret.ns !== ns) {
		throw new Error(`response has no ${schema.name}Return in ${ns}`);
	}
	const problem = problemOf(() => validateSequence(ret, schema.result, ns, `${schema.name}Return`));
	if (problem) throw new Error(`response fails its schema: ${problem}`);
}

export interface SoapEndpointOptions {
	state: SandboxState;
	handles: HandleAllocator;
	jobs: JobRunner;
	images: ImageStore;
	imageServerUrl(): string;
	uploadMaxFileSize: number;
}

export class SoapEndpoint {
	private readonly pending = new Map<string, PendingCall>();

	private constructor(
		private readonly servers: Map<ApiVersion, soap.Server>,
		private readonly options: SoapEndpointOptions,
	) {}

	static async create(options: SoapEndpointOptions): Promise<SoapEndpoint> {
		const servers = new Map<ApiVersion, soap.Server>();
		const endpoint = new SoapEndpoint(servers, options);
		for (const version of API_VERSIONS) {
			// soap:address does not matter here: node-soap falls back to the only port.
			const xml = buildWsdl(version, `http://localhost${SERVICE_PATH}`);
			servers.set(version, await endpoint.createSoapServer(xml));
		}
		return endpoint;
	}

	private createSoapServer(xml: string): Promise<soap.Server> {
		const port: Record<
			string,
			(
				args: unknown,
				cb: unknown,
				headers: unknown,
				req: { headers: Record<string, string> },
			) => Out
		> = {};
		for (const name of OPERATIONS.keys()) {
			port[name] = (args, _cb, _headers, req) => this.invoke(req.headers[CALL_ID_HEADER], args);
		}
		return new Promise((resolve, reject) => {
			// No HTTP server: node-soap's serverless mode (processRequest); our http.Server owns the
			// socket so that it can check, record, delay and break the exchange.
			const server = soap.listen(null, {
				path: SERVICE_PATH,
				services: { IpsApiService: { IpsApiPort: port } },
				xml,
				envelopeKey: 'soapenv',
				callback: (err: unknown) => (err ? reject(err) : resolve(server)),
			});
			// Keep leading/trailing blanks of xsd:string values as a Java stack would; node-soap only
			// exposes this option for clients, and the server's WSDL reads it from here.
			(
				server as unknown as { wsdl: { options: Record<string, unknown> } }
			).wsdl.options.preserveWhitespace = true;
		});
	}

	/** Runs inside node-soap's dispatch, with node-soap's parse of the body element. */
	private invoke(callId: string | undefined, rawArgs: unknown): Out {
		const call = callId === undefined ? undefined : this.pending.get(callId);
		if (!call) throw new Error('node-soap dispatched a call the sandbox did not start');
		call.record.args = rawArgs;
		try {
			const { ctx, schema } = call;
			const args = asArgs(rawArgs);
			const companyParam = schema.param.find((f) => f.name === 'companyHandle');
			if (companyParam?.required) {
				ctx.access = companyAccess(ctx.state, ctx.user, String(args.companyHandle ?? ''));
				requireOperationRole(schema.name, ctx.access.role);
			} else {
				const role = defaultRole(ctx.user);
				if (!role || !allowedRoles(schema.name).includes(role))
					throw noOperationPermission(schema.name);
			}
			const out = OPERATION_HANDLERS[schema.name](args, ctx);
			call.done = true;
			return out;
		} catch (error) {
			if (error instanceof IpsFault) call.fault = error;
			else call.error = error;
			return {};
		}
	}

	async handle(rawBody: string, headers: HttpHeaders, record: RecordedRequest): Promise<SoapReply> {
		let faultStatus = 500;
		let gzip = acceptsGzip(headers);
		let committed = false;
		const reply = (status: number, body: string, fault?: IpsFault): SoapReply => ({
			status,
			body,
			contentType: XML_CONTENT_TYPE,
			gzip,
			committed,
			fault,
		});
		try {
			checkContentType(headerValue(headers, 'content-type'));
			const envelope = readEnvelope(rawBody);
			const ns = typesNamespace(envelope.version);
			record.namespace = ns;
			faultStatus = peekFaultHttpStatus(envelope.header, envelope.version) ?? faultStatus;
			const soapAction = headers.soapaction === undefined ? undefined : String(headers.soapaction);
			if (soapAction === undefined || soapActionOperation(soapAction) === '') {
				throw invalidRequestXml(
					`Missing SOAPAction header: IPS expects SOAPAction: ${envelope.schema.name}`,
				);
			}
			if (soapActionOperation(soapAction) !== envelope.schema.name) {
				throw invalidRequestXml(
					`SOAPAction '${soapAction}' does not match the body element '${envelope.body.local}' (expected SOAPAction: ${envelope.schema.name})`,
				);
			}
			const authHeader = readAuthHeader(envelope.header, envelope.version);
			record.user = claimedUser(authHeader, headerValue(headers, 'authorization'));
			if (authHeader?.gzipResponse === false) gzip = false;
			const user = authenticate(
				this.options.state,
				authHeader,
				headerValue(headers, 'authorization'),
			);
			validateSequence(envelope.body, envelope.schema.param, ns, envelope.body.local);
			const result = await this.dispatch(rawBody, envelope, user, record);
			committed = result.committed;
			checkResponse(result.body, envelope.schema, ns);
			return reply(200, result.body);
		} catch (error) {
			if (error instanceof TransportError)
				return reply(error.status, faultEnvelope(error.fault), error.fault);
			const fault = asFault(error);
			return reply(faultStatus, faultEnvelope(fault), fault);
		}
	}

	private async dispatch(
		rawBody: string,
		envelope: ParsedEnvelope,
		user: UserRecord,
		record: RecordedRequest,
	): Promise<{ body: string; committed: boolean }> {
		const callId = randomUUID();
		const ctx: CallContext = {
			state: this.options.state,
			user,
			operation: envelope.schema.name,
			now: new Date().toISOString(),
			newAssetHandle: () =>
				this.options.handles.next((h) =>
					this.options.state.assets.some((a) => a.assetHandle === h),
				),
			jobs: this.options.jobs,
			images: this.options.images,
			imageServerUrl: this.options.imageServerUrl,
			uploadMaxFileSize: this.options.uploadMaxFileSize,
		};
		const call: PendingCall = { ctx, schema: envelope.schema, record, done: false };
		this.pending.set(callId, call);
		try {
			const server = this.servers.get(envelope.version) as soap.Server;
			const response = await server.processRequest(rawBody, {
				method: 'POST',
				url: SERVICE_PATH,
				headers: {
					soapaction: envelope.schema.name,
					'content-type': 'text/xml',
					[CALL_ID_HEADER]: callId,
				},
			});
			if (call.fault) throw call.fault;
			if (call.error) throw call.error;
			if (response.statusCode !== 200 || !call.done) {
				throw new Error(
					`node-soap answered ${response.statusCode}: ${response.body.slice(0, 300)}`,
				);
			}
			return { body: response.body, committed: true };
		} finally {
			this.pending.delete(callId);
		}
	}
}
