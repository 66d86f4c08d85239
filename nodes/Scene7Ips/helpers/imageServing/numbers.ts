// Number rules for Image Serving values (whole or fractional, bounds) and the lenient re-check the
// validator uses to tell a doubtful value from a certain error. The leniency switch lives here, next
// to matchesNumber, because it changes how matchesNumber reads whole numbers.

import type { ValueCheck } from './valueChecks';

export const INTEGER = /^[+-]?\d+$/;
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

export interface NumberRule {
	integer: boolean;
	min?: number;
	max?: number;
	/** Exclusive lower bound. */
	above?: number;
	nonZero?: boolean;
}

// While set, whole-number rules also take fractions: used to tell a doubtful value from a certain error.
let fractionsForWholeNumbers = false;

export function matchesNumber(text: string, rule: NumberRule): boolean {
	if (!(rule.integer && !fractionsForWholeNumbers ? INTEGER : REAL).test(text)) return false;
	const value = Number(text);
	if (rule.min !== undefined && value < rule.min) return false;
	if (rule.max !== undefined && value > rule.max) return false;
	if (rule.above !== undefined && value <= rule.above) return false;
	if (rule.nonZero && value === 0) return false;
	return true;
}

export function describeNumber(rule: NumberRule): string {
	const kind = rule.integer ? 'a whole number' : 'a number';
	if (rule.min !== undefined && rule.max !== undefined) {
		return `${kind} from ${rule.min} to ${rule.max}`;
	}
	if (rule.above !== undefined) return `${kind} greater than ${rule.above}`;
	if (rule.min !== undefined) return `${kind} of ${rule.min} or more`;
	if (rule.nonZero) return `${kind} other than 0`;
	return kind;
}

/** true/false written for a 0|1 flag, as in Adobe's example iccEmbed=true. */
function withFlagWords(value: string): string {
	return value
		.split(',')
		.map((part) => (/^true$/i.test(part) ? '1' : /^false$/i.test(part) ? '0' : part))
		.join(',');
}

/**
 * Whether a value the check refuses would pass with fractions allowed for whole numbers and
 * true/false for 0/1. Adobe's own examples write values that way (origin=-0.5,-0.5 where the
 * syntax says int,int; iccEmbed=true where it says 0|1), so such a value is a doubt, not an error.
 */
export function passesLeniently(check: ValueCheck, value: string): boolean {
	fractionsForWholeNumbers = true;
	try {
		return check(withFlagWords(value)) === undefined;
	} finally {
		fractionsForWholeNumbers = false;
	}
}
