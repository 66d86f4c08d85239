import { nodeOutput, type RunJson } from './lib/n8n';
import { assetNamed, DEMO, useSandboxN8n, type RecordedRequest } from './lib/sandbox';
import { copyImageNode, rowsWorkflow } from './lib/workflows';

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
	const e2e = useSandboxN8n('e2e-hostile-names', [CREDENTIAL]);
	let run: RunJson;
	let requests: RecordedRequest[];

	beforeAll(async () => {
		const copy = copyImageNode(
			'Copy Image',
			{ companyHandle: 'c|6', assetHandle: DEMO.assetHandle, folderHandle: 'ApiTestCo/', name: '={{ $json.newName }}', urlModifier: '' },
			CREDENTIAL,
			[440, 0],
		);
		await e2e.n8n.importWorkflows([rowsWorkflow(HOSTILE_WF, 'Scene7: hostile names', HOSTILE_NAMES.map((newName) => ({ newName })), copy)]);
		const before = e2e.sandbox.requests.length;
		run = await e2e.n8n.executeOk(HOSTILE_WF);
		requests = e2e.sandbox.requests.slice(before);
	});

	test('the sandbox holds each copy under the name as written, byte for byte', () => {
		const { sandbox } = e2e;
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
