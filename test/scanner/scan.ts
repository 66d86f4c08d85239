/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
// The scanner gate (`npm run test:scanner`, run by .ci/run): n8n's own `@n8n/scan-community-package`
// analysis over this checkout, the way `npx @n8n/scan-community-package n8n-nodes-scene7` scans a
// published version:
//   - the packed tarball (`npm pack`, unpacked): patterns `**/*.js` and `package.json`;
//   - the source: the scanner's SOURCE_FILE_PATTERNS (package.json, {nodes,credentials}/**/*.{js,ts,json}),
//     from the committed tree (`git archive HEAD`, what a provenance attestation points at) and from the
//     working tree (so an uncommitted change is gated too).
// Both with the scanner's ESLint config and inline `eslint-disable` comments ignored. The provenance check
// (and the download of the attested source) needs a version published to npm from GitHub Actions: it is
// skipped here, and said so.
// The gate tests itself: copies with a console.log added in nodes/ (plain, and behind an inline
// eslint-disable) and in the tarball's compiled node must be refused.
// Prints `scanner: N passed, N failed`; exits 1 on any failure. Needs `npm run build` first.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SCANNER_ENTRY = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs', { paths: [REPO_ROOT] });
/** The files and rule that the self-checks break. */
const NODE_SOURCE = 'nodes/Scene7Ips/Scene7Ips.node.ts';
const NODE_BUILT = 'dist/nodes/Scene7Ips/Scene7Ips.node.js';
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

interface AnalysisResult {
	passed: boolean;
	message?: string;
	details?: string;
}

interface ScannerModule {
	analyzePackage: (dir: string, patterns?: string[]) => Promise<AnalysisResult>;
	buildScanConfig: () => Promise<unknown[]>;
	SOURCE_FILE_PATTERNS: string[];
}

interface Finding {
	file: string;
	line: number;
	rule: string | null;
	severity: 'error' | 'warning';
	message: string;
}

interface Scan {
	/** The scanner's own verdict (analyzePackage: fails on errors only). */
	result: AnalysisResult;
	/** Every message of the scanner's config, warnings included (the gate allows none). */
	findings: Finding[];
	files: number;
}

let scanner: ScannerModule;
type LintResult = { filePath: string; messages: Array<{ line: number; ruleId: string | null; severity: number; message: string }> };
let lintWithScannerConfig: (dir: string, patterns: string[]) => Promise<{ files: number; results: LintResult[] }>;

async function loadScanner(): Promise<void> {
	scanner = (await import(SCANNER_ENTRY)) as ScannerModule;
	// The scanner's own copies of ESLint and fast-glob, as analyzePackage uses them.
	const requireFromScanner = createRequire(SCANNER_ENTRY);
	const { ESLint } = requireFromScanner('eslint') as typeof import('eslint');
	const glob = requireFromScanner('fast-glob') as { sync: (p: string[], o: object) => string[] };
	const config = await scanner.buildScanConfig();
	lintWithScannerConfig = async (dir, patterns) => {
		const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
		const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: config as never });
		return { files: files.length, results: files.length ? ((await eslint.lintFiles(files)) as LintResult[]) : [] };
	};
}

async function scan(dir: string, patterns: string[]): Promise<Scan> {
	const result = await scanner.analyzePackage(dir, patterns);
	const { files, results } = await lintWithScannerConfig(dir, patterns);
	const findings = results.flatMap((r) =>
		r.messages.map((m) => ({
			file: path.relative(dir, r.filePath),
			line: m.line,
			rule: m.ruleId,
			severity: m.severity === 2 ? ('error' as const) : ('warning' as const),
			message: m.message,
		})),
	);
	return { result, findings, files };
}

const describeFindings = (findings: Finding[]) =>
	findings.map((f) => `    ${f.file}:${f.line} ${f.severity} ${f.rule ?? '(parse)'}: ${f.message}`).join('\n');

let passed = 0;
let failed = 0;

async function check(name: string, fn: () => Promise<string>): Promise<void> {
	try {
		const note = await fn();
		passed++;
		console.log(`  ✓ ${name}${note ? ` (${note})` : ''}`);
	} catch (error) {
		failed++;
		console.log(`  ✗ ${name}\n${error instanceof Error ? error.message : String(error)}`);
	}
}

/** A clean scan: the scanner passes it and reports nothing at all, over at least `minFiles` files. */
function expectClean(scanned: Scan, minFiles: number): string {
	if (scanned.files < minFiles) throw new Error(`    only ${scanned.files} files matched (expected at least ${minFiles}): the patterns miss the package`);
	if (!scanned.result.passed || scanned.findings.length) {
		throw new Error(
			[
				`    analyzePackage: ${scanned.result.passed ? 'passed' : `FAILED (${scanned.result.message ?? ''})`}; ${scanned.findings.length} finding(s):`,
				describeFindings(scanned.findings),
				scanned.result.details ?? '',
			].join('\n'),
		);
	}
	return `${scanned.files} files, 0 findings`;
}

/** A scan the gate must refuse, with a no-console error in `file`. */
function expectRefused(scanned: Scan, file: string): string {
	const hit = scanned.findings.filter((f) => f.file === file && f.rule === 'no-console' && f.severity === 'error');
	if (scanned.result.passed || hit.length === 0 || !scanned.result.details?.includes('no-console')) {
		throw new Error(
			`    the gate let a console.log in ${file} through: analyzePackage passed=${scanned.result.passed}; findings:\n${describeFindings(scanned.findings)}`,
		);
	}
	return `refused: ${file}:${hit[0].line} no-console`;
}

function run(cmd: string, args: string[], cwd: string): string {
	// npm run exports npm_config_* (e.g. the repo's ignore-scripts); npm pack reads the repo's .npmrc anyway.
	return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `npm pack` into a temporary folder and unpack it like the scanner does (`tar --strip-components=1`). */
function packAndUnpack(work: string): { dir: string; tarball: string } {
	const packDir = path.join(work, 'pack');
	mkdirSync(packDir);
	run('npm', ['pack', '--silent', '--pack-destination', packDir], REPO_ROOT);
	const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack wrote no tarball');
	const dir = path.join(work, 'package');
	mkdirSync(dir);
	run('tar', ['-xzf', path.join(packDir, tarball), '-C', dir, '--strip-components=1'], work);
	return { dir, tarball: path.join(packDir, tarball) };
}

/** The committed tree, as a provenance attestation's source commit would be downloaded. */
function committedSource(work: string): string {
	const dir = path.join(work, 'source');
	mkdirSync(dir);
	const archive = path.join(work, 'source.tar');
	run('git', ['archive', '--format=tar', '-o', archive, 'HEAD'], REPO_ROOT);
	run('tar', ['-xf', archive, '-C', dir], work);
	return dir;
}

/** A copy of the source files the scanner reads (package.json, nodes/, credentials/). */
function sourceCopy(work: string, name: string): string {
	const dir = path.join(work, name);
	mkdirSync(dir);
	for (const entry of ['package.json', 'nodes', 'credentials']) cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
	return dir;
}

async function main(): Promise<void> {
	const started = Date.now();
	const work = mkdtempSync(path.join(os.tmpdir(), 'scene7-scanner-'));
	try {
		await loadScanner();
		const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };
		console.log(`scanner: @n8n/scan-community-package ${pkg.devDependencies['@n8n/scan-community-package']} analyzePackage over ${REPO_ROOT}`);
		console.log(
			'scanner: provenance check SKIPPED: it reads the npm provenance attestation of a published version (and downloads the attested GitHub commit); ' +
				'this checkout is not published. .github/workflows/publish.yml publishes with --provenance.',
		);

		const packed = packAndUnpack(work);
		await check(`tarball ${path.basename(packed.tarball)}: ${TARBALL_PATTERNS.join(', ')}`, async () =>
			expectClean(await scan(packed.dir, TARBALL_PATTERNS), 4),
		);
		await check(`source, committed tree (git archive HEAD): ${scanner.SOURCE_FILE_PATTERNS.join(', ')}`, async () =>
			expectClean(await scan(committedSource(work), scanner.SOURCE_FILE_PATTERNS), 10),
		);
		await check(`source, working tree: ${scanner.SOURCE_FILE_PATTERNS.join(', ')}`, async () =>
			expectClean(await scan(REPO_ROOT, scanner.SOURCE_FILE_PATTERNS), 10),
		);
		await check('the tarball carries the version of package.json as the credential default App Version', async () => {
			const packedPkg = JSON.parse(readFileSync(path.join(packed.dir, 'package.json'), 'utf8')) as { version: string };
			const credential = readFileSync(path.join(packed.dir, 'dist/credentials/Scene7IpsApi.credentials.js'), 'utf8');
			const versions = [...credential.matchAll(/var version = "([^"]+)"/g)].map((m) => m[1]);
			if (packedPkg.version !== pkg.version) throw new Error(`    packed package.json has ${packedPkg.version}, the checkout ${pkg.version}`);
			if (versions.length !== 1 || versions[0] !== pkg.version) {
				throw new Error(`    the packed credential bundles version ${JSON.stringify(versions)}, package.json has ${pkg.version}`);
			}
			// And the credential really offers it as the default (load it as n8n does).
			const requireFromPacked = createRequire(path.join(packed.dir, 'package.json'));
			const mod = requireFromPacked('./dist/credentials/Scene7IpsApi.credentials.js') as Record<string, new () => { properties: Array<{ name: string; default: unknown }> }>;
			const Credential = Object.values(mod).find((v) => typeof v === 'function' && /Credentials?$|Api$/.test(v.name));
			const appVersion = Credential && new Credential().properties.find((p) => p.name === 'appVersion');
			if (!appVersion || appVersion.default !== pkg.version) {
				throw new Error(`    the credential's App Version default is ${JSON.stringify(appVersion?.default)}, expected ${pkg.version}`);
			}
			return `${pkg.version}`;
		});

		// Self-checks: the gate must refuse what n8n's scan refuses.
		await check('self-check: a console.log added in nodes/ is refused', async () => {
			const dir = sourceCopy(work, 'broken-source');
			appendFileSync(path.join(dir, NODE_SOURCE), "\nconsole.log('scanner self-check');\n");
			return expectRefused(await scan(dir, scanner.SOURCE_FILE_PATTERNS), NODE_SOURCE);
		});
		await check('self-check: an inline eslint-disable does not hide it (the scanner ignores inline config)', async () => {
			const dir = sourceCopy(work, 'disabled-source');
			appendFileSync(path.join(dir, NODE_SOURCE), "\n// eslint-disable-next-line no-console\nconsole.log('scanner self-check');\n");
			return expectRefused(await scan(dir, scanner.SOURCE_FILE_PATTERNS), NODE_SOURCE);
		});
		await check('self-check: a console.log in the tarball\'s compiled node is refused', async () => {
			const dir = path.join(work, 'broken-package');
			cpSync(packed.dir, dir, { recursive: true });
			const file = path.join(dir, NODE_BUILT);
			writeFileSync(file, `${readFileSync(file, 'utf8')}\nconsole.log('scanner self-check');\n`);
			return expectRefused(await scan(dir, TARBALL_PATTERNS), NODE_BUILT);
		});
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	console.log(`scanner: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.stack : error);
	console.log(`scanner: ${passed} passed, ${failed + 1} failed`);
	process.exitCode = 1;
});
