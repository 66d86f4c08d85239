import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	API_NAMESPACE_PLACEHOLDER,
	completeEnvelope,
	DEFAULT_API_VERSION,
	wrapInEnvelope,
} from '../nodes/Scene7Ips/transport/envelopeFrame';
import { version as packageVersion } from '../package.json';

const SERVICE_PATH = '/scene7/services/IpsApiService';

/** The IPS API hosts Adobe documents for each Dynamic Media region. */
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
function endpointKey(url: string): string | undefined {
	try {
		const parsed = new URL(url);
		if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
		return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
	} catch {
		return undefined;
	}
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

/** The error for a request that names a URL other than the credential's endpoint. */
export function foreignUrlError(requested: string, serviceUrl: string): Error {
	const requestedHost = hostOf(requested);
	const endpointHost = hostOf(serviceUrl) || 'none set';
	return new Error(
		`The Scene7 IPS API credential only sends to its own endpoint (host ${endpointHost}), ` +
			`not to ${requestedHost ? `host ${requestedHost}` : 'the URL this request names'}. ` +
			"Leave the request's URL empty (the credential fills in its endpoint) or use the credential's exact " +
			'Service URL; to reach another Scene7 server, choose its Region or Service URL in the credential.',
	);
}

// The host of the credential's endpoint, worked out by n8n when it reads the credential ($self is
// the credential's own data). A Service URL that is not a URL gives '', and an empty list makes the
// HTTP Request node refuse the credential.
const REGION_HOSTS = JSON.stringify(
	Object.fromEntries(Object.entries(REGION_SERVICE_URLS).map(([region, url]) => [region, new URL(url).hostname])),
);
export const ALLOWED_DOMAINS_EXPRESSION =
	`={{ $self.region === 'custom' ? ` +
	`String($self.serviceUrl || '').trim().replace(/^[a-z][a-z0-9+.-]*:\\/\\//i, '').split(/[\\/?#]/)[0].replace(/^.*@/, '').replace(/:[0-9]*$/, '').toLowerCase() : ` +
	`(${REGION_HOSTS}[$self.region] || '${new URL(REGION_SERVICE_URLS.northAmerica).hostname}') }}`;

// A fault in the test (only a user that cannot sign in gets one) is asked to come back as HTTP 403,
// so the editor shows "Forbidden - perhaps check your credentials?" instead of a generic 500
// message: n8n's declarative credential test cannot read a SOAP fault's own text. Not 401: n8n
// re-authenticates and sends a 401'd request again, which would try a wrong password twice.
const CREDENTIAL_TEST_ENVELOPE = wrapInEnvelope(
	`<getCompanyMembershipParam xmlns="${API_NAMESPACE_PLACEHOLDER}"/>`,
	403,
);

export class Scene7IpsApi implements ICredentialType {
	name = 'scene7IpsApi';

	displayName = 'Scene7 IPS API';

	icon: Icon = { light: 'file:../icons/scene7.svg', dark: 'file:../icons/scene7.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-scene7/n8n-nodes-scene7#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'Asia Pacific / Japan', value: 'apac' },
				{ name: 'Asia Pacific / Japan (Staging)', value: 'apacStaging' },
				{ name: 'Custom Service URL', value: 'custom' },
				{ name: 'Europe, Middle East, Africa', value: 'emea' },
				{ name: 'Europe, Middle East, Africa (Staging)', value: 'emeaStaging' },
				{ name: 'North America', value: 'northAmerica' },
				{ name: 'North America (Staging)', value: 'northAmericaStaging' },
			],
			default: 'northAmerica',
			description: 'The Dynamic Media data centre your company is hosted in',
		},
		{
			displayName: 'Service URL',
			name: 'serviceUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://s7sps1apissl.scene7.com/scene7/services/IpsApiService',
			description: 'The full URL of the IpsApiService endpoint (http or https)',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			placeholder: 'e.g. name@example.com',
			description: 'The e-mail address of the IPS user',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'App Name',
			name: 'appName',
			type: 'string',
			default: 'n8n-nodes-scene7',
			description: 'Sent to Scene7 in every request to identify the calling application',
		},
		{
			displayName: 'App Version',
			name: 'appVersion',
			type: 'string',
			default: packageVersion,
			description: 'Sent to Scene7 in every request with the App Name',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: [
				{ name: '2014-04-03 (6.8 / 2014R1)', value: '2014-04-03' },
				{ name: '2013-02-15 (6.6 / 2013R1)', value: '2013-02-15' },
				{ name: '2012-02-14 (6.0 / 2012R1)', value: '2012-02-14' },
				{ name: '2010-01-31 (4.5)', value: '2010-01-31' },
				{ name: '2009-07-31 (4.4)', value: '2009-07-31' },
				{ name: '2008-09-10 (4.2)', value: '2008-09-10' },
				{ name: '2008-01-15 (4.0)', value: '2008-01-15' },
			],
			default: DEFAULT_API_VERSION,
			description: 'The IPS API namespace requests are sent in. Keep the newest unless your server is older.',
		},
		// n8n adds "Allowed HTTP Request Domains: All" to every credential with `authenticate` unless
		// the credential declares the field itself; the HTTP Request node then checks it for a
		// predefined credential. Declared here, hidden, so the HTTP Request node refuses any host but
		// the endpoint's before authenticate (which refuses any other URL) is even called.
		{
			displayName: 'Allowed HTTP Request Domains',
			name: 'allowedHttpRequestDomains',
			type: 'hidden',
			default: 'domains',
		},
		{
			displayName: 'Allowed Domains',
			name: 'allowedDomains',
			type: 'hidden',
			default: ALLOWED_DOMAINS_EXPRESSION,
		},
	];

	/**
	 * The password leaves n8n only towards the credential's own endpoint: a request that names any
	 * other URL (in `url`, the legacy `uri` or `baseURL`) is refused before anything is filled in.
	 * Requests from this package leave the URL empty, and the endpoint is filled in here. A plain
	 * GET of a public Image Serving URL (isImageServingRead) is passed on unchanged. The options n8n
	 * passes in are not changed; a new object is returned.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		// Image Serving is public and often on another host than IPS: nothing is added to its reads.
		if (isImageServingRead(requestOptions)) return { ...requestOptions };
		const serviceUrl = resolveServiceUrl(credentials);
		const requested = requestedUrl(requestOptions);
		if (requested !== '' && (endpointKey(requested) === undefined || endpointKey(requested) !== endpointKey(serviceUrl))) {
			throw foreignUrlError(requested, serviceUrl);
		}
		const authenticated: IHttpRequestOptions = { ...requestOptions };
		if (requested === '') authenticated.url = serviceUrl;
		if (typeof requestOptions.body === 'string') {
			authenticated.body = completeEnvelope(requestOptions.body, credentials);
		}
		return authenticated;
	};

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '',
			headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: 'getCompanyMembership' },
			body: CREDENTIAL_TEST_ENVELOPE,
		},
	};
}
