// copyImage, as a client sees it and as the state shows it.
import {
	call,
	copyImageFields,
	elementText,
	envelope,
	fieldsXml,
	parseFault,
	post,
} from './raw-soap';
import { SEED } from './server';
import { useSandbox } from './useSandbox';

const sandbox = useSandbox();

const copy = (overrides: Parameters<typeof copyImageFields>[0] = {}) =>
	call(sandbox().serviceUrl, 'copyImage', copyImageFields(overrides));

describe('copyImage: success', () => {
	// The copy's record and the request's are checked through the node in
	// test/integration/copy-image.test.ts; the 2008-01-15 answer in transport.test.ts.
	it('answers the docs example (2008-01-15, empty urlModifier) with a copy of the source image', async () => {
		const res = await call(
			sandbox().serviceUrl,
			'copyImage',
			fieldsXml(copyImageFields({ name: 'Copy_macbookwin1' }).slice(0, 4)) + '<ns1:urlModifier/>',
			{ version: '2008-01-15' },
		);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('text/xml;charset=UTF-8');
		const created = sandbox().state.assets.find((a) => a.assetHandle === elementText(res.body, 'assetHandle'));
		expect(created).toMatchObject({
			name: 'Copy_macbookwin1',
			trashState: 'NotInTrash',
			imageInfo: { width: 1600, height: 1200, urlModifier: '' },
		});
	});

	it('gives the same handles for the same seed after reset', async () => {
		const a = elementText((await copy({ name: 'x1' })).body, 'assetHandle');
		sandbox().reset();
		const b = elementText((await copy({ name: 'x1' })).body, 'assetHandle');
		expect(b).toBe(a);
	});

	it('accepts an empty <urlModifier></urlModifier> and the f| folder handle form', async () => {
		const res = await copy({ urlModifier: '', folderHandle: 'f|ApiTestCo/uploads/' });
		expect(res.status).toBe(200);
		expect(sandbox().state.assets.find((a) => a.name === 'Copy_macbookwin1')?.folderHandle).toBe(
			'ApiTestCo/uploads/',
		);
	});

	it('allows a name another company already uses, in the user’s second company', async () => {
		// summer-hero exists in c|6; asset IDs are unique per company only.
		const res = await call(
			sandbox().serviceUrl,
			'copyImage',
			copyImageFields({
				companyHandle: 'c|7',
				assetHandle: SEED.assets.otherLogo,
				folderHandle: 'OtherCo/',
				name: 'summer-hero',
			}),
		);
		expect(res.status).toBe(200);
		const named = sandbox().state.assets.filter((a) => a.name === 'summer-hero');
		expect(named.map((a) => a.companyHandle).sort()).toEqual(['c|6', 'c|7']);
	});

	it('reads values written with CDATA and character references', async () => {
		const body =
			fieldsXml(copyImageFields().slice(0, 3)) +
			'<ns1:name><![CDATA[cd&ata]]>&#x2D;copy</ns1:name><ns1:urlModifier/>';
		const res = await call(sandbox().serviceUrl, 'copyImage', body);
		expect(res.status).toBe(200);
		expect(sandbox().state.assets.some((a) => a.name === 'cd&ata-copy')).toBe(true);
	});
});

describe('copyImage: faults', () => {
	it('refuses a name already used in the company, case-insensitively, with the documented 30000 fault', async () => {
		const res = await copy({ name: 'SUMMER-hero' });
		expect(res.status).toBe(500);
		expect(res.body).toContain(
			'<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>ipsApiFault</faultstring><detail><ns1:ipsApiFault xmlns:ns1="http://www.scene7.com/IpsApi/xsd"><code xmlns="http://www.scene7.com/IpsApi/xsd">30000</code><reason xmlns="http://www.scene7.com/IpsApi/xsd">Asset ID \'SUMMER-hero\' is already in use.</reason></ns1:ipsApiFault></detail></soapenv:Fault>',
		);
	});

	it('counts trashed assets as using their name', async () => {
		const res = await copy({ name: 'old-banner' });
		expect(parseFault(res.body)?.code).toBe(30000);
	});

	it.each([
		['an unknown asset', { assetHandle: 'a|1|1|1' }, "Invalid assetHandle 'a|1|1|1'"],
		['an asset of another company', { assetHandle: SEED.assets.otherLogo }, `Invalid assetHandle '${SEED.assets.otherLogo}'`],
		['an unknown folder', { folderHandle: 'ApiTestCo/winter/' }, "Invalid folderHandle 'ApiTestCo/winter/'"],
		['a folder path without its trailing slash', { folderHandle: 'ApiTestCo/summer' }, "Invalid folderHandle 'ApiTestCo/summer'"],
		['a folder of another company', { folderHandle: 'OtherCo/' }, "Invalid folderHandle 'OtherCo/'"],
		['a video source', { assetHandle: SEED.assets.promoVideo }, `Invalid assetHandle '${SEED.assets.promoVideo}': asset 'promo-video' is of type Video, not Image`],
		['a PDF source', { assetHandle: SEED.assets.productGuide }, 'is of type Pdf, not Image'],
		['a source in the trash', { assetHandle: SEED.assets.trashedBanner }, "asset 'old-banner' is in the trash"],
		['an empty name', { name: '' }, "Invalid name '': an asset name must not be empty"],
		['a blank name', { name: '   ' }, 'an asset name must not be empty'],
	])('refuses %s with ipsApiFault 30001', async (_what, overrides, reason) => {
		const before = sandbox().state.assets.length;
		const res = await copy(overrides);
		const fault = parseFault(res.body);
		expect(fault).toMatchObject({
			faultcode: 'soapenv:Client',
			element: 'ipsApiFault',
			code: 30001,
		});
		expect(fault?.reason).toContain(reason);
		expect(sandbox().state.assets).toHaveLength(before);
	});

	// No Adobe document lists characters or a length Scene7 refuses in names (only uniqueness is
	// documented), so the sandbox stores any name XML can carry, exactly as received.
	it.each(['x'.repeat(256), 'a/b\\c:d*e?f|g', 'A&B <x> "q" \'a\'', 'a\tb\nc', '  padded  ', '사본_é \u{1F600}'])(
		'accepts the name %j and stores it as sent',
		async (name) => {
			expect((await copy({ name })).status).toBe(200);
			expect(sandbox().state.assets.filter((a) => a.name === name)).toHaveLength(1);
		},
	);

	it.each(['companyHandle', 'assetHandle', 'folderHandle', 'name', 'urlModifier'])(
		'refuses a request without <%s> with 30002',
		async (missing) => {
			const fields = copyImageFields().filter(([name]) => name !== missing);
			const res = await call(sandbox().serviceUrl, 'copyImage', fields);
			expect(parseFault(res.body)).toMatchObject({
				code: 30002,
				reason: `Missing required element '${missing}' in 'copyImageParam'`,
			});
		},
	);

	it.each([
		['an unknown element', (f: string) => f.replace('<ns1:name>', '<ns1:urlPostApplyModifier>x</ns1:urlPostApplyModifier><ns1:name>'), "Unknown element 'urlPostApplyModifier' in 'copyImageParam'"],
		['the docs-table name companyName', (f: string) => f.replace(/ns1:companyHandle/g, 'ns1:companyName'), "Unknown element 'companyName' in 'copyImageParam'"],
		['a repeated element', (f: string) => f.replace('<ns1:urlModifier>', '<ns1:name>again</ns1:name><ns1:urlModifier>'), "Element 'name' appears more than once in 'copyImageParam'"],
		['an element inside a string', (f: string) => f.replace('<ns1:name>Copy_macbookwin1</ns1:name>', '<ns1:name><ns1:b>x</ns1:b></ns1:name>'), "Element 'copyImageParam/name' must not contain elements"],
		['text between elements', (f: string) => f.replace('<ns1:name>', 'stray<ns1:name>'), "Unexpected text in element 'copyImageParam'"],
		['elements out of WSDL order', (f: string) => f.replace(/(<ns1:folderHandle>.*<\/ns1:folderHandle>)(<ns1:name>.*<\/ns1:name>)/, '$2$1'), "Element 'folderHandle' is out of order in 'copyImageParam'; expected order: companyHandle, assetHandle, folderHandle, name, urlModifier"],
	])('refuses %s with 30003', async (_what, edit, reason) => {
		const res = await call(sandbox().serviceUrl, 'copyImage', edit(fieldsXml(copyImageFields())));
		expect(parseFault(res.body)).toMatchObject({ code: 30003, reason });
	});

	it('refuses xsi:nil on a required string (30001)', async () => {
		const body =
			fieldsXml(copyImageFields().slice(0, 4)) +
			'<ns1:urlModifier xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>';
		const res = await call(sandbox().serviceUrl, 'copyImage', body);
		expect(parseFault(res.body)).toMatchObject({
			code: 30001,
			reason: "Parameter 'copyImageParam/urlModifier' is not nillable",
		});
	});

	it('authenticates before it checks the body', async () => {
		const res = await post(
			sandbox().serviceUrl,
			envelope('copyImage', [['name', 'x']], {
				header:
					'<authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>x</user><password>y</password></authHeader>',
			}),
			{ soapAction: 'copyImage' },
		);
		expect(parseFault(res.body)?.code).toBe(10001);
	});
});
