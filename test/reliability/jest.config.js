const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
	rootDir: __dirname,
	testEnvironment: 'node',
	testMatch: ['**/*.reliability.test.ts'],
	modulePathIgnorePatterns: ['<rootDir>/../e2e/.n8n-host/'],
	transform: { '^.+\\.ts$': '<rootDir>/../support/esbuild-transform.js' },
	testTimeout: 600_000,
	// What was skipped and why (the reason is in the skipped test's name), then the line CI reads.
	reporters: [
		'default',
		['<rootDir>/../support/skip-reporter.js', { rootDir: path.join(__dirname, '..', '..') }],
		['<rootDir>/../support/summary-reporter.js', { label: 'reliability' }],
	],
};
