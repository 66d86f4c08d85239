import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Everything account-specific in a SOAP request (endpoint, API version, authHeader) is filled in by
 * the credential's `authenticate`, so the node never decrypts credentials itself. The node builds
 * the envelope with these two placeholders; user values are XML-escaped, so neither can be forged.
 */
export const API_NAMESPACE_PLACEHOLDER = 'http://www.scene7.com/IpsApi/xsd/{apiVersion}';
const AUTH_HEADER_PLACEHOLDER = /<!--scene7:authHeader(?: faultHttpStatusCode=(\d{3}))?-->/;

const authHeaderPlaceholder = (faultHttpStatusCode?: number) =>
	faultHttpStatusCode === undefined
		? '<!--scene7:authHeader-->'
		: `<!--scene7:authHeader faultHttpStatusCode=${faultHttpStatusCode}-->`;

export const DEFAULT_API_VERSION = '2014-04-03';
// The documentation says authHeader always lives in the unversioned namespace.
const AUTH_HEADER_NAMESPACE = 'http://www.scene7.com/IpsApi/xsd';

const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
};

export function escapeXml(value: string): string {
	return value.replace(/[&<>"']/g, (char) => XML_ESCAPES[char]);
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

export function buildAuthHeader(
	credentials: ICredentialDataDecryptedObject,
	faultHttpStatusCode?: number,
): string {
	const fields: Array<[string, string]> = [
		['user', text(credentials.user).trim()],
		['password', text(credentials.password)],
		['appName', text(credentials.appName) || 'n8n-nodes-scene7'],
		['appVersion', text(credentials.appVersion) || '0.0.0'],
	];
	if (faultHttpStatusCode !== undefined) {
		fields.push(['faultHttpStatusCode', String(faultHttpStatusCode)]);
	}
	const inner = fields.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
	return `<authHeader xmlns="${AUTH_HEADER_NAMESPACE}">${inner}</authHeader>`;
}

/**
 * Wraps an operation's body element (built with API_NAMESPACE_PLACEHOLDER as its namespace) in a
 * SOAP 1.1 envelope whose header is filled in later by completeEnvelope.
 */
export function wrapInEnvelope(bodyXml: string, faultHttpStatusCode?: number): string {
	return (
		'<?xml version="1.0" encoding="UTF-8"?>' +
		'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
		`<soapenv:Header>${authHeaderPlaceholder(faultHttpStatusCode)}</soapenv:Header>` +
		`<soapenv:Body>${bodyXml}</soapenv:Body></soapenv:Envelope>`
	);
}

/** Fills the placeholders of an envelope built by wrapInEnvelope; other bodies pass through unchanged. */
export function completeEnvelope(body: string, credentials: ICredentialDataDecryptedObject): string {
	const apiVersion = text(credentials.apiVersion) || DEFAULT_API_VERSION;
	// The namespace goes first: its first occurrence is then the body element's own declaration,
	// never a credential value. Replacer functions, not strings, since a password may hold `$&`.
	return body
		.replace(API_NAMESPACE_PLACEHOLDER, () => `http://www.scene7.com/IpsApi/xsd/${apiVersion}`)
		.replace(AUTH_HEADER_PLACEHOLDER, (_match, status?: string) =>
			buildAuthHeader(credentials, status === undefined ? undefined : Number(status)),
		);
}
