// Mocha's require hook for TypeScript in the mutation run: the same esbuild transform jest uses
// (test/support/esbuild-transform.js), so a test file means the same under both runners.
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const transform = require('../support/esbuild-transform.js');

Module._extensions['.ts'] = (module, filename) => {
	const { code } = transform.process(readFileSync(filename, 'utf8'), filename);
	module._compile(code, filename);
};
// Node tries extensions in this object's key order: '.ts' before '.json', as jest resolves, or
// `Scene7Ips.node` would find the codex file Scene7Ips.node.json.
for (const extension of ['.json', '.node']) {
	const load = Module._extensions[extension];
	delete Module._extensions[extension];
	Module._extensions[extension] = load;
}
