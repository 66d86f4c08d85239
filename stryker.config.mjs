// Mutation testing (`npm run mutation`): how many deliberate defects in nodes/ and credentials/
// the unit, sandbox and integration tests catch. Not part of CI (a full run takes hours on 2
// cores); run it on a subset with `npm run mutation -- --mutate 'nodes/Scene7Ips/transport/*.ts'`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	testRunner: 'jest',
	// Each mutant runs only the test files that import the mutated file (directly or not); the
	// mutation config makes nodes/ and credentials/ jest roots so its dependency graph knows them.
	jest: { configFile: 'jest.mutation.config.js', enableFindRelatedTests: true },
	coverageAnalysis: 'perTest',
	mutate: ['nodes/**/*.ts', 'credentials/**/*.ts', '!**/*.description.ts'],
	// Mutated code need not type-check: a type error would count as a caught mutant.
	disableTypeChecks: '{nodes,credentials}/**/*.ts',
	// Mutants in module-level constants run every test; they are left out to keep runs short.
	ignoreStatic: true,
	concurrency: 2,
	timeoutMS: 20000,
	reporters: ['clear-text', 'progress', 'json'],
	jsonReporter: { fileName: 'reports/mutation/mutation.json' },
	tempDirName: '.stryker-tmp',
	cleanTempDir: 'always',
};
