import { redundancy, scoreTable, type Report } from '../../mutation/report';

const mutant = (id: string, status: string, killedBy?: string[], coveredBy?: string[]) => ({ id, status, killedBy, coveredBy });
const suite = (names: string[]) => ({
	'test/mutation/unitSuite.mocha.js': { tests: names.map((name, index) => ({ id: String(index), name })) },
});

describe('the committed mutation report', () => {
	it('scores caught (killed or timed out) over valid mutants, per file and whole, and names files not yet run', () => {
		const report: Report = {
			files: {
				'nodes/a.ts': { mutants: [mutant('0', 'Killed'), mutant('1', 'Timeout'), mutant('2', 'Survived'), mutant('3', 'CompileError')] },
				'nodes/b.ts': { mutants: [mutant('4', 'NoCoverage'), mutant('5', 'Killed')] },
			},
		};
		expect(scoreTable(report, ['nodes/a.ts', 'nodes/b.ts', 'nodes/c.ts']).split('\n')).toEqual([
			'whole-tree mutation score: 60.0 % (3 of 5 mutants caught; 1 of 3 files not in the report)',
			'',
			'| File | Score | Caught | Survived | No coverage |',
			'| --- | --- | --- | --- | --- |',
			'| `nodes/a.ts` | 66.7 % | 2 | 1 | 0 |',
			'| `nodes/b.ts` | 50.0 % | 1 | 0 | 1 |',
			'| `nodes/c.ts` | not in the report (no mutants, or not yet run) | | | |',
		]);
	});

	it("keeps a mutant's only catcher, then the test catching most of what is left, and lists the rest", () => {
		const report: Report = {
			files: {
				'nodes/a.ts': {
					mutants: [
						mutant('0', 'Killed', ['0']), // A alone
						mutant('1', 'Killed', ['1', '2']), // B or C
						mutant('2', 'Killed', ['2', '3']), // C or D: C catches both, so C is kept
						mutant('3', 'Killed', ['0', '3']), // A already kept
						mutant('4', 'Survived', [], ['4']),
						mutant('5', 'Timeout', undefined, ['5']), // F may be the test that hung
					],
				},
			},
			testFiles: suite(['A', 'B', 'C', 'D', 'E', 'F']),
		};
		expect(redundancy(report)).toEqual({ needed: ['A', 'C', 'F'], repeating: ['B', 'D'], catchingNothing: ['E'] });
	});
});
