import type { IDataObject, INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers, NodeOperationError } from 'n8n-workflow';

import { modifierBuilder, modifierBuilderCollection } from '../../../nodes/Scene7Ips/actions/image/modifierBuilder.description';
import {
	blockUnknownCommandsOption,
	builderFields,
	checkUrlModifier,
	composeUrlModifier,
	type ItemParameters,
} from '../../../nodes/Scene7Ips/actions/image/urlModifier';
import { NODE as node } from '../../support/executeContext';
import {
	acceptedExamples,
	examplesContradictingSyntax,
	examplesWithUndocumentedCommands,
} from '../fixtures/imageServing-examples';
import { errorOf } from './errorOf';

describe('checkUrlModifier: three outcomes', () => {
	it.each(acceptedExamples.map((example) => example.modifier))('passes %s without warnings', (modifier) => {
		expect(checkUrlModifier(node, modifier, 'URL Modifier', 0)).toEqual([]);
	});

	it.each([...examplesContradictingSyntax, ...examplesWithUndocumentedCommands].map((example) => [example.modifier, example.expectedIssues.length]))(
		'passes the documented example %s, with its doubts as warnings',
		(modifier, count) => {
			const warnings = checkUrlModifier(node, modifier, 'URL Modifier', 0);
			expect(warnings).toHaveLength(count);
			expect(() => checkUrlModifier(node, modifier, 'URL Modifier', 0, { blockUnknown: true })).toThrow(NodeOperationError);
		},
	);

	it('words a warning with the field, the segment and what happens to it', () => {
		expect(checkUrlModifier(node, 'wid=800&colorize=0x306090', 'URL Post-Apply Modifier', 5)).toEqual([
			"URL Post-Apply Modifier: `colorize=0x306090`: unknown Image Serving command 'colorize' (not refused: sent as written)",
		]);
	});

	it.each([
		['qlt=150', '`qlt=150`: quality must be 1-100, optionally followed by ,1 to turn off chroma downsampling'],
		['wid=abc', '`wid=abc`: width must be a whole number greater than 0'],
		['fmt=pngg', "`fmt=pngg`: unknown format 'pngg' (did you mean png?); use one of avif-alpha, avif, eps, f4m, gif-alpha, gif, heic, jpeg, jpeg2000-alpha, jpeg2000, jpegxr-alpha, jpegxr, jpg, m3u8, pdf, pjpeg, png-alpha, png, png8-alpha, png8, swf-alpha, swf, swf3-alpha, swf3, tif-alpha, tif, webp-alpha, webp"],
		['wid=800&&hei=800', "`wid=800&&hei=800`: an empty command between '&' separators; remove the extra '&'"],
	])('blocks the certain error in %s with the message of before', (modifier, message) => {
		const error = errorOf(() => checkUrlModifier(node, modifier, 'URL Modifier', 2));
		expect(error.message).toBe(`URL Modifier is not valid Image Serving syntax: ${message} [item 2]`);
		expect(error.description).toContain(message);
		expect(error.description).toMatch(
			/ Fix the command, or turn off Options > Validate URL Modifier to send commands this check does not know\.$/,
		);
		expect(error.context.itemIndex).toBe(2);
	});

	it('names the first certain error, lists all certain ones and leaves the doubts out of the error', () => {
		const error = errorOf(() => checkUrlModifier(node, 'colorize=1&qlt=150&wdth=2&wid=abc', 'URL Modifier', 0));
		expect(error.message).toBe(
			'URL Modifier is not valid Image Serving syntax: `qlt=150`: quality must be 1-100, optionally followed by ,1 to turn off chroma downsampling [item 0]',
		);
		expect(error.description).toBe(
			'`qlt=150`: quality must be 1-100, optionally followed by ,1 to turn off chroma downsampling ' +
				'`wid=abc`: width must be a whole number greater than 0 ' +
				'Fix the command, or turn off Options > Validate URL Modifier to send commands this check does not know.',
		);
	});

	it('blocks unknown commands too with blockUnknown, saying which option to turn off', () => {
		const error = errorOf(() => checkUrlModifier(node, 'wid=800&qlty=80', 'URL Modifier', 1, { blockUnknown: true }));
		expect(error.message).toBe(
			"URL Modifier is not valid Image Serving syntax: `qlty=80`: unknown Image Serving command 'qlty' (did you mean qlt?) [item 1]",
		);
		expect(error.description).toBe(
			"`qlty=80`: unknown Image Serving command 'qlty' (did you mean qlt?) Fix the command, or turn off Options > " +
				'Block Unknown Commands to send commands this check does not know, or Options > Validate URL Modifier to send the modifier unchecked.',
		);
		expect(checkUrlModifier(node, 'wid=800', 'URL Modifier', 1, { blockUnknown: true })).toEqual([]);
		expect(checkUrlModifier(node, '', 'URL Modifier', 1, { blockUnknown: true })).toEqual([]);
	});
});

describe('blockUnknownCommandsOption', () => {
	it('is an option that is off by default', () => {
		expect(blockUnknownCommandsOption).toMatchObject({
			displayName: 'Block Unknown Commands',
			name: 'blockUnknownCommands',
			type: 'boolean',
			default: false,
		});
	});
});

function itemWith(parameters: IDataObject, index = 0): ItemParameters {
	return { node, index, param: <T>(name: string, fallback?: T) => (name in parameters ? parameters[name] : fallback) as T };
}

// A version 1 workflow as the editor saved it: every field, at its default where not set.
const OLD_SHAPE = {
	commands: {
		upscale: false,
		backgroundColor: '#FFFFFF',
		brightness: 0,
		contrast: 10,
		crop: '',
		fit: 'constrain',
		flip: '',
		format: 'jpeg',
		height: 0,
		quality: 85,
		rotate: 0,
		saturation: 0,
		sharpen: false,
		width: 800,
	},
};
const BUILT = 'wid=800&fit=constrain&op_contrast=10&bgc=FFFFFF&fmt=jpeg&qlt=85';

describe('composeUrlModifier', () => {
	it('reads the version 1 fixed collection and the version 2 collection to the same modifier', () => {
		const newShape = { width: 800, fit: 'constrain', contrast: 10, backgroundColor: '#FFFFFF', format: 'jpeg', quality: 85 };
		for (const modifierBuilderValue of [OLD_SHAPE, newShape]) {
			const result = composeUrlModifier(itemWith({ urlModifier: 'op_usm=1,1,10', modifierBuilder: modifierBuilderValue }), true);
			expect(result).toEqual({ urlModifier: `op_usm=1,1,10&${BUILT}`, built: BUILT, warnings: [] });
		}
	});

	it('builds nothing from an empty or missing builder', () => {
		for (const value of [{}, { commands: {} }, undefined, null]) {
			expect(composeUrlModifier(itemWith({ urlModifier: 'wid=1', modifierBuilder: value }), true)).toEqual({
				urlModifier: 'wid=1',
				built: '',
				warnings: [],
			});
		}
	});

	it('returns the warnings, checks nothing when validation is off, and blocks unknown commands on request', () => {
		const context = itemWith({ urlModifier: 'wid=800&myCommand=1', modifierBuilder: { quality: 150 } }, 3);
		expect(() => composeUrlModifier(context, true)).toThrow('`qlt=150`');
		const loose = itemWith({ urlModifier: 'wid=800&myCommand=1' }, 3);
		expect(composeUrlModifier(loose, true).warnings).toEqual([
			"URL Modifier: `myCommand=1`: unknown Image Serving command 'myCommand' (not refused: sent as written)",
		]);
		expect(composeUrlModifier(loose, { validate: true }).warnings).toHaveLength(1);
		expect(composeUrlModifier(loose, {}).warnings).toHaveLength(1);
		expect(composeUrlModifier(context, false)).toEqual({ urlModifier: 'wid=800&myCommand=1&qlt=150', built: 'qlt=150', warnings: [] });
		expect(composeUrlModifier(context, { validate: false, blockUnknown: true }).warnings).toEqual([]);
		expect(() => composeUrlModifier(loose, { blockUnknown: true })).toThrow("unknown Image Serving command 'myCommand'");
	});

	it('takes a missing URL Modifier as empty', () => {
		expect(composeUrlModifier(itemWith({ modifierBuilder: { width: 10 } }), true)).toEqual({ urlModifier: 'wid=10', built: 'wid=10', warnings: [] });
	});
});

describe('builderFields', () => {
	it('keeps only the fields that set something', () => {
		expect(builderFields(OLD_SHAPE.commands)).toEqual({
			backgroundColor: '#FFFFFF',
			contrast: 10,
			fit: 'constrain',
			format: 'jpeg',
			quality: 85,
			width: 800,
		});
		expect(builderFields({ width: null, height: undefined, rotate: -90, sharpen: true })).toStrictEqual({ rotate: -90, sharpen: true });
		expect(builderFields(undefined)).toEqual({});
	});
});

describe('Modifier Builder description', () => {
	const names = (properties: INodeProperties[]) => properties.map((property) => property.name);
	const commandFields = modifierBuilder.options?.[0] as { name: string; values: INodeProperties[] };

	it('keeps version 1 as it was saved: a fixed collection modifierBuilder.commands of 14 fields', () => {
		expect(modifierBuilder).toMatchObject({ name: 'modifierBuilder', type: 'fixedCollection', displayOptions: { show: { '@version': [1] } } });
		expect(commandFields.name).toBe('commands');
		expect(names(commandFields.values).sort()).toEqual(
			['backgroundColor', 'brightness', 'contrast', 'crop', 'fit', 'flip', 'format', 'height', 'quality', 'rotate', 'saturation', 'sharpen', 'upscale', 'width'],
		);
		expect(commandFields.values.filter((field) => !['', 0, false].includes(field.default as never))).toEqual([]);
	});

	it('offers the same 14 commands from version 2 on as a collection the user adds to', () => {
		expect(modifierBuilderCollection).toMatchObject({
			name: 'modifierBuilder',
			type: 'collection',
			placeholder: 'Add Command',
			default: {},
			displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
		});
		const options = modifierBuilderCollection.options as INodeProperties[];
		expect(names(options)).toEqual(names(commandFields.values));
		// An added command starts at a value that does something, never at "None".
		const defaults = Object.fromEntries(options.map((option) => [option.name, option.default]));
		expect(defaults).toMatchObject({ fit: 'fit', flip: 'lr', format: 'jpeg', sharpen: true, upscale: true, width: 0 });
		for (const option of options.filter((o) => o.type === 'options')) {
			expect((option.options as Array<{ value: string }>).map((o) => o.value)).not.toContain('');
		}
		expect(commandFields.values.find((field) => field.name === 'fit')?.default).toBe('');
	});

	// What n8n does to saved parameters when it loads a workflow: parameters not shown for the node's
	// version are dropped, values of a collection that are not its options too.
	function loaded(typeVersion: number, parameters: IDataObject): IDataObject {
		const description = { properties: [modifierBuilder, modifierBuilderCollection] } as INodeTypeDescription;
		return NodeHelpers.getNodeParameters(description.properties, parameters as INodeParameters, false, false, { ...node, typeVersion }, description) as IDataObject;
	}

	it('loads a version 1 workflow with its saved values, and a version 2 one with the chosen commands', () => {
		expect(loaded(1, { modifierBuilder: OLD_SHAPE }).modifierBuilder).toEqual({ commands: expect.objectContaining({ width: 800, fit: 'constrain', quality: 85 }) });
		expect(loaded(2, { modifierBuilder: { width: 800, format: 'png' } }).modifierBuilder).toEqual({ width: 800, format: 'png' });
		expect(loaded(3, { modifierBuilder: { quality: 70 } }).modifierBuilder).toEqual({ quality: 70 });
	});
});
