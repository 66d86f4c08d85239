// Image > Copy through n8n-core's engine against the IPS sandbox over real HTTP: what the node
// returns, what the sandbox received byte for byte, and what it now holds.
import { DEMO, SEED, type RecordedRequest } from '../sandbox/server';
import { runWorkflow } from '../support/engine';
import { copyFromItem, copyWorkflow, SCENE7 } from '../support/workflows';
import { copyOfDemo, createdAssets, demoCredential, runCopy, useSandbox } from './operations/harness';

const HANDLE = /^a\|\d+\|\d+\|\d+$/;
const NS_2014 = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';

const sandbox = useSandbox();

const assetsNamed = (name: string) => sandbox().state.assets.filter((asset) => asset.name === name);

describe('Image > Copy against the IPS sandbox', () => {
	it(`copies ${DEMO.assetHandle} into ${DEMO.folderHandle} as Copy_macbookwin1`, async () => {
		const result = await runCopy(sandbox(), [{}], copyOfDemo('Copy_macbookwin1'));

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		const output = result.outputOf(SCENE7);
		expect(output).toEqual([
			{
				json: {
					assetHandle: expect.stringMatching(HANDLE),
					companyHandle: 'c|6',
					sourceAssetHandle: 'a|739|1|537',
					folderHandle: 'ApiTestCo/',
					name: 'Copy_macbookwin1',
					urlModifier: '',
					alreadyExisted: false,
					imageUrl: `${sandbox().url}/is/image/ApiTestCo/Copy_macbookwin1`,
				},
				pairedItem: { item: 0 },
			},
		]);
		const newHandle = output[0].json.assetHandle;
		expect(newHandle).not.toBe(DEMO.assetHandle);

		// The sandbox holds the copy under the handle the node returned.
		expect(createdAssets(sandbox())).toHaveLength(1);
		expect(assetsNamed('Copy_macbookwin1')).toEqual([
			expect.objectContaining({
				assetHandle: newHandle,
				companyHandle: 'c|6',
				type: 'Image',
				name: 'Copy_macbookwin1',
				fileName: 'Copy_macbookwin1.jpg',
				folderHandle: 'ApiTestCo/',
				createUser: DEMO.user,
				copiedFrom: expect.objectContaining({ assetHandle: 'a|739|1|537', urlModifier: '', by: DEMO.user }),
			}),
		]);

		// One copy, exactly as the node wrote it, and beside it the image URL's two lookups.
		expect(sandbox().requests.map(({ operation }) => operation).sort()).toEqual(['copyImage', 'getCompanyInfo', 'getProperty']);
		const request = sandbox().requests.find(({ operation }) => operation === 'copyImage') as RecordedRequest;
		// Its answer is a handle: not worth a gzip stream (lists stay compressed: image.test.ts).
		for (const { headers } of sandbox().requests) expect(headers['accept-encoding']).toBe('identity');
		expect(request).toMatchObject({
			operation: 'copyImage',
			soapAction: 'copyImage',
			contentType: 'text/xml; charset=UTF-8',
			user: DEMO.user,
			namespace: NS_2014,
			outcome: 'ok',
			status: 200,
		});
		expect(request.rawBody).toContain(
			'<soapenv:Header><authHeader xmlns="http://www.scene7.com/IpsApi/xsd">' +
				'<user>ips-user@sandbox.test</user><password>sandbox-demo-password</password>' +
				'<appName>n8n-nodes-scene7</appName><appVersion>0.1.0</appVersion></authHeader></soapenv:Header>',
		);
		expect(request.rawBody).toContain(
			`<copyImageParam xmlns="${NS_2014}"><companyHandle>c|6</companyHandle>` +
				'<assetHandle>a|739|1|537</assetHandle><folderHandle>ApiTestCo/</folderHandle>' +
				'<name>Copy_macbookwin1</name><urlModifier/></copyImageParam>',
		);
	});

	// A second copy with the same name (in any letter case: test/sandbox/copy-image.test.ts) is refused
	// with Scene7's reason: continue-on-fail.test.ts (row 8), its description in unit imageCopy.test.ts.

	it.each([1, 8])('copies 50 items in one run with Concurrency %i: 50 handles in input order, each paired to its item', async (concurrency) => {
		const folders = [DEMO.folderHandle, SEED.folders.summer, SEED.folders.uploads];
		const items = Array.from({ length: 50 }, (_, i) => ({
			company: DEMO.companyHandle,
			asset: i % 2 === 0 ? DEMO.assetHandle : SEED.assets.summerHero,
			folder: folders[i % folders.length],
			name: `Batch_${String(i + 1).padStart(2, '0')}`,
		}));
		const parameters = { ...copyFromItem(), options: { concurrency } };

		const result = await runCopy(sandbox(), items, parameters);

		expect(result.status).toBe('success');
		const output = result.outputOf(SCENE7);
		expect(output).toHaveLength(50);
		output.forEach(({ json, pairedItem }, i) => {
			expect(pairedItem).toEqual({ item: i });
			expect(json).toEqual({
				assetHandle: expect.stringMatching(HANDLE),
				companyHandle: items[i].company,
				sourceAssetHandle: items[i].asset,
				folderHandle: items[i].folder,
				name: items[i].name,
				urlModifier: '',
				alreadyExisted: false,
				imageUrl: `${sandbox().url}/is/image/ApiTestCo/${items[i].name}`,
			});
		});
		expect(new Set(output.map(({ json }) => json.assetHandle)).size).toBe(50);

		// Exactly 50 new assets, each the one the node reported for its item.
		const created = createdAssets(sandbox());
		expect(created).toHaveLength(50);
		const createdByName = new Map(created.map((asset) => [asset.name, asset]));
		expect(
			output.map(({ json }) => {
				const asset = createdByName.get(json.name as string);
				return [asset?.assetHandle, asset?.folderHandle, asset?.copiedFrom?.assetHandle];
			}),
		).toEqual(output.map(({ json }) => [json.assetHandle, json.folderHandle, json.sourceAssetHandle]));
		const copies = sandbox().requests.filter(({ operation }) => operation === 'copyImage');
		const sentNames = copies.map(({ args }) => (args as { name: string }).name);
		expect([...sentNames].sort()).toEqual(items.map(({ name }) => name));
		if (concurrency === 1) expect(sentNames).toEqual(items.map(({ name }) => name));
	});

	// If Name Exists against the sandbox: Use Existing in e2e/examples.e2e.test.ts (the webhook example
	// called twice), Rename in e2e/start.e2e.test.ts (the demo run twice); each mode: unit imageCopyReliability.test.ts.

	// The URL Modifier check (on by default) refuses raw < > " ' and unknown commands, so the rows
	// that carry them turn it off, as a user sending commands the check does not know would.
	const UNCHECKED = { validateUrlModifier: false };

	it.each([
		{ label: 'an Image Serving modifier joined with &', name: 'Copy_resized', urlModifier: 'wid=800&hei=800&fmt=jpg', options: {}, sent: '<name>Copy_resized</name><urlModifier>wid=800&amp;hei=800&amp;fmt=jpg</urlModifier>' },
		{ label: 'the XML special characters & < > " \' (unchecked modifier)', name: "Tom & Jerry's café ☕", urlModifier: `$text=<b>"Tom" & 'Jerry'</b>`, options: UNCHECKED, sent: '<name>Tom &amp; Jerry&apos;s café ☕</name><urlModifier>$text=&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;</urlModifier>' },
		{ label: 'replacement patterns of String.replace ($& $\' $`) (unchecked modifier)', name: "Sale $& $' $` 50%", urlModifier: "$& $$ $' $`", options: UNCHECKED, sent: '<name>Sale $&amp; $&apos; $` 50%</name><urlModifier>$&amp; $$ $&apos; $`</urlModifier>' },
		{ label: 'characters outside ASCII and outside the BMP (unchecked modifier)', name: 'Photo 📷 Ünïcødé 日本語', urlModifier: 'caption=Grüße 👋', options: UNCHECKED, sent: '<name>Photo 📷 Ünïcødé 日本語</name><urlModifier>caption=Grüße 👋</urlModifier>' },
	])('sends $label byte for byte', async ({ name, urlModifier, options, sent }) => {
		const result = await runCopy(sandbox(), [{}], copyOfDemo(name, { urlModifier, options }));

		expect(result.error?.message).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.outputOf(SCENE7)[0].json).toMatchObject({ name, urlModifier });
		const [request] = sandbox().requests;
		expect(request.rawBody).toContain(sent);
		expect(request.args).toMatchObject({ name, urlModifier });
		expect(assetsNamed(name)).toEqual([
			expect.objectContaining({
				assetHandle: result.outputOf(SCENE7)[0].json.assetHandle,
				copiedFrom: expect.objectContaining({ urlModifier }),
			}),
		]);
	});

	// API version 2008-01-15: its namespace, with the authHeader's version-free one, in unit
	// transport/envelope.test.ts; the sandbox's copy in that version in test/sandbox/copy-image.test.ts.

	it('sends the App Name and App Version of the credential', async () => {
		const result = await runWorkflow(
			copyWorkflow([{}], copyOfDemo('Copy_app'), demoCredential(sandbox(), { appName: 'Acme DAM sync', appVersion: '3.2.1' })),
		);

		expect(result.status).toBe('success');
		expect(sandbox().requests[0].rawBody).toContain('<appName>Acme DAM sync</appName><appVersion>3.2.1</appVersion>');
	});

	it('sends and returns for fields mapped as {{ $json.field }} exactly what n8n evaluates them to', async () => {
		// Mapped fields are read from the item instead of through n8n's expression engine; written as
		// `{{ ($json.field) }}` the same fields go through n8n. Both runs must send and return the same.
		const rows = [
			{ name: 'Mapped_plain', urlModifier: 'wid=100' },
			{ name: '  Mapped_padded  ', urlModifier: '' },
			{ name: 'Mapped_Café_☕', urlModifier: 'wid=1&hei=2' },
			{ name: 'Mapped_&_<amp>', urlModifier: 'op_text="x"' },
			{ name: '', urlModifier: '' },
			{ name: 12345, urlModifier: 'wid=5' },
			{ name: 'Mapped_no_modifier' },
			{ name: 'Mapped_null_modifier', urlModifier: null },
		].map((row) => ({ company: DEMO.companyHandle, asset: DEMO.assetHandle, folder: DEMO.folderHandle, ...row }));
		const throughN8n = (expression: string) => expression.replace(/^=\{\{ (.*) \}\}$/, '={{ ($1) }}');
		const mapped = { ...copyFromItem(), urlModifier: '={{ $json.urlModifier }}', options: { includeImageUrl: false } };
		const evaluated = JSON.parse(JSON.stringify(mapped), (_key, value: unknown) => (typeof value === 'string' ? throughN8n(value) : value));
		expect(JSON.stringify(evaluated)).toContain('={{ ($json.name) }}');

		const runOf = async (parameters: typeof mapped) => {
			sandbox().reset();
			const result = await runCopy(sandbox(), rows, parameters, { onError: 'continueRegularOutput' });
			const sent = sandbox().requests.filter(({ operation }) => operation === 'copyImage').map(({ args }) => args);
			const output = result.outputOf(SCENE7).map(({ json }) => ({ ...json, assetHandle: typeof json.assetHandle }));
			return { sent, output };
		};
		const viaItem = await runOf(mapped);
		const viaN8n = await runOf(evaluated);

		expect(viaItem.output).toHaveLength(rows.length);
		expect(viaItem.output.filter((json) => 'error' in json).length).toBeGreaterThan(0);
		expect(viaItem.sent.length).toBeGreaterThan(3);
		expect(viaItem).toEqual(viaN8n);
	});
});
