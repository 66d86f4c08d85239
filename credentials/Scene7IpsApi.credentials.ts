import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	NO_REDIRECTS,
	endpointKey,
	foreignUrlMessage,
	isImageServingRead,
	REGION_SERVICE_URLS,
	requestedUrl,
	resolveServiceUrl,
	serviceUrlProblem,
} from '../nodes/Scene7Ips/transport/endpoint';
import {
	API_NAMESPACE_PLACEHOLDER,
	completeEnvelope,
	DEFAULT_API_VERSION,
	wrapInEnvelope,
} from '../nodes/Scene7Ips/transport/envelopeFrame';
import { resolveUploadUrl, withUploadAuthPart } from '../nodes/Scene7Ips/transport/uploadFile';
import { version as packageVersion } from '../package.json';

const MISPLACED_PLACEHOLDER =
	'This request carries the Scene7 authHeader placeholder somewhere other than directly inside soapenv:Header ' +
	'(for example in a CDATA section, a comment or the body), so the Scene7 IPS API credential filled in nothing and nothing was sent. ' +
	'Put <!--scene7:authHeader--> on its own as the content of the envelope\'s soapenv:Header element.';

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

	documentationUrl = 'https://github.com/n8n-nodes-scene7/n8n-nodes-scene7/blob/main/docs/credentials.md';

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
			description:
				'The full https URL of the IpsApiService endpoint. Plain http only to this machine (localhost, 127.x.x.x, [::1]), e.g. the local sandbox.',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Allow Plain HTTP to Other Hosts',
			name: 'allowPlainHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether to send requests, password included, unencrypted to an http:// Service URL on another machine (a test server on your network). Leave off for Scene7 itself.',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName:
				'The password travels unencrypted to an http:// Service URL: anyone on the network path can read it. Use this only for a test server on a network you trust.',
			name: 'plainHttpNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { region: ['custom'], allowPlainHttp: [true] } },
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
	 * The password leaves n8n only towards the credential's own endpoint, and only as n8n built it:
	 * - a request that names any other URL (in `url`, the legacy `uri` or `baseURL`) is refused
	 *   before anything is filled in; requests from this package leave the URL empty and get the
	 *   endpoint here;
	 * - an endpoint that is plain http to another machine is refused unless the credential allows it
	 *   (serviceUrlProblem);
	 * - no redirect is followed: a 3xx answer comes back as it is (the transport explains it);
	 * - the authHeader is written only where its placeholder stands in the SOAP Header
	 *   (authHeaderSlot), never into CDATA, a comment or the body of a hand-written request;
	 * - an upload to the UploadFile servlet of the credential's region gets it as its `auth` part,
	 *   put in front of the multipart body the node framed (withUploadAuthPart).
	 * A plain GET of a public Image Serving URL (isImageServingRead) gets nothing from the credential
	 * and is passed on unchanged. The options n8n passes in are not changed; a new object is returned.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		// Image Serving is public and often on another host than IPS: nothing is added to its reads.
		if (isImageServingRead(requestOptions)) return { ...requestOptions };
		const serviceUrl = resolveServiceUrl(credentials);
		const requested = requestedUrl(requestOptions);
		// The UploadFile servlet: the password goes into the `auth` part of a multipart POST to the
		// servlet of the credential's own region, over https as everywhere else.
		const uploadKey = endpointKey(resolveUploadUrl(credentials));
		if (requested !== '' && uploadKey !== undefined && endpointKey(requested) === uploadKey) {
			const uploadProblem = serviceUrlProblem(requested, credentials.allowPlainHttp === true);
			if (uploadProblem !== undefined) throw new Error(uploadProblem);
			return { ...withUploadAuthPart(requestOptions, credentials), ...NO_REDIRECTS };
		}
		if (requested !== '' && (endpointKey(requested) === undefined || endpointKey(requested) !== endpointKey(serviceUrl))) {
			throw new Error(foreignUrlMessage(requested, serviceUrl));
		}
		const problem = serviceUrlProblem(serviceUrl, credentials.allowPlainHttp === true);
		if (problem !== undefined) throw new Error(problem);
		const authenticated: IHttpRequestOptions = { ...requestOptions, ...NO_REDIRECTS };
		if (requested === '') authenticated.url = serviceUrl;
		if (typeof requestOptions.body === 'string') {
			const completed = completeEnvelope(requestOptions.body, credentials);
			if (completed === undefined) throw new Error(MISPLACED_PLACEHOLDER);
			authenticated.body = completed;
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
