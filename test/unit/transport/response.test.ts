import { XMLParser } from 'fast-xml-parser';
import { explainFault, explainUnreadable } from '../../../nodes/Scene7Ips/transport/faults';
import { parseSoapResponse } from '../../../nodes/Scene7Ips/transport/response';
import { soapFault, soapResult } from '../../support/executeContext';

const envelope = (body: string, prefix = 'soapenv') =>
	`<${prefix}:Envelope xmlns:${prefix}="http://schemas.xmlsoap.org/soap/envelope/"><${prefix}:Body>${body}</${prefix}:Body></${prefix}:Envelope>`;

describe('parseSoapResponse: results', () => {
	it.each([
		['the documented copyImageReturn', 'copyImage', soapResult('copyImage', '<assetHandle>a|943|1|580</assetHandle>', '2008-01-15').body, { assetHandle: 'a|943|1|580' }],
		['prefixed elements', 'copyImage', envelope('<ns1:copyImageReturn xmlns:ns1="urn:x"><ns1:assetHandle>a|1</ns1:assetHandle></ns1:copyImageReturn>'), { assetHandle: 'a|1' }],
		['a default namespace', 'copyImage', envelope('<copyImageReturn xmlns="urn:x"><assetHandle>a|1</assetHandle></copyImageReturn>'), { assetHandle: 'a|1' }],
		['another envelope prefix', 'copyImage', envelope('<copyImageReturn><assetHandle>a|1</assetHandle></copyImageReturn>', 'S'), { assetHandle: 'a|1' }],
		['a UTF-8 BOM and an XML declaration', 'copyImage', `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n${envelope('<copyImageReturn><assetHandle>a|1</assetHandle></copyImageReturn>')}\n`, { assetHandle: 'a|1' }],
		['character references', 'copyImage', envelope('<copyImageReturn><assetHandle>a&#124;1</assetHandle></copyImageReturn>'), { assetHandle: 'a|1' }],
		// An empty return element is an empty result.
		['an empty return element', 'deleteAsset', envelope('<deleteAssetReturn xmlns="urn:x"/>'), {}],
	])('reads %s', (_case, operation, body, result) => {
		expect(parseSoapResponse(body, operation)).toEqual({ kind: 'result', result });
	});

	it('keeps values as text and IPS arrays as lists, even with one member', () => {
		const body = envelope(
			'<getCompanyMembershipReturn><membershipArray><items><company><companyHandle>c|6</companyHandle>' +
				'<name>007 &amp; Co</name></company><role>IpsUser</role><isActive>true</isActive></items>' +
				'</membershipArray></getCompanyMembershipReturn>',
		);
		expect(parseSoapResponse(body, 'getCompanyMembership')).toEqual({
			kind: 'result',
			result: {
				membershipArray: {
					items: [{ company: { companyHandle: 'c|6', name: '007 & Co' }, role: 'IpsUser', isActive: 'true' }],
				},
			},
		});
	});

	it('decodes XML entities and numeric references, and nothing HTML adds', () => {
		const body = envelope('<copyImageReturn><assetHandle>&#233;&#xE9;&amp;#233;&lt;&gt;&quot;&apos;&nbsp;</assetHandle></copyImageReturn>');
		expect(parseSoapResponse(body, 'copyImage')).toEqual({
			kind: 'result',
			result: { assetHandle: `éé&#233;<>"'&nbsp;` },
		});
	});
});

describe('parseSoapResponse: faults', () => {
	it.each([
		['authenticationFault', 10001, 'Invalid username/password'],
		['authorizationFault', 20003, "User does not have permission to access operation 'addCompany'"],
		['ipsApiFault', 30000, "Asset ID 'katlynf' is already in use."],
	] as const)('reads an %s with its code and reason', (type, code, reason) => {
		expect(parseSoapResponse(soapFault(type, code, reason).body, 'copyImage')).toEqual({
			kind: 'fault',
			fault: { type, code, reason, faultcode: 'soapenv:Client', faultstring: type },
		});
	});

	it('reads a plain SOAP fault without IPS detail', () => {
		const body = envelope('<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>Internal error</faultstring></soapenv:Fault>');
		expect(parseSoapResponse(body, 'copyImage')).toEqual({
			kind: 'fault',
			fault: { faultcode: 'soapenv:Server', faultstring: 'Internal error', reason: 'Internal error' },
		});
	});
});

describe('parseSoapResponse: unusable bodies', () => {
	it.each([
		['an empty body', '', 'empty'],
		['white space only', ' \n ', 'empty'],
		['an HTML page', '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>', 'html'],
		['an HTML page without doctype', '<html><head><title>Maintenance</title></head></html>', 'html'],
		['a DOCTYPE with an entity', '<!DOCTYPE x [<!ENTITY boom "boom">]>' + envelope('<copyImageReturn><assetHandle>&boom;</assetHandle></copyImageReturn>'), 'doctype'],
		['JSON', '{"error":"nope"}', 'notXml'],
		['a truncated envelope', envelope('<copyImageReturn><assetHandle>a|1</assetHandle></copyImageReturn>').slice(0, 120), 'truncated'],
		['XML that is not SOAP', '<status>ok</status>', 'notSoap'],
		['another operation’s result', envelope('<renameAssetReturn/>'), 'unexpected'],
	])('classifies %s', (_case, body, kind) => {
		expect(parseSoapResponse(body, 'copyImage')).toMatchObject({ kind: 'unreadable', unreadable: kind });
	});

	it('says what the body held instead of the expected result, for the error message', () => {
		expect(parseSoapResponse(envelope('<renameAssetReturn/><getAssetsReturn/>'), 'copyImage')).toEqual({
			kind: 'unreadable',
			unreadable: 'unexpected',
			detail: 'expected copyImageReturn, found renameAssetReturn, getAssetsReturn',
		});
		expect(parseSoapResponse(envelope(''), 'copyImage')).toMatchObject({ detail: 'expected copyImageReturn, found nothing' });
		expect(parseSoapResponse('', 'copyImage')).toEqual({ kind: 'unreadable', unreadable: 'empty', detail: '' });
	});

	it('never expands entities declared in the body', () => {
		const body = '<!DOCTYPE x [<!ENTITY boom "EXPANDED">]>' + envelope('<copyImageReturn><assetHandle>&boom;</assetHandle></copyImageReturn>');
		expect(JSON.stringify(parseSoapResponse(body, 'copyImage'))).not.toContain('EXPANDED');
	});
});

describe('explainFault', () => {
	const fault = (type: 'authenticationFault' | 'authorizationFault' | 'ipsApiFault', code: number, reason: string) => ({
		type,
		code,
		reason,
		faultcode: 'soapenv:Client',
		faultstring: type,
	});

	it.each([
		[fault('authenticationFault', 10001, 'Invalid username/password'), 'Scene7 rejected the user name or password (10001)'],
		[fault('authenticationFault', 10000, 'No credentials'), 'Scene7 received no user name or password (10000)'],
		[fault('authorizationFault', 20003, 'No permission'), "Your Scene7 user's role may not use copyImage (20003)"],
		[fault('authorizationFault', 20006, 'Illegal company'), 'Scene7 refused access: Illegal company (20006)'],
		[fault('ipsApiFault', 30000, "Asset ID 'x' is already in use."), "Scene7 could not run copyImage: Asset ID 'x' is already in use. (30000)"],
		[fault('ipsApiFault', 30003, 'Bad XML'), 'Scene7 could not read the copyImage request (30003)'],
	])('explains %j', (input, message) => {
		const explanation = explainFault(input, 'copyImage');
		expect(explanation.message).toBe(message);
		expect(explanation.description.length).toBeGreaterThan(20);
	});

	it("quotes Scene7's reason in the description of an authentication fault", () => {
		expect(explainFault(fault('authenticationFault', 10001, 'Invalid username/password'), 'copyImage').description).toContain(
			'Scene7 said: "Invalid username/password"',
		);
	});

	it('gives every unusable kind its own message', () => {
		const kinds = ['empty', 'html', 'doctype', 'notXml', 'truncated', 'notSoap', 'unexpected'] as const;
		const messages = kinds.map((kind) => explainUnreadable(kind, 502, '').message);
		expect(messages[1]).toBe('Scene7 answered with a web page instead of a SOAP response (HTTP 502)');
		// notXml and notSoap are one case for the user; every other kind reads differently.
		expect(new Set(messages).size).toBe(kinds.length - 1);
	});
});

describe('parseSoapResponse: short results read without the full parser', () => {
	// The same document made longer than the short-answer limit (spaces between elements, which
	// change nothing) goes through fast-xml-parser: the oracle for every short answer.
	const throughFullParser = (body: string) => body.replace(/(<(?:[\w.-]+:)?Body\b[^>]*>)/, `$1${' '.repeat(5000)}`);

	function answers(): Array<{ body: string; operation: string }> {
		let state = 7;
		const next = (n: number) => {
			state = (Math.imul(state, 1103515245) + 12345) >>> 0;
			return (state >>> 16) % n;
		};
		const texts = ['a|739|1|9999', '', '  padded  ', 'j|c|6|1234', 'Grüße 👋', '0042', 'a &amp; b', '&#38;lt;', 'x&lt;y', 'tab\there', 'true'];
		const names = ['assetHandle', 'jobHandle', 'successCount', 'name', 'a.b', 'x-y', 'items'];
		const out: Array<{ body: string; operation: string }> = [];
		for (let i = 0; i < 300; i++) {
			const envelopePrefix = ['soapenv:', 'S:', ''][next(3)];
			const returnPrefix = ['', 't:', 'ns1:'][next(3)];
			const header = ['', `<${envelopePrefix}Header/>`, `<${envelopePrefix}Header></${envelopePrefix}Header>`][next(3)];
			const fields = Array.from({ length: next(4) }, () => {
				const name = names[next(names.length)];
				const text = texts[next(texts.length)];
				return next(5) === 0 && text === '' ? `<${returnPrefix}${name}/>` : `<${returnPrefix}${name}>${text}</${returnPrefix}${name}>`;
			}).join(next(2) ? '' : '\n  ');
			const operation = ['copyImage', 'submitJob', 'deleteAsset'][next(3)];
			const returnElement =
				fields === '' && next(2)
					? `<${returnPrefix}${operation}Return xmlns${returnPrefix ? `:${returnPrefix.slice(0, -1)}` : ''}="http://www.scene7.com/IpsApi/xsd/2014-04-03"/>`
					: `<${returnPrefix}${operation}Return xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03">${fields}</${returnPrefix}${operation}Return>`;
			const ns = envelopePrefix ? `xmlns:${envelopePrefix.slice(0, -1)}` : 'xmlns';
			out.push({
				operation,
				body: `<?xml version="1.0" encoding="UTF-8"?><${envelopePrefix}Envelope ${ns}="http://schemas.xmlsoap.org/soap/envelope/">${header}<${envelopePrefix}Body>${returnElement}</${envelopePrefix}Body></${envelopePrefix}Envelope>`,
			});
		}
		return out;
	}

	it('reads 300 generated short answers exactly as fast-xml-parser does', () => {
		const generated = answers();
		expect(generated.filter(({ body }) => body.includes('&')).length).toBeGreaterThan(10);
		for (const { body, operation } of generated) {
			const long = throughFullParser(body);
			expect(long.length).toBeGreaterThan(5000);
			expect(parseSoapResponse(body, operation)).toEqual(parseSoapResponse(long, operation));
		}
	});

	it('reads a copy answer to its handle and leaves lists, faults and other shapes to the full parser', () => {
		const copy = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><copyImageReturn xmlns="x"><assetHandle> a|1|2|3 </assetHandle></copyImageReturn></soapenv:Body></soapenv:Envelope>';
		expect(parseSoapResponse(copy, 'copyImage')).toEqual({ kind: 'result', result: { assetHandle: 'a|1|2|3' } });
		for (const inner of [
			'<assetHandleArray><items>a|1</items></assetHandleArray>',
			'<assetHandle xsi:nil="true"/>',
			'<assetHandle><![CDATA[a|1]]></assetHandle>',
			'<!-- note --><assetHandle>a|1</assetHandle>',
			'<assetHandle>a|1</other>',
		]) {
			const body = copy.replace('<assetHandle> a|1|2|3 </assetHandle>', inner);
			expect(parseSoapResponse(body, 'copyImage')).toEqual(parseSoapResponse(throughFullParser(body), 'copyImage'));
		}
		// Another operation's return element is not this call's answer.
		expect(parseSoapResponse(copy, 'moveAsset')).toMatchObject({ kind: 'unreadable', unreadable: 'unexpected' });
	});

	it('does read short flat answers without the full parser, and everything else with it', () => {
		// The equality tests above would pass with the shortcut switched off; this one would not.
		const parse = jest.spyOn(XMLParser.prototype, 'parse');
		try {
			const copy = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><copyImageReturn xmlns="x"><assetHandle>a|1|2|3</assetHandle></copyImageReturn></soapenv:Body></soapenv:Envelope>';
			const readsFully = (body: string) => {
				parse.mockClear();
				parseSoapResponse(body, 'copyImage');
				return parse.mock.calls.length;
			};
			expect(readsFully(copy)).toBe(0);
			expect(readsFully(copy.replace('<copyImageReturn xmlns="x">', '<copyImageReturn xmlns="x"/>').replace('<assetHandle>a|1|2|3</assetHandle></copyImageReturn>', ''))).toBe(0);
			expect(readsFully(throughFullParser(copy))).toBe(1);
			expect(readsFully(copy.replace('a|1|2|3', 'a &amp; b'))).toBe(1);
			expect(readsFully(copy.replace('<assetHandle>a|1|2|3</assetHandle>', '<assetHandleArray><items>a|1</items></assetHandleArray>'))).toBe(1);
		} finally {
			parse.mockRestore();
		}
	});
});
