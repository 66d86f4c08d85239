// Word helpers for the messages of the Image Serving checks: listing the allowed words, matching a
// keyword case-insensitively and suggesting the closest known word for a typo.

export function listWords(words: readonly string[]): string {
	if (words.length <= 1) return words.join('');
	return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
			current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
		}
		previous = current;
	}
	return previous[b.length];
}

/** The closest candidate within a small edit distance, to suggest a fix for a typo. */
function closestMatch(word: string, candidates: readonly string[]): string | undefined {
	const lower = word.toLowerCase();
	// Guessing from one or two characters would mostly be noise.
	if (lower.length < 3) return undefined;
	const allowed = lower.length === 3 ? 1 : 2;
	let best: string | undefined;
	let bestDistance = allowed + 1;
	for (const candidate of candidates) {
		const distance = editDistance(lower, candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}

export function didYouMean(word: string, candidates: readonly string[]): string {
	const suggestion = closestMatch(word, candidates);
	return suggestion ? ` (did you mean ${suggestion}?)` : '';
}

export function isOneOf(value: string, allowed: readonly string[]): boolean {
	return allowed.includes(value.toLowerCase());
}
