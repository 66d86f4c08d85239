/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
// `npm run sandbox [-- --port 8765 --host 127.0.0.1 --latency 0 --seed 1 --job-step-ms 400 --quiet]`
// UploadFile servlet: `--upload-max-file-size BYTES` (default 2 GiB), `--upload-job-idle-ms MS` (default 30 min).
// `npm run sandbox -- --print-wsdl [version]` writes the sandbox WSDL to stdout and exits.
import { DEMO, ROLE_USERS, ROLES, SPECIAL_PASSWORD_USER, startSandbox } from './server';
import { DEFAULT_JOB_STEP_MS, DEFAULT_UPLOAD_JOB_IDLE_MS } from './jobs';
import { DEFAULT_UPLOAD_MAX_FILE_SIZE } from './upload-servlet';
import { API_VERSIONS, LATEST_VERSION, type ApiVersion } from './schema';
import { buildWsdl, SERVICE_PATH } from './wsdl';

export const DEFAULT_PORT = 8765;

interface CliOptions {
	port: number;
	host: string;
	latencyMs: number;
	seed: number;
	jobStepMs: number;
	uploadMaxFileSize: number;
	uploadJobIdleMs: number;
	quiet: boolean;
	printWsdl?: ApiVersion;
}

/** The flags that take a number, and the option each sets. */
const NUMBER_FLAGS: Record<string, 'port' | 'latencyMs' | 'seed' | 'jobStepMs' | 'uploadMaxFileSize' | 'uploadJobIdleMs'> = {
	'--port': 'port',
	'--latency': 'latencyMs',
	'--seed': 'seed',
	'--job-step-ms': 'jobStepMs',
	'--upload-max-file-size': 'uploadMaxFileSize',
	'--upload-job-idle-ms': 'uploadJobIdleMs',
};

function usage(message: string): never {
	console.error(
		`${message}\nusage: npm run sandbox -- [--port N] [--host H] [--latency MS] [--seed N] [--job-step-ms MS] [--upload-max-file-size BYTES] [--upload-job-idle-ms MS] [--quiet] [--print-wsdl [VERSION]]`,
	);
	process.exit(2);
}

function parseArgs(argv: string[]): CliOptions {
	const envPort = process.env.SANDBOX_PORT;
	const options: CliOptions = {
		port: envPort !== undefined && envPort !== '' ? Number(envPort) : DEFAULT_PORT,
		host: '127.0.0.1',
		latencyMs: 0,
		seed: 1,
		jobStepMs: DEFAULT_JOB_STEP_MS,
		uploadMaxFileSize: DEFAULT_UPLOAD_MAX_FILE_SIZE,
		uploadJobIdleMs: DEFAULT_UPLOAD_JOB_IDLE_MS,
		quiet: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.includes('=')
			? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
			: [arg, undefined];
		const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
		if (Object.hasOwn(NUMBER_FLAGS, flag)) {
			options[NUMBER_FLAGS[flag]] = Number(value());
			continue;
		}
		switch (flag) {
			case '--host':
				options.host = value();
				break;
			case '--quiet':
				options.quiet = true;
				break;
			case '--print-wsdl': {
				const next = inline ?? (argv[i + 1]?.startsWith('--') ? undefined : argv[++i]);
				const version = next ?? LATEST_VERSION;
				if (!(API_VERSIONS as readonly string[]).includes(version))
					usage(`unknown API version ${version}`);
				options.printWsdl = version as ApiVersion;
				break;
			}
			case '--help':
				usage('IPS sandbox');
				break;
			default:
				usage(`unknown argument ${arg}`);
		}
	}
	if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
		usage(`invalid port ${options.port}`);
	if (!Number.isFinite(options.latencyMs) || options.latencyMs < 0)
		usage(`invalid latency ${options.latencyMs}`);
	if (!Number.isFinite(options.jobStepMs) || options.jobStepMs < 0)
		usage(`invalid job step ${options.jobStepMs}`);
	if (!Number.isSafeInteger(options.uploadMaxFileSize) || options.uploadMaxFileSize < 0)
		usage(`invalid upload max file size ${options.uploadMaxFileSize}`);
	if (!Number.isFinite(options.uploadJobIdleMs) || options.uploadJobIdleMs < 0)
		usage(`invalid upload job idle time ${options.uploadJobIdleMs}`);
	return options;
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	if (options.printWsdl) {
		process.stdout.write(
			buildWsdl(options.printWsdl, `http://${options.host}:${options.port}${SERVICE_PATH}`),
		);
		return;
	}
	// startSandbox reads the options it knows (quiet and printWsdl are not among them).
	const sandbox = await startSandbox({
		...options,
		onRequest: options.quiet
			? undefined
			: (r) => {
					const fault = r.faultCode ? ` ${r.faultCode} ${r.faultReason ?? ''}` : '';
					console.log(
						`${r.at.toISOString()} ${r.operation || '-'} ${r.user ?? '-'} -> ${r.status ?? r.injected} ${r.outcome}${fault}`,
					);
				},
	});
	const roleWidth = Math.max(...ROLES.map((r) => r.length));
	console.log(
		[
			'IPS sandbox is running.',
			`  Service URL:  ${sandbox.serviceUrl}`,
			`  Upload URL:   ${sandbox.uploadUrl} (UploadFile servlet; files up to ${options.uploadMaxFileSize} bytes, jobs idle out after ${options.uploadJobIdleMs} ms)`,
			`  WSDL:         ${sandbox.url}/scene7/webservice/IpsApi-${LATEST_VERSION}.wsdl (also ${API_VERSIONS.slice(1).join(', ')})`,
			`  Image Server: ${sandbox.imageServerUrl}${DEMO.rootPath}<asset name> (published assets only); fixtures ${sandbox.url}/fixtures/<name>.png?w=640&h=480`,
			`  Job step:     ${options.jobStepMs} ms`,
			`  Demo user:    ${DEMO.user}`,
			`  Password:     ${DEMO.password}`,
			`  Company:      ${DEMO.companyHandle} ${DEMO.companyName} (root folder ${DEMO.rootPath}); image ${DEMO.assetHandle} ${DEMO.assetName}`,
			'  Users, one per IPS role (all with the demo password):',
			...ROLES.map((role) => `    ${role.padEnd(roleWidth)}  ${ROLE_USERS[role].email}`),
			`  Escaping check: ${SPECIAL_PASSWORD_USER.email} / ${SPECIAL_PASSWORD_USER.password}`,
			`  Control API:  GET ${sandbox.url}/__sandbox/{health,state,requests}, POST /__sandbox/reset, POST|DELETE /__sandbox/inject`,
			'Press Ctrl-C to stop.',
		].join('\n'),
	);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the IPS sandbox.`);
		sandbox.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
