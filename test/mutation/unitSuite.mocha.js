// Stryker's test set under mocha (stryker.config.mjs): every unit test file, each under a describe of
// its path. Jest runs the same files in CI; here they run on test/mutation/jest-globals.js.
// test/unit/tooling tests our test support, not nodes/ or credentials/, so it is left out.
const { readdirSync } = require('node:fs');
const { join, relative } = require('node:path');
const { installJestGlobals } = require('./jest-globals.js');

const unitRoot = join(__dirname, '..', 'unit');

function testFiles(dir) {
	return readdirSync(dir, { withFileTypes: true })
		.flatMap((entry) => {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) return entry.name === 'tooling' ? [] : testFiles(path);
			return entry.name.endsWith('.test.ts') ? [path] : [];
		})
		.sort();
}

/** Stryker's incremental mode diffs each test's file: name the test file, not this one. */
function markFile(suite, file) {
	suite.file = file;
	for (const test of suite.tests) test.file = file;
	for (const child of suite.suites) markFile(child, file);
}

// Upload Files shows its behaviour only through n8n-core's engine with binary data (no unit test
// drives it), so its integration test takes part too.
const ENGINE_TESTS = [join(__dirname, '..', 'integration', 'operations', 'uploadFiles.test.ts')];

const suites = installJestGlobals();
for (const file of [...testFiles(unitRoot), ...ENGINE_TESTS]) {
	markFile(
		describe(relative(unitRoot, file), function () {
			suites.loading = this;
			require(file);
		}),
		file,
	);
}
