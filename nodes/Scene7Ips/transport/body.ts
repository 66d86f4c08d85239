/** Bodies larger than this are refused: no IPS answer the node asks for comes near it. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export type BodyText = { text: string } | { tooLarge: true };

export interface ReadableLike {
	[Symbol.asyncIterator](): AsyncIterator<unknown>;
	destroy?: () => void;
}

/** Whether a body is a stream (n8n's `encoding: 'stream'`) rather than text or bytes held whole. */
export const isReadable = (body: unknown): body is ReadableLike =>
	body !== null && typeof body === 'object' && Symbol.asyncIterator in body;

const asBuffer = (chunk: unknown): Buffer => {
	if (Buffer.isBuffer(chunk)) return chunk;
	if (chunk instanceof ArrayBuffer) return Buffer.from(chunk);
	if (ArrayBuffer.isView(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
	return Buffer.from(String(chunk ?? ''));
};

/**
 * A response body as bytes, or undefined when it is larger than `limit`. A stream is read chunk by
 * chunk and destroyed at the limit instead of being held in memory whole; a limit of 0 drains an
 * answer whose body is not wanted.
 */
export async function readBodyBytes(body: unknown, limit: number): Promise<Buffer | undefined> {
	if (!isReadable(body)) {
		const bytes = body === undefined || body === null ? Buffer.alloc(0) : asBuffer(body);
		return bytes.length > limit ? undefined : bytes;
	}
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		const bytes = asBuffer(chunk);
		size += bytes.length;
		if (size > limit) {
			body.destroy?.();
			return undefined;
		}
		chunks.push(bytes);
	}
	return Buffer.concat(chunks);
}

/**
 * The response body as text (bytes decoded as UTF-8 once whole, so a character split between chunks
 * stays whole), or tooLarge beyond `limit`. Text is measured in characters; a value that is neither
 * text, bytes nor a stream is taken as its string.
 */
export async function readBodyText(body: unknown, limit = MAX_RESPONSE_BYTES): Promise<BodyText> {
	if (typeof body === 'string') return body.length > limit ? { tooLarge: true } : { text: body };
	if (!Buffer.isBuffer(body) && !isReadable(body)) return { text: body === undefined || body === null ? '' : String(body) };
	const bytes = await readBodyBytes(body, limit);
	return bytes ? { text: bytes.toString('utf8') } : { tooLarge: true };
}
