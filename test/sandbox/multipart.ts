// multipart/form-data (RFC 7578, over the multipart syntax of RFC 2046 §5.1.1), read as the bytes
// arrive, for the UploadFile servlet. Strict where a servlet's parser would fail: a boundary that is
// missing or not valid, no delimiter, a delimiter line with junk after it, a part whose headers are
// malformed or lack `Content-Disposition: form-data; name="…"`, a body without its closing delimiter.
// A preamble before the first delimiter and an epilogue after the last are ignored, as RFC 2046 says.
//
// Memory: each part's bytes are kept up to a limit the caller sets per part (beyond it the part is
// only counted), so an oversized file costs at most its limit, whatever the request's size.

/** A header value's first token and its `; name=value` parameters (names lower-cased, quotes removed). */
export function parseHeaderValue(value: string): { value: string; params: Map<string, string> } | undefined {
	const params = new Map<string, string>();
	const semi = value.indexOf(';');
	const head = (semi < 0 ? value : value.slice(0, semi)).trim();
	let rest = semi < 0 ? '' : value.slice(semi + 1);
	for (;;) {
		rest = rest.replace(/^[ \t]+/, '');
		if (rest === '') break;
		const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*=[ \t]*/.exec(rest);
		if (!m) return undefined;
		rest = rest.slice(m[0].length);
		let v: string;
		if (rest.startsWith('"')) {
			// quoted-string with backslash escapes
			let i = 1;
			v = '';
			for (; i < rest.length && rest[i] !== '"'; i++) {
				if (rest[i] === '\\' && i + 1 < rest.length) i++;
				v += rest[i];
			}
			if (i >= rest.length) return undefined;
			rest = rest.slice(i + 1);
		} else {
			const t = /^[^;\s"]*/.exec(rest)![0];
			v = t;
			rest = rest.slice(t.length);
		}
		rest = rest.replace(/^[ \t]+/, '');
		if (rest !== '' && !rest.startsWith(';')) return undefined;
		rest = rest.slice(1);
		const name = m[1].toLowerCase();
		if (params.has(name)) return undefined;
		params.set(name, v);
	}
	return { value: head, params };
}

/** RFC 2046: 1 to 70 characters of bchars, not ending with a space. */
const BOUNDARY_RE = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

export type BoundaryResult =
	| { boundary: string }
	| { error: string; /** The media type itself is wrong (not multipart/form-data). */ mediaType: boolean };

/** The boundary of a `multipart/form-data` Content-Type, or what is wrong with it. */
export function boundaryOf(contentType: string | undefined): BoundaryResult {
	const parsed = parseHeaderValue(contentType ?? '');
	const mediaType = parsed?.value.toLowerCase() ?? (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (mediaType !== 'multipart/form-data') {
		return {
			error: `Unsupported Content-Type '${contentType ?? ''}': the UploadFile servlet takes multipart/form-data`,
			mediaType: true,
		};
	}
	if (!parsed) return { error: `Malformed Content-Type '${contentType}': its parameters cannot be read`, mediaType: false };
	const boundary = parsed.params.get('boundary');
	if (boundary === undefined)
		return { error: `Content-Type '${contentType}' has no boundary parameter`, mediaType: false };
	if (!BOUNDARY_RE.test(boundary)) {
		return {
			error: `Invalid multipart boundary '${boundary}': 1 to 70 characters of digits, letters and '()+_,-./:=? (RFC 2046)`,
			mediaType: false,
		};
	}
	return { boundary };
}

export interface PartHead {
	/** 0-based position in the body. */
	index: number;
	name: string;
	/** The Content-Disposition filename parameter, when there is one (it may be ''). */
	filename?: string;
	/** The part's Content-Type header, as sent. */
	contentType?: string;
	/** Header fields by lower-cased name. */
	headers: Record<string, string>;
}

export interface Part extends PartHead {
	/** Bytes received for the part. */
	size: number;
	/** The bytes; undefined when the part was larger than its limit (then only `size` is known). */
	data?: Buffer;
}

const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

type State = 'preamble' | 'delimiter' | 'headers' | 'body' | 'epilogue' | 'failed';

/**
 * Feed it the body with write(), then end() gives the parts or throws the first syntax error found
 * (the rest of the body is still accepted and dropped, so that the caller can answer once it is in).
 */
export class MultipartParser {
	private state: State = 'preamble';
	/** Unconsumed bytes; starts with CRLF so that a delimiter at the very start is found like any other. */
	private buf: Buffer = CRLF;
	private readonly delimiter: Buffer;
	private readonly parts: Part[] = [];
	private current?: { part: Part; chunks?: Buffer[]; limit: number };
	private error?: string;

	constructor(
		private readonly boundary: string,
		/** Bytes of this part to keep at most (beyond it only its size is counted). */
		private readonly limitFor: (head: PartHead) => number,
	) {
		this.delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
	}

	write(chunk: Buffer): void {
		if (this.state === 'failed' || this.state === 'epilogue') return;
		this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
		try {
			this.run();
		} catch (error) {
			this.fail((error as Error).message);
		}
	}

	end(): Part[] {
		if (this.state !== 'failed' && this.state !== 'epilogue') {
			if (this.state === 'preamble') this.fail(`The body has no multipart delimiter '--${this.boundary}'`);
			else this.fail(`The multipart body ends without its closing delimiter '--${this.boundary}--'`);
		}
		if (this.error !== undefined) throw new Error(this.error);
		return this.parts;
	}

	private fail(message: string): void {
		if (this.state === 'failed') return;
		this.state = 'failed';
		this.error = message;
		this.buf = Buffer.alloc(0);
		this.current = undefined;
	}

	private run(): void {
		for (;;) {
			switch (this.state) {
				case 'preamble': {
					const at = this.buf.indexOf(this.delimiter);
					if (at < 0) {
						this.buf = this.buf.subarray(Math.max(0, this.buf.length - this.delimiter.length + 1));
						return;
					}
					this.buf = this.buf.subarray(at + this.delimiter.length);
					this.state = 'delimiter';
					break;
				}
				case 'delimiter': {
					// After a delimiter: "--" (the close delimiter), or optional blanks then CRLF.
					if (this.buf.length < 2) return;
					if (this.buf[0] === 0x2d && this.buf[1] === 0x2d) {
						this.state = 'epilogue';
						this.buf = Buffer.alloc(0);
						return;
					}
					let i = 0;
					while (i < this.buf.length && (this.buf[i] === 0x20 || this.buf[i] === 0x09)) i++;
					if (i + 2 > this.buf.length) {
						if (i > 998) throw new Error('Malformed multipart delimiter line');
						return;
					}
					if (this.buf[i] !== 0x0d || this.buf[i + 1] !== 0x0a) {
						throw new Error(
							`Malformed multipart delimiter: '--${this.boundary}' must be followed by CRLF or '--' (part ${this.parts.length + 1})`,
						);
					}
					this.buf = this.buf.subarray(i + 2);
					this.state = 'headers';
					break;
				}
				case 'headers': {
					let block: Buffer;
					if (this.buf.length >= 2 && this.buf[0] === 0x0d && this.buf[1] === 0x0a) {
						block = Buffer.alloc(0);
						this.buf = this.buf.subarray(2);
					} else {
						const end = this.buf.indexOf(HEADER_END);
						// Without their end yet, the headers so far count.
						if ((end < 0 ? this.buf.length : end) > MAX_HEADER_BYTES)
							throw new Error(`The headers of part ${this.parts.length + 1} are longer than ${MAX_HEADER_BYTES} bytes`);
						if (end < 0) return;
						block = this.buf.subarray(0, end);
						this.buf = this.buf.subarray(end + HEADER_END.length);
					}
					const head = this.readHead(block);
					const part: Part = { ...head, size: 0 };
					this.current = { part, chunks: [], limit: this.limitFor(head) };
					this.state = 'body';
					break;
				}
				case 'body': {
					const at = this.buf.indexOf(this.delimiter);
					if (at < 0) {
						// Keep what could be the start of a delimiter cut by the chunk's end.
						const keep = Math.min(this.buf.length, this.delimiter.length - 1);
						this.take(this.buf.subarray(0, this.buf.length - keep));
						this.buf = this.buf.subarray(this.buf.length - keep);
						return;
					}
					this.take(this.buf.subarray(0, at));
					this.buf = this.buf.subarray(at + this.delimiter.length);
					this.finishPart();
					this.state = 'delimiter';
					break;
				}
				default:
					return;
			}
		}
	}

	private take(bytes: Buffer): void {
		const current = this.current!;
		if (bytes.length === 0) return;
		current.part.size += bytes.length;
		if (!current.chunks) return;
		if (current.part.size > current.limit) current.chunks = undefined;
		else current.chunks.push(bytes);
	}

	private finishPart(): void {
		const { part, chunks } = this.current!;
		if (chunks) part.data = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
		this.parts.push(part);
		this.current = undefined;
	}

	private readHead(block: Buffer): PartHead {
		const index = this.parts.length;
		const where = `part ${index + 1}`;
		const headers: Record<string, string> = {};
		const text = block.toString('utf8');
		for (const line of text === '' ? [] : text.split('\r\n')) {
			const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*:[ \t]*(.*?)[ \t]*$/.exec(line);
			if (!m) throw new Error(`Malformed header line in ${where}: '${line.slice(0, 100)}'`);
			const name = m[1].toLowerCase();
			if (name in headers) throw new Error(`Header '${m[1]}' appears twice in ${where}`);
			headers[name] = m[2];
		}
		const disposition = headers['content-disposition'];
		if (disposition === undefined)
			throw new Error(`The ${where} has no Content-Disposition header (expected: form-data; name="…")`);
		const parsed = parseHeaderValue(disposition);
		if (!parsed) throw new Error(`Malformed Content-Disposition in ${where}: '${disposition}'`);
		if (parsed.value.toLowerCase() !== 'form-data')
			throw new Error(`The Content-Disposition of ${where} is '${parsed.value}', not form-data`);
		const name = parsed.params.get('name');
		if (name === undefined || name === '')
			throw new Error(`The Content-Disposition of ${where} has no name parameter`);
		return {
			index,
			name,
			filename: parsed.params.get('filename'),
			contentType: headers['content-type'],
			headers,
		};
	}
}
