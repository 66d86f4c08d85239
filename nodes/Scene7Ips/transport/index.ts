import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { buildEnvelope, type IpsParam, UnsendableValueError } from './envelope';
import { explainFault, explainUnreadable } from './faults';
import { parseSoapResponse } from './response';

export type { IpsParam } from './envelope';

export const CREDENTIAL_TYPE = 'scene7IpsApi';

type IpsContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface IpsCallOptions {
	/** The input item the call is made for, so errors point at it. */
	itemIndex?: number;
	/** Milliseconds before the call is given up. */
	timeout?: number;
}

interface FullResponse {
	statusCode: number;
	body: unknown;
}

const NETWORK_ERRORS: Record<string, string> = {
	ECONNREFUSED: 'the server refused the connection',
	ECONNRESET: 'the connection was reset',
	ENOTFOUND: 'the host name could not be found',
	EAI_AGAIN: 'the host name could not be looked up',
	ETIMEDOUT: 'the call timed out',
	ECONNABORTED: 'the call timed out',
	ESOCKETTIMEDOUT: 'the call timed out',
	EPIPE: 'the connection was closed while sending',
	EHOSTUNREACH: 'the host is unreachable',
};

function networkErrorCode(error: unknown): string | undefined {
	// n8n wraps the request library's error; its code survives on the error or in its messages.
	const candidate = error as { code?: unknown; cause?: { code?: unknown }; messages?: unknown; message?: unknown };
	const direct = [candidate.code, candidate.cause?.code].find((code) => typeof code === 'string');
	if (typeof direct === 'string' && direct in NETWORK_ERRORS) return direct;
	const text = [candidate.message, ...(Array.isArray(candidate.messages) ? candidate.messages : [])].join(' ');
	if (/timeout/i.test(text)) return 'ETIMEDOUT';
	return Object.keys(NETWORK_ERRORS).find((code) => text.includes(code));
}

// The error code is kept out of `code`: NodeApiError would swap our message for its generic one.
function transportError(context: IpsContext, operation: string, error: unknown, itemIndex?: number) {
	const code = networkErrorCode(error);
	const what = code ? NETWORK_ERRORS[code] : 'the request could not be completed';
	return new NodeApiError(context.getNode(), { message: what, networkError: code ?? 'unknown' } as JsonObject, {
		message: `Could not reach Scene7 for ${operation}: ${what}`,
		description:
			'Check the Region or Service URL of the Scene7 IPS API credential and the network or proxy between n8n and Scene7, then try again.',
		itemIndex,
	});
}

export interface IpsFaultInfo {
	type: string;
	code: number | null;
	reason: string;
}

/** The Scene7 fault behind an error from ipsRequest, if it was one. */
export function ipsFaultOf(error: unknown): IpsFaultInfo | undefined {
	const context = (error as { context?: { ipsFault?: IpsFaultInfo } } | undefined)?.context;
	return context?.ipsFault;
}

/**
 * Calls one IPS operation and returns the content of its `<operation>Return` element.
 * The only place that talks HTTP: every fault and unusable answer becomes a NodeApiError whose
 * message says what happened and whose description says how to fix it, never quoting the request.
 */
export async function ipsRequest(
	this: IpsContext,
	operation: string,
	param: IpsParam,
	{ itemIndex, timeout }: IpsCallOptions = {},
): Promise<IDataObject> {
	let body: string;
	try {
		body = buildEnvelope(operation, param);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), error as Error, {
			description:
				error instanceof UnsendableValueError
					? 'Remove control characters (such as those copied from a spreadsheet) from the value.'
					: undefined,
			itemIndex,
		});
	}

	const request: IHttpRequestOptions = {
		method: 'POST',
		url: '', // the credential's authenticate sets the account's endpoint
		headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: operation },
		body,
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		// SOAP faults come with HTTP 500; the body says what went wrong, so read it instead of throwing.
		ignoreHttpStatusErrors: true,
		timeout,
	};

	let response: FullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			request,
		)) as FullResponse;
	} catch (error) {
		throw transportError(this, operation, error, itemIndex);
	}

	const status = response.statusCode;
	const text = typeof response.body === 'string' ? response.body : String(response.body ?? '');
	const outcome = parseSoapResponse(text, operation);
	if (outcome.kind === 'unreadable') {
		const { message, description } = explainUnreadable(outcome.unreadable, status, outcome.detail);
		throw new NodeApiError(this.getNode(), { message, kind: outcome.unreadable } as JsonObject, {
			message,
			description,
			httpCode: String(status),
			itemIndex,
		});
	}

	if (outcome.kind === 'fault') {
		const { message, description } = explainFault(outcome.fault, operation);
		const { type, code, reason } = outcome.fault;
		const error = new NodeApiError(
			this.getNode(),
			{ message, faultType: type ?? 'soapFault', faultCode: code ?? null, reason } as JsonObject,
			{ message, description, httpCode: String(status), itemIndex },
		);
		error.context.ipsFault = { type: type ?? 'soapFault', code: code ?? null, reason };
		throw error;
	}
	if (status < 200 || status >= 300) {
		const { message, description } = explainUnreadable('unexpected', status, `a result with HTTP ${status}`);
		throw new NodeApiError(this.getNode(), { message } as JsonObject, {
			message,
			description,
			httpCode: String(status),
			itemIndex,
		});
	}
	return outcome.result;
}
