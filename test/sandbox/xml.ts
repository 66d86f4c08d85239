// A small, strict, namespace-aware XML reader. The sandbox needs to refuse what a Java SOAP stack
// refuses (undefined entities, DOCTYPE, mismatched tags, undeclared prefixes, trailing junk), which
// lenient parsers accept, and it needs element order and resolved namespaces for the schema check.

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const MAX_DEPTH = 64;

export interface XmlAttribute {
	qname: string;
	local: string;
	ns: string;
	value: string;
}

export interface XmlElement {
	kind: 'element';
	qname: string;
	prefix: string;
	local: string;
	/** Resolved namespace URI; '' for none. */
	ns: string;
	/** Attributes other than namespace declarations. */
	attrs: XmlAttribute[];
	children: XmlNode[];
}

export interface XmlText {
	kind: 'text';
	value: string;
}

export type XmlNode = XmlElement | XmlText;

export class XmlSyntaxError extends Error {
	constructor(
		message: string,
		readonly line: number,
		readonly column: number,
	) {
		super(`${message} (line ${line}, column ${column})`);
		this.name = 'XmlSyntaxError';
	}
}

const NAME_RE =
	/[\p{L}_][\p{L}\p{N}\p{M}_.\-\u00B7\u203F\u2040]*(?::[\p{L}_][\p{L}\p{N}\p{M}_.\-\u00B7\u203F\u2040]*)?/uy;
const TEXT_RE = /[^<&]+/y;
const PREDEFINED_ENTITIES: Record<string, string> = {
	lt: '<',
	gt: '>',
	amp: '&',
	apos: "'",
	quot: '"',
};

function isXmlCodePoint(cp: number): boolean {
	return (
		cp === 0x9 ||
		cp === 0xa ||
		cp === 0xd ||
		(cp >= 0x20 && cp <= 0xd7ff) ||
		(cp >= 0xe000 && cp <= 0xfffd) ||
		(cp >= 0x10000 && cp <= 0x10ffff)
	);
}

/** Index of the first code point XML 1.0 does not allow (including lone surrogates), or -1. */
function firstInvalidChar(text: string): number {
	let i = 0;
	for (const ch of text) {
		if (!isXmlCodePoint(ch.codePointAt(0) as number)) return i;
		i += ch.length;
	}
	return -1;
}

class Reader {
	private pos = 0;
	private readonly src: string;

	constructor(source: string) {
		// XML 1.0 §2.11: line ends reach the application as \n.
		this.src = source.replace(/\r\n?/g, '\n');
	}

	parseDocument(): XmlElement {
		if (this.src.startsWith('\uFEFF')) this.pos = 1;
		const bad = firstInvalidChar(this.src);
		if (bad >= 0) this.fail('Character not allowed in XML', bad);
		if (this.src.startsWith('<?xml', this.pos) && /\s/.test(this.src.charAt(this.pos + 5))) {
			this.readXmlDeclaration();
		}
		this.readMisc();
		if (this.src.startsWith('<!DOCTYPE', this.pos))
			this.fail('DOCTYPE is not allowed in a SOAP message');
		if (this.src.charAt(this.pos) !== '<') this.fail('Expected the root element');
		const root = this.readElement(new Map([['xml', XML_NS]]), 0);
		this.readMisc();
		if (this.pos < this.src.length) this.fail('Content after the root element');
		return root;
	}

	private fail(message: string, at = this.pos): never {
		const before = this.src.slice(0, at);
		const line = before.split('\n').length;
		const column = at - before.lastIndexOf('\n');
		throw new XmlSyntaxError(message, line, column);
	}

	private skipSpace(): boolean {
		const start = this.pos;
		while (this.pos < this.src.length && ' \t\n'.includes(this.src.charAt(this.pos))) this.pos++;
		return this.pos > start;
	}

	private expect(text: string): void {
		if (!this.src.startsWith(text, this.pos)) this.fail(`Expected '${text}'`);
		this.pos += text.length;
	}

	private readName(): string {
		NAME_RE.lastIndex = this.pos;
		const m = NAME_RE.exec(this.src);
		if (!m) this.fail('Expected a name');
		this.pos += m[0].length;
		return m[0];
	}

	private readXmlDeclaration(): void {
		const end = this.src.indexOf('?>', this.pos);
		if (end < 0) this.fail('Unterminated XML declaration');
		const decl = this.src.slice(this.pos + 5, end);
		const m =
			/^\s+version\s*=\s*(["'])1\.[0-9]+\1(\s+encoding\s*=\s*(["'])([A-Za-z][\w.-]*)\3)?(\s+standalone\s*=\s*(["'])(yes|no)\6)?\s*$/.exec(
				decl,
			);
		if (!m) this.fail('Malformed XML declaration');
		const encoding = m[4];
		if (encoding && !/^utf-?8$/i.test(encoding)) this.fail(`Unsupported encoding '${encoding}'`);
		this.pos = end + 2;
	}

	/** Whitespace, comments and processing instructions outside the root element. */
	private readMisc(): void {
		for (;;) {
			this.skipSpace();
			if (this.src.startsWith('<!--', this.pos)) this.readComment();
			else if (this.src.startsWith('<?', this.pos)) this.readProcessingInstruction();
			else return;
		}
	}

	private readComment(): void {
		const end = this.src.indexOf('-->', this.pos + 4);
		if (end < 0) this.fail('Unterminated comment');
		if (this.src.slice(this.pos + 4, end).includes('--')) this.fail("'--' inside a comment");
		this.pos = end + 3;
	}

	private readProcessingInstruction(): void {
		this.pos += 2;
		const target = this.readName();
		if (target.toLowerCase() === 'xml')
			this.fail('XML declaration not at the start of the document');
		const end = this.src.indexOf('?>', this.pos);
		if (end < 0) this.fail('Unterminated processing instruction');
		this.pos = end + 2;
	}

	private readReference(): string {
		const start = this.pos;
		const end = this.src.indexOf(';', this.pos);
		if (end < 0 || end - start > 12)
			this.fail("Unterminated entity reference ('&' must be written '&amp;')");
		const body = this.src.slice(start + 1, end);
		this.pos = end + 1;
		if (body.startsWith('#')) {
			const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
			const cp = m ? parseInt(m[1] ?? m[2], m[1] ? 16 : 10) : NaN;
			if (!m || !isXmlCodePoint(cp)) this.fail(`Invalid character reference '&${body};'`, start);
			return String.fromCodePoint(cp);
		}
		const value = PREDEFINED_ENTITIES[body];
		if (value === undefined) this.fail(`Undefined entity '&${body};'`, start);
		return value;
	}

	private readAttributeValue(): string {
		const quote = this.src.charAt(this.pos);
		if (quote !== '"' && quote !== "'") this.fail('Expected a quoted attribute value');
		this.pos++;
		let value = '';
		for (;;) {
			if (this.pos >= this.src.length) this.fail('Unterminated attribute value');
			const ch = this.src.charAt(this.pos);
			if (ch === quote) break;
			if (ch === '<') this.fail("'<' is not allowed in an attribute value");
			if (ch === '&') {
				value += this.readReference();
				continue;
			}
			// Attribute-value normalisation (XML 1.0 §3.3.3).
			value += ch === '\n' || ch === '\t' ? ' ' : ch;
			this.pos++;
		}
		this.pos++;
		return value;
	}

	private readElement(parentScope: Map<string, string>, depth: number): XmlElement {
		if (depth >= MAX_DEPTH) this.fail('Elements nested too deeply');
		const start = this.pos;
		this.expect('<');
		const qname = this.readName();
		const rawAttrs: Array<{ qname: string; value: string; at: number }> = [];
		let selfClosing = false;
		for (;;) {
			const spaced = this.skipSpace();
			if (this.src.startsWith('/>', this.pos)) {
				this.pos += 2;
				selfClosing = true;
				break;
			}
			if (this.src.charAt(this.pos) === '>') {
				this.pos++;
				break;
			}
			if (!spaced) this.fail("Expected whitespace, '>' or '/>'");
			const at = this.pos;
			const name = this.readName();
			this.skipSpace();
			this.expect('=');
			this.skipSpace();
			const value = this.readAttributeValue();
			if (rawAttrs.some((a) => a.qname === name)) this.fail(`Duplicate attribute '${name}'`, at);
			rawAttrs.push({ qname: name, value, at });
		}

		const scope = new Map(parentScope);
		for (const a of rawAttrs) {
			if (a.qname === 'xmlns') {
				scope.set('', a.value);
			} else if (a.qname.startsWith('xmlns:')) {
				const prefix = a.qname.slice(6);
				if (
					prefix === 'xmlns' ||
					(prefix === 'xml') !== (a.value === XML_NS) ||
					a.value === XMLNS_NS
				) {
					this.fail(`Illegal namespace declaration '${a.qname}'`, a.at);
				}
				if (a.value === '') this.fail(`Empty namespace for prefix '${prefix}'`, a.at);
				scope.set(prefix, a.value);
			}
		}

		const [prefix, local] = splitQName(qname);
		const ns =
			scope.get(prefix) ??
			(prefix === '' ? '' : this.fail(`Undeclared namespace prefix '${prefix}'`, start));
		const attrs: XmlAttribute[] = [];
		for (const a of rawAttrs) {
			if (a.qname === 'xmlns' || a.qname.startsWith('xmlns:')) continue;
			const [aPrefix, aLocal] = splitQName(a.qname);
			const aNs =
				aPrefix === ''
					? ''
					: (scope.get(aPrefix) ?? this.fail(`Undeclared namespace prefix '${aPrefix}'`, a.at));
			if (aNs !== '' && attrs.some((x) => x.ns === aNs && x.local === aLocal)) {
				this.fail(`Duplicate attribute '${a.qname}'`, a.at);
			}
			attrs.push({ qname: a.qname, local: aLocal, ns: aNs, value: a.value });
		}

		const element: XmlElement = { kind: 'element', qname, prefix, local, ns, attrs, children: [] };
		if (!selfClosing) this.readContent(element, scope, depth);
		return element;
	}

	private readContent(element: XmlElement, scope: Map<string, string>, depth: number): void {
		let text = '';
		const flush = () => {
			if (text !== '') element.children.push({ kind: 'text', value: text });
			text = '';
		};
		for (;;) {
			if (this.pos >= this.src.length) this.fail(`Element '${element.qname}' is not closed`);
			const ch = this.src.charAt(this.pos);
			if (ch === '&') {
				text += this.readReference();
			} else if (ch !== '<') {
				TEXT_RE.lastIndex = this.pos;
				const chunk = (TEXT_RE.exec(this.src) as RegExpExecArray)[0];
				const cdataEnd = chunk.indexOf(']]>');
				if (cdataEnd >= 0) this.fail("']]>' is not allowed in text", this.pos + cdataEnd);
				text += chunk;
				this.pos += chunk.length;
			} else if (this.src.startsWith('<![CDATA[', this.pos)) {
				const end = this.src.indexOf(']]>', this.pos + 9);
				if (end < 0) this.fail('Unterminated CDATA section');
				text += this.src.slice(this.pos + 9, end);
				this.pos = end + 3;
			} else if (this.src.startsWith('<!--', this.pos)) {
				this.readComment();
			} else if (this.src.startsWith('<?', this.pos)) {
				this.readProcessingInstruction();
			} else if (this.src.startsWith('<!', this.pos)) {
				this.fail('Markup declaration not allowed here');
			} else if (this.src.startsWith('</', this.pos)) {
				const at = this.pos;
				this.pos += 2;
				const name = this.readName();
				if (name !== element.qname) {
					this.fail(`Expected '</${element.qname}>' but found '</${name}>'`, at);
				}
				this.skipSpace();
				this.expect('>');
				flush();
				return;
			} else {
				flush();
				element.children.push(this.readElement(scope, depth + 1));
			}
		}
	}
}

function splitQName(qname: string): [string, string] {
	const i = qname.indexOf(':');
	return i < 0 ? ['', qname] : [qname.slice(0, i), qname.slice(i + 1)];
}

/** Parses a whole document and returns its root element; throws XmlSyntaxError. */
export function parseXml(source: string): XmlElement {
	return new Reader(source).parseDocument();
}

export function childElements(element: XmlElement): XmlElement[] {
	return element.children.filter((c): c is XmlElement => c.kind === 'element');
}

/** Concatenated character data of an element (its direct text children). */
export function textOf(element: XmlElement): string {
	return element.children.map((c) => (c.kind === 'text' ? c.value : '')).join('');
}

/** The text of the first child element with this local name; undefined when there is none. */
export function childText(element: XmlElement, local: string): string | undefined {
	const child = childElements(element).find((c) => c.local === local);
	return child ? textOf(child) : undefined;
}

/** An xsd:boolean's value (true or 1), blanks around it ignored; undefined for no text. */
export function booleanText(text: string | undefined): boolean | undefined {
	const v = text?.trim();
	return v === undefined ? undefined : v === 'true' || v === '1';
}

export function hasSignificantText(element: XmlElement): boolean {
	return element.children.some((c) => c.kind === 'text' && c.value.trim() !== '');
}

export function attribute(element: XmlElement, ns: string, local: string): string | undefined {
	return element.attrs.find((a) => a.ns === ns && a.local === local)?.value;
}

/** Escaping for text content: only what must be escaped there. */
export function escapeText(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaping for attribute values (and anywhere quotes matter). */
export function escapeXml(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}
