// Lints the built JavaScript with the community-node rules n8n's verification scanner applies to a
// published tarball (inline eslint-disable comments ignored). Prints JSON: [{ file, line, rule }].
// Run as a separate process: the rules plugin is an ES module, which Jest cannot require.
const path = require('node:path');
const { ESLint } = require('eslint');

const root = path.resolve(__dirname, '../..');
const pluginPath = require.resolve('@n8n/eslint-plugin-community-nodes', {
	paths: [path.join(root, 'node_modules/@n8n/node-cli')],
});

(async () => {
	const { n8nCommunityNodesPlugin } = await import(pluginPath);
	const eslint = new ESLint({
		cwd: root,
		overrideConfigFile: true,
		allowInlineConfig: false,
		overrideConfig: [n8nCommunityNodesPlugin.configs.recommended, { rules: { 'no-console': 'error' } }],
	});
	const results = await eslint.lintFiles(['dist/**/*.js']);
	const problems = results.flatMap((result) =>
		result.messages.map((message) => ({
			file: path.relative(root, result.filePath),
			line: message.line,
			rule: message.ruleId,
		})),
	);
	process.stdout.write(JSON.stringify({ files: results.length, problems }));
})().catch((error) => {
	process.stderr.write(String(error?.stack ?? error));
	process.exit(1);
});
