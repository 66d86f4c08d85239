import { childElements, escapeText, escapeXml, parseXml, textOf, XmlSyntaxError } from './xml';

describe('strict XML reader', () => {
	it('resolves namespaces, decodes entities, character references and CDATA', () => {
		const root = parseXml(
			'<?xml version="1.0" encoding="UTF-8"?>\n<a:r xmlns:a="urn:a" xmlns="urn:d"><b x="1&amp;2">A &amp; &lt;b&gt; &quot;q&quot; &apos;s&apos; &#233;&#x41;<![CDATA[<raw>&amp;]]></b><!-- c --><?pi data?></a:r>',
		);
		expect(root).toMatchObject({ local: 'r', prefix: 'a', ns: 'urn:a' });
		const [b] = childElements(root);
		expect(b).toMatchObject({
			local: 'b',
			ns: 'urn:d',
			attrs: [{ local: 'x', ns: '', value: '1&2' }],
		});
		expect(textOf(b)).toBe(`A & <b> "q" 's' éA<raw>&amp;`);
	});

	it('keeps whitespace and normalises line ends', () => {
		const root = parseXml('<r>  a\r\n b  </r>');
		expect(textOf(root)).toBe('  a\n b  ');
	});

	it('lets xmlns="" undeclare the default namespace', () => {
		const root = parseXml('<r xmlns="urn:x"><c xmlns=""/></r>');
		expect(childElements(root)[0].ns).toBe('');
	});

	it.each([
		['an undefined entity', '<r>&nbsp;</r>', 'Undefined entity'],
		['a bare ampersand', '<r>a & b</r>', 'Unterminated entity reference'],
		['a DOCTYPE', '<!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>', 'DOCTYPE is not allowed'],
		['mismatched tags', '<r><a></b></r>', "Expected '</a>' but found '</b>'"],
		['an unclosed element', '<r><a>', "Element 'a' is not closed"],
		['content after the root', '<r/><s/>', 'Content after the root element'],
		['text after the root', '<r/>junk', 'Content after the root element'],
		['an undeclared prefix', '<p:r/>', "Undeclared namespace prefix 'p'"],
		['a duplicate attribute', '<r a="1" a="2"/>', "Duplicate attribute 'a'"],
		['< in an attribute value', '<r a="<"/>', "'<' is not allowed"],
		['an invalid character reference', '<r>&#0;</r>', 'Invalid character reference'],
		['a control character', '<r>\u0001</r>', 'Character not allowed'],
		[']]> in text', '<r>a]]>b</r>', "']]>' is not allowed"],
		['a non-UTF-8 encoding', '<?xml version="1.0" encoding="ISO-8859-1"?><r/>', "Unsupported encoding 'ISO-8859-1'"],
		['an empty document', '', 'Expected the root element'],
		['a misplaced XML declaration', '<r><?xml version="1.0"?></r>', 'XML declaration not at the start'],
		['"--" in a comment', '<r><!-- a -- b --></r>', "'--' inside a comment"],
	])('refuses %s', (_what, xml, message) => {
		expect(() => parseXml(xml)).toThrow(XmlSyntaxError);
		expect(() => parseXml(xml)).toThrow(message);
	});

	it('reports line and column', () => {
		try {
			parseXml('<r>\n  <a></b>\n</r>');
			throw new Error('no error');
		} catch (error) {
			expect(error).toBeInstanceOf(XmlSyntaxError);
			expect((error as XmlSyntaxError).line).toBe(2);
			expect((error as XmlSyntaxError).column).toBe(6);
		}
	});

	it('escapes text and attribute values', () => {
		expect(escapeText(`a&b<c>"d"'e'`)).toBe(`a&amp;b&lt;c&gt;"d"'e'`);
		expect(escapeXml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;');
	});
});
