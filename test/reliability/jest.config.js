/** @type {import('jest').Config} */
module.exports = {
	rootDir: __dirname,
	testEnvironment: 'node',
	testMatch: ['**/*.reliability.test.ts'],
	modulePathIgnorePatterns: ['<rootDir>/../e2e/.n8n-host/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../../tsconfig.test.json' }],
	},
	testTimeout: 600_000,
	reporters: ['default', ['<rootDir>/../support/summary-reporter.js', { label: 'reliability' }]],
};
