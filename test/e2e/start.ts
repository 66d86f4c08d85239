/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
// `npm start`: the package in a real n8n editor, against the local IPS sandbox.
//   npm start [-- --port 5678] [--sandbox-port 8765] [--user-folder DIR] [--no-build] [--reset]
// Builds the package, installs (or reuses) the pinned n8n host, packs the package and installs the tarball
// into the demo's n8n (as n8n's installer does), starts the sandbox and `n8n start` with a "Scene7 sandbox"
// credential, the docs-example workflow and every workflow of examples/ imported (each Scene7 node using
// that credential), and an owner account set up. Ctrl-C stops both.
// The demo's user folder (n8n's database: your workflows, credentials, executions) is kept between starts;
// each start re-installs the package and updates the demo credential (this start's sandbox URL), the
// demo workflow and the examples in place (fixed ids). `--reset` deletes the folder first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DEMO_CREDENTIAL, DEMO_OWNER, DEMO_SANDBOX_PORT, DEMO_WORKFLOW_ID, PID_FILE, READY_LINE } from './lib/demo';
import { exampleFiles, loadExample, WEBHOOK_EXAMPLE } from './lib/examples';
import { assertBuilt, ensureHost, HOSTS_DIR, REPO_ROOT } from './lib/host';
import { N8n, RestClient } from './lib/n8n';
import { packPackage } from './lib/package';
import { DEMO, sandboxCredential, startSandbox } from './lib/sandbox';
import { DEMO_COPY, docsExampleWorkflow } from './lib/workflows';

interface Args {
	port: number;
	sandboxPort: number;
	userFolder: string;
	build: boolean;
	reset: boolean;
}

const USAGE = `npm start [-- --port 5678] [--sandbox-port ${DEMO_SANDBOX_PORT}] [--user-folder DIR] [--no-build] [--reset]`;

function parseArgs(argv: string[]): Args {
	const args: Args = { port: 5678, sandboxPort: DEMO_SANDBOX_PORT, userFolder: path.join(HOSTS_DIR, 'demo'), build: true, reset: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		if (a === '--port') args.port = Number(value());
		else if (a === '--sandbox-port') args.sandboxPort = Number(value());
		else if (a === '--user-folder') args.userFolder = path.resolve(value());
		else if (a === '--no-build') args.build = false;
		else if (a === '--reset') args.reset = true;
		else if (a === '--help' || a === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else throw new Error(`unknown argument ${a}`);
	}
	return args;
}

let stopping = false;
let cleanup: ((code: number) => Promise<void>) | undefined;

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	if (args.build) {
		console.log('> npm run build');
		const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
		if (build.status !== 0) throw new Error(`npm run build failed (rc=${build.status})`);
	}
	assertBuilt();

	const host = await ensureHost();
	console.log(`n8n ${host.version}: ${host.installed ? `installed in ${host.seconds.toFixed(1)} s` : 'using the existing install'}`);

	const sandbox = await startSandbox({ port: args.sandboxPort });
	console.log(`IPS sandbox: ${sandbox.serviceUrl}`);

	// The user folder persists (what the user built in the editor stays); --reset starts from scratch.
	const existed = existsSync(path.join(args.userFolder, '.n8n', 'database.sqlite'));
	if (args.reset) rmSync(args.userFolder, { recursive: true, force: true });
	const fresh = args.reset || !existed;
	console.log(fresh ? `New demo data in ${args.userFolder}` : `Keeping the demo data in ${args.userFolder} (npm start -- --reset starts fresh)`);
	// The package as users get it: packed, then `npm install <tarball>` in .n8n/nodes (replacing the last start's).
	const packDir = mkdtempSync(path.join(os.tmpdir(), 'scene7-demo-pack-'));
	let n8n: N8n;
	try {
		n8n = await N8n.create({ userFolder: args.userFolder, port: args.port, tarball: await packPackage(packDir) });
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the IPS sandbox ...');
		await n8n.dispose(true);
		await sandbox.close();
		process.exit(code);
	};
	cleanup = stop;
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	// Same ids every start: the credential (this start's sandbox URL), the demo workflow and the examples are
	// updated in place; every other workflow and credential in the database is left as it is.
	await n8n.importCredentials([sandboxCredential(DEMO_CREDENTIAL, sandbox)]);
	const examples = exampleFiles().map((file) => ({ file, workflow: loadExample(file, { credential: DEMO_CREDENTIAL, sandboxUrl: sandbox.url }) }));
	await n8n.importWorkflows([docsExampleWorkflow(DEMO_WORKFLOW_ID, DEMO_CREDENTIAL, DEMO_COPY), ...examples.map((e) => e.workflow)]);
	console.log(`Starting n8n on port ${args.port} (user folder ${args.userFolder}) ...`);
	const server = await n8n.start();
	// For tooling that must clean up after a killed demo: the process group of n8n.
	writeFileSync(path.join(args.userFolder, PID_FILE), `${server.child.pid}\n`);
	server.child.on('exit', (code) => {
		if (!stopping) {
			console.error(`n8n exited unexpectedly (${code}); log: ${server.logFile}`);
			void stop(1);
		}
	});
	const rest = new RestClient(n8n.baseUrl);
	const settings = await rest.ok<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>('GET', '/rest/settings');
	let ownerNote = '';
	if (settings.userManagement?.showSetupOnFirstLoad !== false) {
		await rest.setupOwner(DEMO_OWNER.email, DEMO_OWNER.password);
	} else {
		// Set up at an earlier start; the user may have changed the password since.
		try {
			await rest.login(DEMO_OWNER.email, DEMO_OWNER.password);
		} catch {
			ownerNote = ' (changed in the editor since: use your own password, or npm start -- --reset)';
		}
	}

	const editor = `http://localhost:${args.port}`;
	const line = (label: string, text: string) => `  ${label.padEnd(20)}${text}`;
	const more = (text: string) => line('', text);
	console.log(
		[
			'',
			'='.repeat(72),
			line(`n8n ${host.version} editor:`, editor),
			line('Log in as:', `${DEMO_OWNER.email} / ${DEMO_OWNER.password}${ownerNote}`),
			line('Demo workflow:', `${editor}/workflow/${DEMO_WORKFLOW_ID}`),
			more('(Manual Trigger → Copy Image of macbookwin1 into ApiTestCo/ as Copy_macbookwin1, all'),
			more(' picked From list; click "Execute workflow"; If Name Exists is Rename, so each run'),
			more(' makes a copy: Copy_macbookwin1_1, _2, …)'),
			line('Examples:', 'examples/*.json, ready to run against the sandbox:'),
			...examples.map(({ file, workflow }) => more(`${editor}/workflow/${workflow.id}  (${file})`)),
			more(`(${WEBHOOK_EXAMPLE.file}: "Execute workflow", then POST JSON to`),
			more(` ${editor}/webhook-test/${WEBHOOK_EXAMPLE.path})`),
			line('Credential:', `"${DEMO_CREDENTIAL.name}" (Custom Service URL ${sandbox.serviceUrl})`),
			line('Sandbox user:', `${DEMO.user} / ${DEMO.password}`),
			line('Sandbox state:', `${sandbox.url}/__sandbox/state  (requests: ${sandbox.url}/__sandbox/requests)`),
			line('Your data:', `${args.userFolder} (kept between starts; npm start -- --reset starts fresh)`),
			line('n8n log:', server.logFile),
			'  Press Ctrl-C to stop n8n and the sandbox.',
			'='.repeat(72),
			READY_LINE,
		].join('\n'),
	);
}

main().catch(async (error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	if (cleanup) await cleanup(1);
	process.exit(1);
});
