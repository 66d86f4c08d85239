/* eslint-disable @n8n/community-nodes/require-node-api-error, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// The package as users get it: `npm pack` of the checkout (only what package.json `files` ships), then
// `npm install <tarball>` in `<N8N_USER_FOLDER>/.n8n/nodes`, the folder n8n's community-package installer
// uses (a package.json `installed-nodes` there, the package a real folder in its node_modules). So a file
// missing from `files`, or a path that only resolves inside the repository, fails the e2e suite.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { npmCli, npmEnv, REPO_ROOT } from './host';

const execFileAsync = promisify(execFile);

/** Set by the global setup: the tarball packed once for the whole run. */
export const TARBALL_ENV = 'SCENE7_E2E_TARBALL';

/**
 * What n8n's installer passes to `npm install` (n8n 2.8.4 `community-packages.service.js`
 * NPM_INSTALL_ARGS). n8n also strips `peerDependencies` from the package before installing it, so the
 * `n8n-workflow` peer is never installed: `--legacy-peer-deps` has the same effect here.
 */
export const NPM_INSTALL_ARGS = [
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
	'--legacy-peer-deps',
	'--no-update-notifier',
];

async function npm(args: string[], cwd: string): Promise<string> {
	try {
		const { stdout } = await execFileAsync(process.execPath, [npmCli(), ...args], {
			cwd,
			env: npmEnv(),
			maxBuffer: 16 * 1024 * 1024,
		});
		return stdout;
	} catch (error) {
		const e = error as { stdout?: string; stderr?: string; message: string };
		throw new Error(`npm ${args.join(' ')} failed in ${cwd}: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
	}
}

/** `npm pack` of `sourceDir` (default: the checkout) into `destDir`; returns the tarball's path. */
export async function packPackage(destDir: string, sourceDir: string = REPO_ROOT): Promise<string> {
	mkdirSync(destDir, { recursive: true });
	await npm(['pack', '--silent', '--ignore-scripts', '--pack-destination', destDir, sourceDir], destDir);
	const tarballs = readdirSync(destDir).filter((f) => f.endsWith('.tgz'));
	if (tarballs.length !== 1) throw new Error(`expected one tarball in ${destDir}, found ${tarballs.join(', ') || 'none'}`);
	return path.join(destDir, tarballs[0]);
}

/** The folder n8n installs community packages into, for a user folder. */
export const nodesDir = (userFolder: string) => path.join(userFolder, '.n8n', 'nodes');

/**
 * `npm install <tarball>` in `<userFolder>/.n8n/nodes`, with the package.json n8n's installer writes
 * there first. Returns the installed package's folder.
 */
export async function installTarball(userFolder: string, tarball: string, packageName: string): Promise<string> {
	const dir = nodesDir(userFolder);
	mkdirSync(dir, { recursive: true });
	const manifest = path.join(dir, 'package.json');
	if (!existsSync(manifest)) {
		writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	const installed = path.join(dir, 'node_modules', packageName);
	// n8n's installer deletes the package's folder before installing a version (a persistent `npm start`
	// folder gets the freshly built tarball each start).
	rmSync(installed, { recursive: true, force: true });
	await npm(['install', tarball, ...NPM_INSTALL_ARGS], dir);
	if (!existsSync(path.join(installed, 'package.json'))) throw new Error(`npm install ${tarball} left no ${installed}/package.json`);
	return installed;
}

/** The tarball the global setup packed for this run. */
export function runTarball(): string {
	const tarball = process.env[TARBALL_ENV];
	if (!tarball || !existsSync(tarball)) {
		throw new Error(
			`${TARBALL_ENV} is not set to a packed tarball (${tarball ?? 'unset'}): run the e2e files through test/e2e/jest.config.js, whose global setup packs the package once`,
		);
	}
	return tarball;
}
