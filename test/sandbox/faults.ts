// IPS faults: the three documented fault elements, their codes, and the exact envelope the sandbox
// writes. Shape follows the docs' example (faults/c-faults): SOAP 1.1 Fault, detail element in the
// version-free namespace with unprefixed code/reason that redeclare that namespace.
import { IPS_BASE_NS, SOAP11_ENVELOPE_NS, type FaultElement } from './schema';
import { escapeText } from './xml';

export const FAULT_CODES = {
	NO_CREDENTIALS: 10000,
	INVALID_CREDENTIALS: 10001,
	INVALID_USER: 10002,
	INVALID_COMPANY: 20000,
	INVALID_REQUEST_USERNAME: 20001,
	INVALID_REQUEST_USER: 20002,
	NO_OPERATION_PERMISSION: 20003,
	NO_IMPERSONATION_PERMISSION: 20004,
	ILLEGAL_PARAMETER_VALUE: 20005,
	ILLEGAL_COMPANY: 20006,
	ILLEGAL_REQUEST_USER: 20007,
	ILLEGAL_ACCESS_GROUP: 20008,
	MISSING_PERMISSION: 20009,
	EXCEPTION: 30000,
	INVALID_PARAMETER: 30001,
	MISSING_PARAMETER: 30002,
	INVALID_REQUEST_XML: 30003,
} as const;

export class IpsFault extends Error {
	constructor(
		readonly element: FaultElement,
		readonly code: number,
		readonly reason: string,
	) {
		super(`${element} ${code}: ${reason}`);
		this.name = 'IpsFault';
	}

	/** soapenv:Client when the request is at fault; soapenv:Server for a failed operation. */
	get faultCode(): 'soapenv:Client' | 'soapenv:Server' {
		return this.element === 'ipsApiFault' && this.code === FAULT_CODES.EXCEPTION
			? 'soapenv:Server'
			: 'soapenv:Client';
	}

	get faultString(): string {
		switch (this.element) {
			case 'authenticationFault':
				return 'AuthenticationException';
			case 'authorizationFault':
				return 'AuthorizationException';
			default:
				return 'ipsApiFault';
		}
	}
}

export const authenticationFault = (code: number, reason: string) =>
	new IpsFault('authenticationFault', code, reason);
export const authorizationFault = (code: number, reason: string) =>
	new IpsFault('authorizationFault', code, reason);
export const ipsApiFault = (code: number, reason: string) =>
	new IpsFault('ipsApiFault', code, reason);

export const invalidRequestXml = (reason: string) =>
	ipsApiFault(FAULT_CODES.INVALID_REQUEST_XML, reason);
export const invalidParameter = (reason: string) =>
	ipsApiFault(FAULT_CODES.INVALID_PARAMETER, reason);
export const missingParameter = (reason: string) =>
	ipsApiFault(FAULT_CODES.MISSING_PARAMETER, reason);

/** What a failed call answers: its IpsFault, or any other error as a 30000 internal error. */
export function asFault(error: unknown): IpsFault {
	return error instanceof IpsFault
		? error
		: ipsApiFault(FAULT_CODES.EXCEPTION, `IPS sandbox internal error: ${(error as Error)?.message ?? String(error)}`);
}

export function noOperationPermission(operation: string): IpsFault {
	return authorizationFault(
		FAULT_CODES.NO_OPERATION_PERMISSION,
		`User does not have permission to access operation '${operation}'`,
	);
}

export function faultEnvelope(fault: IpsFault): string {
	const ns = IPS_BASE_NS;
	return (
		'<?xml version="1.0" encoding="UTF-8"?>' +
		`<soapenv:Envelope xmlns:soapenv="${SOAP11_ENVELOPE_NS}">` +
		'<soapenv:Header/>' +
		'<soapenv:Body>' +
		'<soapenv:Fault>' +
		`<faultcode>${fault.faultCode}</faultcode>` +
		`<faultstring>${fault.faultString}</faultstring>` +
		'<detail>' +
		`<ns1:${fault.element} xmlns:ns1="${ns}">` +
		`<code xmlns="${ns}">${fault.code}</code>` +
		`<reason xmlns="${ns}">${escapeText(fault.reason)}</reason>` +
		`</ns1:${fault.element}>` +
		'</detail>' +
		'</soapenv:Fault>' +
		'</soapenv:Body>' +
		'</soapenv:Envelope>'
	);
}

/**
 * The UploadFile servlet's error body: the fault element alone, no SOAP envelope, shaped as the
 * docs' example (c-http-post.md): `<tns:authenticationFault xmlns:tns="http://www.scene7.com/IpsApi/xsd">
 * <tns:code>10001</tns:code><tns:reason>Invalid username/password</tns:reason></tns:authenticationFault>`.
 */
export function bareFault(fault: IpsFault): string {
	return (
		'<?xml version="1.0" encoding="UTF-8"?>' +
		`<tns:${fault.element} xmlns:tns="${IPS_BASE_NS}">` +
		`<tns:code>${fault.code}</tns:code>` +
		`<tns:reason>${escapeText(fault.reason)}</tns:reason>` +
		`</tns:${fault.element}>`
	);
}
