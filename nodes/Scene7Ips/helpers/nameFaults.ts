/** What the transport reads from a Scene7 SOAP fault (see transport/faults.ts). */
export interface IpsFaultInfo {
	/** The fault element: ipsApiFault, authenticationFault, authorizationFault, or another name. */
	type: string;
	code?: number;
	reason?: string;
}

export interface NameFaultExplanation {
	message: string;
	description: string;
}

// Letters and digits of any script, spaces and the characters common in file names; anything else
// is listed in the description as a possible cause. A guess only: no source lists what Scene7
// refuses in names.
const ORDINARY_NAME_CHARACTER = /[\p{L}\p{N}\p{M} ._-]/u;

/** The distinct characters of `name` outside letters, digits, spaces and . _ -, in order. */
export function unusualCharacters(name: string): string[] {
	const found: string[] = [];
	for (const char of name) {
		if (!ORDINARY_NAME_CHARACTER.test(char) && !found.includes(char)) found.push(char);
	}
	return found;
}

// Characters that would be invisible or unreadable between quotes are shown by code point.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}]/u;

function shownCharacter(char: string): string {
	if (!INVISIBLE.test(char)) return `'${char}'`;
	return `U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Whether a Scene7 fault is probably about the asset name sent: an ipsApiFault whose reason quotes
 * the name or speaks of a name or an ID. This is an assumption (Scene7's reasons are free text;
 * the only documented example is "Asset ID 'katlynf' is already in use."), so callers should use
 * it only to choose the wording of the error, never to decide whether to retry.
 */
export function faultConcernsName(fault: IpsFaultInfo, name: string): boolean {
	if (fault.type !== 'ipsApiFault' || !fault.reason) return false;
	const reason = fault.reason.toLowerCase();
	return (name !== '' && reason.includes(name.toLowerCase())) || /\b(?:name|id)\b/.test(reason);
}

/**
 * The error for a Scene7 fault about the name in `field`: says in words that Scene7 refused the
 * name, quotes Scene7's reason and code, and names the field and the item. `name` is the name that
 * was sent; its unusual characters are listed as a possible cause, worded as a guess.
 */
export function describeNameFault(
	fault: IpsFaultInfo,
	field: string,
	itemIndex: number,
	name?: string,
): NameFaultExplanation {
	const code = fault.code === undefined ? '' : ` (${fault.code})`;
	const reason = fault.reason ? `: ${fault.reason}` : '';
	const sent = name === undefined ? 'the name' : `the name '${name}'`;
	const unusual = name === undefined ? [] : unusualCharacters(name);
	const hint =
		unusual.length === 0
			? ''
			: ` If the reason is about characters, these may be the cause: ${unusual.map(shownCharacter).join(' ')}` +
				' (the node sends them exactly as written; which characters Scene7 accepts in names is not documented).';
	return {
		message: `Scene7 refused ${sent} in ${field}${reason}${code} [item ${itemIndex}]`,
		description: `Change ${field} for item ${itemIndex} and run the node again.${hint}`,
	};
}
