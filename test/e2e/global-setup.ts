/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
// Runs once before the e2e files: the package must already be built (CI builds first; this never
// builds), it is packed once (`npm pack`, what npm would publish) for every n8n of the run to install
// from, the n8n host is installed or reused, and Redis must be available for the queue-mode test.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { assertBuilt, ensureHost, selectedLeg } from './lib/host';
import { packPackage, TARBALL_ENV } from './lib/package';
import { ensureRedisServer } from './lib/redis';

export default async function globalSetup(): Promise<void> {
	assertBuilt();
	const leg = selectedLeg();
	const started = Date.now();
	const host = await ensureHost(leg);
	console.log(
		`\n[e2e] n8n ${host.version} (${host.installed ? `installed in ${host.seconds.toFixed(1)} s` : 'reused install'}, ${((Date.now() - started) / 1000).toFixed(1)} s) on ${host.nodeBin}`,
	);
	// The test files (run in this process or in workers started after it) read the path from the env.
	const tarball = await packPackage(mkdtempSync(path.join(os.tmpdir(), 'scene7-e2e-pack-')));
	process.env[TARBALL_ENV] = tarball;
	console.log(`[e2e] packed ${tarball}: every n8n of this run installs it with npm install in .n8n/nodes`);
	await ensureRedisServer();
}
