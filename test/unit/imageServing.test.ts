import {
	IMAGE_SERVING_COMMANDS,
	buildUrlModifier,
	isKnownImageServingCommand,
	joinUrlModifiers,
	validateUrlModifier,
	type ModifierBuilderFields,
	type ModifierIssueKind,
} from '../../nodes/Scene7Ips/helpers/imageServing';
import {
	acceptedExamples,
	examplesContradictingSyntax,
	examplesWithUndocumentedCommands,
} from './fixtures/imageServing-examples';

const kindsAndCommands = (modifier: string) =>
	validateUrlModifier(modifier).map((issue) => [issue.kind, issue.command]);

describe('validateUrlModifier: examples from the Image Serving reference', () => {
	it.each(acceptedExamples.map((example) => [example.modifier, example.source]))(
		'accepts %s (%s)',
		(modifier) => {
			expect(validateUrlModifier(modifier)).toEqual([]);
		},
	);

	// Adobe's own examples show what the server takes, so what they break is reported, never certain.
	it.each(
		[...examplesContradictingSyntax, ...examplesWithUndocumentedCommands].map((example) => [
			example.modifier,
			example.expectedIssues,
		]),
	)('reports %s where it departs from the syntax, as doubts only', (modifier, expectedIssues) => {
		const issues = validateUrlModifier(modifier);
		expect(issues.map((issue) => [issue.kind, issue.command])).toEqual(expectedIssues);
		expect(issues.map((issue) => issue.certain)).toEqual(expectedIssues.map(() => false));
	});
});

describe('validateUrlModifier: malformed modifiers', () => {
	type Malformed = [string, ModifierIssueKind, string, string];
	// Modifiers whose one issue is an invalid value, without the kind
	const invalidValues: Array<[string, string, string]> = [
		// Sizes and view
		['qlt=150', 'qlt', 'quality must be 1-100'],
		['qlt=0', 'qlt', 'quality must be 1-100'],
		['qlt=80.5', 'qlt', 'quality must be 1-100'],
		['qlt=80,2', 'qlt', 'chroma flag after the quality must be 0 or 1'],
		['wid=abc', 'wid', 'width must be a whole number greater than 0'],
		['wid=0', 'wid', 'width must be a whole number greater than 0'],
		['wid=-5', 'wid', 'width must be a whole number greater than 0'],
		['hei=12.5', 'hei', 'height must be a whole number greater than 0'],
		['wid=%41', 'wid', 'width must be a whole number'],
		['scl=0', 'scl', 'view scale must be a number greater than 0'],
		['fit=fill', 'fit', "unknown fit mode 'fill'; use fit, constrain, crop"],
		['fit=crop,2', 'fit', 'upscale flag after the fit mode must be 0 or 1'],
		['fit=crop,1,1', 'fit', 'fit takes a mode and an optional upscale flag'],
		['align=2,0', 'align', 'alignment must be two numbers horizontal,vertical'],
		['align=0', 'align', 'alignment must be two numbers'],
		['rect=0,0,100,100,0', 'rect', 'the scale after rect must be a number greater than 0'],
		['rgn=0,0,100', 'rgn', 'rgn must be four whole numbers x,y,width,height'],
		['dpr=on', 'dpr', 'use dpr=off or dpr=on,<ratio>'],
		['dpr=on,0', 'dpr', 'device pixel ratio after on must be a number greater than 0'],
		['network=yes', 'network', "unknown network setting 'yes'; use on or off"],
		['bfc=1', 'bfc', 'use on or off'],
		// Source image, layers, transforms
		['crop=0,0,100', 'crop', 'crop must be four whole numbers x,y,width,height'],
		['crop=0,0,0,100', 'crop', 'with width and height greater than 0'],
		['cropN=0,0,1.5', 'cropN', 'cropN must be four numbers x,y,width,height'],
		['anchor=1.5,2', 'anchor', 'anchor must be two whole numbers x,y'],
		['scale=0', 'scale', 'source scale must be a number greater than 0'],
		['maskUse=inverse', 'maskUse', "unknown mask use 'inverse' (did you mean invert?)"],
		['layer=-1', 'layer', 'layer number must be 0 or greater'],
		['layer=$top$', 'layer', 'variables ($name$) cannot be used in layer='],
		['effect=0', 'effect', 'effect layer must be a whole number other than 0'],
		['effect=$e$', 'effect', 'cannot be used in effect='],
		['effectMask=2', 'effectMask', 'effectMask must be 0 or 1'],
		['size=-1,100', 'size', 'size must be two whole numbers width,height'],
		['sizeN=1.5,1', 'sizeN', 'sizeN must be two numbers width,height'],
		['pos=a,b', 'pos', 'position must be two whole numbers x,y'],
		['posN=0.5', 'posN', 'posN must be two numbers x,y'],
		['origin=-0.5,-0.5', 'origin', 'origin must be two whole numbers x,y'],
		['extend=1,2,3', 'extend', 'extend must be four whole numbers left,top,right,bottom'],
		['extendN=a,0,0,0', 'extendN', 'extendN must be four numbers'],
		['opac=120', 'opac', 'opacity must be a whole number from 0 to 100'],
		['blendMode=multiply', 'blendMode', "unknown blend mode 'multiply'"],
		['hide=true', 'hide', 'hide must be 0 or 1'],
		['rotate=ninety', 'rotate', 'rotation must be a number'],
		['flip=h', 'flip', "unknown flip direction 'h'; use lr, ud or lrud"],
		// Colors
		['bgc=300,0,0', 'bgc', 'RGB color values must be 0-255'],
		['bgc=#ffffff', 'bgc', "write hex colors without '#', e.g. ffffff"],
		['bgc=fffff', 'bgc', "'fffff' is not a color"],
		['bgc=150', 'bgc', 'gray color values must be 0-100'],
		['color=120,50k', 'color', 'a CMYK color needs 4 values'],
		['color=0,0,0,120k', 'color', 'CMYK color values must be 0-100'],
		['color=1,2,3,4,5', 'color', 'an RGB color needs 3 values'],
		['bgColor=0x123', 'bgColor', "'0x123' is not a valid hex color"],
		['bgColor=ffffffk', 'bgColor', 'is not a valid hex color'],
		['bgColor=blue', 'bgColor', "'blue' is not a color"],
		// Adjustments
		['op_brightness=150', 'op_brightness', 'brightness must be a whole number from -100 to 100'],
		['op_contrast=abc', 'op_contrast', 'contrast must be a whole number from -100 to 100'],
		['op_saturation=-101', 'op_saturation', 'saturation must be a whole number from -100 to 100'],
		['op_hue=200', 'op_hue', 'hue must be a whole number from -180 to 180'],
		['op_colorbalance=10,10', 'op_colorbalance', 'color balance must be three whole numbers'],
		['op_colorize=50,75g', 'op_colorize', 'op_colorize needs an RGB color, not a gray color'],
		[
			'op_colorize=ff0000,norm,150',
			'op_colorize',
			'contrast after op_colorize must be a number from 0 to 100',
		],
		['op_usm=6', 'op_usm', 'unsharp mask amount must be a number from 0 to 5'],
		['op_usm=1,2,300', 'op_usm', 'unsharp mask threshold must be a whole number from 0 to 255'],
		['op_usmR=1,300', 'op_usmR', 'unsharp mask radius must be a number from 0 to 250'],
		['op_blur=101', 'op_blur', 'blur radius must be a number from 0 to 100'],
		['op_noise=10,pink', 'op_noise', "unknown noise distribution 'pink'"],
		['op_grow=1.5', 'op_grow', 'grow radius must be a whole number from -100 to 100'],
		['op_invert=yes', 'op_invert', 'op_invert must be 0 or 1'],
		['op_sharpen=2', 'op_sharpen', 'op_sharpen must be 0 or 1'],
		// Output
		['fmt=jpgg', 'fmt', "unknown format 'jpgg'"],
		['fmt=web-alpha', 'fmt', 'did you mean webp-alpha?'],
		['fmt=png,cmyk', 'fmt', 'format png supports pixel type rgb or gray, not cmyk'],
		['fmt=tif,rgbx', 'fmt', "unknown pixel type 'rgbx'"],
		['fmt=jpeg,,lzw', 'fmt', 'format jpeg takes no compression'],
		['fmt=tif-alpha,,jpeg', 'fmt', 'supports compression none, lzw or zip'],
		['fmt=tif,rgb,lzw,1', 'fmt', 'fmt takes format[,pixelType[,compression]]'],
		[
			'quantize=adaptive,diffuse,300',
			'quantize',
			'number of colors must be a whole number from 2 to 256',
		],
		[
			'quantize=adaptive,off,2,0xffffff',
			'quantize',
			"forced color '0xffffff' must be 6 hex digits",
		],
		['jpegSize=-10', 'jpegSize', 'JPEG size limit (kB) must be a whole number of 0 or more'],
		['pscan=6', 'pscan', "unknown progressive scan count '6'; use auto, 3, 4 or 5"],
		['resMode=sharp3', 'resMode', 'did you mean sharp2?'],
		['iccEmbed=yes', 'iccEmbed', 'iccEmbed must be 0 or 1'],
		['pathEmbed=2', 'pathEmbed', 'pathEmbed must be 0 or 1'],
		['xmpEmbed=on', 'xmpEmbed', 'xmpEmbed must be 0 or 1'],
		// Request
		['cache=maybe', 'cache', 'use cache=on|off|validate|update'],
		['cache=on,validate', 'cache', 'cache=on|off,on|off'],
		['req=image', 'req', "unknown request type 'image'"],
		['req=tmb,json', 'req', 'req=tmb takes no options'],
		['req=map,javascript', 'req', 'req=map answers in text, xml or json'],
		['req=props,xml,utf-8', 'req', 'req=props,xml takes no further option'],
		['handler=my-handler', 'handler', 'only letters and digits'],
		// Empty and spaced values
		['wid=', 'wid', "a value is needed after 'wid='"],
		['wid= 800', 'wid', 'remove the spaces around the value'],
		// Inside a nested Image Serving request
		[
			'src=is(img?wid=abc)',
			'wid',
			'width must be a whole number greater than 0 (in the nested request of src=)',
		],
		['mask=is{?fmt=pngg}', 'fmt', "unknown format 'pngg' (did you mean png?)"],
	];
	const otherIssues: Malformed[] = [
		// Syntax
		['wid', 'syntax', 'wid', 'wid needs a value, written wid=value'],
		['=800', 'syntax', '', "the command name before '=' is missing"],
		['wid =800', 'syntax', 'wid', 'remove the spaces around the command name'],
		['wid:800', 'syntax', 'wid:800', 'a command is written name=value'],
		['$view', 'syntax', '$view', 'a macro is written $name$'],
		['$my view$', 'syntax', '$my view$', 'a macro is written $name$'],
		['$my var=1', 'syntax', '$my var', 'variable names may contain only letters, digits'],
		['src=is(img?wid=100', 'syntax', 'src', "brackets do not match; close each '{' with '}'"],
		['mask=is{img?wid=100)', 'syntax', 'mask', 'brackets do not match'],
		['wid=800&&hei=800', 'syntax', '', "an empty command between '&' separators"],
		['&wid=800', 'syntax', '', "starts with '&'; remove the leading '&'"],
		['wid=800&', 'syntax', '', "ends with '&'; remove the trailing '&'"],
		['&', 'syntax', '', "only '&' separators"],
		// Unknown commands
		['wdth=800', 'unknownCommand', 'wdth', "unknown Image Serving command 'wdth'"],
		['qlty=80', 'unknownCommand', 'qlty', 'did you mean qlt?'],
		['colorize=ff0000', 'unknownCommand', 'colorize', "unknown Image Serving command 'colorize'"],
		['sharpen', 'unknownCommand', 'sharpen', "unknown Image Serving command 'sharpen'"],
		// Encoding
		[
			'text=100%',
			'encoding',
			'text',
			"'%' must start a %xx code with two hex digits; write a literal '%' as %25",
		],
		['text=%zz', 'encoding', 'text', 'two hex digits'],
		['text=a<b', 'encoding', 'text', "'<' must be %xx-encoded as %3C"],
		['text=a>b', 'encoding', 'text', "'>' must be %xx-encoded as %3E"],
		[
			'text=line1\nline2',
			'encoding',
			'text',
			'control characters such as tabs and line breaks must be %xx-encoded',
		],
		['text=a\tb', 'encoding', 'text', 'control characters'],
		['wid=800\n', 'encoding', 'wid', 'control characters'],
		['id=a=b', 'encoding', 'id', "'=' inside a value must be %xx-encoded as %3D"],
		['$txt=50%', 'encoding', '$txt', 'two hex digits'],
	];
	const malformed: Malformed[] = [
		...invalidValues.map(
			([modifier, command, part]): Malformed => [modifier, 'invalidValue', command, part],
		),
		...otherIssues,
	];

	// Only what differs from the documented syntax the way Adobe's own examples do (a fraction for a
	// whole number, true for 1, an empty value) or names an unknown command is a doubt.
	const doubtful = [
		'qlt=80.5',
		'hei=12.5',
		'anchor=1.5,2',
		'origin=-0.5,-0.5',
		'hide=true',
		'op_grow=1.5',
		'wid=',
		'wdth=800',
		'qlty=80',
		'colorize=ff0000',
		'sharpen',
	];

	it.each(malformed)('rejects %j, the message starting with the offending text in backticks', (modifier, kind, command, messagePart) => {
		const issues = validateUrlModifier(modifier);
		expect(issues).toHaveLength(1);
		const [issue] = issues;
		expect(issue.certain).toBe(!doubtful.includes(modifier));
		expect(issue.kind).toBe(kind);
		expect(issue.command).toBe(command);
		expect(issue.message).toContain(messagePart);
		// Empty segments show their neighbours instead, e.g. `wid=800&&hei=800`.
		const shownText =
			issue.segment === '' ? /^`([^`]+)`: /.exec(issue.message)?.[1] : issue.segment;
		expect(shownText).toBeDefined();
		expect(issue.message.startsWith(`\`${shownText}\`: `)).toBe(true);
		expect(modifier).toContain(shownText);
	});

	it('gives the segment as written and a message that names the command and the allowed range', () => {
		expect(validateUrlModifier('wid=800&qlt=150&fmt=jpg')).toEqual([
			{
				kind: 'invalidValue',
				command: 'qlt',
				segment: 'qlt=150',
				certain: true,
				message:
					'`qlt=150`: quality must be 1-100, optionally followed by ,1 to turn off chroma downsampling',
			},
		]);
	});

	it('lists every format in the unknown-format message', () => {
		const [issue] = validateUrlModifier('fmt=jpgg');
		expect(issue.message).toContain('use one of avif-alpha, avif, eps,');
		expect(issue.message).toContain(' jpeg, ');
		expect(issue.message).toContain(' jpg, ');
		expect(issue.message).toContain(' png, ');
		expect(issue.message).toMatch(/webp$/);
	});

	it.each<[string, boolean[]]>([
		// Certain: an encoding problem in a known command, a variable where none is allowed, an empty command.
		['text=a<b', [true]],
		['layer=$n$', [true]],
		['wid=800&&hei=1', [true]],
		// Certain: a fraction where the command takes fractions and the value is out of range.
		['op_usm=5.5', [true]],
		['qlt=150.5', [true]],
		['iccEmbed=yes', [true]],
		// The lenient re-check does not leak into the next check.
		['origin=0.5,0.5&wid=1.5&qlt=80.5', [false, false, false]],
		// An encoding problem in an unknown command is a doubt: how it reads its value is unknown.
		['myCmd=a<b', [false, false]],
	])('tells for %j whether each issue is certain: %j', (modifier, certain) => {
		expect(validateUrlModifier(modifier).map((issue) => issue.certain)).toEqual(certain);
	});

	it('words a fraction where a whole number is needed like any other invalid value', () => {
		expect(validateUrlModifier('hei=2.5').map((issue) => issue.message)).toEqual([
			'`hei=2.5`: height must be a whole number greater than 0',
		]);
	});

	it('reports one issue per run of empty segments, showing the neighbours', () => {
		const issues = validateUrlModifier('&&wid=1&&&hei=2&');
		expect(issues.map((issue) => issue.message)).toEqual([
			"`&&wid=1`: starts with '&'; remove the leading '&'",
			"`wid=1&&&hei=2`: an empty command between '&' separators; remove the extra '&'",
			"`hei=2&`: ends with '&'; remove the trailing '&'",
		]);
		expect(issues.every((issue) => issue.segment === '' && issue.command === '')).toBe(true);
	});

	it('shortens very long segments in the message but keeps the full segment', () => {
		const segment = `text=${'a'.repeat(200)}<`;
		const [issue] = validateUrlModifier(segment);
		expect(issue.segment).toBe(segment);
		expect(issue.message.indexOf('`: ')).toBeLessThanOrEqual(82);
		expect(issue.message).toContain('…`: ');
	});
});

describe('validateUrlModifier: syntax features', () => {
	it.each([
		// Command names are case-insensitive.
		'WID=10&Hei=20&FMT=JPEG,RGB&ResMode=BiCub&BGC=FFFFFF&OP_USMR=1',
		// Macros with letters, digits, ".", "_" and "-".
		'$view$&$my.macro-1_X$&wid=10',
		// Comments, including "=" and spaces in them.
		'.made by n8n = yes&wid=10&.2024-01-01',
		// No range checks for values built from variables (except in layer= and effect=, below).
		'$w=800&wid=$w$&qlt=$q$&fmt=$f$,rgb&layer=1',
		'$w=',
		// %xx is decoded before values are checked.
		'wid=%38%30%30&fmt=jpeg%2Cgray&text=%3C%3E%25%26%3D%0A',
		// Unencoded "&", "=" and "?" inside nested and embedded requests.
		'src=(http://example.com/a.jpg?x=1&y=2)&wid=10',
		'mask=ir{cat/obj?sel=a&irOnly=1}&wid=10',
		'layer=1&src=fxg{doc?w=1&h=2}&imageSet={a,b&c}',
		'src=is{cat/img?wid=100&layer=1&src=is(cat/b?hei=10)}&wid=10',
		// A value left out only where an empty value means something.
		'map&mapA&defaultImage&type&locale&textFlowPath&textFlowXPath',
		'defaultImage=&src=',
		// Every documented format and the compressions documented for it, in one modifier.
		[
			'fmt=avif,rgb,lossless',
			'fmt=eps,cmyk',
			'fmt=gif-alpha,gray',
			'fmt=heic',
			'fmt=jpeg2000,gray,lossy',
			'fmt=jpg,cmyk',
			'fmt=m3u8',
			'fmt=pdf,,zip',
			'fmt=png8-alpha',
			'fmt=swf3-alpha,gray',
			'fmt=tif,cmyk,jpeg',
			'fmt=webp,,lossy',
		].join('&'),
		// The request types and their response formats, in one modifier.
		[
			'req=props,json',
			'req=imageset,xml,UTF-8',
			'req=mbrSet,text',
			'req=saveToFile',
			'req=userdata,json',
			'req=set,xml',
		].join('&'),
	])('accepts %j', (modifier) => {
		expect(validateUrlModifier(modifier)).toEqual([]);
	});

	it.each<[string, string[][]]>([
		// Every problem, in order.
		['wid=abc&fmt=jpgg&wdth=3&qlt=150&text=50%', [['invalidValue', 'wid'], ['invalidValue', 'fmt'], ['unknownCommand', 'wdth'], ['invalidValue', 'qlt'], ['encoding', 'text']]],
		['myCmd=ok', [['unknownCommand', 'myCmd']]],
		// An encoding problem in an unknown command is reported separately.
		['myCmd=a<b', [['unknownCommand', 'myCmd'], ['encoding', 'myCmd']]],
		['$$', [['syntax', '$$']]],
		['$view$x', [['syntax', '$view$x']]],
		// The commands after a comment are checked.
		['.note&wid=abc', [['invalidValue', 'wid']]],
		['$w=800&layer=$w$&effect=$e$', [['invalidValue', 'layer'], ['invalidValue', 'effect']]],
		['fmt=jpeg%2Cgrey', [['invalidValue', 'fmt']]],
		['wid=8%300', []],
		// The commands of nested Image Serving requests and the outer ones.
		['src=is(a?wid=1&hei=abc)&wid=x', [['invalidValue', 'hei'], ['invalidValue', 'wid']]],
		// A raw "=" in src= and mask= values that are not nested requests.
		['src=a=b', [['encoding', 'src']]],
		// Compressions not documented for the format.
		['fmt=m3u8,rgb', [['invalidValue', 'fmt']]],
		['fmt=pdf,,lossy', [['invalidValue', 'fmt']]],
		// A value left out where an empty value means nothing.
		['src&fmt&op_sharpen', [['syntax', 'src'], ['syntax', 'fmt'], ['syntax', 'op_sharpen']]],
	])('reports %j as %j', (modifier, expected) => {
		expect(kindsAndCommands(modifier)).toEqual(expected);
	});

	it('reports the documented spelling of a command written in another case', () => {
		const [issue] = validateUrlModifier('RESMODE=fast');
		expect(issue.command).toBe('resMode');
		expect(issue.segment).toBe('RESMODE=fast');
	});

	it('accepts the full color syntax', () => {
		const colors = [
			'0,100,200',
			'0,100,200,200rs',
			'0x010203S',
			'a0b1c2d3R',
			'100S',
			'50,75g',
			'0X70G',
			'0xddeegs',
			'94,11,50,33k',
			'22,23,24,25,26KS',
			'38393A3bK',
			'0x0a0b0C0d0eks',
			'ffffff',
			'0xffffff',
			'0',
		];
		const modifier = colors
			.map((color, index) => `${['bgc', 'color', 'bgColor'][index % 3]}=${color}`)
			.join('&');
		expect(validateUrlModifier(modifier)).toEqual([]);
	});
});

describe('isKnownImageServingCommand', () => {
	// Every entry of c-command-reference/c-command-reference.md, plus the N and E variants and req= companions.
	const documented = (
		'align anchor bfc bgc bgColor blendMode cache clipPath clipXPath color crop cropPathE ' +
		'defaultImage dpr effect effectMask extend fit flip fmt hei hide icc iccEmbed id imageSet ' +
		'jpegSize layer locale map mask maskUse network op_blur op_brightness op_colorbalance ' +
		'op_colorize op_contrast op_grow op_growMask op_growMaskR op_hue op_invert op_noise ' +
		'op_saturation op_sharpen op_usm op_usmR opac origin pathAttr pathEmbed perspective pos ' +
		'printRes pscan qlt quantize rect req res resMode rgn rotate scale scl size src template ' +
		'text textAngle textAttr textFlowPath textFlowXPath textPath textPs type wid xmpEmbed ' +
		'anchorN cropN extendN originN posN sizeN perspectiveN clipPathE clipXPathE mapA handler ' +
		'message name timeout'
	).split(' ');

	it('knows exactly the documented commands', () => {
		expect([...IMAGE_SERVING_COMMANDS].sort()).toEqual([...documented].sort());
		expect(documented.filter((name) => !isKnownImageServingCommand(name))).toEqual([]);
	});
});

describe('buildUrlModifier', () => {
	it('writes every field with its documented command, in a fixed order', () => {
		const fields: ModifierBuilderFields = {
			quality: 85,
			format: 'jpeg',
			backgroundColor: 'ffffff',
			unsharpMask: '1.5,2,4,0',
			sharpen: true,
			saturation: -20,
			contrast: 10,
			brightness: 5,
			flip: 'lr',
			rotate: 90,
			crop: '0,0,500,500',
			upscale: true,
			fit: 'crop',
			height: 600,
			width: 800,
		};
		expect(buildUrlModifier(fields)).toBe(
			'wid=800&hei=600&fit=crop,1&crop=0,0,500,500&rotate=90&flip=lr&op_brightness=5&op_contrast=10&op_saturation=-20&op_sharpen=1&op_usm=1.5,2,4,0&bgc=ffffff&fmt=jpeg&qlt=85',
		);
	});

	it.each<[ModifierBuilderFields, string]>([
		[{ upscale: true }, 'fit=fit,1'],
		[{ rotate: 12.3456789 }, 'rotate=12.345679'],
		[{ crop: ' 10, 20 ,300 , 400 ' }, 'crop=10,20,300,400'],
		[{ format: '$fmt$' }, 'fmt=$fmt$'],
	])('builds %j as %s', (fields, expected) => {
		expect(buildUrlModifier(fields)).toBe(expected);
	});

	it('leaves out-of-range values for the validator to report', () => {
		const modifier = buildUrlModifier({ width: 0, quality: 150, brightness: 2.5 });
		expect(modifier).toBe('wid=0&op_brightness=2.5&qlt=150');
		expect(kindsAndCommands(modifier)).toEqual([
			['invalidValue', 'wid'],
			['invalidValue', 'op_brightness'],
			['invalidValue', 'qlt'],
		]);
		expect(kindsAndCommands(buildUrlModifier({ width: Number.NaN }))).toEqual([
			['invalidValue', 'wid'],
		]);
		expect(kindsAndCommands(buildUrlModifier({ format: 'jpeg gray' }))).toEqual([
			['invalidValue', 'fmt'],
		]);
	});

	const fitModes = ['fit', 'constrain', 'crop', 'wrap', 'stretch', 'hfit', 'vfit'] as const;
	const flips = ['lr', 'ud', 'lrud'] as const;
	const combinations: ModifierBuilderFields[] = [
		...fitModes.flatMap((fit) => [
			{ width: 800, height: 800, fit },
			{ width: 1, height: 1, fit, upscale: true },
		]),
		...flips.map((flip, index) => ({ flip, rotate: -45 * index, crop: '-10,-10,2000,2000' })),
		{
			brightness: -100,
			contrast: 100,
			saturation: -100,
			sharpen: true,
			unsharpMask: '5,250,255,1',
		},
		{ brightness: 100, contrast: -100, saturation: 100, unsharpMask: '0' },
		{ format: 'png-alpha', backgroundColor: '#aabbcc' },
		{ format: 'tif,cmyk,lzw', backgroundColor: '0,0,0,100k', quality: 1 },
		{ format: 'webp-alpha,,lossless', backgroundColor: '50,75g', quality: 100 },
		{
			format: 'JPG',
			backgroundColor: '0xffs',
			quality: 80,
			width: 4000,
			height: 3000,
			fit: 'crop',
			upscale: true,
		},
		{ rotate: 359.99, flip: 'lrud', sharpen: false, upscale: false },
	];

	it.each(combinations)('builds a valid modifier from %j', (fields) => {
		const modifier = buildUrlModifier(fields);
		expect(modifier).not.toBe('');
		expect(validateUrlModifier(modifier)).toEqual([]);
	});
});

describe('joinUrlModifiers', () => {
	it.each<[string[], string]>([
		[['wid=1&&hei=2', 'fmt=png'], 'wid=1&hei=2&fmt=png'],
		[['  wid=1  ', '\thei=2\n'], 'wid=1&hei=2'],
	])('joins %j as %j', (parts, expected) => {
		expect(joinUrlModifiers(...parts)).toBe(expected);
	});

	it('joins the builder output with a typed modifier into a valid modifier', () => {
		const joined = joinUrlModifiers(
			buildUrlModifier({ width: 800, format: 'jpeg' }),
			'&op_usm=1,1&',
			'',
		);
		expect(joined).toBe('wid=800&fmt=jpeg&op_usm=1,1');
		expect(validateUrlModifier(joined)).toEqual([]);
	});
});
