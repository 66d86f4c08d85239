// Value checks the command table references: builders for common shapes (one number, a list of
// numbers, a keyword, a 0|1 flag, a rectangle) and the checks specific to one command. Colors,
// formats and request types have their own files.

import { parseColor } from './colors';
import { describeNumber, INTEGER, matchesNumber, type NumberRule } from './numbers';
import { didYouMean, isOneOf, listWords } from './words';

/** Returns what is wrong with a (decoded) value, or undefined when it is fine. */
export type ValueCheck = (value: string) => string | undefined;

// ---------------------------------------------------------------------------
// Value check builders

export function singleNumber(label: string, rule: NumberRule): ValueCheck {
	return (value) =>
		matchesNumber(value, rule) ? undefined : `${label} must be ${describeNumber(rule)}`;
}

const COUNT_WORDS = ['zero', 'one', 'two', 'three', 'four'];

/** A fixed number of comma-separated numbers, such as x,y or left,top,right,bottom. */
export function numberList(label: string, parts: string, rule: NumberRule, example: string): ValueCheck {
	const count = parts.split(',').length;
	const kind = rule.integer ? 'whole numbers' : 'numbers';
	return (value) => {
		const items = value.split(',');
		if (items.length === count && items.every((item) => matchesNumber(item, rule))) {
			return undefined;
		}
		return `${label} must be ${COUNT_WORDS[count]} ${kind} ${parts}, e.g. ${example}`;
	};
}

export function keyword(label: string, allowed: readonly string[]): ValueCheck {
	return (value) =>
		allowed.some((word) => word.toLowerCase() === value.toLowerCase())
			? undefined
			: `unknown ${label} '${value}'${didYouMean(value, allowed)}; use ${listWords(allowed)}`;
}

export function flag(label: string): ValueCheck {
	return (value) => (value === '0' || value === '1' ? undefined : `${label} must be 0 or 1`);
}

// ---------------------------------------------------------------------------
// Command-specific checks

const FIT_MODES = ['fit', 'constrain', 'crop', 'wrap', 'stretch', 'hfit', 'vfit'];

export function checkFit(value: string): string | undefined {
	const [mode, upscale, ...extra] = value.split(',');
	if (!isOneOf(mode, FIT_MODES)) return `unknown fit mode '${mode}'; use ${listWords(FIT_MODES)}`;
	if (upscale !== undefined && upscale !== '0' && upscale !== '1') {
		return 'the upscale flag after the fit mode must be 0 or 1';
	}
	if (extra.length > 0) return 'fit takes a mode and an optional upscale flag, e.g. fit=crop,1';
	return undefined;
}

/** x,y,width,height where the offset may be negative but the size must be positive. */
export function rectangle(
	label: string,
	integer: boolean,
	allowScale: boolean,
	example: string,
): ValueCheck {
	const offsetRule: NumberRule = { integer };
	const sizeRule: NumberRule = { integer, above: 0 };
	const kind = integer ? 'whole numbers' : 'numbers';
	return (value) => {
		const items = value.split(',');
		const scale = allowScale && items.length === 5 ? items.pop() : undefined;
		const shapeOk =
			items.length === 4 &&
			matchesNumber(items[0], offsetRule) &&
			matchesNumber(items[1], offsetRule) &&
			matchesNumber(items[2], sizeRule) &&
			matchesNumber(items[3], sizeRule);
		if (!shapeOk) {
			const scalePart = allowScale ? ' and an optional scale' : '';
			return `${label} must be four ${kind} x,y,width,height with width and height greater than 0${scalePart}, e.g. ${example}`;
		}
		if (scale !== undefined && !matchesNumber(scale, { integer: false, above: 0 })) {
			return `the scale after ${label} must be a number greater than 0`;
		}
		return undefined;
	};
}

export function checkQuality(value: string): string | undefined {
	const [quality, chroma, ...extra] = value.split(',');
	const qualityOk = matchesNumber(quality, { integer: true, min: 1, max: 100 });
	const chromaOk = chroma === undefined || chroma === '0' || chroma === '1';
	if (!qualityOk || extra.length > 0) {
		return 'quality must be 1-100, optionally followed by ,1 to turn off chroma downsampling';
	}
	if (!chromaOk) return 'the chroma flag after the quality must be 0 or 1';
	return undefined;
}

export function checkColorize(value: string): string | undefined {
	const items = value.split(',');
	// An RGB color is itself comma-separated, so find the optional off|norm keyword first.
	const keywordIndex = items.findIndex((item) => isOneOf(item, ['off', 'norm']));
	const colorItems = keywordIndex === -1 ? items : items.slice(0, keywordIndex);
	const rest = keywordIndex === -1 ? [] : items.slice(keywordIndex + 1);
	const color = parseColor(colorItems.join(','));
	if ('problem' in color) return color.problem;
	if (color.kind !== 'rgb') return `op_colorize needs an RGB color, not a ${color.kind} color`;
	if (rest.length > 1) return 'op_colorize takes color[,off|norm[,contrast]]';
	if (rest.length === 1 && !matchesNumber(rest[0], { integer: false, min: 0, max: 100 })) {
		return 'the contrast after op_colorize must be a number from 0 to 100';
	}
	return undefined;
}

export function checkUnsharpMask(value: string): string | undefined {
	const items = value.split(',');
	const rules: Array<[string, NumberRule]> = [
		['amount', { integer: false, min: 0, max: 5 }],
		['radius', { integer: false, min: 0, max: 250 }],
		['threshold', { integer: true, min: 0, max: 255 }],
		['monochrome flag', { integer: true, min: 0, max: 1 }],
	];
	if (items.length > rules.length) {
		return 'unsharp mask takes amount[,radius[,threshold[,monochrome]]]';
	}
	for (let index = 0; index < items.length; index++) {
		const [label, rule] = rules[index];
		if (!matchesNumber(items[index], rule)) {
			return `unsharp mask ${label} must be ${describeNumber(rule)}`;
		}
	}
	return undefined;
}

export function checkNoise(value: string): string | undefined {
	const [amount, distribution, monochrome, ...extra] = value.split(',');
	if (!matchesNumber(amount, { integer: true, min: 0, max: 100 }) || extra.length > 0) {
		return 'noise must be a whole number from 0 to 100, optionally followed by ,uniform or ,gaussian and ,0 or ,1';
	}
	if (distribution !== undefined && !isOneOf(distribution, ['uniform', 'gaussian'])) {
		return `unknown noise distribution '${distribution}'; use uniform or gaussian`;
	}
	if (monochrome !== undefined && monochrome !== '0' && monochrome !== '1') {
		return 'the monochrome flag after the noise distribution must be 0 or 1';
	}
	return undefined;
}

const QUANTIZE_PALETTES = ['adaptive', 'web', 'mac'];

export function checkQuantize(value: string): string | undefined {
	const [palette, dither, colorCount, ...colors] = value.split(',');
	if (!isOneOf(palette, QUANTIZE_PALETTES)) {
		return `unknown palette '${palette}'; use ${listWords(QUANTIZE_PALETTES)}`;
	}
	if (dither !== undefined && !isOneOf(dither, ['diffuse', 'off'])) {
		return `unknown dither mode '${dither}'; use diffuse or off`;
	}
	if (colorCount !== undefined && !matchesNumber(colorCount, { integer: true, min: 2, max: 256 })) {
		return 'the number of colors must be a whole number from 2 to 256';
	}
	const badColor = colors.find((color) => !/^[0-9a-f]{6}$/i.test(color));
	if (badColor !== undefined) {
		return `forced color '${badColor}' must be 6 hex digits rrggbb without 0x`;
	}
	return undefined;
}

export function checkOpacity(value: string): string | undefined {
	const items = value.split(',');
	const rule: NumberRule = { integer: true, min: 0, max: 100 };
	if (items.length <= 2 && items.every((item) => matchesNumber(item, rule))) return undefined;
	return 'opacity must be a whole number from 0 to 100, optionally followed by a fill opacity 0-100';
}

export function checkDevicePixelRatio(value: string): string | undefined {
	if (value.toLowerCase() === 'off') return undefined;
	const [mode, ratio, ...extra] = value.split(',');
	if (mode.toLowerCase() === 'on' && ratio !== undefined && extra.length === 0) {
		if (matchesNumber(ratio, { integer: false, above: 0 })) return undefined;
		return 'the device pixel ratio after on must be a number greater than 0';
	}
	return 'use dpr=off or dpr=on,<ratio>, e.g. dpr=on,2';
}

const CACHE_MODES = ['on', 'off', 'validate', 'update'];

export function checkCache(value: string): string | undefined {
	const items = value.split(',');
	if (items.length === 1 && isOneOf(items[0], CACHE_MODES)) return undefined;
	if (items.length === 2 && items.every((item) => isOneOf(item, ['on', 'off']))) return undefined;
	return `use cache=${CACHE_MODES.join('|')} or cache=on|off,on|off (client,server)`;
}

export function checkLayer(value: string): string | undefined {
	const items = value.split(',');
	const [selector, name] = items;
	if (INTEGER.test(selector) || selector.toLowerCase() === 'comp') {
		if (Number(selector) < 0) return 'the layer number must be 0 or greater';
		if (items.length > 2) {
			return 'layer takes a number or comp and an optional name, e.g. layer=1,logo';
		}
		if (name !== undefined && (name === '' || name.toLowerCase() === 'comp')) {
			return 'the layer name must not be empty or comp';
		}
		return undefined;
	}
	if (items.length > 1 || selector === '') {
		return 'use layer=<number>, layer=comp, layer=<number>,<name> or layer=<name>';
	}
	return undefined;
}

export function checkJsonpHandler(value: string): string | undefined {
	return /^[A-Za-z0-9]+$/.test(value)
		? undefined
		: 'the handler name may contain only letters and digits';
}
