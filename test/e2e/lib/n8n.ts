/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// Drives a real n8n (the host installed by ./host) from tests: a fresh user folder with the package installed
// from the packed tarball (./package),
// the CLI (import/execute/publish), long-running `n8n start` / `n8n worker` processes, and the REST API.
import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';

import { hostPaths, type HostInstall } from './host';
import { installTarball, runTarball } from './package';

export const PACKAGE_NAME = 'n8n-nodes-scene7';
export const NODE_TYPE = `${PACKAGE_NAME}.scene7Ips`;
export const CREDENTIAL_TYPE = 'scene7IpsApi';

/** A port nobody listens on right now (bound and released on 127.0.0.1). */
export async function freePort(): Promise<number> {
	return await new Promise<number>((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

export interface StartedProcess {
	child: ChildProcess;
	/** Everything the process printed so far (stdout + stderr). */
	log: () => string;
	logFile: string;
	stop: () => Promise<void>;
}

/** Kill a detached child's whole process group (n8n spawns a task-runner child). */
export async function stopProcessGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const pgid = -child.pid;
	try {
		process.kill(pgid, 'SIGTERM');
	} catch {
		return;
	}
	const timer = setTimeout(() => {
		try {
			process.kill(pgid, 'SIGKILL');
		} catch {
			// already gone
		}
	}, graceMs);
	await exited;
	clearTimeout(timer);
	// The task runner may outlive its parent for a moment: make sure the group is gone.
	try {
		process.kill(pgid, 'SIGKILL');
	} catch {
		// already gone
	}
}

export interface N8nOptions {
	/**
	 * Tarball installed with `npm install` in `.n8n/nodes`, as n8n's installer does (default: the one the
	 * global setup packed, see ./package).
	 */
	tarball?: string;
	/** Extra environment for every n8n process of this instance. */
	env?: Record<string, string>;
	host?: HostInstall;
	/** Prefix of the temporary user folder. */
	label?: string;
	/** Use this (empty or missing) folder instead of a temporary one. */
	userFolder?: string;
	/** Editor/REST port (default: a free port). */
	port?: number;
}

/** One n8n "installation": a user folder (sqlite DB, settings, community package) and the env to run it. */
export class N8n {
	readonly userFolder: string;
	readonly host: HostInstall;
	readonly port: number;
	readonly brokerPort: number;
	readonly env: NodeJS.ProcessEnv;
	readonly baseUrl: string;
	private readonly processes: StartedProcess[] = [];

	private constructor(userFolder: string, host: HostInstall, port: number, brokerPort: number, extraEnv: Record<string, string>) {
		this.userFolder = userFolder;
		this.host = host;
		this.port = port;
		this.brokerPort = brokerPort;
		this.baseUrl = `http://127.0.0.1:${port}`;
		const env: NodeJS.ProcessEnv = {};
		for (const [k, v] of Object.entries(process.env)) {
			// Nothing of the caller's n8n/npm/jest configuration leaks into the instance.
			if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|npm_|WEBHOOK_URL$|GENERIC_TIMEZONE$|JEST_|NODE_OPTIONS$|NODE_ENV$)/.test(k)) continue;
			env[k] = v;
		}
		Object.assign(env, {
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'n8n-nodes-scene7-e2e-key-0123456789',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: 'localhost',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			// No python venv here: do not try to start the python runner.
			N8N_RUNNERS_MODE: 'internal',
			// n8n 1.123.x evaluates expressions in an isolate (its default `vm` engine) that cannot copy
			// the items of a Code node run in-process (1.x's default without task runners), so
			// `$('Code node').item` is null in every later node, n8n's own included (pairing.e2e shows
			// it). Task runners, n8n's recommended setting on 1.x and the default from 2.0, avoid it.
			...(host.version.startsWith('1.') ? { N8N_RUNNERS_ENABLED: 'true' } : {}),
			...extraEnv,
		});
		this.env = env;
	}

	static async create(options: N8nOptions = {}): Promise<N8n> {
		const host = options.host ?? hostPaths();
		const userFolder = options.userFolder ?? mkdtempSync(path.join(os.tmpdir(), `${options.label ?? 'n8n-e2e'}-`));
		await installTarball(userFolder, options.tarball ?? runTarball(), PACKAGE_NAME);
		const port = options.port ?? (await freePort());
		let brokerPort = await freePort();
		while (brokerPort === port) brokerPort = await freePort();
		return new N8n(userFolder, host, port, brokerPort, options.env ?? {});
	}

	/** `n8n <args>` in its own process group, output piped. */
	private spawnN8n(args: string[], extraEnv: Record<string, string>): ChildProcessByStdio<null, Readable, Readable> {
		return spawn(this.host.nodeBin, [this.host.n8nBin, ...args], {
			cwd: this.userFolder,
			env: { ...this.env, ...extraEnv },
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
	}

	/** Run one CLI command to completion. */
	async cli(args: string[], extraEnv: Record<string, string> = {}, timeoutMs = 180_000): Promise<CliResult> {
		return await new Promise<CliResult>((resolve, reject) => {
			const child = this.spawnN8n(args, extraEnv);
			const out: Buffer[] = [];
			const err: Buffer[] = [];
			child.stdout.on('data', (d: Buffer) => out.push(d));
			child.stderr.on('data', (d: Buffer) => err.push(d));
			const timer = setTimeout(() => {
				void stopProcessGroup(child, 2000);
				reject(new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms`));
			}, timeoutMs);
			child.on('error', reject);
			child.on('close', (code) => {
				clearTimeout(timer);
				// n8n leaves its task runner behind now and then; end the group.
				try {
					if (child.pid) process.kill(-child.pid, 'SIGKILL');
				} catch {
					// gone
				}
				resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
			});
		});
	}

	/** Run a CLI command that must succeed. */
	async cliOk(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
		const res = await this.cli(args, extraEnv);
		if (res.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} failed (rc=${res.code}):\n${res.stdout.slice(-3000)}\n${res.stderr.slice(-3000)}`);
		}
		return res;
	}

	private writeJson(name: string, value: unknown): string {
		const dir = path.join(this.userFolder, 'e2e-input');
		mkdirSync(dir, { recursive: true });
		const file = path.join(dir, name);
		writeFileSync(file, JSON.stringify(value, null, 2));
		return file;
	}

	async importCredentials(credentials: CredentialJson[]): Promise<void> {
		const file = this.writeJson(`credentials-${Date.now()}.json`, credentials);
		await this.cliOk(['import:credentials', `--input=${file}`]);
		// The plain-text file is not needed any more.
		rmSync(file);
	}

	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		const file = this.writeJson(`workflows-${Date.now()}.json`, workflows);
		await this.cliOk(['import:workflow', `--input=${file}`]);
	}

	/** `publish:workflow` (2.x) / `update:workflow --active=true` (1.x): the webhook is registered at the next start. */
	async activateWorkflow(id: string): Promise<void> {
		if (Number(this.host.version.split('.')[0]) >= 2) await this.cliOk(['publish:workflow', `--id=${id}`]);
		else await this.cliOk(['update:workflow', `--id=${id}`, '--active=true']);
	}

	/** `n8n execute --id --rawOutput`, with the run JSON extracted from the mixed log output. */
	async execute(id: string): Promise<ExecuteResult> {
		const res = await this.cli(['execute', `--id=${id}`, '--rawOutput']);
		let run: RunJson | undefined;
		try {
			run = extractRunJson(res.stdout);
		} catch {
			run = undefined;
		}
		return { ...res, run };
	}

	/** `execute` of a workflow that must succeed: its run, or an error with n8n's output. */
	async executeOk(id: string): Promise<RunJson> {
		const res = await this.execute(id);
		if (res.code !== 0 || res.run?.status !== 'success') {
			throw new Error(`execute ${id}: rc=${res.code} status=${res.run?.status}\n${res.stdout.slice(-3000)}\n${res.stderr.slice(-2000)}`);
		}
		return res.run;
	}

	/** Start a long-running n8n process (`start`, `worker`, ...) in its own process group. */
	spawnLongRunning(args: string[], extraEnv: Record<string, string> = {}, name = args[0]): StartedProcess {
		const logFile = path.join(this.userFolder, `${name}-${Date.now()}.log`);
		const stream = createWriteStream(logFile);
		let buffer = '';
		const child = this.spawnN8n(args, extraEnv);
		const onData = (d: Buffer) => {
			buffer += d.toString('utf8');
			stream.write(d);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('exit', () => stream.end());
		const proc: StartedProcess = {
			child,
			log: () => buffer,
			logFile,
			stop: async () => await stopProcessGroup(child),
		};
		this.processes.push(proc);
		return proc;
	}

	/**
	 * `n8n start`, resolved when it printed "Editor is now accessible" (after all REST routes and the active
	 * workflows' webhooks are set up; /healthz and even /rest/settings answer earlier) and the REST API answers.
	 */
	async start(extraEnv: Record<string, string> = {}, timeoutMs = 120_000): Promise<StartedProcess> {
		const proc = this.spawnLongRunning(['start'], extraEnv);
		await waitFor(
			async () => {
				if (proc.child.exitCode !== null) {
					throw new Error(`n8n start exited with ${proc.child.exitCode}:\n${proc.log().slice(-4000)}`);
				}
				if (!proc.log().includes('Editor is now accessible via')) return false;
				try {
					const res = await fetch(`${this.baseUrl}/rest/settings`);
					return res.status === 200;
				} catch {
					return false;
				}
			},
			timeoutMs,
			() => `n8n start did not become ready on ${this.baseUrl}:\n${proc.log().slice(-4000)}`,
		);
		return proc;
	}

	/**
	 * POST JSON to a production webhook of the started server and read the answer. n8n 2.41 can print
	 * "Editor is now accessible" before it has registered the published workflows' webhooks (clean-clone
	 * CI runs saw a 404 on the first call, in two different test files). A 404 runs nothing, so the call is
	 * made again, for up to `timeoutMs`, until the webhook is there; any other answer is returned as is.
	 */
	async postWebhook(webhookPath: string, body: unknown, timeoutMs = 30_000): Promise<{ status: number; text: string }> {
		const post = async () =>
			await fetch(`${this.baseUrl}/webhook/${webhookPath}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		const deadline = Date.now() + timeoutMs;
		let res = await post();
		while (res.status === 404 && Date.now() < deadline) {
			await res.text();
			await new Promise((resolve) => setTimeout(resolve, 500));
			res = await post();
		}
		return { status: res.status, text: await res.text() };
	}

	/** The bytes of a binary output: in the item (default mode) or in n8n's storage (filesystem mode). */
	binaryBytes(binary: { id?: string; data?: string } | undefined): Buffer {
		if (!binary?.id) return Buffer.from(String(binary?.data), 'base64');
		if (!/^filesystem(-v2)?:/.test(binary.id)) throw new Error(`binary id ${binary.id} is not a filesystem reference`);
		// n8n keeps binary files in ~/.n8n/storage from 2.0 on, in ~/.n8n/binaryData before.
		const storage = path.join(this.userFolder, '.n8n', this.host.version.startsWith('1.') ? 'binaryData' : 'storage');
		return readFileSync(path.join(storage, binary.id.replace(/^filesystem(-v2)?:/, '')));
	}

	/** Stop every process started through this instance and delete the user folder. */
	async dispose(keepFolder = false): Promise<void> {
		for (const p of this.processes.splice(0).reverse()) await p.stop();
		if (!keepFolder) rmSync(this.userFolder, { recursive: true, force: true });
	}
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, describe: () => string, intervalMs = 250): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		if (Date.now() > deadline) throw new Error(describe());
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

// ---- JSON shapes ---------------------------------------------------------------------------------------

export interface CredentialJson {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowNodeJson {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

export interface WorkflowJson {
	id: string;
	name: string;
	active: boolean;
	nodes: WorkflowNodeJson[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: Record<string, unknown>;
}

export interface NodeItem {
	json: Record<string, unknown>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number }>;
}

export interface NodeRun {
	error?: { message?: string; description?: string };
	data?: { main: Array<NodeItem[] | null> };
}

export interface RunJson {
	status?: string;
	finished?: boolean;
	mode?: string;
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: { message?: string; description?: string; name?: string; [k: string]: unknown };
		};
	};
}

export interface ExecuteResult extends CliResult {
	run?: RunJson;
}

/**
 * `--rawOutput` prints the run as pretty JSON through the logger, mixed with other log lines. The run is the
 * block from a line that is exactly `{` to the next line that is exactly `}`.
 */
export function extractRunJson(stdout: string): RunJson {
	const lines = stdout.split(/\r?\n/);
	const start = lines.indexOf('{');
	if (start < 0) throw new Error(`no JSON block in output:\n${stdout.slice(-2000)}`);
	const end = lines.indexOf('}', start + 1);
	if (end < 0) throw new Error(`unterminated JSON block in output:\n${stdout.slice(-2000)}`);
	return JSON.parse(lines.slice(start, end + 1).join('\n')) as RunJson;
}

export function nodeItems(run: RunJson, nodeName: string, output = 0): NodeItem[] {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(run.data.resultData.runData).join(', ')}`);
	return runs[0].data?.main[output] ?? [];
}

/** The json of the items of one output of a node's first run. */
export const nodeOutput = (run: RunJson, nodeName: string, output = 0): Array<Record<string, unknown>> =>
	nodeItems(run, nodeName, output).map((i) => i.json);

// ---- REST client (what the editor does) -----------------------------------------------------------------

export class RestClient {
	private cookie = '';
	/** The editor sends a per-browser id with every call; the auth cookie is bound to it. */
	private readonly browserId = `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`;
	constructor(readonly baseUrl: string) {}

	async request<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<{ status: number; json: T; text: string }> {
		const headers: Record<string, string> = { accept: 'application/json', 'browser-id': this.browserId };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (this.cookie) headers.cookie = this.cookie;
		const res = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookies = res.headers.getSetCookie();
		for (const c of setCookies) {
			const [pair] = c.split(';');
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
		const text = await res.text();
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, json: json as T, text };
	}

	async ok<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const res = await this.request<{ data: T }>(method, urlPath, body);
		if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${urlPath} -> ${res.status}: ${res.text.slice(0, 2000)}`);
		return res.json.data;
	}

	async setupOwner(email: string, password: string): Promise<void> {
		await this.ok('POST', '/rest/owner/setup', { email, password, firstName: 'Demo', lastName: 'Owner' });
	}

	async login(email: string, password: string): Promise<void> {
		// 1.x and 2.x accept emailOrLdapLoginId; older builds used email.
		const res = await this.request('POST', '/rest/login', { emailOrLdapLoginId: email, email, password });
		if (res.status !== 200) throw new Error(`login failed (${res.status}): ${res.text.slice(0, 500)}`);
	}
}
