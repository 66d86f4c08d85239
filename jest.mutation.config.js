// The jest setup Stryker runs: the unit tests, plus the transport over real HTTP (the sandbox's
// transport tests and the hostile answers through n8n's own request helper). The engine and
// latency-bound integration suites are left out: with them every mutant of the transport would
// rerun minutes of tests. No ts-jest type check (mutants need not type-check), no CI summary.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	// nodes/ and credentials/ are roots too, or jest's dependency graph would not know them.
	roots: ['<rootDir>/test', '<rootDir>/nodes', '<rootDir>/credentials'],
	testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/sandbox/transport.test.ts', '<rootDir>/test/integration/hostile-responses.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }] },
	reporters: ['default'],
};
