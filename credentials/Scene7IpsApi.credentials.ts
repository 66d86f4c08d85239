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
	const region = String(credentials.region ?? 'northAmerica');
	if (region === 'custom') return String(credentials.serviceUrl ?? '').trim();
	return REGION_SERVICE_URLS[region] ?? REGION_SERVICE_URLS.northAmerica;
}

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
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		if (typeof requestOptions.body === 'string') {
			requestOptions.body = completeEnvelope(requestOptions.body, credentials);
		}
		// Requests from this package leave the URL empty: the endpoint belongs to the account.
		if (!requestOptions.url) requestOptions.url = resolveServiceUrl(credentials);
		return requestOptions;
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
