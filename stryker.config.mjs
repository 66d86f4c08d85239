// Mutation testing (`npm run mutation`): how many deliberate defects in nodes/ and credentials/
// the unit tests catch. Not part of CI (the whole tree takes about an hour on 2 cores). After a change,
// run it whole all the same: incremental mode re-tests only what changed; `--mutate` would overwrite
// the committed report with the part's files only.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	// The unit tests under mocha (test/mutation/): mocha keeps the modules loaded from one mutant to
	// the next, where jest's runner loads the node and n8n-workflow again for each (about 2 s).
	testRunner: 'mocha',
	mochaOptions: { config: 'test/mutation/.mocharc.js' },
	coverageAnalysis: 'perTest',
	// A mutant stops at the first test that catches it. For the pruning data (`redundant` reads every
	// test that catches each mutant) run with `--disableBail`: every covering test then runs on every
	// mutant, and a mutant that makes tests hang waits out each of them (81 min for the tree so).
	disableBail: false,
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
