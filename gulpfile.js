// Build pipeline: type-check with tsc, bundle each n8n entry point with esbuild (n8n-workflow stays a
// peer), ship fast-xml-parser as one vendored file beside them, and copy icons and the codex file.
// Verified community nodes may not have runtime dependencies, so nothing in dist/ may require a
// package other than n8n-workflow.
const { src, dest, series, parallel } = require('gulp');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const DIST = path.join(__dirname, 'dist');
const VENDOR_XML = path.join(DIST, 'vendor', 'fast-xml-parser.js');
const ENTRY_POINTS = [
	'nodes/Scene7Ips/Scene7Ips.node.ts',
	'nodes/Scene7IpsTrigger/Scene7IpsTrigger.node.ts',
	'credentials/Scene7IpsApi.credentials.ts',
];

async function clean() {
	await fs.promises.rm(DIST, { recursive: true, force: true });
}

async function typecheck() {
	execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'], {
		stdio: 'inherit',
	});
}

async function bundleXmlLibrary() {
	await esbuild.build({
		entryPoints: [require.resolve('fast-xml-parser')],
		outfile: VENDOR_XML,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		legalComments: 'inline',
	});
	// MIT asks for its notice to travel with the code.
	const packageDir = path.resolve(path.dirname(require.resolve('fast-xml-parser')), '..');
	await fs.promises.copyFile(path.join(packageDir, 'LICENSE'), path.join(DIST, 'vendor', 'fast-xml-parser.LICENSE'));
}

/** Points every import of fast-xml-parser at the vendored copy, relative to the bundle being written. */
const useVendoredXml = (outfile) => ({
	name: 'vendored-fast-xml-parser',
	setup(build) {
		build.onResolve({ filter: /^fast-xml-parser$/ }, () => ({
			path: `./${path.relative(path.dirname(outfile), VENDOR_XML).split(path.sep).join('/')}`,
			external: true,
		}));
	},
});

async function bundleEntryPoints() {
	await Promise.all(
		ENTRY_POINTS.map((entry) => {
			const outfile = path.join(DIST, entry.replace(/\.ts$/, '.js'));
			return esbuild.build({
				entryPoints: [entry],
				outfile,
				bundle: true,
				platform: 'node',
				format: 'cjs',
				target: 'node20',
				keepNames: true,
				external: ['n8n-workflow'],
				plugins: [useVendoredXml(outfile)],
				logLevel: 'warning',
			});
		}),
	);
}

function copyStaticFiles() {
	return src(['icons/*.svg', 'nodes/**/*.node.json'], { base: '.', encoding: false }).pipe(dest(DIST));
}

exports.clean = clean;
// Type-check before cleaning, so a build that does not compile leaves the last good dist/ in place.
exports.build = series(typecheck, clean, parallel(bundleXmlLibrary, bundleEntryPoints, copyStaticFiles));
exports.default = exports.build;
