import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Everything account-specific in a SOAP request (endpoint, API version, authHeader) is filled in by
 * the credential's `authenticate`, so the node never decrypts credentials itself. The node builds
 * the envelope with these two placeholders; user values are XML-escaped, so neither can be forged,
 * and the authHeader is only ever written where its placeholder stands in the SOAP Header.
 */
export const API_NAMESPACE_PLACEHOLDER = 'http://www.scene7.com/IpsApi/xsd/{apiVersion}';
const AUTH_HEADER_PLACEHOLDER = /^<!--scene7:authHeader(?: faultHttpStatusCode=(\d{3}))?-->$/;

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

/** The authHeader element; the UploadFile servlet's `auth` part takes it in its own namespace. */
export function buildAuthHeader(
	credentials: ICredentialDataDecryptedObject,
	faultHttpStatusCode?: number,
	namespace = AUTH_HEADER_NAMESPACE,
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
	return `<authHeader xmlns="${namespace}">${inner}</authHeader>`;
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

interface AuthHeaderSlot {
	start: number;
	end: number;
	faultHttpStatusCode?: number;
}

const localName = (qualifiedName: string) => qualifiedName.slice(qualifiedName.indexOf(':') + 1);

/** The index of the `>` that ends the start tag opened at `from`, quoted attribute values skipped; -1 if none. */
function startTagEnd(body: string, from: number): number {
	let quote = '';
	for (let at = from + 1; at < body.length; at++) {
		const char = body[at];
		if (quote) {
			if (char === quote) quote = '';
		} else if (char === '"' || char === "'") {
			quote = char;
		} else if (char === '>') {
			return at;
		}
	}
	return -1;
}

/**
 * Where the authHeader placeholder stands as a comment of its own directly inside the envelope's
 * SOAP Header (`Envelope` > `Header`), or undefined when it stands nowhere else but there. Markup is
 * read as XML reads it: a placeholder inside a CDATA section, inside another comment, in the body
 * or in any other element is text or a comment there, never the header, so the password is never
 * written where Scene7 would store or echo it. The scan stops at the end of the Header, so it reads
 * only the first few hundred characters of the node's own envelopes. A DOCTYPE (which could
 * redefine what follows) or markup that does not nest ends it without a slot.
 */
export function authHeaderSlot(body: string): AuthHeaderSlot | undefined {
	const open: string[] = [];
	for (let at = body.indexOf('<'); at >= 0; at = body.indexOf('<', at)) {
		if (body.startsWith('<!--', at)) {
			const close = body.indexOf('-->', at + 4);
			if (close < 0) return undefined;
			const inHeader = open.length === 2 && localName(open[0]) === 'Envelope' && localName(open[1]) === 'Header';
			const placeholder = AUTH_HEADER_PLACEHOLDER.exec(body.slice(at, close + 3));
			if (inHeader && placeholder) {
				const status = placeholder[1];
				return { start: at, end: close + 3, faultHttpStatusCode: status === undefined ? undefined : Number(status) };
			}
			at = close + 3;
		} else if (body.startsWith('<![CDATA[', at)) {
			const close = body.indexOf(']]>', at + 9);
			if (close < 0) return undefined;
			at = close + 3;
		} else if (body.startsWith('<?', at)) {
			const close = body.indexOf('?>', at + 2);
			if (close < 0) return undefined;
			at = close + 2;
		} else if (body.startsWith('<!', at)) {
			return undefined;
		} else if (body.startsWith('</', at)) {
			const close = body.indexOf('>', at);
			if (close < 0 || open.pop() !== body.slice(at + 2, close).trim()) return undefined;
			// Past the Header (or out of the Envelope): the placeholder can no longer stand in it.
			if (open.length < 2) return undefined;
			at = close + 1;
		} else {
			const close = startTagEnd(body, at);
			if (close < 0) return undefined;
			const name = /^<([^\s/>]+)/.exec(body.slice(at, close + 1))?.[1];
			if (name === undefined) return undefined;
			if (body[close - 1] !== '/') open.push(name);
			at = close + 1;
		}
	}
	return undefined;
}

/** Whether a body carries the authHeader placeholder's text anywhere, standing in the header or not. */
export const mentionsAuthHeader = (body: string): boolean => body.includes('<!--scene7:authHeader');

/**
 * Fills the placeholders of an envelope: the API namespace, and the authHeader where the
 * placeholder stands in the SOAP Header (authHeaderSlot, scanned once, and only for a body that
 * carries the placeholder's text). Undefined for a body that carries it anywhere else: nothing may
 * be filled in there. Other bodies pass through with only the namespace filled.
 */
export function completeEnvelope(body: string, credentials: ICredentialDataDecryptedObject): string | undefined {
	const apiVersion = text(credentials.apiVersion) || DEFAULT_API_VERSION;
	// The namespace goes first: its first occurrence is then the body element's own declaration,
	// never a credential value. Replacer functions, not strings, since a password may hold `$&`.
	const namespaced = body.replace(API_NAMESPACE_PLACEHOLDER, () => `http://www.scene7.com/IpsApi/xsd/${apiVersion}`);
	if (!mentionsAuthHeader(namespaced)) return namespaced;
	const slot = authHeaderSlot(namespaced);
	if (slot === undefined) return undefined;
	return namespaced.slice(0, slot.start) + buildAuthHeader(credentials, slot.faultHttpStatusCode) + namespaced.slice(slot.end);
}
