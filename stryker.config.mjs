// Mutation testing (`npm run mutation`): how many deliberate defects in nodes/ and credentials/
// the unit tests catch. Not part of CI (a whole-tree run takes hours on 2 cores). Run a part with
// `npm run mutation:report -- run '<glob>'`, which merges it into the incremental report: Stryker
// alone (`--mutate`) would overwrite that report with the part's files only.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	testRunner: 'jest',
	// One jest test file loads every unit test (test/mutation/unitSuite.test.ts); with perTest
	// coverage each mutant runs only the tests that reached it.
	jest: { configFile: 'jest.mutation.config.js', enableFindRelatedTests: false },
	coverageAnalysis: 'perTest',
	mutate: ['nodes/**/*.ts', 'credentials/**/*.ts', '!**/*.description.ts'],
	// Mutated code need not type-check: a type error would count as a caught mutant.
	disableTypeChecks: '{nodes,credentials}/**/*.ts',
	// Mutants in module-level constants run every test; they are left out to keep runs short.
	ignoreStatic: true,
	concurrency: 2,
	timeoutMS: 10000,
	reporters: ['clear-text', 'progress', 'json'],
	jsonReporter: { fileName: 'reports/mutation/mutation.json' },
	// A run re-tests only the mutants whose code or covering tests changed since the committed report.
	incremental: true,
	incrementalFile: 'mutation/stryker-incremental.json',
	tempDirName: '.stryker-tmp',
	cleanTempDir: 'always',
};
