/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The e2e and reliability suites have their own commands and configs; test/mutation is Stryker's.
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/reliability/', '/test/mutation/'],
	// The e2e suite installs a whole n8n under test/e2e/.n8n-host; never crawl it.
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/.n8n-host/'],
	// esbuild strips the types (test/support/esbuild-transform.js); `npm run typecheck` checks them.
	transform: { '^.+\\.ts$': '<rootDir>/test/support/esbuild-transform.js' },
	// What was skipped and why (the reason is in the skipped test's name), then the line CI reads.
	reporters: [
		'default',
		'<rootDir>/test/support/skip-reporter.js',
		['<rootDir>/test/support/summary-reporter.js', { label: 'unit+integration' }],
	],
};
