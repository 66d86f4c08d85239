// Writes the sandbox's own WSDL from schema.ts, one document per API version: the types schema is
// in that version's namespace, so node-soap (which matches elements by local name) parses requests
// and writes responses in the namespace the client used. See server.ts for why one per version.
import {
	authHeaderFields,
	COMPLEX_TYPES,
	FAULT_ELEMENTS,
	IPS_BASE_NS,
	IPS_WSDL_NS,
	isSimpleType,
	OPERATIONS,
	typesNamespace,
	UPLOAD_POST_PARAM,
	UPLOAD_POST_RETURN,
	type ApiVersion,
	type Field,
} from './schema';
import { escapeXml } from './xml';

export const SERVICE_PATH = '/scene7/services/IpsApiService';

function typeRef(type: string): string {
	return isSimpleType(type) ? `xsd:${type}` : `t:${type}`;
}

function elementDecl(field: Field, indent: string): string {
	const occurs = `${field.required ? '' : ' minOccurs="0"'}${field.repeated ? ' maxOccurs="unbounded"' : ''}`;
	return `${indent}<xsd:element name="${field.name}" type="${typeRef(field.type)}"${occurs}/>`;
}

function group(kind: 'sequence' | 'all', fields: Field[], indent: string): string {
	if (fields.length === 0) return `${indent}<xsd:sequence/>`;
	const inner = fields.map((f) => elementDecl(f, `${indent}\t`)).join('\n');
	return `${indent}<xsd:${kind}>\n${inner}\n${indent}</xsd:${kind}>`;
}

function wrapperElement(
	name: string,
	fields: Field[],
	kind: 'sequence' | 'all' = 'sequence',
): string {
	return [
		`\t\t\t<xsd:element name="${name}">`,
		'\t\t\t\t<xsd:complexType>',
		group(kind, fields, '\t\t\t\t\t'),
		'\t\t\t\t</xsd:complexType>',
		'\t\t\t</xsd:element>',
	].join('\n');
}

function typesSchema(version: ApiVersion): string {
	const ns = typesNamespace(version);
	const complexTypes = Object.entries(COMPLEX_TYPES).map(([name, fields]) =>
		[
			`\t\t\t<xsd:complexType name="${name}">`,
			group('sequence', fields, '\t\t\t\t'),
			'\t\t\t</xsd:complexType>',
		].join('\n'),
	);
	const elements = [...OPERATIONS.values()].flatMap((op) => [
		wrapperElement(`${op.name}Param`, op.param),
		wrapperElement(`${op.name}Return`, op.result),
	]);
	return [
		`\t\t<xsd:schema targetNamespace="${ns}" xmlns:t="${ns}" elementFormDefault="qualified">`,
		...complexTypes,
		...elements,
		// The UploadFile servlet's documents: declared as Adobe's WSDL declares them, used by no operation.
		wrapperElement('uploadPostParam', UPLOAD_POST_PARAM),
		wrapperElement('uploadPostReturn', UPLOAD_POST_RETURN),
		wrapperElement('authHeader', authHeaderFields(version)),
		'\t\t</xsd:schema>',
	].join('\n');
}

function baseSchema(): string {
	const detail: Field[] = [
		{ name: 'code', type: 'int', required: true, repeated: false },
		{ name: 'reason', type: 'string', required: true, repeated: false },
	];
	return [
		`\t\t<xsd:schema targetNamespace="${IPS_BASE_NS}" elementFormDefault="qualified">`,
		...FAULT_ELEMENTS.map((name) => wrapperElement(name, detail)),
		wrapperElement('authHeader', authHeaderFields('base'), 'all'),
		'\t\t</xsd:schema>',
	].join('\n');
}

function operationMessages(name: string): string {
	return [
		`\t<wsdl:message name="${name}Request">`,
		`\t\t<wsdl:part name="parameters" element="t:${name}Param"/>`,
		'\t</wsdl:message>',
		`\t<wsdl:message name="${name}Response">`,
		`\t\t<wsdl:part name="parameters" element="t:${name}Return"/>`,
		'\t</wsdl:message>',
	].join('\n');
}

function faultRefs(indent: string, binding: boolean): string {
	return FAULT_ELEMENTS.map((f) =>
		binding
			? `${indent}<wsdl:fault name="${f}"><soap:fault name="${f}" use="literal"/></wsdl:fault>`
			: `${indent}<wsdl:fault name="${f}" message="ips:${f}Message"/>`,
	).join('\n');
}

/** The WSDL for one API version; serviceUrl goes into soap:address. */
export function buildWsdl(version: ApiVersion, serviceUrl: string): string {
	const ns = typesNamespace(version);
	const names = [...OPERATIONS.keys()];
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<!-- IPS sandbox: a subset of the IPS API (namespace ${ns}), generated from test/sandbox/schema.ts. -->`,
		'<wsdl:definitions name="IpsSandbox"',
		`\ttargetNamespace="${IPS_WSDL_NS}"`,
		'\txmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"',
		'\txmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"',
		'\txmlns:xsd="http://www.w3.org/2001/XMLSchema"',
		`\txmlns:ips="${IPS_WSDL_NS}"`,
		`\txmlns:t="${ns}"`,
		`\txmlns:f="${IPS_BASE_NS}">`,
		'\t<wsdl:types>',
		typesSchema(version),
		baseSchema(),
		'\t</wsdl:types>',
		'\t<wsdl:message name="authHeaderMessage">',
		'\t\t<wsdl:part name="authHeader" element="t:authHeader"/>',
		'\t</wsdl:message>',
		...FAULT_ELEMENTS.map(
			(f) =>
				`\t<wsdl:message name="${f}Message">\n\t\t<wsdl:part name="fault" element="f:${f}"/>\n\t</wsdl:message>`,
		),
		...names.map(operationMessages),
		'\t<wsdl:portType name="IpsApiPortType">',
		...names.map((name) =>
			[
				`\t\t<wsdl:operation name="${name}">`,
				`\t\t\t<wsdl:input name="${name}Request" message="ips:${name}Request"/>`,
				`\t\t\t<wsdl:output name="${name}Response" message="ips:${name}Response"/>`,
				faultRefs('\t\t\t', false),
				'\t\t</wsdl:operation>',
			].join('\n'),
		),
		'\t</wsdl:portType>',
		'\t<wsdl:binding name="IpsApiSoap11Binding" type="ips:IpsApiPortType">',
		'\t\t<soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>',
		...names.map((name) =>
			[
				`\t\t<wsdl:operation name="${name}">`,
				`\t\t\t<soap:operation soapAction="${name}" style="document"/>`,
				`\t\t\t<wsdl:input name="${name}Request">`,
				'\t\t\t\t<soap:body use="literal"/>',
				'\t\t\t\t<soap:header message="ips:authHeaderMessage" part="authHeader" use="literal"/>',
				'\t\t\t</wsdl:input>',
				`\t\t\t<wsdl:output name="${name}Response"><soap:body use="literal"/></wsdl:output>`,
				faultRefs('\t\t\t', true),
				'\t\t</wsdl:operation>',
			].join('\n'),
		),
		'\t</wsdl:binding>',
		'\t<wsdl:service name="IpsApiService">',
		'\t\t<wsdl:port name="IpsApiPort" binding="ips:IpsApiSoap11Binding">',
		`\t\t\t<soap:address location="${escapeXml(serviceUrl)}"/>`,
		'\t\t</wsdl:port>',
		'\t</wsdl:service>',
		'</wsdl:definitions>',
		'',
	].join('\n');
}
