import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../helpers/errors';
import { wait } from '../helpers/wait';
import { readBodyText } from './body';
import { isRedirectStatus, redirectTarget } from './endpoint';
import { buildEnvelope, type IpsParam, UnsendableValueError } from './envelope';
import { explainFault, explainUnreadable } from './faults';
import { parseSoapResponse, type UnreadableKind } from './response';
import type { AdaptiveLimiter, CallSignal } from './concurrency';
import { backoffDelay, DEFAULT_RETRY, type RetryableFailure, type RetryPolicy } from './retry';

export type { IpsParam, IpsParamValue } from './envelope';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
export { AdaptiveLimiter, DOWNLOAD_LIMITER, limiterFor } from './concurrency';

export const CREDENTIAL_TYPE = 'scene7IpsApi';

type IpsContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface IpsCallOptions {
	/** The input item the call is made for, so errors point at it. */
	itemIndex?: number;
	/** Milliseconds before one try is given up. */
	timeout?: number;
	/** How often to try a call that failed on the way (default 3 tries, 1 s apart and doubling). */
	retry?: RetryPolicy;
	/** The endpoint's window of calls in flight, shared by every execution in the process. */
	limiter?: AdaptiveLimiter;
	/**
	 * The credential, decrypted once for the execution: without it n8n loads it from its database
	 * and decrypts it again for every call, which limits a busy run more than Scene7 does.
	 */
	credentials?: ICredentialsDecrypted;
	/**
	 * Whether sending the call twice is harmless. A call that is not (copyImage) is only sent again
	 * when it certainly did not run, or after `recover` found it had not.
	 */
	idempotent?: boolean;
	/**
	 * Asked after a try whose outcome is unknown: return the call's result if it did run (e.g. the
	 * copy exists), or undefined to try again.
	 */
	recover?: () => Promise<IDataObject | undefined>;
	/**
	 * The run's stop signal: once it fires (Cancel, or an earlier item failed under On Error =
	 * Stop), no further try starts and waits end at once. A request already sent is left to finish;
	 * only Cancel aborts it (through the execution's cancel signal).
	 */
	signal?: AbortSignal;
}

/** How often one call waits out throttling (HTTP 429/503) before the waits count as tries. */
const MAX_THROTTLED_WAITS = 20;

/** The error of a call that was never sent because the run stopped first: not a failure of its item. */
function runStopped(context: IpsContext, operation: string, itemIndex?: number): NodeOperationError {
	const error = new NodeOperationError(context.getNode(), `${operation} was not sent: the run stopped`, { itemIndex });
	error.context.runStopped = true;
	return error;
}

export const isRunStopped = (error: unknown): boolean =>
	(error as { context?: { runStopped?: boolean } } | undefined)?.context?.runStopped === true;

/** Waits `ms`, or throws as soon as the run's signal fires. */
async function pause(context: IpsContext, ms: number, operation: string, options: IpsCallOptions): Promise<void> {
	try {
		await wait(ms, options.signal);
	} catch {
		throw runStopped(context, operation, options.itemIndex);
	}
}

export interface IpsFaultInfo {
	type: string;
	code: number | null;
	reason: string;
}

/** The Scene7 fault behind an error from ipsRequest, if it was one. */
export function ipsFaultOf(error: unknown): IpsFaultInfo | undefined {
	return (error as { context?: { ipsFault?: IpsFaultInfo } } | undefined)?.context?.ipsFault;
}

function retryableFailureOf(error: unknown): RetryableFailure | undefined {
	return (error as { context?: { retryable?: RetryableFailure } } | undefined)?.context?.retryable;
}

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

const NETWORK_ERRORS: Record<string, { what: string; delivery: RetryableFailure['delivery'] }> = {
	ECONNREFUSED: { what: 'the server refused the connection', delivery: 'notSent' },
	ENOTFOUND: { what: 'the host name could not be found', delivery: 'notSent' },
	EAI_AGAIN: { what: 'the host name could not be looked up', delivery: 'notSent' },
	EHOSTUNREACH: { what: 'the host is unreachable', delivery: 'notSent' },
	ECONNRESET: { what: 'the connection was reset', delivery: 'unknown' },
	EPIPE: { what: 'the connection was closed while sending', delivery: 'unknown' },
	ETIMEDOUT: { what: 'the call timed out', delivery: 'unknown' },
	ECONNABORTED: { what: 'the call timed out', delivery: 'unknown' },
	ESOCKETTIMEDOUT: { what: 'the call timed out', delivery: 'unknown' },
	ERR_SOCKET_HANG_UP: { what: 'the connection was closed before an answer came', delivery: 'unknown' },
};

function networkErrorCode(error: unknown): string | undefined {
	// n8n wraps the request library's error; its code survives on the error or in its messages.
	const candidate = error as { code?: unknown; cause?: { code?: unknown }; messages?: unknown; message?: unknown };
	const direct = [candidate.code, candidate.cause?.code].find((code) => typeof code === 'string');
	if (typeof direct === 'string' && direct in NETWORK_ERRORS) return direct;
	const text = [candidate.message, ...(Array.isArray(candidate.messages) ? candidate.messages : [])].join(' ');
	if (/timeout|timed out/i.test(text)) return 'ETIMEDOUT';
	if (/socket hang up/i.test(text)) return 'ERR_SOCKET_HANG_UP';
	return Object.keys(NETWORK_ERRORS).find((code) => text.includes(code));
}

/**
 * Failures that happen before anything is sent: the credential refused the request (its endpoint
 * rules) or n8n has no usable credential for the node. Their own message says what to fix.
 */
const NOT_SENT_MESSAGES = [
	/Scene7 IPS API credential/,
	/does not have any credentials (set|of type)/,
	/[Cc]redentials? (could not|cannot|can't) be (decrypted|found)/,
	/[Cc]redential with ID .* (does not exist|not found)/,
];

const messageOf = (error: unknown): string => {
	const message = (error as { message?: unknown } | undefined)?.message;
	return typeof message === 'string' ? message.trim() : '';
};

// The error code is kept out of `code`: NodeApiError would swap our message for its generic one.
export function transportError(context: IpsContext, operation: string, error: unknown, itemIndex?: number) {
	const code = networkErrorCode(error);
	const known = code ? NETWORK_ERRORS[code] : undefined;
	const original = messageOf(error);
	if (!known && NOT_SENT_MESSAGES.some((pattern) => pattern.test(original))) {
		const notSent = new NodeApiError(context.getNode(), { message: original } as JsonObject, {
			message: original,
			description:
				(error as { description?: string }).description ??
				`Nothing was sent to Scene7 for ${operation}. Check the Scene7 IPS API credential selected in the node.`,
			itemIndex,
		});
		notSent.context.notSent = true;
		return notSent;
	}
	const what = known?.what ?? (original || 'the request could not be completed');
	const failure = new NodeApiError(context.getNode(), { message: what, networkError: code ?? 'unknown' } as JsonObject, {
		message: `Could not reach Scene7 for ${operation}: ${what}`,
		description:
			'Check the Region or Service URL of the Scene7 IPS API credential and the network or proxy between n8n and Scene7, then try again.',
		itemIndex,
	});
	if (known) failure.context.retryable = { delivery: known.delivery } satisfies RetryableFailure;
	if (code) failure.context.networkError = ['ECONNABORTED', 'ESOCKETTIMEDOUT'].includes(code) ? 'ETIMEDOUT' : code;
	return failure;
}

/**
 * A 3xx answer: never followed (the credential turns redirects off), since following re-sends the
 * whole envelope, password included, to the host the answer names.
 */
export function redirectError(context: IpsContext, operation: string, status: number, to: string, itemIndex?: number) {
	const message = `The Scene7 endpoint answered ${operation} with a redirect (HTTP ${status}) ${to}. The node does not follow redirects, so nothing was sent there`;
	return new NodeApiError(context.getNode(), { message, httpStatus: status } as JsonObject, {
		message,
		description:
			'Following it would send the password to that host. Check the Region or Service URL of the Scene7 IPS API credential: it must be the exact https URL of the IpsApiService endpoint. A proxy or load balancer between n8n and Scene7 can also answer this way.',
		httpCode: String(status),
		itemIndex,
	});
}

/** What a failed try tells the limiter: throttling and timeouts mean load; a fault is an answer. */
function callSignalOf(error: unknown, failure: RetryableFailure | undefined, latencyMs: number): CallSignal {
	if (!failure) return { kind: 'answered', latencyMs };
	if (failure.throttleMs) return { kind: 'throttled' };
	const networkError = (error as { context?: { networkError?: string } }).context?.networkError;
	return networkError === 'ETIMEDOUT' ? { kind: 'timeout' } : { kind: 'other' };
}

/** Gateways and throttling answer with these; the body is then not Scene7's. */
function retryableStatus(status: number, headers: Record<string, unknown> | undefined, kind: UnreadableKind) {
	if (kind === 'truncated' || ((kind === 'empty' || kind === 'html') && status >= 200 && status < 300)) {
		return { delivery: 'unknown' } satisfies RetryableFailure;
	}
	if (status === 429 || status === 503) {
		const retryAfter = Number(headers?.['retry-after']);
		return { delivery: 'notSent', throttleMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000 };
	}
	if (status === 502 || status === 504) return { delivery: 'unknown' } satisfies RetryableFailure;
	return undefined;
}

// Scene7 gzips an answer when Accept-Encoding allows it (IPS 4.0 release notes, r-4-0-new.md). These
// answer with a handle, a few fields or nothing: a few hundred bytes, which gzip does not shrink
// but does cost a decompressing stream per call, a large share of a bulk copy's CPU. Answers that
// list assets, folders or log entries stay compressed.
const SHORT_ANSWERS = new Set([
	'copyImage',
	'createDerivedAsset',
	'createFolder',
	'deleteAsset',
	'deleteFolder',
	'moveAsset',
	'renameAsset',
	'replaceImage',
	'setUrlModifier',
	'submitJob',
	'stopJob',
	'getProperty',
	'getCompanyInfo',
]);

/** One try: send the envelope and read the answer; every failure is a NodeApiError. */
async function sendOnce(
	context: IpsContext,
	operation: string,
	body: string,
	{ itemIndex, timeout, credentials }: IpsCallOptions,
): Promise<IDataObject> {
	const request: IHttpRequestOptions = {
		method: 'POST',
		url: '', // the credential's authenticate sets the account's endpoint
		headers: {
			'Content-Type': 'text/xml; charset=UTF-8',
			SOAPAction: operation,
			...(SHORT_ANSWERS.has(operation) ? { 'Accept-Encoding': 'identity' } : {}),
		},
		body,
		// A stream, so the size of the answer can be bounded while it is read.
		encoding: 'stream',
		json: false,
		returnFullResponse: true,
		// SOAP faults come with HTTP 500; the body says what went wrong, so read it instead of throwing.
		ignoreHttpStatusErrors: true,
		// The credential turns redirects off too; said here as well, since this request carries the password.
		disableFollowRedirect: true,
		timeout,
		abortSignal: 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined,
	};

	let response: FullResponse;
	let read: Awaited<ReturnType<typeof readBodyText>> | undefined;
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			request,
			credentials ? { credentialsDecrypted: credentials } : undefined,
		)) as FullResponse;
		if (!isRedirectStatus(response.statusCode)) read = await readBodyText(response.body);
	} catch (error) {
		throw transportError(context, operation, error, itemIndex);
	}

	const status = response.statusCode;
	if (read === undefined) {
		(response.body as { destroy?: () => void } | undefined)?.destroy?.();
		throw redirectError(context, operation, status, redirectTarget(response.headers?.location), itemIndex);
	}
	const outcome = 'tooLarge' in read ? undefined : parseSoapResponse(read.text, operation);
	if (!outcome || outcome.kind === 'unreadable') {
		const kind: UnreadableKind = outcome?.unreadable ?? 'tooLarge';
		const { message, description } = explainUnreadable(kind, status, outcome?.detail ?? '');
		const error = new NodeApiError(context.getNode(), { message, kind } as JsonObject, {
			message,
			description,
			httpCode: String(status),
			itemIndex,
		});
		const retryable = retryableStatus(status, response.headers, kind);
		if (retryable) error.context.retryable = retryable;
		throw error;
	}
	if (outcome.kind === 'fault') {
		const { message, description } = explainFault(outcome.fault, operation);
		const { type, code, reason } = outcome.fault;
		// n8n shows httpCode as the error's code: Scene7's fault type and code say more than HTTP 500.
		const faultCode = code === undefined ? String(status) : `${type ?? 'soapFault'} ${code}`;
		const error = new NodeApiError(
			context.getNode(),
			{ message, faultType: type ?? 'soapFault', faultCode: code ?? null, reason, httpStatus: status } as JsonObject,
			{ message, description, httpCode: faultCode, itemIndex },
		);
		error.context.ipsFault = { type: type ?? 'soapFault', code: code ?? null, reason } satisfies IpsFaultInfo;
		throw error;
	}
	if (status < 200 || status >= 300) {
		const { message, description } = explainUnreadable('unexpected', status, `a result with HTTP ${status}`);
		throw new NodeApiError(context.getNode(), { message } as JsonObject, {
			message,
			description,
			httpCode: String(status),
			itemIndex,
		});
	}
	return outcome.result;
}

/**
 * Calls one IPS operation and returns the content of its `<operation>Return` element.
 * The only place that talks HTTP. Every fault and unusable answer becomes a NodeApiError whose
 * message says what happened and whose description says how to fix it, never quoting the request.
 * Failures on the way (timeouts, resets, gateway errors, throttling) are tried again as
 * `options.retry` allows, without ever running a non-idempotent call twice.
 */
export async function ipsRequest(
	this: IpsContext,
	operation: string,
	param: IpsParam,
	options: IpsCallOptions = {},
): Promise<IDataObject> {
	let body: string;
	try {
		body = buildEnvelope(operation, param);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), error as Error, {
			description:
				error instanceof UnsendableValueError
					? 'Remove the characters XML cannot carry from the value: control characters (often copied from a spreadsheet) or a broken emoji (a lone surrogate).'
					: undefined,
			itemIndex: options.itemIndex,
		});
	}

	const policy = options.retry ?? DEFAULT_RETRY;
	const attempts = Math.max(1, Math.floor(policy.attempts) || 1);
	let throttled = 0;
	for (let attempt = 1, tries = 1; ; attempt++, tries++) {
		if (options.signal?.aborted) throw runStopped(this, operation, options.itemIndex);
		let release: ((outcome: CallSignal) => void) | undefined;
		try {
			release = await options.limiter?.acquire(options.signal);
		} catch {
			throw runStopped(this, operation, options.itemIndex);
		}
		const sentAt = Date.now();
		try {
			const result = await sendOnce(this, operation, body, options);
			release?.({ kind: 'answered', latencyMs: Date.now() - sentAt });
			return result;
		} catch (error) {
			const failure = retryableFailureOf(error);
			release?.(callSignalOf(error, failure, Date.now() - sentAt));
			if (!failure) throw asNodeError(this.getNode(), error);
			if (failure.throttleMs) options.limiter?.gate.pause(failure.throttleMs);
			if (failure.delivery === 'unknown' && options.idempotent === false) {
				// It may have run: only the caller can tell, and only then is trying again safe.
				const recovered = options.recover ? await options.recover() : undefined;
				if (recovered) return recovered;
				if (!options.recover) throw asNodeError(this.getNode(), error);
			}
			// Throttling says "later", not "failed": waiting as asked does not use up a try (within bounds).
			if (failure.throttleMs && attempts > 1 && ++throttled <= MAX_THROTTLED_WAITS) attempt--;
			if (attempt >= attempts) {
				const nodeError = asNodeError(this.getNode(), error);
				if (attempts > 1) nodeError.description = `${nodeError.description ?? ''} Tried ${tries} times.`.trim();
				throw nodeError;
			}
			await pause(this, failure.throttleMs ?? backoffDelay(policy, attempt), operation, options);
		}
	}
}
