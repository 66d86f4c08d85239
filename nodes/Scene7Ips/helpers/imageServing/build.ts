// Builds modifier strings: the Modifier Builder fields turned into commands, and joining modifier parts.

// ---------------------------------------------------------------------------
// Modifier Builder

export type FitMode = 'fit' | 'constrain' | 'crop' | 'wrap' | 'stretch' | 'hfit' | 'vfit';

export interface ModifierBuilderFields {
	width?: number;
	height?: number;
	fit?: FitMode;
	/** Allow scaling above 100 %; adds ",1" to fit= (with fit=fit when no mode is chosen). */
	upscale?: boolean;
	/** x,y,width,height in pixels. */
	crop?: string;
	rotate?: number;
	flip?: 'lr' | 'ud' | 'lrud';
	format?: string;
	quality?: number;
	backgroundColor?: string;
	/** true adds op_sharpen=1. */
	sharpen?: boolean;
	/** amount[,radius[,threshold[,monochrome]]] for op_usm=. */
	unsharpMask?: string;
	brightness?: number;
	contrast?: number;
	saturation?: number;
}

/** Fractions are rounded to 6 decimals so that tiny values never print in exponent notation. */
function formatNumber(value: number): string {
	if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
	return String(Number(value.toFixed(6)));
}

/** %xx-encodes a typed value, keeping ',' (value separator) and '$' (variable references) readable. */
function encodeValue(value: string): string {
	return encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%24/g, '$');
}

function cleanText(value: string | undefined): string {
	return (value ?? '').trim().replace(/\s*,\s*/g, ',');
}

/**
 * Turns the Modifier Builder fields into a modifier string with documented command names in a fixed
 * order. Values are written as given; out-of-range numbers are left for validateUrlModifier to report.
 */
export function buildUrlModifier(fields: ModifierBuilderFields): string {
	const commands: string[] = [];
	const addNumber = (name: string, value: number | undefined) => {
		if (value !== undefined && value !== null) commands.push(`${name}=${formatNumber(value)}`);
	};
	const addText = (name: string, value: string) => {
		if (value !== '') commands.push(`${name}=${encodeValue(value)}`);
	};

	addNumber('wid', fields.width);
	addNumber('hei', fields.height);
	if (fields.fit || fields.upscale) {
		commands.push(`fit=${fields.fit ?? 'fit'}${fields.upscale ? ',1' : ''}`);
	}
	addText('crop', cleanText(fields.crop));
	addNumber('rotate', fields.rotate);
	if (fields.flip) commands.push(`flip=${fields.flip}`);
	addNumber('op_brightness', fields.brightness);
	addNumber('op_contrast', fields.contrast);
	addNumber('op_saturation', fields.saturation);
	if (fields.sharpen) commands.push('op_sharpen=1');
	addText('op_usm', cleanText(fields.unsharpMask));
	// '#' is the usual way to write a hex color, but Image Serving takes the digits alone.
	addText('bgc', cleanText(fields.backgroundColor).replace(/^#/, ''));
	addText('fmt', cleanText(fields.format));
	addNumber('qlt', fields.quality);
	return commands.join('&');
}

/** Joins modifier strings with '&', skipping empty parts and stray leading, trailing or doubled '&'. */
export function joinUrlModifiers(...parts: string[]): string {
	return parts
		.map((part) =>
			(part ?? '')
				.trim()
				.replace(/&{2,}/g, '&')
				.replace(/^&+|&+$/g, ''),
		)
		.filter((part) => part !== '')
		.join('&');
}
