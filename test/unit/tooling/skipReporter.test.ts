// The skip reporter (test/support/skip-reporter.js) lists each skipped group with the reason its test code
// gives through testIf/describeIf (test/support/skip.ts).
import { withSkipReason } from '../../support/skip';

interface FakeTest {
	status: string;
	title: string;
	ancestorTitles: string[];
}
type SkippedLines = (
	results: { testResults: Array<{ testFilePath: string; testResults: FakeTest[] }> },
	rootDir: string,
	testNamePattern?: string,
) => string[];

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { skippedLines } = require('../../support/skip-reporter.js') as { skippedLines: SkippedLines };

const ROOT = '/repo';
const WSDL = '../shared/wsdl/IpsApi-2014-04-03.wsdl not found';
const t = (status: string, title: string, ...ancestorTitles: string[]): FakeTest => ({ status, title, ancestorTitles });

describe('skippedLines', () => {
	it('groups skipped tests by reason, then by the file and describe or test that carries it', () => {
		const suite = withSkipReason("sandbox schema vs Adobe's WSDL", WSDL);
		const lines = skippedLines(
			{
				testResults: [
					{
						testFilePath: '/repo/test/sandbox/wsdl-conformance.test.ts',
						testResults: [t('pending', 'copyImage', suite, 'operations'), t('pending', 'getUserInfo', suite, 'operations'), t('pending', 'types', suite)],
					},
					{
						testFilePath: '/repo/test/sandbox/auth.test.ts',
						testResults: [t('passed', 'binds each version', 'authHeader'), t('pending', withSkipReason('matches the WSDL', WSDL), 'authHeader')],
					},
					{
						testFilePath: '/repo/test/e2e/pairing.e2e.test.ts',
						testResults: [t('pending', withSkipReason('n8n 1.x with its defaults', 'n8n 1.x only; this leg is n8n 2.8.4'))],
					},
					{ testFilePath: '/repo/test/unit/x.test.ts', testResults: [t('pending', 'forgotten'), t('todo', 'later', 'x')] },
				],
			},
			ROOT,
		);
		expect(lines).toEqual([
			'Skipped 7 tests, and why:',
			`  4 tests: ${WSDL}`,
			"    test/sandbox/wsdl-conformance.test.ts › sandbox schema vs Adobe's WSDL (3 tests)",
			'    test/sandbox/auth.test.ts › authHeader › matches the WSDL (1 test)',
			'  1 test: n8n 1.x only; this leg is n8n 2.8.4',
			'    test/e2e/pairing.e2e.test.ts › n8n 1.x with its defaults (1 test)',
			'  1 test: no reason given in the test (use testIf/describeIf from test/support/skip.ts)',
			'    test/unit/x.test.ts › forgotten (1 test)',
			'  1 test: marked todo',
			'    test/unit/x.test.ts › x › later (1 test)',
		]);
	});

	it('prints nothing when nothing was skipped, and no line CI would read as a suite total', () => {
		expect(skippedLines({ testResults: [{ testFilePath: '/repo/a.test.ts', testResults: [t('passed', 'a')] }] }, ROOT)).toEqual([]);
		const lines = skippedLines({ testResults: [{ testFilePath: '/repo/a.test.ts', testResults: [t('pending', 'a')] }] }, ROOT, 'b');
		expect(lines).toEqual(['Skipped 1 test, and why:', '  1 test: not matched by -t b, or no reason given in the test', '    a.test.ts › a (1 test)']);
		// .ci/run sums the lines of this shape.
		for (const line of lines) expect(line).not.toMatch(/^[a-z0-9+:-]+: ([0-9]+) passed, ([0-9]+) failed.*$/);
	});
});
