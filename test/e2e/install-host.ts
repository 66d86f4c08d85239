/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
// Installs (or reuses) the n8n host used by the e2e suite: `npx tsx test/e2e/install-host.ts`.
// N8N_E2E_VERSION selects the leg (default 2.8.4); `--all` installs every prepared leg.
import { ensureHost, LEGS, selectedLeg } from './lib/host';

async function main(): Promise<void> {
	const legs = process.argv.includes('--all') ? Object.values(LEGS) : [selectedLeg()];
	for (const leg of legs) {
		const started = Date.now();
		const host = await ensureHost(leg);
		const total = ((Date.now() - started) / 1000).toFixed(1);
		console.log(
			`n8n ${host.version}: ${host.installed ? `installed in ${host.seconds.toFixed(1)} s` : 'reused existing install'} (total ${total} s) at ${host.installDir}, node ${host.nodeBin}`,
		);
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
