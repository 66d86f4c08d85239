import { XMLBuilder } from 'fast-xml-parser';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { buildEnvelope, type IpsParam, type IpsParamValue, UnsendableValueError } from '../../../nodes/Scene7Ips/transport/envelope';
import { API_NAMESPACE_PLACEHOLDER, buildAuthHeader, completeEnvelope } from '../../../nodes/Scene7Ips/transport/envelopeFrame';
import { childElements, parseXml, textOf, type XmlElement } from '../../sandbox/xml';
import { TEST_CREDENTIALS } from '../../support/executeContext';

const copyParam = {
	companyHandle: 'c|6',
	assetHandle: 'a|739|1|537',
	folderHandle: 'ApiTestCo/',
	name: 'Copy_macbookwin1',
	urlModifier: '',
};

// What buildEnvelope wrote with fast-xml-parser's builder before it wrote the XML itself: the oracle
// for the same output from any parameters the callers can build.
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: true, processEntities: true, format: false });
const asBuilderTree = (value: IpsParamValue): unknown =>
	Array.isArray(value)
		? value.map(asBuilderTree)
		: value !== null && typeof value === 'object'
			? Object.fromEntries(Object.entries(value).flatMap(([key, entry]) => (entry === undefined ? [] : [[key, asBuilderTree(entry)]])))
			: String(value);
const builtBefore = (operation: string, param: IpsParam) =>
	(builder.build({ [`${operation}Param`]: { '@xmlns': 'NS', ...(asBuilderTree(param) as object) } }) as string).replace(
		/[\r\u0085\u2028]/g,
		(char) => `&#${char.charCodeAt(0)};`,
	);
const bodyOf = (envelope: string) => (/<soapenv:Body>(.*)<\/soapenv:Body>/s.exec(envelope)?.[1] ?? '').replace(API_NAMESPACE_PLACEHOLDER, 'NS');

/** A deterministic pseudo-random parameter tree: nested objects, IPS arrays, texts with specials. */
function randomParam(seed: number): IpsParam {
	let state = seed;
	const next = (n: number) => {
		state = (Math.imul(state, 1103515245) + 12345) >>> 0;
		return (state >>> 16) % n;
	};
	const texts = ['', ' ', 'plain', 'a&b<c>d"e\'f', '&amp;', 'line\r\nend', 'nel\u0085ls\u2028', 'Grüße 👋 日本', ']]>', 'tab\tnl\n'];
	const scalar = (): IpsParamValue => [() => texts[next(texts.length)], () => next(1000) - 500, () => next(2) === 0][next(3)]();
	const value = (depth: number): IpsParamValue => {
		const kind = depth > 2 ? 0 : next(4);
		if (kind === 0) return scalar();
		if (kind === 1) return { items: Array.from({ length: next(4) }, () => (next(3) === 0 ? object(depth + 1) : scalar())) };
		if (kind === 2) return next(5) === 0 ? {} : object(depth + 1);
		return next(6) === 0 ? undefined : scalar();
	};
	const object = (depth: number): IpsParam =>
		Object.fromEntries(Array.from({ length: 1 + next(4) }, (_, i) => [`el${i}_${next(3)}`, value(depth)]));
	return object(0);
}

describe('buildEnvelope', () => {
	it('writes what fast-xml-parser\'s builder wrote, for 500 generated parameter trees', () => {
		for (let seed = 1; seed <= 500; seed++) {
			const param = randomParam(seed);
			expect(bodyOf(buildEnvelope('copyImage', param))).toBe(builtBefore('copyImage', param));
		}
		expect(bodyOf(buildEnvelope('getUserInfo', {}))).toBe(builtBefore('getUserInfo', {}));
	});

	it('refuses a key that is no element name, and a list inside a list', () => {
		expect(() => buildEnvelope('copyImage', { 'bad key': 'x' })).toThrow("'bad key' at bad key is not an XML element name");
		expect(() => buildEnvelope('copyImage', { list: { items: [['x']] } })).toThrow('list.items[0] is a list inside a list');
	});

	it('writes the documented copyImageParam with the elements in sequence order', () => {
		const envelope = buildEnvelope('copyImage', copyParam);
		expect(envelope).toContain(
			'<soapenv:Body><copyImageParam xmlns="http://www.scene7.com/IpsApi/xsd/{apiVersion}">' +
				'<companyHandle>c|6</companyHandle><assetHandle>a|739|1|537</assetHandle>' +
				'<folderHandle>ApiTestCo/</folderHandle><name>Copy_macbookwin1</name><urlModifier/>' +
				'</copyImageParam></soapenv:Body>',
		);
		expect(envelope).toContain('<soapenv:Header><!--scene7:authHeader--></soapenv:Header>');
	});

	it.each([
		['a C0 control character', 'bell\u0007'],
		['U+FFFE', 'a\uFFFEb'],
		['a lone high surrogate', 'a\uD83Db'],
		['a lone low surrogate', 'a\uDE00b'],
		['a low surrogate before a high one', '\uDE00\uD83D'],
	])('refuses %s, which XML cannot carry, naming the element', (_what, name) => {
		expect(() => buildEnvelope('copyImage', { ...copyParam, name })).toThrow(UnsendableValueError);
		expect(() => buildEnvelope('copyImage', { ...copyParam, nameArray: { items: ['ok', name] } })).toThrow(
			'The value of nameArray.items[1] contains a character that XML cannot carry (a control character or a lone surrogate)',
		);
	});
});

// What a server's XML parser hands on: the sandbox's strict reader applies XML 1.0's entity and
// character-reference expansion and end-of-line normalization (section 2.11), as a Java SOAP stack does.
function receivedName(envelope: string): string {
	const find = (element: XmlElement): XmlElement | undefined =>
		element.local === 'name' ? element : childElements(element).map(find).find(Boolean);
	const name = find(parseXml(envelope));
	if (!name) throw new Error('no <name> in the envelope');
	return textOf(name);
}

describe('buildEnvelope: names arrive byte-exact', () => {
	it.each([
		`A&B <x> "q" 'a'`,
		'lit&amp;eral &#233;',
		'cdata]]>end',
		'emoji \u{1F600} and \u{1F469}\u200D\u{1F4BB}',
		'tab\there, line\nfeed',
		'carriage\rreturn and\r\nCRLF',
		'<!--scene7:authHeader--> http://www.scene7.com/IpsApi/xsd/{apiVersion}',
		'trailing space kept inside ',
		'\u007F delete, \u0085 next line and \u2028 line separator',
	])('%j', (name) => {
		const envelope = buildEnvelope('copyImage', { ...copyParam, name });
		expect(receivedName(envelope)).toBe(name);
	});

	it('escapes each character once: & < > " \' as entities, line ends other than LF as references', () => {
		const envelope = buildEnvelope('copyImage', { ...copyParam, name: `&amp;<>"'\r\n\t\u0085\u2028` });
		expect(envelope).toContain(`<name>&amp;amp;&lt;&gt;&quot;&apos;&#13;\n\t&#133;&#8232;</name>`);
	});
});

describe('completeEnvelope', () => {
	const envelope = buildEnvelope('copyImage', copyParam);

	it('inserts the escaped authHeader in the unversioned namespace and the chosen API version', () => {
		const completed = completeEnvelope(envelope, { ...TEST_CREDENTIALS, apiVersion: '2008-01-15' });
		expect(completed).toContain(
			'<soapenv:Header><authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>unit@example.com</user>' +
				'<password>unit-Pa$$w0rd-&lt;&amp;&gt;</password><appName>n8n-nodes-scene7</appName>' +
				'<appVersion>0.1.0</appVersion></authHeader></soapenv:Header>',
		);
		expect(completed).toContain('<copyImageParam xmlns="http://www.scene7.com/IpsApi/xsd/2008-01-15">');
		expect(completed).not.toContain('{apiVersion}');
	});

	it('defaults to the 2014-04-03 namespace', () => {
		const completed = completeEnvelope(envelope, { ...TEST_CREDENTIALS, apiVersion: '' });
		expect(completed).toContain('xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"');
	});

	it('cannot be steered by placeholder-like text in credentials or values', () => {
		const tricky = buildEnvelope('copyImage', {
			...copyParam,
			name: 'http://www.scene7.com/IpsApi/xsd/{apiVersion}<!--scene7:authHeader-->',
		});
		const completed = completeEnvelope(tricky, {
			...TEST_CREDENTIALS,
			password: '$&$`$\' http://www.scene7.com/IpsApi/xsd/{apiVersion}',
		});
		expect(completed).toContain(
			"<password>$&amp;$`$&apos; http://www.scene7.com/IpsApi/xsd/{apiVersion}</password>",
		);
		expect(completed).toContain(
			'<name>http://www.scene7.com/IpsApi/xsd/{apiVersion}&lt;!--scene7:authHeader--&gt;</name>',
		);
		expect(String(completed).match(/<authHeader /g)).toHaveLength(1);
	});

	it('writes missing credential fields as empty, with the documented defaults for the app', () => {
		const missing = { user: null, password: undefined, appName: null, appVersion: '' } as unknown as ICredentialDataDecryptedObject;
		expect(buildAuthHeader(missing)).toBe(
			'<authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user></user><password></password>' +
				'<appName>n8n-nodes-scene7</appName><appVersion>0.0.0</appVersion></authHeader>',
		);
	});

	it.each([
		['leaves a body without placeholders unchanged', '<a>b</a>', '<a>b</a>'],
		['fills nothing in a body whose placeholder stands outside the SOAP Header', '<e:Envelope><e:Body><!--scene7:authHeader--></e:Body></e:Envelope>', undefined],
	])('%s', (_case, body, completed) => {
		expect(completeEnvelope(body, TEST_CREDENTIALS)).toBe(completed);
	});
});
