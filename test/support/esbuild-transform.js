// Jest's TypeScript transform: esbuild strips the types, nothing else. Type errors are tsc's job
// (`npm run typecheck` in CI); ts-jest type-checked each file again on every run, which was most of a
// run's time (and of every Stryker mutant run). No test uses jest.mock, which esbuild would not hoist.
const { createHash } = require('node:crypto');
const { transformSync } = require('esbuild');

const { version } = require('esbuild/package.json');

module.exports = {
	process(source, filename) {
		const { code, map } = transformSync(source, {
			loader: 'ts',
			format: 'cjs',
			target: 'es2022',
			sourcemap: 'external',
			sourcefile: filename,
			// As tsc with esModuleInterop: `import x from 'cjs-module'` reads module.exports.
			supported: { 'dynamic-import': false },
		});
		return { code, map };
	},
	getCacheKey(source, filename) {
		return createHash('sha256').update(`${version}\u0000${filename}\u0000${source}`).digest('hex');
	},
};
