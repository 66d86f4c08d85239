/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error */
// The UploadFile servlet (ips-api.md §11.1, Adobe's c-http-post.md): `POST /scene7/UploadFile` on the
// sandbox's own origin, multipart/form-data, not SOAP. Parts, in this order: `auth` (an authHeader
// document), `uploadParams` (an uploadPostParam document), then 0…n files. A job takes files over
// several POSTs: the first names it (jobName) and carries its options (uploadParams/UploadPostJob),
// the later ones give the jobHandle the first got back; endJob=true (or 30 minutes without a POST)
// ends it, and it then runs like an upload from URLs (jobs.ts).
//
// Answers: 200 `text/xml;charset=utf-8` with `<uploadPostReturn><jobHandle>…</jobHandle></uploadPostReturn>`
// in the uploadPostParam's namespace; a fault is the bare fault element (faults.ts bareFault), with the
// auth part's faultHttpStatusCode as HTTP status once that part is readable, 500 otherwise (the docs
// only show an example with faultHttpStatusCode=200: 500 without it is an assumption, as for SOAP).
//
// Order of checks (as the SOAP endpoint: syntax, credentials, schema, access, then the work):
//  1. Content-Encoding (identity only) and Content-Type (multipart/form-data: else HTTP 415) with a
//     valid boundary; the multipart syntax (multipart.ts); every part within its size.
//  2. Parts: `auth` present (else authenticationFault 10000) and first, `uploadParams` present (30002)
//     and second, each at most once; every other part is a file part with a filename (30003).
//  3. The uploadPostParam document: XML, root element and namespace (a version the SOAP endpoint takes).
//  4. The authHeader document: root in the version-free namespace or the uploadPostParam's version
//     (another version's is not read, as in a SOAP header: no credentials), schema, authentication.
//  5. uploadPostParam against the schema (schema.ts UPLOAD_POST_PARAM), exactly one of jobName and
//     jobHandle, company and role (those of submitJob: the servlet's roles are not documented).
//  6. The job: a new one (uploadParams required, emailSetting one of the five values), or an open one
//     of the company (unknown: 30001; ended: 30000).
//  7. The files: one only when fileName is given, each within UploadPostMaxFileSize; then the job
//     takes them (nothing is stored by a POST that fails a check).
import type * as http from 'node:http';

import { companyAccess, requireOperationRole } from './access';
import { authenticate, claimedUser, faultHttpStatusOf, isAuthHeader, readAuthHeaderElement, type AuthHeaderValues } from './auth';
import {
	asFault,
	authenticationFault,
	bareFault,
	FAULT_CODES,
	invalidParameter,
	invalidRequestXml,
	ipsApiFault,
	IpsFault,
	missingParameter,
} from './faults';
import type { JobRunner, PostedFile } from './jobs';
import type { JobRecord, SandboxState } from './model';
import { boundaryOf, MultipartParser, parseHeaderValue, type Part } from './multipart';
import { EMAIL_SETTINGS } from './operations/jobs';
import { oneOf, unsupported } from './operations/context';
import type { RecordedRequest } from './recorder';
import {
	API_VERSIONS,
	IPS_BASE_NS,
	typesNamespace,
	UPLOAD_POST_PARAM,
	UPLOAD_POST_RETURN,
	versionOfNamespace,
} from './schema';
import { headerValue, newSoapRecord, type SoapReply } from './soap-endpoint';
import { validateSequence } from './validate';
import { booleanText, childElements, childText, escapeText, parseXml, type XmlElement } from './xml';

export const UPLOAD_PATH = '/scene7/UploadFile';
/** What the sandbox records as the operation of an UploadFile POST (and what injectRule's `operation` matches). */
export const UPLOAD_OPERATION = 'UploadFile';
/** The largest file part, in bytes, unless the sandbox is started with uploadMaxFileSize (Scene7's value is not documented). */
export const DEFAULT_UPLOAD_MAX_FILE_SIZE = 2 * 1024 * 1024 * 1024;
/** As the docs' success example writes it (without its stray invisible character). */
export const UPLOAD_CONTENT_TYPE = 'text/xml;charset=utf-8';
/** auth and uploadParams are small XML documents: a sandbox guard, not a documented limit. */
const MAX_XML_PART_BYTES = 1024 * 1024;
const AUTH = 'auth';
const PARAMS = 'uploadParams';

export interface UploadServletOptions {
	state: SandboxState;
	jobs: JobRunner;
	maxFileSize: number;
}

/** The request as received: the parts, or the fault that ended reading it. */
export type ReceivedUpload = { parts: Part[] } | { reply: SoapReply };

function faultReply(status: number, fault: IpsFault, committed = false): SoapReply {
	return { status, body: bareFault(fault), contentType: UPLOAD_CONTENT_TYPE, gzip: false, committed, fault };
}

/** Authorization is kept out of the record of an upload (the brief of the recorder: never the password). */
function recordedHeaders(headers: http.IncomingHttpHeaders): Record<string, string | string[] | undefined> {
	const copy = { ...headers };
	if (copy.authorization !== undefined) copy.authorization = '[redacted]';
	return copy;
}

export function newUploadRecord(req: http.IncomingMessage): RecordedRequest {
	return { ...newSoapRecord(req.headers), operation: UPLOAD_OPERATION, headers: recordedHeaders(req.headers), upload: { parts: [] } };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export class UploadServlet {
	constructor(private readonly options: UploadServletOptions) {}

	/** Reads the whole body (checking its syntax as it comes) before anything else is decided. */
	async receive(req: http.IncomingMessage, record: RecordedRequest): Promise<ReceivedUpload> {
		const encoding = headerValue(req.headers, 'content-encoding');
		const boundary = boundaryOf(headerValue(req.headers, 'content-type'));
		let early: SoapReply | undefined;
		if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
			early = faultReply(415, invalidRequestXml(`Unsupported Content-Encoding '${encoding}': the UploadFile servlet takes the body as is`));
		} else if ('error' in boundary) {
			early = faultReply(boundary.mediaType ? 415 : 500, invalidRequestXml(boundary.error));
		}
		if (early) {
			// The body is still read (and dropped), so that the client gets the answer, not a broken pipe.
			for await (const chunk of req) void chunk;
			return { reply: early };
		}
		const parser = new MultipartParser((boundary as { boundary: string }).boundary, (head) =>
			head.name === AUTH || head.name === PARAMS ? MAX_XML_PART_BYTES : this.options.maxFileSize,
		);
		for await (const chunk of req) parser.write(chunk as Buffer);
		let parts: Part[];
		try {
			parts = parser.end();
		} catch (error) {
			return { reply: faultReply(500, invalidRequestXml(`Invalid multipart body: ${(error as Error).message}`)) };
		}
		record.upload = {
			parts: parts.map((p) => ({ name: p.name, filename: p.filename, contentType: p.contentType, size: p.size })),
		};
		const params = parts.find((p) => p.name === PARAMS);
		if (params?.data) {
			try {
				record.upload.uploadPostParam = UTF8.decode(params.data);
			} catch {
				// recorded only when readable
			}
		}
		return { parts };
	}

	/** Checks and takes one POST whose body was read. */
	process(received: ReceivedUpload, headers: http.IncomingHttpHeaders, record: RecordedRequest): SoapReply {
		if ('reply' in received) return received.reply;
		const { parts } = received;
		const auth = parts.find((p) => p.name === AUTH);
		const faultStatus = (auth && this.peekFaultStatus(auth)) ?? 500;
		let committed = false;
		try {
			const result = this.take(parts, headerValue(headers, 'authorization'), record, () => (committed = true));
			const body =
				'<?xml version="1.0" encoding="UTF-8"?>' +
				`<uploadPostReturn xmlns="${result.ns}"><jobHandle>${escapeText(result.jobHandle)}</jobHandle></uploadPostReturn>`;
			// The same self-check as SOAP answers get.
			validateSequence(parseXml(body), UPLOAD_POST_RETURN, result.ns, 'uploadPostReturn');
			return { status: 200, body, contentType: UPLOAD_CONTENT_TYPE, gzip: false, committed };
		} catch (error) {
			return faultReply(faultStatus, asFault(error), committed);
		}
	}

	/** faultHttpStatusCode of the auth part, read before anything is validated (as SOAP does). */
	private peekFaultStatus(auth: Part): number | undefined {
		try {
			const root = xmlOfPart(auth);
			const known = root.ns === IPS_BASE_NS || versionOfNamespace(root.ns) !== undefined;
			return root.local === 'authHeader' && known ? faultHttpStatusOf(root) : undefined;
		} catch {
			return undefined;
		}
	}

	private take(
		parts: Part[],
		authorization: string | undefined,
		record: RecordedRequest,
		commit: () => void,
	): { jobHandle: string; ns: string } {
		const { state, jobs } = this.options;
		// 2. The parts and their order.
		const order = parts.map((p) => p.name).join(', ');
		const named = (name: string) => parts.filter((p) => p.name === name);
		if (named(AUTH).length === 0) {
			throw authenticationFault(
				FAULT_CODES.NO_CREDENTIALS,
				`No credentials were supplied with the request: the multipart body has no '${AUTH}' part`,
			);
		}
		for (const name of [AUTH, PARAMS]) {
			if (named(name).length > 1) throw invalidRequestXml(`Part '${name}' appears more than once`);
		}
		if (parts[0].name !== AUTH) {
			throw invalidRequestXml(`Part '${AUTH}' must be the first part; the parts are: ${order}`);
		}
		if (named(PARAMS).length === 0) throw missingParameter(`Missing required part '${PARAMS}'`);
		if (parts[1].name !== PARAMS) {
			throw invalidRequestXml(`Part '${PARAMS}' must come right after '${AUTH}'; the parts are: ${order}`);
		}
		const files = parts.slice(2);
		for (const f of files) {
			if (f.filename === undefined) {
				throw invalidRequestXml(
					`Part '${f.name}' is not a file part: after '${AUTH}' and '${PARAMS}' every part needs a filename (Content-Disposition: form-data; name="…"; filename="…")`,
				);
			}
		}

		// 3. The uploadPostParam document.
		const param = xmlOfPart(parts[1]);
		if (param.local !== 'uploadPostParam') {
			throw invalidRequestXml(`The '${PARAMS}' part must hold an uploadPostParam element, not '${param.qname}'`);
		}
		const version = versionOfNamespace(param.ns);
		if (!version) {
			throw invalidRequestXml(
				`Unsupported namespace '${param.ns}' for 'uploadPostParam'; expected one of: ${API_VERSIONS.map(typesNamespace).join(', ')}`,
			);
		}
		const ns = param.ns;
		record.namespace = ns;

		// 4. The authHeader document and authentication.
		const authRoot = xmlOfPart(parts[0]);
		if (authRoot.local !== 'authHeader' || (authRoot.ns !== IPS_BASE_NS && versionOfNamespace(authRoot.ns) === undefined)) {
			throw invalidRequestXml(
				`The '${AUTH}' part must hold an authHeader element in ${IPS_BASE_NS} or ${ns}, not '{${authRoot.ns}}${authRoot.local}'`,
			);
		}
		const header: AuthHeaderValues | undefined = isAuthHeader(authRoot, version) ? readAuthHeaderElement(authRoot) : undefined;
		record.user = claimedUser(header, authorization);
		let user;
		try {
			user = authenticate(state, header, authorization);
		} catch (error) {
			if (!header && error instanceof IpsFault && error.code === FAULT_CODES.NO_CREDENTIALS) {
				throw authenticationFault(
					FAULT_CODES.NO_CREDENTIALS,
					`No credentials were supplied with the request: the '${AUTH}' part's authHeader is in namespace ${authRoot.ns}, which an uploadPostParam in ${ns} does not take`,
				);
			}
			throw error;
		}

		// 5. uploadPostParam: schema, jobName xor jobHandle, company and role.
		const child = (name: string) => childElements(param).find((k) => k.local === name);
		const text = (name: string) => childText(param, name);
		// On a later POST the job's options are those of its first POST: uploadParams is read against
		// the schema but not used, so options the sandbox does not model are not refused there.
		const later = child('jobHandle') !== undefined && child('jobName') === undefined;
		validateSequence(param, UPLOAD_POST_PARAM, ns, 'uploadPostParam', { allowUnsupported: later });
		const jobName = text('jobName');
		const jobHandle = text('jobHandle');
		if (jobName !== undefined && jobHandle !== undefined) {
			throw invalidParameter(
				"uploadPostParam takes jobName (first POST of a new job) or jobHandle (a later POST of an open job), not both",
			);
		}
		if (jobName === undefined && jobHandle === undefined) {
			throw missingParameter(
				"Missing 'jobName' or 'jobHandle' in 'uploadPostParam': jobName starts a job, jobHandle adds to an open one",
			);
		}
		const access = companyAccess(state, user, text('companyHandle') ?? '');
		requireOperationRole(UPLOAD_OPERATION, access.role);
		const company = access.company;

		// 6. The job.
		let job: JobRecord | undefined;
		let spec: JobRecord['uploadPost'];
		if (jobName !== undefined) {
			if (jobName.trim() === '') throw invalidParameter(`Invalid jobName '${jobName}': must not be empty`);
			const options = child('uploadParams');
			if (!options) {
				throw missingParameter(
					"Missing required element 'uploadParams' in 'uploadPostParam': the first POST of a job (with jobName) carries its UploadPostJob options",
				);
			}
			const optRaw = (name: string) => childText(options, name);
			const optBool = (name: string) => booleanText(optRaw(name));
			if (optBool('createMask')) unsupported('uploadPostParam/uploadParams/createMask=true');
			spec = {
				overwrite: optBool('overwrite') ?? false,
				readyForPublish: optBool('readyForPublish') ?? false,
				preservePublishState: optBool('preservePublishState'),
				createMask: false,
				emailSetting: oneOf(optRaw('emailSetting') ?? '', EMAIL_SETTINGS, 'uploadPostParam/uploadParams/emailSetting') as string,
				xmpKeywords: optRaw('xmpKeywords'),
				posts: 0,
				files: [],
			};
		} else {
			job = state.jobs.find((j) => j.jobHandle === jobHandle && j.companyHandle === company.companyHandle);
			if (!job) throw invalidParameter(`Invalid jobHandle '${jobHandle}'`);
			if (!job.uploadPost) {
				throw invalidParameter(`Invalid jobHandle '${jobHandle}': job '${job.name}' is a ${job.type}, not an UploadFile job`);
			}
			if (!jobs.isOpenPostJob(job)) {
				throw ipsApiFault(
					FAULT_CODES.EXCEPTION,
					`Upload job '${job.name}' (${jobHandle}) is not active: it has ended (endJob, idle timeout or stopJob) and takes no more POSTs`,
				);
			}
		}

		// 7. The files.
		const fileName = text('fileName');
		const destFolder = text('destFolder') ?? '';
		// What Scene7 does with fileName when a POST carries several files is not documented (ips-api.md
		// §11.1): the sandbox assumes fileName names the one file of its POST and refuses more.
		if (fileName !== undefined && files.length > 1) {
			throw invalidParameter(
				`uploadPostParam/fileName names one file, but this POST has ${files.length} file parts (${files.map((f) => f.name).join(', ')})`,
			);
		}
		if (fileName === undefined) {
			const unnamed = files.find((f) => f.filename === '');
			if (unnamed) throw invalidParameter(`Part '${unnamed.name}' has an empty filename and uploadPostParam has no fileName`);
		}
		// Whether the limit is per file and refuses the whole POST (rather than failing that file in
		// the job log) is not documented: the sandbox refuses the POST, naming the file and the limit.
		const max = this.options.maxFileSize;
		const tooLarge = files.find((f) => f.size > max);
		if (tooLarge) {
			throw invalidParameter(
				`File '${tooLarge.filename}' (part '${tooLarge.name}') is ${tooLarge.size} bytes, more than UploadPostMaxFileSize (${max} bytes)`,
			);
		}
		const posted: PostedFile[] = files.map((f) => {
			const name = fileName ?? (f.filename as string);
			// destFolder is a prefix of the file name, as the docs word it: 'ApiTestCo/uploads/' + 'a.png'.
			return { partName: f.name, fileName: name, destPath: destFolder + name, bytes: f.data as Buffer };
		});
		const endJob = booleanText(text('endJob')) === true;

		if (!job) {
			const now = new Date().toISOString();
			job = {
				jobHandle: jobs.newJobHandle(company),
				companyHandle: company.companyHandle,
				name: jobName as string,
				originalName: jobName as string,
				type: 'UploadPostJob',
				state: 'WaitingClient',
				submitUserEmail: user.email,
				locale: text('locale'),
				description: text('description'),
				submitted: now,
				progress: 0,
				progressMessage: 'Waiting for files',
				lastProgressUpdate: now,
				stopped: false,
				fatalError: false,
				counts: { success: 0, error: 0, warning: 0, duplicate: 0, update: 0, total: 0 },
				details: [],
				uploadPost: spec,
			};
			jobs.openPostJob(job);
		}
		jobs.addPosted(job, posted, endJob);
		commit();
		if (record.upload) record.upload.jobHandle = job.jobHandle;
		return { jobHandle: job.jobHandle, ns };
	}
}

/** An XML part (auth, uploadParams) as a parsed document: size, transfer encoding, charset, UTF-8, XML. */
function xmlOfPart(part: Part): XmlElement {
	if (!part.data) throw invalidRequestXml(`Part '${part.name}' is larger than ${MAX_XML_PART_BYTES} bytes`);
	const cte = part.headers['content-transfer-encoding'];
	if (cte !== undefined && !['7bit', '8bit', 'binary'].includes(cte.trim().toLowerCase())) {
		throw invalidRequestXml(`Part '${part.name}' has Content-Transfer-Encoding '${cte}': send the XML as is (8bit or binary)`);
	}
	const charset = part.contentType === undefined ? undefined : parseHeaderValue(part.contentType)?.params.get('charset');
	if (charset !== undefined && !/^(utf-?8|us-ascii)$/i.test(charset)) {
		throw invalidRequestXml(`Part '${part.name}' has charset '${charset}': the IPS sandbox reads XML parts as UTF-8`);
	}
	let text: string;
	try {
		text = UTF8.decode(part.data);
	} catch {
		throw invalidRequestXml(`Part '${part.name}' is not valid UTF-8`);
	}
	try {
		return parseXml(text);
	} catch (error) {
		throw invalidRequestXml(`Invalid XML in part '${part.name}': ${(error as Error).message}`);
	}
}
