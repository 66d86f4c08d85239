import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import { Scene7IpsApi } from '../../credentials/Scene7IpsApi.credentials';

export interface FakeResponse {
	statusCode: number;
	body: string;
	headers?: Record<string, string>;
}

export interface SentRequest {
	credentialType: string;
	options: IHttpRequestOptions;
	body: string;
}

type Responder = (request: SentRequest, index: number) => FakeResponse | Promise<FakeResponse>;

export interface FakeContextOptions {
	/** Parameter values per item: a fixed object, or a function of the item index. */
	parameters: IDataObject | ((itemIndex: number) => IDataObject);
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	credentials?: ICredentialDataDecryptedObject;
	respond?: Responder;
}

export const TEST_CREDENTIALS: ICredentialDataDecryptedObject = {
	region: 'custom',
	serviceUrl: 'https://ips.test/scene7/services/IpsApiService',
	user: 'unit@example.com',
	password: 'unit-Pa$$w0rd-<&>',
	appName: 'n8n-nodes-scene7',
	appVersion: '0.1.0',
	apiVersion: '2014-04-03',
};

export const NODE: INode = {
	id: 'node-1',
	name: 'Scene7 IPS',
	type: 'n8n-nodes-scene7.scene7Ips',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const isLocator = (value: unknown): value is { __rl: true; value: unknown } =>
	typeof value === 'object' && value !== null && (value as IDataObject).__rl === true;

/**
 * An IExecuteFunctions with real parameter lookup and the credential's real `authenticate`;
 * only the HTTP exchange is answered by `respond`. `sent` records every request the node made.
 */
export function fakeExecuteContext(options: FakeContextOptions) {
	const sent: SentRequest[] = [];
	const credentialType = new Scene7IpsApi();
	const credentials = options.credentials ?? TEST_CREDENTIALS;
	const items = options.items ?? [{ json: {} }];
	const parametersOf = (itemIndex: number) =>
		typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;

	// As n8n stores them: parameters that differ per item can only be expressions there, so a
	// per-item function stands for one expression per parameter (the node reads those per item).
	const node: INode = {
		...NODE,
		parameters:
			typeof options.parameters === 'function'
				? Object.fromEntries(Object.keys(options.parameters(0)).map((name) => [name, `={{ per item: ${name} }}`]))
				: (options.parameters as INode['parameters']),
	};
	const context = {
		getNode: () => node,
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		// As n8n decrypts the node's credential; the node reads it once per run.
		getCredentials: async () => credentials,
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown, opts?: { extractValue?: boolean }) {
			// Dotted names reach into collections, as n8n's own lookup does.
			const found = name.split('.').reduce<unknown>(
				(parent, key) => (parent !== null && typeof parent === 'object' ? (parent as IDataObject)[key] : undefined),
				parametersOf(itemIndex),
			);
			const value = found === undefined ? fallback : found;
			if (value === undefined) throw new Error(`Could not get parameter "${name}"`);
			return opts?.extractValue && isLocator(value) ? value.value : value;
		},
		// The editor's view of the node, as list searches see it.
		getCurrentNodeParameter(name: string) {
			return parametersOf(0)[name];
		},
		helpers: {
			async httpRequestWithAuthentication(type: string, requestOptions: IHttpRequestOptions) {
				const authenticated = await credentialType.authenticate(credentials, { ...requestOptions });
				const request = { credentialType: type, options: authenticated, body: String(authenticated.body) };
				sent.push(request);
				if (!options.respond) throw new Error('No responder configured');
				return await options.respond(request, sent.length - 1);
			},
		},
	};
	return {
		context: context as unknown as IExecuteFunctions,
		loadOptionsContext: context as unknown as ILoadOptionsFunctions,
		sent,
	};
}

/** A SOAP 1.1 response the way IPS writes it. */
export function soapResult(operation: string, inner: string, version = '2014-04-03'): FakeResponse {
	return {
		statusCode: 200,
		body:
			'<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
			`<soapenv:Body><${operation}Return xmlns="http://www.scene7.com/IpsApi/xsd/${version}">${inner}</${operation}Return>` +
			'</soapenv:Body></soapenv:Envelope>',
	};
}

/** An IPS fault in the documented shape (HTTP 500 by default). */
export function soapFault(
	type: 'authenticationFault' | 'authorizationFault' | 'ipsApiFault',
	code: number,
	reason: string,
	statusCode = 500,
): FakeResponse {
	return {
		statusCode,
		body:
			'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body>' +
			`<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>${type}</faultstring><detail>` +
			`<ns1:${type} xmlns:ns1="http://www.scene7.com/IpsApi/xsd"><code xmlns="http://www.scene7.com/IpsApi/xsd">${code}</code>` +
			`<reason xmlns="http://www.scene7.com/IpsApi/xsd">${reason}</reason></ns1:${type}></detail></soapenv:Fault>` +
			'</soapenv:Body></soapenv:Envelope>',
	};
}
