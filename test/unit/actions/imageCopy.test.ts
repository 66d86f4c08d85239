import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { fakeExecuteContext, TEST_CREDENTIALS } from '../../support/executeContext';
import { byHandle as locator, connectionRefused, node, run, soapFault, soapResult } from './support';

const copyParameters = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'image',
	operation: 'copy',
	companyHandle: locator('c|6'),
	assetHandle: locator('a|739|1|537'),
	folderHandle: locator('ApiTestCo/'),
	name: 'Copy_macbookwin1',
	urlModifier: 'wid=800&fmt=jpg',
	// Failures are tried once here; retrying has its own tests. The image URL has its own tests too.
	options: { retry: { settings: { attempts: 1 } }, includeImageUrl: false },
	...overrides,
});

const handleFor = (index: number) => `a|${1000 + index}|1|${2000 + index}`;
const copyAnswer = (_request: unknown, index: number) =>
	soapResult('copyImage', `<assetHandle>${handleFor(index)}</assetHandle>`);

describe('Scene7 IPS node description', () => {
	it('keeps the public names saved workflows depend on', () => {
		const { description } = node;
		expect(description.name).toBe('scene7Ips');
		expect(description.displayName).toBe('Scene7 IPS');
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'scene7IpsApi', required: true }]);
		// Image > Copy shows the same fields, in the same order, as before other operations came.
		const shownForCopy = description.properties.filter((property) => {
			const show = property.displayOptions?.show;
			return !show || (show.resource?.includes('image') && (!show.operation || show.operation.includes('copy')));
		});
		expect(shownForCopy.map((property) => property.name)).toEqual([
			'resource',
			'operation',
			'companyHandle',
			'assetHandle',
			'folderHandle',
			'name',
			'urlModifier',
			'modifierBuilder',
			'modifierBuilder',
			'options',
		]);
		expect(description.properties[0]).toMatchObject({ name: 'resource', default: 'image' });
		const operation = shownForCopy.find((property) => property.name === 'operation');
		expect(operation?.default).toBe('copy');
		expect(operation?.options).toContainEqual(expect.objectContaining({ value: 'copy', action: 'Copy an image' }));
		for (const name of ['companyHandle', 'assetHandle', 'folderHandle']) {
			const property = shownForCopy.find((candidate) => candidate.name === name);
			expect(property?.type).toBe('resourceLocator');
			expect(property?.modes?.map((mode) => mode.name)).toEqual(
				{ companyHandle: ['list', 'id', 'name'], assetHandle: ['list', 'id', 'name'], folderHandle: ['list', 'id', 'path'] }[name],
			);
		}
	});

	it('has different light and dark icons', () => {
		expect(node.description.icon).toEqual({
			light: 'file:../../icons/scene7.svg',
			dark: 'file:../../icons/scene7.dark.svg',
		});
	});
});

describe('Copy Image', () => {
	it('sends copyImageParam and returns the new handle with what was sent', async () => {
		const { output, sent } = await run(copyParameters(), copyAnswer);
		expect(output).toEqual([
			{
				json: {
					assetHandle: 'a|1000|1|2000',
					companyHandle: 'c|6',
					sourceAssetHandle: 'a|739|1|537',
					folderHandle: 'ApiTestCo/',
					name: 'Copy_macbookwin1',
					urlModifier: 'wid=800&fmt=jpg',
					alreadyExisted: false,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(sent).toHaveLength(1);
		expect(sent[0].credentialType).toBe('scene7IpsApi');
		expect(sent[0].options).toMatchObject({
			method: 'POST',
			url: TEST_CREDENTIALS.serviceUrl,
			headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: 'copyImage' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			encoding: 'stream',
			timeout: undefined,
		});
		expect(sent[0].body).toContain(
			'<copyImageParam xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"><companyHandle>c|6</companyHandle>' +
				'<assetHandle>a|739|1|537</assetHandle><folderHandle>ApiTestCo/</folderHandle><name>Copy_macbookwin1</name>' +
				'<urlModifier>wid=800&amp;fmt=jpg</urlModifier></copyImageParam>',
		);
	});

	it('always sends urlModifier, empty when blank', async () => {
		const { sent } = await run(copyParameters({ urlModifier: '' }), copyAnswer);
		expect(sent[0].body).toContain('<name>Copy_macbookwin1</name><urlModifier/></copyImageParam>');
	});

	it('passes the timeout option on', async () => {
		const { sent } = await run(copyParameters({ options: { timeout: 5000 } }), copyAnswer);
		expect(sent[0].options.timeout).toBe(5000);
	});

	it('copies many items in order, each paired to its input', async () => {
		const items = Array.from({ length: 60 }, (_, index) => ({ json: { index } }));
		const { output = [], sent } = await run((index) => copyParameters({ name: `copy_${index}`, urlModifier: `wid=${100 + index}` }), copyAnswer, { items });
		expect(sent).toHaveLength(60);
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
		expect(output.map((item) => item.json.assetHandle)).toEqual(items.map((_, index) => handleFor(index)));
		expect(output.map((item) => item.json.name)).toEqual(items.map((_, index) => `copy_${index}`));
	});

	it('turns numbers from expressions into text and trims handles and names', async () => {
		const { json, sent } = await run(
			copyParameters({ name: 2024, folderHandle: locator(' ApiTestCo/ '), assetHandle: locator('a|739|1|537\u0020') }),
			copyAnswer,
		);
		expect(json?.[0]).toMatchObject({ name: '2024', folderHandle: 'ApiTestCo/', sourceAssetHandle: 'a|739|1|537' });
		expect(sent[0].body).toContain('<folderHandle>ApiTestCo/</folderHandle><name>2024</name>');
	});

	it('reads fields mapped as {{ $json.field }} from the item itself, without asking n8n', async () => {
		// This fake context returns stored expressions unevaluated, so a value that reaches the
		// envelope can only have come from the item (the shortcut in ItemContext.param).
		const { context, sent } = fakeExecuteContext({
			items: [{ json: { newName: 'Mapped_1', image: 'a|1|1|1' } }, { json: { newName: 'Mapped_2', image: 'a|2|1|2' } }],
			parameters: copyParameters({ name: '={{ $json.newName }}', assetHandle: locator('={{ $json.image }}'), urlModifier: "={{ 'wid=' + $json.image.length }}" }),
			respond: copyAnswer,
		});
		// n8n's evaluation of the one expression that is not a plain mapped field.
		const evaluate = context.getNodeParameter.bind(context);
		const asked = jest
			.spyOn(context, 'getNodeParameter')
			.mockImplementation(((name: string, ...rest: [number]) => (name === 'urlModifier' ? 'wid=7' : evaluate(name, ...rest))) as typeof context.getNodeParameter);
		const [output] = await node.execute.call(context);
		expect(output.map((item) => [item.json.name, item.json.sourceAssetHandle])).toEqual([
			['Mapped_1', 'a|1|1|1'],
			['Mapped_2', 'a|2|1|2'],
		]);
		expect(sent.map((request) => /<name>([^<]*)<\/name><urlModifier>([^<]*)</.exec(request.body)?.slice(1))).toEqual([
			['Mapped_1', 'wid=7'],
			['Mapped_2', 'wid=7'],
		]);
		// Anything else is n8n's to evaluate: the modifier's expression went to it, once per item.
		expect(asked.mock.calls.filter(([name]) => name === 'urlModifier')).toHaveLength(2);
		expect(asked.mock.calls.filter(([name]) => name === 'name' || name === 'assetHandle')).toHaveLength(0);
	});
});

describe('Copy Image: bad input is refused before any request', () => {
	it.each([
		['an empty name', { name: '' }, 'New Name is empty [item 0]'],
		['a whitespace name', { name: '   ' }, 'New Name is empty [item 0]'],
		['an empty company', { companyHandle: locator('') }, 'Company is empty [item 0]'],
		['a whitespace image', { assetHandle: locator(' \t ') }, 'Image is empty [item 0]'],
		['an empty folder', { folderHandle: locator('') }, 'Folder is empty [item 0]'],
		['a null name', { name: null }, 'New Name must be text, but it is null [item 0]'],
		['an object as image', { assetHandle: locator({ handle: 'a|1' }) }, 'Image must be text, but it is an object [item 0]'],
		['a list as folder', { folderHandle: locator(['ApiTestCo/']) }, 'Folder must be text, but it is a list [item 0]'],
		['a boolean name', { name: true }, 'New Name must be text, but it is a boolean [item 0]'],
		['a company handle as image', { assetHandle: locator('c|6') }, "Image 'c|6' is a company handle, not an asset handle [item 0]"],
		['an asset handle as company', { companyHandle: locator('a|1|1|1') }, "Company 'a|1|1|1' is an asset handle, not a company handle [item 0]"],
		['an asset handle as folder', { folderHandle: locator('a|739|1|537') }, "Folder 'a|739|1|537' is an asset handle, not a folder handle [item 0]"],
		['a character XML cannot carry in the name', { name: 'two\u0000lines' }, 'New Name contains the character U+0000 at position 4, which XML cannot carry [item 0]'],
		['an object as modifier', { urlModifier: { wid: 1 } }, 'URL Modifier must be text, but it is an object [item 0]'],
		['a modifier with a raw <', { urlModifier: 'wid=<800>' }, 'URL Modifier is not valid Image Serving syntax: `wid=<800>`'],
		['a modifier with a control character', { urlModifier: 'wid=800\u0007' }, 'URL Modifier contains a control character (U+0007) at position 8 [item 0]'],
	])('%s', async (_case, overrides, message) => {
		const { error, sent } = await run(copyParameters(overrides), copyAnswer);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toContain(message);
		expect(sent).toHaveLength(0);
	});

	it('names the item that failed', async () => {
		const { error, sent } = await run((index) => copyParameters({ name: index === 2 ? '' : `ok_${index}` }), copyAnswer, {
			items: [{ json: {} }, { json: {} }, { json: {} }],
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('New Name is empty [item 2]');
		expect(error?.context?.itemIndex).toBe(2);
		// Items run side by side; the bad row fails before the others send, and stops the run.
		expect(sent).toHaveLength(0);
	});
});

describe('Copy Image: failures', () => {
	it('gives one error item per failed input with continueOnFail and goes on', async () => {
		const items = Array.from({ length: 5 }, () => ({ json: {} }));
		const { output = [], sent } = await run(
			(index) => copyParameters({ name: index === 1 ? '' : `copy_${index}` }),
			(request, index) =>
				request.body.includes('<name>copy_3</name>')
					? soapFault('ipsApiFault', 30000, "Asset ID 'copy_3' is already in use.")
					: copyAnswer(request, index),
			{ items, continueOnFail: true },
		);
		expect(sent).toHaveLength(4);
		expect(output).toHaveLength(5);
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
		expect(output[1].json.error).toBe('New Name is empty [item 1]');
		expect(output[3].json.error).toBe("Scene7 could not run copyImage: Asset ID 'copy_3' is already in use. (30000)");
		expect(output[3].json.description).toBe("Choose another New Name, or set Options > If Name Exists to Use Existing (return the asset of that name already in the folder) or Rename (use the next free name_1, name_2, …).");
		expect(output.filter((item) => item.json.assetHandle).map((item) => item.json.name)).toEqual([
			'copy_0',
			'copy_2',
			'copy_4',
		]);
	});

	it.each([
		[
			'a wrong password',
			soapFault('authenticationFault', 10001, 'Invalid username/password'),
			'Scene7 rejected the user name or password (10001)',
			'authenticationFault 10001',
		],
		[
			'a role that may not copy',
			soapFault('authorizationFault', 20003, "User does not have permission to access operation 'copyImage'"),
			"Your Scene7 user's role may not use copyImage (20003)",
			'authorizationFault 20003',
		],
		[
			'an unknown asset',
			soapFault('ipsApiFault', 30001, "Asset 'a|1|1|1' does not exist."),
			"Scene7 could not run copyImage: Asset 'a|1|1|1' does not exist. (30001)",
			'ipsApiFault 30001',
		],
		[
			'an HTML 502 page',
			{ statusCode: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
			'Scene7 answered with a web page instead of a SOAP response (HTTP 502)',
			'502',
		],
		['an empty 200', { statusCode: 200, body: '' }, 'Scene7 sent an empty response (HTTP 200)', '200'],
		[
			'a fault sent with HTTP 200',
			soapFault('ipsApiFault', 30000, 'Boom', 200),
			'Scene7 could not run copyImage: Boom (30000)',
			'ipsApiFault 30000',
		],
		[
			'a result without a handle',
			soapResult('copyImage', '<assetHandle> </assetHandle>'),
			"Scene7 answered the copy without the new image's handle",
			null,
		],
	])('explains %s, with Scene7\'s fault type and code as the error code', async (_case, response, message, httpCode) => {
		const error = (await run(copyParameters(), () => response)).error as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(message);
		expect(error.httpCode).toBe(httpCode);
		expect(error.context.itemIndex).toBe(0);
		expect(error.description).toBeTruthy();
	});

	it('explains network failures without the request', async () => {
		const { error } = await run(copyParameters(), connectionRefused);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Could not reach Scene7 for copyImage: the server refused the connection');
	});
});
