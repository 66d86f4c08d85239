// Parses and checks Image Serving color values (gray, RGB, CMYK, hex), for bgc=, color= and op_colorize=.

// ---------------------------------------------------------------------------
// Colors: {gray[,alpha][g] | r,g,b[,a][r] | c,m,y,k[,a]k | 0x{hex2|hex4}[g] | [0x]{hex6|hex8}[r] | [0x]{hex8|hex10}k}[s]

type ColorKind = 'gray' | 'rgb' | 'cmyk';
type ColorResult = { kind: ColorKind } | { problem: string };

const HEX = /^[0-9a-f]+$/;
const COLOR_FORMS = 'use r,g,b (0-255), a gray level 0-100, c,m,y,k followed by k, or hex rrggbb';

function parseHexColor(
	hex: string,
	suffix: string,
	hasPrefix: boolean,
	written: string,
): ColorResult {
	const length = hex.length;
	if ((length === 2 || length === 4) && hasPrefix && (suffix === '' || suffix === 'g')) {
		return { kind: 'gray' };
	}
	if ((length === 6 || length === 8) && (suffix === '' || suffix === 'r')) return { kind: 'rgb' };
	if ((length === 8 || length === 10) && suffix === 'k') return { kind: 'cmyk' };
	return {
		problem: `'${written}' is not a valid hex color; use rrggbb or rrggbbaa, ccmmyykk followed by k, or 0x followed by 2 or 4 hex digits for gray`,
	};
}

export function parseColor(written: string): ColorResult {
	if (written === '') return { problem: `the color is empty; ${COLOR_FORMS}` };
	if (written.startsWith('#')) {
		return { problem: `write hex colors without '#', e.g. ${written.slice(1) || 'ffffff'}` };
	}
	let text = written.toLowerCase();
	// 's' marks the source color space; it never changes what the rest means.
	if (text.endsWith('s')) text = text.slice(0, -1);
	let suffix = '';
	if (/[grk]$/.test(text)) {
		suffix = text.slice(-1);
		text = text.slice(0, -1);
	}
	if (text.startsWith('0x')) {
		const hex = text.slice(2);
		if (!HEX.test(hex)) return { problem: `'${written}' is not a valid hex color; ${COLOR_FORMS}` };
		return parseHexColor(hex, suffix, true, written);
	}
	if (!text.includes(',') && HEX.test(text) && text.length >= 6) {
		return parseHexColor(text, suffix, false, written);
	}
	const components = text.split(',');
	if (!components.every((component) => /^\d+$/.test(component))) {
		return { problem: `'${written}' is not a color; ${COLOR_FORMS}` };
	}
	const values = components.map(Number);
	const count = values.length;
	if (suffix === 'k') {
		if (count !== 4 && count !== 5) {
			return { problem: 'a CMYK color needs 4 values (c,m,y,k) or 5 with alpha, then k' };
		}
		if (values.some((value) => value > 100)) {
			return { problem: 'CMYK color values must be 0-100 (percent)' };
		}
		return { kind: 'cmyk' };
	}
	if (suffix === 'g' || (suffix === '' && count <= 2)) {
		if (count > 2) return { problem: 'a gray color takes a gray level and an optional alpha' };
		if (values.some((value) => value > 100)) {
			return { problem: 'gray color values must be 0-100 (percent)' };
		}
		return { kind: 'gray' };
	}
	if (count !== 3 && count !== 4) {
		return {
			problem: `'${written}' is not a color; an RGB color needs 3 values (r,g,b) or 4 with alpha`,
		};
	}
	if (values.some((value) => value > 255)) return { problem: 'RGB color values must be 0-255' };
	return { kind: 'rgb' };
}

export function colorCheck(value: string): string | undefined {
	const result = parseColor(value);
	return 'problem' in result ? result.problem : undefined;
}
