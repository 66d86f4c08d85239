// Checks an Image Serving modifier string segment by segment (syntax, known commands, encoding and
// each command's value) and lists the issues found, each marked certain or doubtful.

import { COMMAND_NAMES, COMMANDS_BY_KEY } from './commands';
import { passesLeniently } from './numbers';
import { CLOSERS, endOfBracketGroup, NESTED_REQUEST_START, splitSegments } from './segments';
import { didYouMean } from './words';

export type ModifierIssueKind = 'syntax' | 'unknownCommand' | 'invalidValue' | 'encoding';

export interface ModifierIssue {
	kind: ModifierIssueKind;
	/**
	 * true when the check is sure Scene7 cannot mean this (bad syntax, a value that breaks the
	 * documented rule in a way no documented example does); false for what the check cannot judge:
	 * unknown commands, and values that only differ from the documented syntax in ways Adobe's own
	 * examples do (a fraction where a whole number is documented, true/false for 0/1, an empty value).
	 */
	certain: boolean;
	/** Documented spelling for known commands, as written otherwise; '' for empty segments. */
	command: string;
	/** The offending segment exactly as written. */
	segment: string;
	message: string;
}

const VARIABLE_REFERENCE = /\$[A-Za-z0-9._-]+\$/;
const NAME_CHARS = /^[A-Za-z0-9._-]+$/;
const COMMAND_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const MAX_SHOWN_SEGMENT = 80;

// ---------------------------------------------------------------------------
// Validation

function shown(segment: string): string {
	return segment.length > MAX_SHOWN_SEGMENT
		? `${segment.slice(0, MAX_SHOWN_SEGMENT - 1)}…`
		: segment;
}

function makeIssue(
	kind: ModifierIssueKind,
	command: string,
	segment: string,
	problem: string,
	certain = kind !== 'unknownCommand',
): ModifierIssue {
	return { kind, command, segment, certain, message: `\`${shown(segment)}\`: ${problem}` };
}

/** %xx decoding with ISO-Latin code points, which is what the server applies to values. */
function percentDecode(value: string): string {
	return value.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
		String.fromCharCode(parseInt(hex, 16)),
	);
}

function encodingProblem(value: string, allowRawDelimiters: boolean): string | undefined {
	const badPercent = value.search(/%(?![0-9A-Fa-f]{2})/);
	if (badPercent !== -1) {
		return `'%' must start a %xx code with two hex digits; write a literal '%' as %25`;
	}
	for (const char of value) {
		const code = char.charCodeAt(0);
		if (code < 0x20 || code === 0x7f) {
			return 'control characters such as tabs and line breaks must be %xx-encoded or removed';
		}
		if (char === '<' || char === '>') {
			return `'${char}' must be %xx-encoded as ${char === '<' ? '%3C' : '%3E'}`;
		}
	}
	// Nested requests keep their own '=' (and '&') unencoded.
	if (!allowRawDelimiters && value.includes('=')) {
		return `'=' inside a value must be %xx-encoded as %3D`;
	}
	return undefined;
}

function validateVariableDefinition(segment: string): ModifierIssue | undefined {
	const equals = segment.indexOf('=');
	const name = segment.slice(1, equals);
	if (!NAME_CHARS.test(name)) {
		return makeIssue(
			'syntax',
			segment.slice(0, equals),
			segment,
			'variable names may contain only letters, digits, ., _ and -',
		);
	}
	const problem = encodingProblem(segment.slice(equals + 1), false);
	return problem ? makeIssue('encoding', `$${name}`, segment, problem) : undefined;
}

function validateDollarSegment(segment: string): ModifierIssue | undefined {
	if (segment.includes('=')) return validateVariableDefinition(segment);
	if (segment.length > 2 && segment.endsWith('$') && NAME_CHARS.test(segment.slice(1, -1))) {
		return undefined;
	}
	return makeIssue(
		'syntax',
		segment,
		segment,
		'a macro is written $name$ and a variable definition $name=value, with names made of letters, digits, ., _ and -',
	);
}

function nestedImageServingModifiers(value: string): string | undefined {
	const match = /^is([{(])/i.exec(value);
	if (!match || !value.endsWith(CLOSERS[match[1]])) return undefined;
	const request = value.slice(3, -1);
	const query = request.indexOf('?');
	return query === -1 ? undefined : request.slice(query + 1);
}

function validateCommand(segment: string): ModifierIssue[] {
	const equals = segment.indexOf('=');
	const written = equals === -1 ? segment : segment.slice(0, equals);
	if (written === '') {
		return [makeIssue('syntax', '', segment, "the command name before '=' is missing")];
	}
	if (!COMMAND_NAME.test(written)) {
		const trimmed = written.trim();
		const hint = COMMAND_NAME.test(trimmed)
			? 'remove the spaces around the command name'
			: 'a command is written name=value, with a name made of letters, digits and _';
		return [
			makeIssue(
				'syntax',
				COMMANDS_BY_KEY.get(trimmed.toLowerCase())?.name ?? trimmed,
				segment,
				hint,
			),
		];
	}
	const spec = COMMANDS_BY_KEY.get(written.toLowerCase());
	if (!spec) {
		const issues = [
			makeIssue(
				'unknownCommand',
				written,
				segment,
				`unknown Image Serving command '${written}'${didYouMean(written, COMMAND_NAMES)}`,
			),
		];
		// Reported on its own, but not certain: the check does not know how this command reads its value.
		const encoding = equals === -1 ? undefined : encodingProblem(segment.slice(equals + 1), false);
		if (encoding) issues.push(makeIssue('encoding', written, segment, encoding, false));
		return issues;
	}
	if (equals === -1) {
		if (spec.mayOmitValue) return [];
		return [
			makeIssue(
				'syntax',
				spec.name,
				segment,
				`${spec.name} needs a value, written ${spec.name}=value`,
			),
		];
	}
	const rawValue = segment.slice(equals + 1);
	const isNested = Boolean(spec.takesNestedRequest) && NESTED_REQUEST_START.test(rawValue);
	const encoding = encodingProblem(rawValue, isNested);
	if (encoding) return [makeIssue('encoding', spec.name, segment, encoding)];
	if (isNested) return validateNestedRequest(spec.name, segment, rawValue);
	if (VARIABLE_REFERENCE.test(rawValue)) {
		if (spec.noVariables) {
			return [
				makeIssue(
					'invalidValue',
					spec.name,
					segment,
					`variables ($name$) cannot be used in ${spec.name}=`,
				),
			];
		}
		// The value is only known once the server substitutes the variable.
		return [];
	}
	if (!spec.check) return [];
	if (rawValue === '') {
		// Adobe's own example req=&locale=ja leaves a value empty; the server may take the default.
		return [
			makeIssue('invalidValue', spec.name, segment, `a value is needed after '${spec.name}='`, false),
		];
	}
	const value = percentDecode(rawValue);
	if (value !== value.trim() && value.trim() !== '') {
		return [makeIssue('invalidValue', spec.name, segment, 'remove the spaces around the value')];
	}
	const problem = spec.check(value);
	if (!problem) return [];
	return [makeIssue('invalidValue', spec.name, segment, problem, !passesLeniently(spec.check, value))];
}

function validateNestedRequest(command: string, segment: string, value: string): ModifierIssue[] {
	const bracket = value.search(/[{(]/);
	if (endOfBracketGroup(value, bracket) === -1) {
		return [
			makeIssue(
				'syntax',
				command,
				segment,
				`the nested request's brackets do not match; close each '{' with '}' and each '(' with ')'`,
			),
		];
	}
	const innerModifiers = nestedImageServingModifiers(value);
	if (innerModifiers === undefined) return [];
	// Typos inside a nested Image Serving request are as fatal as outside it.
	return validateUrlModifier(innerModifiers).map((inner) => ({
		...inner,
		message: `${inner.message} (in the nested request of ${command}=)`,
	}));
}

function emptySegmentIssue(segments: string[], first: number, last: number): ModifierIssue {
	const before = first > 0 ? segments[first - 1] : undefined;
	const after = last < segments.length - 1 ? segments[last + 1] : undefined;
	// A run of n empty segments touches n + 1 separators inside the string, one fewer at each end.
	const emptyCount = last - first + 1;
	const separators = '&'.repeat(
		emptyCount + 1 - (before === undefined ? 1 : 0) - (after === undefined ? 1 : 0),
	);
	const context = `${before ?? ''}${separators}${after ?? ''}`;
	let problem = "an empty command between '&' separators; remove the extra '&'";
	if (before === undefined && after === undefined) {
		problem = "there are only '&' separators and no commands";
	} else if (before === undefined) {
		problem = "starts with '&'; remove the leading '&'";
	} else if (after === undefined) {
		problem = "ends with '&'; remove the trailing '&'";
	}
	return {
		kind: 'syntax',
		command: '',
		segment: '',
		certain: true,
		message: `\`${shown(context)}\`: ${problem}`,
	};
}

/**
 * Checks an Image Serving modifier string (`cmd=value&cmd=value…`) and lists every problem found.
 * An empty list means the string is well-formed; '' is valid.
 */
export function validateUrlModifier(modifier: string): ModifierIssue[] {
	if (modifier === '') return [];
	const segments = splitSegments(modifier);
	const issues: ModifierIssue[] = [];
	for (let index = 0; index < segments.length; index++) {
		const segment = segments[index];
		if (segment === '') {
			let last = index;
			while (last + 1 < segments.length && segments[last + 1] === '') last++;
			issues.push(emptySegmentIssue(segments, index, last));
			index = last;
		} else if (segment.startsWith('$')) {
			const issue = validateDollarSegment(segment);
			if (issue) issues.push(issue);
		} else if (!segment.startsWith('.')) {
			// Segments starting with '.' are comments, which the server ignores.
			issues.push(...validateCommand(segment));
		}
	}
	return issues;
}
