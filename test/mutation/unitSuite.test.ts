/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports */
// Stryker's test set (jest.mutation.config.js): every unit test file, loaded into this one jest test
// file. A mutant then costs one load of the node and its tests (about 2 s) rather than one per
// related test file (about 0.7 s each, mostly n8n-workflow's import, and a mutant in the transport
// has some 30 related files). Each file's tests keep their names under a describe of the file's path.
// test/unit/tooling tests our test support, not nodes/ or credentials/, so it is left out.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const unitRoot = join(__dirname, '..', 'unit');

function testFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true })
		.flatMap((entry) => {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) return entry.name === 'tooling' ? [] : testFiles(path);
			return entry.name.endsWith('.test.ts') ? [path] : [];
		})
		.sort();
}

for (const file of testFiles(unitRoot)) {
	describe(relative(unitRoot, file), () => {
		require(file);
	});
}
