import { N8n, nodeOutput, type RunJson } from './lib/n8n';
import { assetNamed, DEMO, startSandbox, type RecordedRequest, type Sandbox } from './lib/sandbox';
import { codeNode, connect, copyImageNode, manualTriggerNode, scene7Credential, workflow } from './lib/workflows';

const CREDENTIAL = { id: 'e2eCredNames0001', name: 'Scene7 sandbox' };

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
						{ companyHandle: 'c|6', assetHandle: DEMO.assetHandle, folderHandle: 'ApiTestCo/', name: '={{ $json.newName }}', urlModifier: '' },
						CREDENTIAL,
						[440, 0],
					),
				],
				connect(['Manual Trigger', 'Rows'], ['Rows', 'Copy Image']),
			),
		]);
		const before = sandbox.requests.length;
		run = await n8n.executeOk(HOSTILE_WF);
		requests = sandbox.requests.slice(before);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.close();
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
