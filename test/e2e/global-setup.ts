/* eslint-disable no-console */
// Runs once before the e2e files: the package must already be built (CI builds first; this never
// builds), the n8n host is installed or reused, and Redis must be available for the queue-mode test.
import { assertBuilt, ensureHost, selectedLeg } from './lib/host';
import { ensureRedisServer } from './lib/redis';

export default async function globalSetup(): Promise<void> {
	assertBuilt();
	const leg = selectedLeg();
	const started = Date.now();
	const host = await ensureHost(leg);
	console.log(
		`\n[e2e] n8n ${host.version} (${host.installed ? `installed in ${host.seconds.toFixed(1)} s` : 'reused install'}, ${((Date.now() - started) / 1000).toFixed(1)} s) on ${host.nodeBin}`,
	);
	await ensureRedisServer();
}
