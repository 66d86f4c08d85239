// Issue #4 in a real n8n: rows that carry only names and paths. Copy Image maps them with the Company and
// Image locators in "By Name" mode and the Folder locator in "By Path" mode; each distinct name or path is
// looked up once per execution, and a name that matches no image fails only its own item.
import { N8n, nodeItems, nodeOutput, type RunJson } from './lib/n8n';
import { assetNamed, assetsNamed, DEMO, startSandbox, type RecordedRequest, type Sandbox } from './lib/sandbox';
import { codeNode, connect, copyImageNode, manualTriggerNode, namesWorkflow, scene7Credential, workflow, type NameRow } from './lib/workflows';

const CREDENTIAL = { id: 'e2eCredNames0001', name: 'Scene7 sandbox' };
const WF = 'e2eNamesPaths001';

/** Seeded images of ApiTestCo (c|6) by name, with their handles. */
const IMAGES: Record<string, string> = {
	macbookwin1: 'a|739|1|537',
	'summer-hero': 'a|740|1|538',
	'sale-banner': 'a|741|1|539',
	'Salt & Pepper': 'a|742|1|540',
};
/** Folder paths in three forms (full with slash, relative without, full without) and the handle each names. */
const FOLDERS: Record<string, string> = {
	'ApiTestCo/summer/': 'ApiTestCo/summer/',
	'summer/sale': 'ApiTestCo/summer/sale/',
	'ApiTestCo/Folder With Space': 'ApiTestCo/Folder With Space/',
};
const imageNames = Object.keys(IMAGES);
const folderPaths = Object.keys(FOLDERS);

// 12 good rows: i % 4 and i % 3 walk every image × folder pair once.
const GOOD_ROWS: NameRow[] = Array.from({ length: 12 }, (_, i) => ({
	company: 'ApiTestCo',
	image: imageNames[i % imageNames.length],
	folder: folderPaths[i % folderPaths.length],
	newName: `Named_${String(i + 1).padStart(2, '0')}`,
}));
const MISSING_IMAGE = 'no-such-image';
const BAD_INDEX = 7;
const BAD_ROW: NameRow = { company: 'ApiTestCo', image: MISSING_IMAGE, folder: 'ApiTestCo/summer/', newName: 'Named_missing' };
const ROWS: NameRow[] = [...GOOD_ROWS.slice(0, BAD_INDEX), BAD_ROW, ...GOOD_ROWS.slice(BAD_INDEX)];

const pairedIndex = (item: { pairedItem?: unknown }) => (item.pairedItem as { item: number }).item;
const countBy = (requests: RecordedRequest[]) =>
	requests.reduce<Record<string, number>>((counts, r) => ({ ...counts, [r.operation]: (counts[r.operation] ?? 0) + 1 }), {});
/** The names a getAssetsByName asked for, as node-soap parsed its nameArray. */
const namesAskedFor = (request: RecordedRequest): string[] => {
	const items = (request.args as { nameArray?: { items?: unknown } }).nameArray?.items;
	return (Array.isArray(items) ? items : [items]).map(String);
};

describe('n8n CLI: Copy Image by company name, image name and folder path (issue #4)', () => {
	let sandbox: Sandbox;
	let n8n: N8n;
	let run: RunJson;
	let requests: RecordedRequest[];

	beforeAll(async () => {
		sandbox = await startSandbox();
		n8n = await N8n.create({ label: 'e2e-names' });
		await n8n.importCredentials([
			scene7Credential({ ...CREDENTIAL, serviceUrl: sandbox.serviceUrl, user: DEMO.user, password: DEMO.password }),
		]);
		await n8n.importWorkflows([namesWorkflow(WF, CREDENTIAL, ROWS, { onError: 'continueRegularOutput' })]);

		const before = sandbox.requests.length;
		const res = await n8n.execute(WF);
		if (res.code !== 0 || res.run?.status !== 'success') {
			throw new Error(`execute ${WF}: rc=${res.code} status=${res.run?.status}\n${res.stdout.slice(-3000)}\n${res.stderr.slice(-2000)}`);
		}
		run = res.run;
		requests = sandbox.requests.slice(before);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.close();
	});

	test('every row resolves to the handles of its named image and folder; copies land there', () => {
		const items = nodeItems(run, 'Copy Image');
		expect(items.map(pairedIndex)).toEqual(ROWS.map((_, i) => i));
		const out = nodeOutput(run, 'Copy Image');
		expect(out).toHaveLength(13);

		ROWS.forEach((row, i) => {
			if (i === BAD_INDEX) return;
			const copy = assetNamed(sandbox, row.newName);
			expect(out[i]).toEqual({
				assetHandle: copy.assetHandle,
				companyHandle: 'c|6',
				sourceAssetHandle: IMAGES[row.image],
				folderHandle: FOLDERS[row.folder],
				name: row.newName,
				urlModifier: '',
				alreadyExisted: false,
				imageUrl: `${sandbox.url}/is/image/ApiTestCo/${encodeURIComponent(row.newName)}`,
			});
			// What the sandbox holds: a new image in the named folder, copied from the named image.
			expect(copy).toMatchObject({ companyHandle: 'c|6', type: 'Image', folderHandle: FOLDERS[row.folder] });
			expect(copy.copiedFrom).toMatchObject({ assetHandle: IMAGES[row.image], urlModifier: '', by: DEMO.user });
			expect(copy.assetHandle).not.toBe(IMAGES[row.image]);
		});
		expect(new Set(out.map((o) => o.assetHandle).filter(Boolean)).size).toBe(12);

		// Each copyImage carried the resolved handles (node-soap's parse of the body).
		const copies = requests.filter((r) => r.operation === 'copyImage');
		expect(copies.every((r) => r.outcome === 'ok')).toBe(true);
		expect(
			copies
				.map((r) => r.args as Record<string, unknown>)
				.map(({ companyHandle, assetHandle, folderHandle, name }) => ({ companyHandle, assetHandle, folderHandle, name }))
				.sort((a, b) => String(a.name).localeCompare(String(b.name))),
		).toEqual(
			GOOD_ROWS.map((row) => ({
				companyHandle: 'c|6',
				assetHandle: IMAGES[row.image],
				folderHandle: FOLDERS[row.folder],
				name: row.newName,
			})),
		);
	});

	test('one lookup per distinct name: 1 getCompanyInfo, 1 getAssetsByName per image name, 1 getFolderTree, 12 copyImage', () => {
		expect(countBy(requests)).toEqual({
			// The company by name, then by handle (its root) for the copies' imageUrl, with the Image Server URL.
			getCompanyInfo: 2,
			getProperty: 1,
			getAssetsByName: imageNames.length + 1,
			getFolderTree: 1,
			copyImage: 12,
		});
		expect((requests.find((r) => r.operation === 'getCompanyInfo')?.args as Record<string, unknown>).companyName).toBe('ApiTestCo');
		const asked = requests.filter((r) => r.operation === 'getAssetsByName').map(namesAskedFor);
		expect(asked.every((names) => names.length === 1)).toBe(true);
		expect(asked.map(([name]) => name).sort()).toEqual([...imageNames, MISSING_IMAGE].sort());
		expect((requests.find((r) => r.operation === 'getFolderTree')?.args as Record<string, unknown>).companyHandle).toBe('c|6');
		expect(requests.every((r) => r.user === DEMO.user && r.outcome === 'ok')).toBe(true);
	});

	test('an image name that matches nothing fails only its own item (On Error: Continue)', () => {
		const out = nodeOutput(run, 'Copy Image');
		expect(out[BAD_INDEX]).toEqual({
			error: `No image is named '${MISSING_IMAGE}' in company c|6 [item ${BAD_INDEX}]`,
			description:
				'Check the spelling (names must match exactly), that the asset is an image, and the company; or pick the image from the list or enter its handle.',
		});
		expect(assetsNamed(sandbox, BAD_ROW.newName)).toHaveLength(0);
		expect(out.filter((o) => 'error' in o)).toHaveLength(1);
	});
});

// Issue #11: names are sent XML-escaped and arrive byte-exact; only what XML cannot carry is refused
// before sending. 30 rows of names a catalogue or a spreadsheet may hold.
const HOSTILE_NAMES = [
	`A&B <x> "q" 'a'`,
	'사본_é',
	'lit&amp;eral &#233;',
	'cdata]]>end',
	'emoji \u{1F600}',
	'<>&',
	'MacBook 15" Pro',
	'50% off',
	'&lt;b&gt;bold&lt;/b&gt;',
	'<![CDATA[inner]]>',
	'<!--comment-->',
	'a/b\\c:d*e?f|g',
	'tab\there',
	'line\nbreak',
	'carriage\rreturn and\r\nCRLF',
	'Ελληνικά',
	'日本語のファイル名',
	'עברית',
	'family \u{1F468}\u200D\u{1F469}\u200D\u{1F467}',
	'flag \u{1F1E9}\u{1F1EA}',
	"$& $1 $$ $' replacement patterns",
	'<!--scene7:authHeader-->',
	'http://www.scene7.com/IpsApi/xsd/{apiVersion}',
	'{{ not an expression }}',
	'x'.repeat(300),
	'nbsp\u00A0inside',
	'zero\u200Bwidth',
	'combining e\u0301',
	'DEL\u007Fchar and \u0085 NEL',
	'\u{10FFFF} last plane',
];
const HOSTILE_WF = 'e2eHostileNames1';

describe('n8n CLI: 30 names XML must escape, copied byte-exact (issue #11)', () => {
	let sandbox: Sandbox;
	let n8n: N8n;
	let run: RunJson;
	let requests: RecordedRequest[];

	beforeAll(async () => {
		sandbox = await startSandbox();
		n8n = await N8n.create({ label: 'e2e-hostile-names' });
		await n8n.importCredentials([
			scene7Credential({ ...CREDENTIAL, serviceUrl: sandbox.serviceUrl, user: DEMO.user, password: DEMO.password }),
		]);
		const rows = `return ${JSON.stringify(HOSTILE_NAMES)}.map((newName) => ({ json: { newName } }));`;
		await n8n.importWorkflows([
			workflow(
				HOSTILE_WF,
				'Scene7: hostile names',
				[
					manualTriggerNode(),
					codeNode('Rows', rows, [220, 0]),
					copyImageNode(
						'Copy Image',
						{ companyHandle: 'c|6', assetHandle: IMAGES.macbookwin1, folderHandle: 'ApiTestCo/', name: '={{ $json.newName }}', urlModifier: '' },
						CREDENTIAL,
						[440, 0],
					),
				],
				connect(['Manual Trigger', 'Rows'], ['Rows', 'Copy Image']),
			),
		]);
		const before = sandbox.requests.length;
		const res = await n8n.execute(HOSTILE_WF);
		if (res.code !== 0 || res.run?.status !== 'success') {
			throw new Error(`execute ${HOSTILE_WF}: rc=${res.code} status=${res.run?.status}\n${res.stdout.slice(-3000)}\n${res.stderr.slice(-2000)}`);
		}
		run = res.run;
		requests = sandbox.requests.slice(before);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.close();
	});

	test('has 30 distinct names', () => {
		expect(new Set(HOSTILE_NAMES.map((name) => name.toLowerCase())).size).toBe(30);
	});

	test('the sandbox holds each copy under the name as written, byte for byte', () => {
		const out = nodeOutput(run, 'Copy Image');
		expect(out.map((o) => o.name)).toEqual(HOSTILE_NAMES);
		HOSTILE_NAMES.forEach((name, i) => {
			const copy = assetNamed(sandbox, name);
			expect(Buffer.from(copy.name, 'utf8').equals(Buffer.from(name, 'utf8'))).toBe(true);
			expect(copy).toMatchObject({ companyHandle: 'c|6', type: 'Image', folderHandle: 'ApiTestCo/' });
			expect(out[i].assetHandle).toBe(copy.assetHandle);
		});
	});

	test('30 copyImage requests, each carrying its name exactly', () => {
		const copies = requests.filter((r) => r.operation === 'copyImage');
		expect(copies).toHaveLength(30);
		expect(copies.every((r) => r.outcome === 'ok' && r.user === DEMO.user)).toBe(true);
		expect(copies.map((r) => String((r.args as { name?: unknown }).name)).sort()).toEqual([...HOSTILE_NAMES].sort());
	});
});
