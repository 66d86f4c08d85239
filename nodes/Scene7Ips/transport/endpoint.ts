import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

// Where the credential's password may go: the endpoint a credential names, the rules its URL must
// meet, and how a request is matched against it. Pure functions: the credential's `authenticate`,
// the router and the transport all ask these.

const SERVICE_PATH = '/scene7/services/IpsApiService';

/** The IPS API hosts Adobe documents for each Dynamic Media region (ips-api.md §1). */
export const REGION_SERVICE_URLS: Record<string, string> = {
	northAmerica: `https://s7sps1apissl.scene7.com${SERVICE_PATH}`,
	northAmericaStaging: `https://s7sps1apissl-staging.scene7.com${SERVICE_PATH}`,
	emea: `https://s7sps3apissl.scene7.com${SERVICE_PATH}`,
	emeaStaging: `https://s7sps3apissl-staging.scene7.com${SERVICE_PATH}`,
	apac: `https://s7sps5apissl.scene7.com${SERVICE_PATH}`,
	apacStaging: `https://s7sps5apissl-staging.scene7.com${SERVICE_PATH}`,
};

export function resolveServiceUrl(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.region === 'custom') return String(credentials.serviceUrl ?? '').trim();
	return REGION_SERVICE_URLS[String(credentials.region)] ?? REGION_SERVICE_URLS.northAmerica;
}

/** The host of a URL (lower case, with a port other than the default, never user info); '' if not a URL. */
export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return '';
	}
}

/** Scheme, host, port, path (without trailing slashes) and query: what makes two URLs one endpoint. */
export function endpointKey(url: string): string | undefined {
	try {
		const parsed = new URL(url);
		if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
		return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
	} catch {
		return undefined;
	}
}

/**
 * Whether a host name is this machine: `localhost`, 127.0.0.0/8 or [::1]. URL parsing has already
 * written other spellings of these addresses (`127.1`, `0x7f.0.0.1`, `[0:0::1]`) in this form.
 */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

const ALLOW_PLAIN_HTTP_FIELD = 'Allow Plain HTTP to Other Hosts';

/**
 * Why the credential must not send its password to `serviceUrl`, or undefined when it may: the URL
 * must be https, or plain http to this machine (the sandbox), or plain http elsewhere only when the
 * credential's explicit option allows it. Adobe's IPS reference says "Make all SOAP requests using the HTTPS
 * POST method" (c-wsdl-versions.md, section SOAP; ips-api.md §3).
 */
export function serviceUrlProblem(serviceUrl: string, allowPlainHttp: boolean): string | undefined {
	if (serviceUrl === '') {
		return 'The Scene7 IPS API credential has no Service URL. Enter the full https URL of the IpsApiService endpoint, or choose your Region instead of Custom Service URL.';
	}
	let url: URL;
	try {
		url = new URL(serviceUrl);
	} catch {
		return 'The Service URL of the Scene7 IPS API credential is not a URL. Enter the full https URL of the IpsApiService endpoint, e.g. https://s7sps1apissl.scene7.com/scene7/services/IpsApiService.';
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol !== 'http:') {
		return `The Service URL of the Scene7 IPS API credential must start with https:// (it starts with ${url.protocol}//).`;
	}
	if (isLoopbackHost(url.hostname) || allowPlainHttp) return undefined;
	return (
		`The Service URL of the Scene7 IPS API credential uses plain http:// to host ${url.host}, which would send the password unencrypted, so nothing was sent. ` +
		"Change the Service URL to https:// (Adobe's IPS reference asks for HTTPS for every SOAP request). Plain http is only used to this machine " +
		`(localhost, 127.x.x.x, [::1]), or to another host when "${ALLOW_PLAIN_HTTP_FIELD}" is switched on in the credential.`
	);
}

function urlText(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	// The legacy request library also takes a parsed URL object as `uri`.
	if (value !== null && typeof value === 'object' && typeof (value as { href?: unknown }).href === 'string') {
		return (value as { href: string }).href;
	}
	return '';
}

/**
 * The URL a request names, if any: `url` (n8n's httpRequest helpers) or `uri` (the legacy request
 * helpers the HTTP Request node uses), resolved against `baseURL`. '' when it names none.
 */
export function requestedUrl(requestOptions: IHttpRequestOptions): string {
	const legacy = requestOptions as IHttpRequestOptions & { uri?: unknown };
	const named = urlText(requestOptions.url) || urlText(legacy.uri);
	const base = urlText(requestOptions.baseURL);
	// The node's own calls name no URL (the credential fills in its endpoint): nothing to resolve.
	if (named === '' && base === '') return '';
	try {
		return new URL(named, base).href;
	} catch {
		// No base, or one that is not a URL: the request names what it names.
		return named || base;
	}
}

/**
 * Whether a request is a plain read of a public Image Serving URL (Image → Download): a GET
 * without a body, to an http(s) URL whose path has `/is/image/`, with no user info in it. Such a
 * request needs nothing from the credential and gets nothing: authenticate passes it on unchanged,
 * so the password (which only ever goes into a SOAP envelope's body) cannot travel with it.
 */
export function isImageServingRead(requestOptions: IHttpRequestOptions): boolean {
	if (String(requestOptions.method ?? '').toUpperCase() !== 'GET') return false;
	if (requestOptions.body !== undefined && requestOptions.body !== null && requestOptions.body !== '') return false;
	if (requestOptions.auth !== undefined) return false;
	try {
		const url = new URL(requestedUrl(requestOptions));
		return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' && url.pathname.includes('/is/image/');
	} catch {
		return false;
	}
}

/** The error text for a request that names a URL other than the credential's endpoint. */
export function foreignUrlMessage(requested: string, serviceUrl: string): string {
	const requestedHost = hostOf(requested);
	const endpointHost = hostOf(serviceUrl) || 'none set';
	return (
		`The Scene7 IPS API credential only sends to its own endpoint (host ${endpointHost}), ` +
		`not to ${requestedHost ? `host ${requestedHost}` : 'the URL this request names'}. ` +
		"Leave the request's URL empty (the credential fills in its endpoint) or use the credential's exact " +
		'Service URL; to reach another Scene7 server, choose its Region or Service URL in the credential.'
	);
}

/**
 * Options that stop n8n's request helpers from following a redirect: `disableFollowRedirect` for
 * httpRequest (n8n-core sets axios' maxRedirects to 0), `followRedirect`/`followAllRedirects` for the
 * legacy request helpers the HTTP Request node uses. A redirect would send the whole request,
 * password included, to the host it names.
 */
export const NO_REDIRECTS = {
	disableFollowRedirect: true,
	followRedirect: false,
	followAllRedirects: false,
	maxRedirects: 0,
} as const;

/** Whether an HTTP status is a redirect (3xx). */
export const isRedirectStatus = (status: number): boolean => status >= 300 && status < 400;

/** Where a redirect's Location header points, in words: the host it names, never the rest of the URL. */
export function redirectTarget(location: unknown): string {
	const value = Array.isArray(location) ? location[0] : location;
	if (typeof value !== 'string' || value.trim() === '') return 'without saying where to';
	try {
		return `to host ${new URL(value.trim()).host}`;
	} catch {
		// Not an absolute URL: a path on the host that answered.
		return 'to another path on the same host';
	}
}
