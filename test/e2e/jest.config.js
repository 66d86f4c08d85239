// End-to-end suite against a real n8n (`npm run test:e2e`). See README in test/e2e/.
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
	rootDir: __dirname,
	testEnvironment: 'node',
	testMatch: ['<rootDir>/**/*.e2e.test.ts'],
	// The n8n host under .n8n-host is 2.3 GB of node_modules: prune it from the crawl (the Node crawler
	// honours the ignore pattern while walking, `find` would walk it all and filter afterwards).
	modulePathIgnorePatterns: ['<rootDir>/\\.n8n-host/'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/\\.n8n-host/'],
	haste: { forceNodeFilesystemAPI: true },
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, '..', '..', 'tsconfig.test.json') }],
	},
	globalSetup: '<rootDir>/global-setup.ts',
	globalTeardown: '<rootDir>/global-teardown.ts',
	// Real n8n processes: one test file at a time, generous per-test time (timing never decides a result).
	maxWorkers: 1,
	verbose: true,
	testTimeout: 600000,
	// What was skipped and why (the reason is in the skipped test's name), then the line CI reads.
	reporters: [
		'default',
		['<rootDir>/../support/skip-reporter.js', { rootDir: path.join(__dirname, '..', '..') }],
		['<rootDir>/../support/summary-reporter.js', { label: 'e2e' }],
	],
};
