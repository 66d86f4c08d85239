// The jest setup Stryker runs: the unit tests (the node through a fake n8n context, with the real
// transport, envelope, parsing and credential), all loaded by one test file (test/mutation/). The
// sandbox, engine and latency-bound suites are left out: with them every mutant of the transport
// would rerun minutes of tests on 2 cores, so the score is a lower bound. The root config's esbuild transform (no type check: mutants need not
// type-check); no CI summary.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	testMatch: ['<rootDir>/test/mutation/unitSuite.test.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	reporters: ['default'],
};
