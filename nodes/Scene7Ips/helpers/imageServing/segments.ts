// Splits a modifier string into its '&'-separated segments, keeping a nested request in {} or ()
// (whose own '&' and '=' stay unencoded) inside the segment of the command that takes it.

import { COMMANDS_BY_KEY } from './commands';

export const NESTED_REQUEST_START = /^(?:is|ir|fxg)?[{(]/i;

// ---------------------------------------------------------------------------
// Splitting into segments

export const CLOSERS: Record<string, string> = { '{': '}', '(': ')' };

/** Index just past the bracket group starting at `start`, or -1 if it never closes properly. */
export function endOfBracketGroup(text: string, start: number): number {
	const expected: string[] = [];
	for (let index = start; index < text.length; index++) {
		const char = text[index];
		if (char in CLOSERS) {
			expected.push(CLOSERS[char]);
		} else if (char === '}' || char === ')') {
			if (expected.pop() !== char) return -1;
			if (expected.length === 0) return index + 1;
		}
	}
	return -1;
}

function segmentEnd(text: string, start: number): number {
	const nextAmpersand = text.indexOf('&', start);
	const plainEnd = nextAmpersand === -1 ? text.length : nextAmpersand;
	const equals = text.indexOf('=', start);
	if (equals === -1 || equals > plainEnd) return plainEnd;
	const spec = COMMANDS_BY_KEY.get(text.slice(start, equals).toLowerCase());
	const opening = NESTED_REQUEST_START.exec(text.slice(equals + 1));
	if (!spec?.takesNestedRequest || !opening) return plainEnd;
	const groupEnd = endOfBracketGroup(text, equals + opening[0].length);
	// An unclosed group falls back to plain splitting; the value check then reports it.
	if (groupEnd === -1) return plainEnd;
	const afterGroup = text.indexOf('&', groupEnd);
	return afterGroup === -1 ? text.length : afterGroup;
}

export function splitSegments(modifier: string): string[] {
	const segments: string[] = [];
	let start = 0;
	for (;;) {
		const end = segmentEnd(modifier, start);
		segments.push(modifier.slice(start, end));
		if (end >= modifier.length) return segments;
		start = end + 1;
	}
}
