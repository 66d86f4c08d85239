// The Image Serving command table as data: every command the validator knows, with its value check
// and how its value may be written. Syntax and value rules: Image Serving HTTP protocol reference,
// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-serving-api/image-serving-api/http-protocol-reference/command-reference/c-command-reference.html

import { colorCheck } from './colors';
import { checkFormat } from './formats';
import type { NumberRule } from './numbers';
import { checkRequest } from './requestTypes';
import {
	checkCache,
	checkColorize,
	checkDevicePixelRatio,
	checkFit,
	checkJsonpHandler,
	checkLayer,
	checkNoise,
	checkOpacity,
	checkQuality,
	checkQuantize,
	checkUnsharpMask,
	flag,
	keyword,
	numberList,
	rectangle,
	singleNumber,
	type ValueCheck,
} from './valueChecks';

interface CommandSpec {
	name: string;
	check?: ValueCheck;
	/** The command may be written without '=' (an empty value is meaningful). */
	mayOmitValue?: boolean;
	/** The server does not substitute $var$ references in this command. */
	noVariables?: boolean;
	/** The value may be a nested request in {} or (), whose '&', '=' and '?' stay unencoded. */
	takesNestedRequest?: boolean;
}

const SIZE_RULE: NumberRule = { integer: true, above: 0 };
const ADJUSTMENT: NumberRule = { integer: true, min: -100, max: 100 };

// ---------------------------------------------------------------------------
// The command table

const COMMANDS: CommandSpec[] = [
	// View
	{ name: 'wid', check: singleNumber('width', SIZE_RULE) },
	{ name: 'hei', check: singleNumber('height', SIZE_RULE) },
	{ name: 'scl', check: singleNumber('view scale', { integer: false, above: 0 }) },
	{ name: 'fit', check: checkFit },
	{
		name: 'align',
		check: numberList(
			'alignment',
			'horizontal,vertical',
			{ integer: false, min: -1, max: 1 },
			'align=-1,-1',
		),
	},
	{ name: 'rect', check: rectangle('rect', true, true, 'rect=0,0,2000,600') },
	{ name: 'rgn', check: rectangle('rgn', true, false, 'rgn=0,0,500,500') },
	{ name: 'bgc', check: colorCheck },
	{ name: 'dpr', check: checkDevicePixelRatio },
	{ name: 'network', check: keyword('network setting', ['on', 'off']) },
	{ name: 'bfc', check: keyword('browser format conversion setting', ['on', 'off']) },
	// Source image
	{ name: 'crop', check: rectangle('crop', true, false, 'crop=0,0,500,500') },
	{ name: 'cropN', check: rectangle('cropN', false, false, 'cropN=0.1,0,0.8,1') },
	{ name: 'cropPathE' },
	{ name: 'anchor', check: numberList('anchor', 'x,y', { integer: true }, 'anchor=0,0') },
	{ name: 'anchorN', check: numberList('anchorN', 'x,y', { integer: false }, 'anchorN=-0.5,-0.5') },
	{ name: 'scale', check: singleNumber('source scale', { integer: false, above: 0 }) },
	{ name: 'res' },
	{ name: 'mask', takesNestedRequest: true },
	{ name: 'maskUse', check: keyword('mask use', ['norm', 'invert', 'off']) },
	// Layers and composition
	{ name: 'layer', check: checkLayer, noVariables: true },
	{
		name: 'effect',
		check: singleNumber('effect layer', { integer: true, nonZero: true }),
		noVariables: true,
	},
	{ name: 'effectMask', check: flag('effectMask') },
	{ name: 'src', takesNestedRequest: true },
	{
		name: 'size',
		check: numberList('size', 'width,height', { integer: true, min: 0 }, 'size=200,200'),
	},
	{
		name: 'sizeN',
		check: numberList('sizeN', 'width,height', { integer: false, min: 0, max: 1 }, 'sizeN=0.9,0.9'),
	},
	{ name: 'pos', check: numberList('position', 'x,y', { integer: true }, 'pos=10,10') },
	{ name: 'posN', check: numberList('posN', 'x,y', { integer: false }, 'posN=0.5,0') },
	{ name: 'origin', check: numberList('origin', 'x,y', { integer: true }, 'origin=0,0') },
	{ name: 'originN', check: numberList('originN', 'x,y', { integer: false }, 'originN=-0.5,-0.5') },
	{
		name: 'extend',
		check: numberList('extend', 'left,top,right,bottom', { integer: true }, 'extend=5,5,5,5'),
	},
	{
		name: 'extendN',
		check: numberList('extendN', 'left,top,right,bottom', { integer: false }, 'extendN=0,0.1,0,0'),
	},
	{ name: 'color', check: colorCheck },
	{ name: 'bgColor', check: colorCheck },
	{ name: 'opac', check: checkOpacity },
	{
		name: 'blendMode',
		check: keyword('blend mode', ['norm', 'dissolve', 'lighten', 'darken', 'mult', 'screen']),
	},
	{ name: 'hide', check: flag('hide') },
	{ name: 'map', mayOmitValue: true },
	{ name: 'mapA', mayOmitValue: true },
	{ name: 'clipPath' },
	{ name: 'clipPathE' },
	{ name: 'clipXPath' },
	{ name: 'clipXPathE' },
	{ name: 'perspective' },
	{ name: 'perspectiveN' },
	{ name: 'template' },
	// Transforms
	{ name: 'rotate', check: singleNumber('rotation', { integer: false }) },
	{ name: 'flip', check: keyword('flip direction', ['lr', 'ud', 'lrud']) },
	// Adjustments
	{ name: 'op_brightness', check: singleNumber('brightness', ADJUSTMENT) },
	{ name: 'op_contrast', check: singleNumber('contrast', ADJUSTMENT) },
	{ name: 'op_saturation', check: singleNumber('saturation', ADJUSTMENT) },
	{ name: 'op_hue', check: singleNumber('hue', { integer: true, min: -180, max: 180 }) },
	{
		name: 'op_colorbalance',
		check: numberList('color balance', 'red,green,blue', ADJUSTMENT, 'op_colorbalance=100,0,0'),
	},
	{ name: 'op_colorize', check: checkColorize },
	{ name: 'op_invert', check: flag('op_invert') },
	{ name: 'op_sharpen', check: flag('op_sharpen') },
	{ name: 'op_usm', check: checkUnsharpMask },
	{ name: 'op_usmR', check: checkUnsharpMask },
	{ name: 'op_blur', check: singleNumber('blur radius', { integer: false, min: 0, max: 100 }) },
	{ name: 'op_noise', check: checkNoise },
	{ name: 'op_grow', check: singleNumber('grow radius', ADJUSTMENT) },
	{ name: 'op_growMask', check: singleNumber('mask grow radius', ADJUSTMENT) },
	{ name: 'op_growMaskR', check: singleNumber('mask grow radius', ADJUSTMENT) },
	// Output
	{ name: 'fmt', check: checkFormat },
	{ name: 'qlt', check: checkQuality },
	{ name: 'quantize', check: checkQuantize },
	{ name: 'jpegSize', check: singleNumber('JPEG size limit (kB)', { integer: true, min: 0 }) },
	{ name: 'pscan', check: keyword('progressive scan count', ['auto', '3', '4', '5']) },
	// 'sharp' is the older name of sharp2; the docs still use it in an example.
	{
		name: 'resMode',
		check: keyword('resampling mode', ['bilin', 'bicub', 'sharp2', 'bisharp', 'sharp']),
	},
	{ name: 'icc' },
	{ name: 'iccEmbed', check: flag('iccEmbed') },
	{ name: 'pathEmbed', check: flag('pathEmbed') },
	{ name: 'xmpEmbed', check: flag('xmpEmbed') },
	{ name: 'printRes' },
	// Request
	{ name: 'req', check: checkRequest },
	{ name: 'cache', check: checkCache },
	{ name: 'defaultImage', mayOmitValue: true },
	{ name: 'id' },
	{ name: 'imageSet', takesNestedRequest: true },
	{ name: 'locale', mayOmitValue: true },
	{ name: 'type', mayOmitValue: true },
	// Companions of req= (json handler, message text, saveToFile target and timeout)
	{ name: 'handler', check: checkJsonpHandler },
	{ name: 'message' },
	{ name: 'name' },
	{ name: 'timeout' },
	// Text
	{ name: 'text' },
	{ name: 'textPs' },
	{ name: 'textAngle' },
	{ name: 'textAttr' },
	{ name: 'textPath' },
	{ name: 'textFlowPath', mayOmitValue: true },
	{ name: 'textFlowXPath', mayOmitValue: true },
	{ name: 'pathAttr' },
];

export const COMMANDS_BY_KEY = new Map(COMMANDS.map((spec) => [spec.name.toLowerCase(), spec]));
export const COMMAND_NAMES = COMMANDS.map((spec) => spec.name);

/** Documented spellings of every command the validator knows, in reference order. */
export const IMAGE_SERVING_COMMANDS: readonly string[] = COMMAND_NAMES;

export function isKnownImageServingCommand(name: string): boolean {
	return COMMANDS_BY_KEY.has(name.toLowerCase());
}
