import { XMLParser } from 'fast-xml-parser';

import { buildEnvelope, UnsendableValueError } from '../../../nodes/Scene7Ips/transport/envelope';
import {
	buildAuthHeader,
	completeEnvelope,
	escapeXml,
} from '../../../nodes/Scene7Ips/transport/envelopeFrame';
import { TEST_CREDENTIALS } from '../../support/executeContext';

const namespaceAware = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false });

const copyParam = {
	companyHandle: 'c|6',
	assetHandle: 'a|739|1|537',
	folderHandle: 'ApiTestCo/',
	name: 'Copy_macbookwin1',
	urlModifier: '',
};

describe('escapeXml', () => {
	it.each([
		['&', '&amp;'],
		['<', '&lt;'],
		['>', '&gt;'],
		['"', '&quot;'],
		["'", '&apos;'],
		[`a&b<c>d"e'f`, 'a&amp;b&lt;c&gt;d&quot;e&apos;f'],
		['&amp;', '&amp;amp;'],
		['plain text', 'plain text'],
	])('escapes %j as %j', (input, expected) => {
		expect(escapeXml(input)).toBe(expected);
	});
});

describe('buildEnvelope', () => {
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

	it('escapes every XML metacharacter in values and keeps them byte-for-byte after parsing', () => {
		const name = `Tom & Jerry's <"best"> copy`;
		const urlModifier = 'wid=800&hei=600&$text=<b>';
		const envelope = buildEnvelope('copyImage', { ...copyParam, name, urlModifier });
		expect(envelope).toContain('<name>Tom &amp; Jerry&apos;s &lt;&quot;best&quot;&gt; copy</name>');
		expect(envelope).toContain('<urlModifier>wid=800&amp;hei=600&amp;$text=&lt;b&gt;</urlModifier>');
		const parsed = namespaceAware.parse(envelope);
		const param = parsed['soapenv:Envelope']['soapenv:Body'].copyImageParam;
		expect(param.name).toBe(name);
		expect(param.urlModifier).toBe(urlModifier);
	});

	it('writes arrays as repeated items and leaves out undefined values', () => {
		const envelope = buildEnvelope('getAssetsByName', {
			companyHandle: 'c|6',
			accessUserHandle: undefined,
			nameArray: { items: ['one', 'two & three'] },
		});
		expect(envelope).toContain(
			'<getAssetsByNameParam xmlns="http://www.scene7.com/IpsApi/xsd/{apiVersion}"><companyHandle>c|6</companyHandle>' +
				'<nameArray><items>one</items><items>two &amp; three</items></nameArray></getAssetsByNameParam>',
		);
	});

	it('writes an operation without parameters as an empty element', () => {
		expect(buildEnvelope('getUserInfo', {})).toContain(
			'<getUserInfoParam xmlns="http://www.scene7.com/IpsApi/xsd/{apiVersion}"/>',
		);
	});

	it('refuses control characters that XML cannot carry, naming the element', () => {
		expect(() => buildEnvelope('copyImage', { ...copyParam, name: 'bell\u0007' })).toThrow(UnsendableValueError);
		expect(() => buildEnvelope('copyImage', { ...copyParam, name: 'bell\u0007' })).toThrow(
			'The value of name contains a control character that XML cannot carry',
		);
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
		expect(completed.match(/<authHeader /g)).toHaveLength(1);
	});

	it('adds faultHttpStatusCode when the placeholder asks for it', () => {
		const header = buildAuthHeader(TEST_CREDENTIALS, 401);
		expect(header).toMatch(/<appVersion>0\.1\.0<\/appVersion><faultHttpStatusCode>401<\/faultHttpStatusCode><\/authHeader>$/);
	});

	it('leaves bodies without placeholders unchanged', () => {
		expect(completeEnvelope('<a>b</a>', TEST_CREDENTIALS)).toBe('<a>b</a>');
	});
});
