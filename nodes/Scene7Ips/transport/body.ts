/** Bodies larger than this are refused: no IPS answer the node asks for comes near it. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export type BodyText = { text: string } | { tooLarge: true };

interface ReadableLike {
	[Symbol.asyncIterator](): AsyncIterator<unknown>;
	destroy?: () => void;
}

const isReadable = (body: unknown): body is ReadableLike =>
	body !== null && typeof body === 'object' && Symbol.asyncIterator in body;

/**
 * The response body as text, read as a stream so that an oversized answer is cut off at the limit
 * instead of being held in memory whole.
 */
export async function readBodyText(body: unknown, limit = MAX_RESPONSE_BYTES): Promise<BodyText> {
	if (typeof body === 'string') return body.length > limit ? { tooLarge: true } : { text: body };
	if (Buffer.isBuffer(body)) return body.length > limit ? { tooLarge: true } : { text: body.toString('utf8') };
	if (!isReadable(body)) return { text: body === undefined || body === null ? '' : String(body) };

	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
		size += bytes.length;
		if (size > limit) {
			body.destroy?.();
			return { tooLarge: true };
		}
		chunks.push(bytes);
	}
	return { text: Buffer.concat(chunks).toString('utf8') };
}
