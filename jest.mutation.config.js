// The jest setup Stryker runs: the unit, sandbox and integration tests without ts-jest's type
// check (mutants need not type-check) and without the CI summary reporter.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }] },
	reporters: ['default'],
};
