/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Checks the sandbox schema against Adobe's published 2014-04-03 WSDL, read (never copied) from the
// shared reference folder. Skipped when that file is not on this machine (the reason shows in the summary).
import * as fs from 'node:fs';

import {
	authHeaderFields,
	COMPLEX_TYPES,
	isSimpleType,
	OPERATIONS,
	UPLOAD_POST_PARAM,
	UPLOAD_POST_RETURN,
	type Field,
} from './schema';
import { ADOBE_WSDL, hasAdobeWsdl, NO_ADOBE_WSDL } from '../support/shared';
import { describeIf } from '../support/skip';
import { attribute, childElements, parseXml, type XmlElement } from './xml';

const XSD = 'http://www.w3.org/2001/XMLSchema';
const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const SOAP = 'http://schemas.xmlsoap.org/wsdl/soap/';
const TYPES_NS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';
const BASE_NS = 'http://www.scene7.com/IpsApi/xsd';

/** Types a client sends: the sandbox must accept everything Adobe declares for them. */
const REQUEST_TYPES = [
	'StringArray',
	'HandleArray',
	'SystemFieldCondition',
	'SystemFieldConditionArray',
	'TagCondition',
	'TagConditionArray',
	'MetadataCondition',
	'MetadataConditionArray',
	'ExcludeByproductCondition',
	'ExcludeByproductArray',
	'MetadataUpdate',
	'MetadataUpdateArray',
	'BatchMetadataUpdate',
	'BatchMetadataUpdateArray',
	'ImageServingPublishJob',
	'UploadUrl',
	'UploadUrlArray',
	'UploadUrlsJob',
	'UploadPostJob',
];

interface Decl {
	name: string;
	type: string;
	required: boolean;
	repeated: boolean;
}

function decls(group: XmlElement | undefined): Decl[] {
	if (!group) return [];
	return childElements(group)
		.filter((e) => e.ns === XSD && e.local === 'element')
		.map((e) => {
			const type = (attribute(e, '', 'type') ?? '').replace(/^(xsd|types):/, '');
			return {
				name: attribute(e, '', 'name') ?? '',
				type,
				required: (attribute(e, '', 'minOccurs') ?? '1') !== '0',
				repeated: attribute(e, '', 'maxOccurs') === 'unbounded',
			};
		});
}

const ours = (fields: Field[]): Decl[] => fields.map(({ name, type, required, repeated }) => ({ name, type, required, repeated }));

/** Every declaration of `mine` appears in `theirs`, identically, and in the same relative order. */
function expectOrderedSubset(mine: Decl[], theirs: Decl[], where: string): void {
	const indexes = mine.map((decl) => theirs.findIndex((t) => t.name === decl.name));
	// A name Adobe does not declare has index -1, so no declaration: the first check fails on it.
	expect({ where, decls: indexes.map((i) => theirs[i]) }).toEqual({ where, decls: mine });
	expect({ where, indexes, inOrder: indexes.every((index, n) => n === 0 || index > indexes[n - 1]) }).toEqual({ where, indexes, inOrder: true });
}

const suite = describeIf(hasAdobeWsdl, NO_ADOBE_WSDL);

suite("sandbox schema vs Adobe's IpsApi-2014-04-03.wsdl", () => {
	let schemas: XmlElement[] = [];
	let binding: XmlElement;
	const schemaFor = (ns: string) => schemas.find((s) => attribute(s, '', 'targetNamespace') === ns) as XmlElement;
	const elementDecls = (ns: string, name: string, group = 'sequence') => {
		const el = childElements(schemaFor(ns)).find((e) => e.local === 'element' && attribute(e, '', 'name') === name);
		const complex = el && childElements(el).find((c) => c.local === 'complexType');
		return { found: el !== undefined, decls: decls(complex && childElements(complex).find((c) => c.local === group)) };
	};
	const typeDecls = (name: string) => {
		const ct = childElements(schemaFor(TYPES_NS)).find((e) => e.local === 'complexType' && attribute(e, '', 'name') === name);
		return { found: ct !== undefined, decls: decls(ct && childElements(ct).find((c) => c.local === 'sequence')) };
	};

	beforeAll(() => {
		const root = parseXml(fs.readFileSync(ADOBE_WSDL, 'utf8'));
		const types = childElements(root).find((e) => e.ns === WSDL && e.local === 'types') as XmlElement;
		schemas = childElements(types).filter((e) => e.ns === XSD && e.local === 'schema');
		binding = childElements(root).find((e) => e.ns === WSDL && e.local === 'binding') as XmlElement;
	});

	it.each([...OPERATIONS.keys()])('%s: Param is exactly Adobe’s sequence, Return a subset in order', (name) => {
		const op = OPERATIONS.get(name)!;
		const param = elementDecls(TYPES_NS, `${name}Param`);
		expect(param.found).toBe(true);
		expect(ours(op.param)).toEqual(param.decls);
		const ret = elementDecls(TYPES_NS, `${name}Return`);
		expect(ret.found).toBe(true);
		expectOrderedSubset(ours(op.result), ret.decls, `${name}Return`);
		expect(ours(op.result).filter((d) => d.required)).toEqual(ret.decls.filter((d) => d.required));
	});

	it.each([...OPERATIONS.keys()])('%s: soapAction is the operation name', (name) => {
		const operation = childElements(binding).find((e) => e.local === 'operation' && attribute(e, '', 'name') === name);
		const soapOperation = operation && childElements(operation).find((e) => e.ns === SOAP && e.local === 'operation');
		expect(soapOperation && attribute(soapOperation, '', 'soapAction')).toBe(name);
	});

	it.each(Object.keys(COMPLEX_TYPES))('type %s matches (exactly for request types)', (name) => {
		const theirs = typeDecls(name);
		expect(theirs.found).toBe(true);
		const mine = ours(COMPLEX_TYPES[name]);
		if (REQUEST_TYPES.includes(name)) expect(mine).toEqual(theirs.decls);
		else expectOrderedSubset(mine, theirs.decls, name);
		for (const d of mine) expect(isSimpleType(d.type) || d.type in COMPLEX_TYPES).toBe(true);
	});

	it('the UploadFile servlet’s uploadPostParam and uploadPostReturn are exactly Adobe’s', () => {
		expect(ours(UPLOAD_POST_PARAM)).toEqual(elementDecls(TYPES_NS, 'uploadPostParam').decls);
		expect(ours(UPLOAD_POST_RETURN)).toEqual(elementDecls(TYPES_NS, 'uploadPostReturn').decls);
	});

	it('authHeader matches both of Adobe’s declarations', () => {
		expect(ours(authHeaderFields('2014-04-03'))).toEqual(elementDecls(TYPES_NS, 'authHeader').decls);
		expect(ours(authHeaderFields('base'))).toEqual(elementDecls(BASE_NS, 'authHeader', 'all').decls);
	});

	it.each(['ipsApiFault', 'authenticationFault', 'authorizationFault'])('%s carries code (int) and reason', (name) => {
		expect(elementDecls(BASE_NS, name).decls).toEqual([
			{ name: 'code', type: 'int', required: true, repeated: false },
			{ name: 'reason', type: 'string', required: true, repeated: false },
		]);
	});
});
