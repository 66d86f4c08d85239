/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// The committed mutation report (mutation/stryker-incremental.json, Stryker's incremental file) and
// the per-file score table in CONTRIBUTING.md: `npx tsx test/mutation/report.ts table` prints the
// table from it; `redundant` lists the tests that catch no mutant another test does not. To refresh
// a part of the tree, run Stryker on the whole of it: incremental mode re-tests only the mutants
// whose code or covering tests changed (`--mutate` would replace the report with that part).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

export const REPORT_FILE = 'mutation/stryker-incremental.json';

interface Test {
	id: string;
	name: string;
	[key: string]: unknown;
}

interface Mutant {
	id: string;
	status: string;
	coveredBy?: string[];
	killedBy?: string[];
	[key: string]: unknown;
}

export interface Report {
	files: Record<string, { mutants: Mutant[]; [key: string]: unknown }>;
	testFiles?: Record<string, { tests: Test[]; [key: string]: unknown }>;
	[key: string]: unknown;
}

export interface FileScore {
	file: string;
	caught: number;
	survived: number;
	noCoverage: number;
	/** Caught (killed or timed out) over all valid mutants, as Stryker counts it; undefined without any. */
	score?: number;
}

const CAUGHT = new Set(['Killed', 'Timeout']);
const MISSED = new Set(['Survived', 'NoCoverage']);

export function scoreOf(mutants: Mutant[]): Omit<FileScore, 'file'> {
	const count = (status: string) => mutants.filter((mutant) => mutant.status === status).length;
	const caught = mutants.filter((mutant) => CAUGHT.has(mutant.status)).length;
	const valid = caught + mutants.filter((mutant) => MISSED.has(mutant.status)).length;
	return { caught, survived: count('Survived'), noCoverage: count('NoCoverage'), score: valid ? (caught / valid) * 100 : undefined };
}

/** The score of each file Stryker mutates (`expected`), and of all of them; files not yet run say so. */
export function scoreTable(report: Report, expected: string[]): string {
	const rows = expected.map((file) => (report.files[file] ? { file, ...scoreOf(report.files[file].mutants) } : { file }));
	const all = scoreOf(Object.values(report.files).flatMap((entry) => entry.mutants));
	const missing = rows.filter((row) => !('caught' in row)).length;
	const percent = (score?: number) => (score === undefined ? '–' : `${score.toFixed(1)} %`);
	const lines = [
		`whole-tree mutation score: ${percent(all.score)} (${all.caught} of ${all.caught + all.survived + all.noCoverage} mutants caught` +
			`${missing ? `; ${missing} of ${expected.length} files not in the report` : ''})`,
		'',
		'| File | Score | Caught | Survived | No coverage |',
		'| --- | --- | --- | --- | --- |',
		...rows.map((row) =>
			'caught' in row
				? `| \`${row.file}\` | ${percent(row.score)} | ${row.caught} | ${row.survived} | ${row.noCoverage} |`
				: `| \`${row.file}\` | not in the report (no mutants, or not yet run) | | | |`,
		),
	];
	return lines.join('\n');
}

export interface Redundancy {
	/** Tests kept by a greedy cover of every caught mutant (and every test that reached a timed-out one). */
	needed: string[];
	/** Tests that catch mutants, all of which the needed tests catch too. */
	repeating: string[];
	/** Tests that catch no tested mutant: they may guard static code (descriptions, constants), which the run leaves out. */
	catchingNothing: string[];
}

/**
 * Which tests catch a mutant no other test catches. Only a run with --disableBail lists in killedBy
 * every test that failed on a mutant. First the tests that are some mutant's only catcher or reached a
 * mutant that timed out, then, greedily, the test catching the most mutants still uncaught, until
 * every caught mutant is.
 */
export function redundancy(report: Report): Redundancy {
	const names = new Map(Object.values(report.testFiles ?? {}).flatMap((file) => file.tests.map((test) => [test.id, test.name] as const)));
	const mutants = Object.values(report.files).flatMap((file) => file.mutants);
	const killers = mutants
		.map((mutant) => mutant.killedBy ?? [])
		.filter((ids) => ids.length > 0);
	// A timed-out mutant records no killer: any test that reached it may be the one that hung, so all stay.
	const hung = mutants
		.filter((mutant) => mutant.status === 'Timeout')
		.flatMap((mutant) => mutant.coveredBy ?? []);
	const needed = new Set([...hung, ...killers.filter((ids) => ids.length === 1).map(([id]) => id)]);
	let uncaught = killers.filter((ids) => !ids.some((id) => needed.has(id)));
	while (uncaught.length > 0) {
		const counts = new Map<string, number>();
		for (const id of uncaught.flat()) counts.set(id, (counts.get(id) ?? 0) + 1);
		const [best] = [...counts].sort(([a, countA], [b, countB]) => countB - countA || Number(a) - Number(b))[0];
		needed.add(best);
		uncaught = uncaught.filter((ids) => !ids.includes(best));
	}
	const catching = new Set(killers.flat());
	const nameList = (ids: string[]) => ids.map((id) => names.get(id) ?? `test ${id}`).sort();
	return {
		needed: nameList([...needed]),
		repeating: nameList([...catching].filter((id) => !needed.has(id))),
		catchingNothing: nameList([...names.keys()].filter((id) => !catching.has(id) && !needed.has(id))),
	};
}

/** The files stryker.config.mjs mutates: the TypeScript of nodes/ and credentials/ but descriptions. */
export function mutatedFiles(root: string): string[] {
	const walk = (dir: string): string[] =>
		readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) return walk(path);
			return entry.name.endsWith('.ts') && !entry.name.endsWith('.description.ts') ? [relative('.', path)] : [];
		});
	return [...walk('nodes'), ...walk('credentials')].sort();
}

function main(command: string | undefined): number {
	const root = join(__dirname, '..', '..');
	process.chdir(root);
	const read = (file: string): Report => JSON.parse(readFileSync(file, 'utf8')) as Report;
	if (command === 'table') {
		console.log(scoreTable(existsSync(REPORT_FILE) ? read(REPORT_FILE) : { files: {} }, mutatedFiles(root)));
		return 0;
	}
	if (command === 'redundant') {
		const report = read(REPORT_FILE);
		if (Object.values(report.files).every((file) => file.mutants.every((mutant) => (mutant.killedBy?.length ?? 0) <= 1))) {
			console.log('Each caught mutant names one test: the report is of a run that stopped at the first catching test.');
			console.log('For this list, run `npx stryker run --disableBail` first (about 80 min for the whole tree).\n');
		}
		const { needed, repeating, catchingNothing } = redundancy(report);
		console.log(`${needed.length} tests each catch a mutant the others miss.\n`);
		console.log(`${repeating.length} tests catch only mutants those catch too:\n${repeating.join('\n')}\n`);
		console.log(`${catchingNothing.length} tests catch no tested mutant (static code is not run):\n${catchingNothing.join('\n')}`);
		return 0;
	}
	console.error('usage: npx tsx test/mutation/report.ts table | redundant');
	return 2;
}

if (require.main === module) process.exitCode = main(process.argv[2]);
