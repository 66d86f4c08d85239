/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
// The editor a user sees, in a real browser (`npm run test:browser`): Debian's Chromium driven by
// playwright-core (never a downloaded browser) against `npm start`'s n8n (the package installed from its
// tarball, the IPS sandbox, a demo credential). Steps, each bounded by a timeout:
//   sign in; the node creator lists Scene7 IPS with its icon and its actions; add Copy an image; pick
//   Company, Image and Folder From List (loaded from the sandbox, the chosen names shown); set a New Name;
//   execute the step and read the assetHandle in the output panel (and find that copy in the sandbox);
//   execute again and read the name-in-use error; open the credential, set a wrong password, read the
//   test's message; put the right password back.
// Then, each group on its own (a failure in one does not skip the next): the mode box of the Company, Image
// and Folder locators shows each mode's label unclipped (widths measured and printed); the demo workflow
// runs green twice (If Name Exists: Rename); each workflow of examples/ (imported by npm start with the
// demo credential) runs from "Execute workflow" (the webhook one: listening, then a call to its test URL)
// and every node on the canvas ends green, with a screenshot each.
// Screenshots go to test/browser/results/; with --update-screenshots also to docs/images/ (the README's).
// Prints `browser: N passed, N failed`; exits 1 on any failure.
//   npm run test:browser [-- --update-screenshots] [--no-build] [--headed-debug]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromium, selectors, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { DEMO_CREDENTIAL, DEMO_OWNER, DEMO_WORKFLOW_ID, PID_FILE, READY_LINE } from '../e2e/lib/demo';
import { exampleFiles, readExample, WEBHOOK_EXAMPLE } from '../e2e/lib/examples';
import { REPO_ROOT } from '../e2e/lib/host';
import { freePort, RestClient, stopProcessGroup, waitFor } from '../e2e/lib/n8n';

const CHROMIUM = '/usr/bin/chromium';
const RESULTS_DIR = path.join(REPO_ROOT, 'test', 'browser', 'results');
const DOCS_IMAGES = path.join(REPO_ROOT, 'docs', 'images');
/** Generous bounds: a hang fails the step, a slow machine does not. */
const STEP_TIMEOUT_MS = 90_000;
const ACTION_TIMEOUT_MS = 30_000;
const START_TIMEOUT_MS = 600_000;
/** The whole run, npm start included: past this everything is stopped and the run fails. */
const RUN_TIMEOUT_MS = 20 * 60_000;

const SANDBOX_PASSWORD = 'sandbox-demo-password';
const WRONG_PASSWORD = 'Wrong-Password-From-The-Browser';
const NEW_NAME = 'Copy_from_the_browser';
/**
 * Every action the node declares (its operations' `action` labels), read from the built node, so the
 * node creator is checked against the package that n8n runs, not against a list kept by hand.
 */
function declaredActions(): string[] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Scene7Ips } = require(path.join(REPO_ROOT, 'dist', 'nodes', 'Scene7Ips', 'Scene7Ips.node.js')) as {
		Scene7Ips: new () => { description: { properties: Array<{ name: string; options?: Array<{ action?: string }> }> } };
	};
	const actions = new Scene7Ips().description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => (property.options ?? []).map((option) => option.action ?? ''))
		.filter(Boolean);
	return [...new Set(actions)];
}
const ACTIONS = declaredActions();

interface Args {
	updateScreenshots: boolean;
	build: boolean;
}

function parseArgs(argv: string[]): Args {
	const args: Args = { updateScreenshots: false, build: true };
	for (const a of argv) {
		if (a === '--update-screenshots') args.updateScreenshots = true;
		else if (a === '--no-build') args.build = false;
		else throw new Error(`unknown argument ${a}; usage: npm run test:browser [-- --update-screenshots] [--no-build]`);
	}
	return args;
}

/** Debian's chromium, installed with apt when missing (as root, as on CI). Never a downloaded browser. */
function ensureChromium(): void {
	if (existsSync(CHROMIUM)) return;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
	if (!isRoot || !hasApt) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) and run again`);
	console.log('[browser] chromium missing: apt-get install -y chromium ...');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const cmd of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
		const res = spawnSync('apt-get', cmd, { stdio: 'inherit', env });
		if (res.status !== 0) throw new Error(`apt-get ${cmd.join(' ')} failed (rc=${res.status})`);
	}
	if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
}

interface Demo {
	child: ChildProcess;
	output: () => string;
	editorUrl: string;
	sandboxUrl: string;
	userFolder: string;
}

async function startDemo(args: Args): Promise<Demo> {
	const port = await freePort();
	let sandboxPort = await freePort();
	while (sandboxPort === port) sandboxPort = await freePort();
	const userFolder = mkdtempSync(path.join(os.tmpdir(), 'scene7-browser-'));
	let output = '';
	const child = spawn(
		'npm',
		['start', '--', ...(args.build ? [] : ['--no-build']), '--port', String(port), '--sandbox-port', String(sandboxPort), '--user-folder', userFolder],
		{ cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
	);
	child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
	child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
	const demo = { child, output: () => output, editorUrl: `http://localhost:${port}`, sandboxUrl: `http://127.0.0.1:${sandboxPort}`, userFolder };
	try {
		await waitFor(
			async () => {
				if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output.slice(-4000)}`);
				return output.includes(READY_LINE);
			},
			START_TIMEOUT_MS,
			() => `npm start did not print "${READY_LINE}":\n${output.slice(-4000)}`,
			500,
		);
	} catch (error) {
		await stopDemo(demo);
		throw error;
	}
	return demo;
}

/** Signals a process group; one that is gone already is fine. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// gone
	}
}

async function stopDemo(demo: Demo): Promise<void> {
	if (demo.child.exitCode === null && demo.child.pid) {
		const exited = new Promise<void>((resolve) => demo.child.once('exit', () => resolve()));
		signalGroup(demo.child.pid, 'SIGINT');
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 30_000)))]);
		clearTimeout(timer);
		await stopProcessGroup(demo.child, 5000);
	}
	// n8n runs in its own process group: make sure it is gone.
	const pidFile = path.join(demo.userFolder, PID_FILE);
	if (existsSync(pidFile)) signalGroup(Number(spawnSync('cat', [pidFile], { encoding: 'utf8' }).stdout.trim()), 'SIGKILL');
	rmSync(demo.userFolder, { recursive: true, force: true });
}

interface SandboxAsset {
	assetHandle: string;
	name: string;
	folderHandle: string;
	companyHandle: string;
}

async function sandboxState(demo: Demo): Promise<{ companies: Array<{ name: string }>; assets: SandboxAsset[] }> {
	return (await (await fetch(`${demo.sandboxUrl}/__sandbox/state`)).json()) as { companies: Array<{ name: string }>; assets: SandboxAsset[] };
}

/** The sandbox's assets named `name`. */
async function sandboxCopies(demo: Demo, name: string): Promise<SandboxAsset[]> {
	return (await sandboxState(demo)).assets.filter((a) => a.name === name);
}

function expect(condition: boolean, message: string): void {
	if (!condition) throw new Error(message);
}

const exactly = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

// ---- the steps ------------------------------------------------------------------------------------------

class BrowserRun {
	passed = 0;
	failed = 0;
	private broken = false;
	private readonly screenshots: string[] = [];

	constructor(
		private readonly page: Page,
		private readonly demo: Demo,
		/** Signed in as the demo owner: reads the executions the editor starts. */
		private readonly rest: RestClient,
	) {}

	async shot(name: string): Promise<void> {
		// Toasts (n8n's notifications) would cover the screenshot: close the ones shown.
		const toasts = this.page.locator('.el-notification:visible .el-notification__closeBtn');
		for (let i = await toasts.count(); i > 0; i--) await toasts.first().click({ timeout: 2000 }).catch(() => undefined);
		await this.page.locator('.el-notification:visible').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
		const file = path.join(RESULTS_DIR, `${name}.png`);
		await this.page.screenshot({ path: file });
		this.screenshots.push(file);
	}

	get savedScreenshots(): string[] {
		return this.screenshots;
	}

	/**
	 * One step: bounded in time; after a failure the later steps (which build on it) are counted as failed,
	 * unless the step is `soft` (a check nothing after it builds on).
	 */
	async step(name: string, fn: () => Promise<string | void>, { soft = false }: { soft?: boolean } = {}): Promise<void> {
		if (this.broken) {
			this.failed++;
			console.log(`  ✗ ${name} (not run: an earlier step failed)`);
			return;
		}
		const started = Date.now();
		let timer: NodeJS.Timeout | undefined;
		try {
			const note = await Promise.race([
				fn(),
				new Promise<never>((_, reject) => {
					timer = setTimeout(() => reject(new Error(`step timed out after ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS);
				}),
			]);
			this.passed++;
			console.log(`  ✓ ${name}${note ? `: ${note}` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		} catch (error) {
			this.failed++;
			if (!soft) this.broken = true;
			const safe = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
			await this.page.screenshot({ path: path.join(RESULTS_DIR, `failed-${safe}.png`) }).catch(() => undefined);
			console.log(`  ✗ ${name}\n    ${(error instanceof Error ? error.message : String(error)).split('\n').join('\n    ')}`);
			console.log(`    screenshot: ${path.join(RESULTS_DIR, `failed-${safe}.png`)}`);
		} finally {
			clearTimeout(timer);
		}
	}

	/** A group of steps that does not build on the ones before: an earlier failure does not skip it. */
	section(title: string): void {
		this.broken = false;
		console.log(`  -- ${title}`);
	}

	/** A new workflow, the node creator open and searched for "Scene7". */
	async searchScene7(): Promise<Locator> {
		await this.page.goto(`${this.demo.editorUrl}/workflow/new`);
		await this.page.getByTestId('canvas').waitFor();
		await this.page.getByTestId('node-creator-plus-button').click();
		const creator = this.page.getByTestId('node-creator');
		await creator.waitFor();
		await creator.getByTestId('node-creator-search-bar').fill('Scene7');
		return creator;
	}

	/**
	 * Scene7 IPS opened in the node creator, its action Copy an image shown (with the trigger node in the
	 * package, n8n lists Triggers first and folds Actions away: they are unfolded).
	 */
	async showCopyAction(creator: Locator): Promise<Locator> {
		await creator.getByTestId('item-iterator-item').filter({ hasText: 'Scene7 IPS' }).first().click();
		const copyAction = creator.getByTestId('item-iterator-item').filter({ hasText: exactly('Copy an image') });
		const actionsHeader = creator.getByText(/^\s*Actions \(\d+\)\s*$/);
		await copyAction.or(actionsHeader).first().waitFor();
		if (!(await copyAction.isVisible()) && (await actionsHeader.count()) > 0) await actionsHeader.first().click();
		await copyAction.waitFor();
		return copyAction;
	}

	/** A saved workflow open in the editor, its nodes on the canvas. */
	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`${this.demo.editorUrl}/workflow/${id}`);
		await this.page.getByTestId('canvas').waitFor();
		await this.page.getByTestId('canvas-node').first().waitFor();
	}

	/** What each node on the canvas shows (sticky notes are not canvas-node). */
	async nodeStates(): Promise<NodeState[]> {
		return await this.page.getByTestId('canvas-node').evaluateAll((elements) =>
			elements.map((element) => {
				// No named functions in here: the page gets this code as text (tsx would wrap them in __name).
				const node = element as unknown as { getAttribute: (name: string) => string | null; querySelector: (selector: string) => unknown };
				return {
					name: node.getAttribute('data-node-name') ?? '?',
					success: node.querySelector('[data-test-id="canvas-node-status-success"]') !== null,
					error: node.querySelector('[data-test-id="node-issues"]') !== null,
					warning: node.querySelector('[data-test-id="canvas-node-status-warning"]') !== null,
				};
			}),
		);
	}

	/**
	 * Wait until `executions` (the workflow's finished executions, from n8n's API) has grown by one and the
	 * canvas shows the end of the run (no stop button, every node green or one with an error). Returns the
	 * execution's status and what the canvas shows.
	 */
	async waitForRunEnd(workflowId: string, before: number): Promise<{ status: string; states: NodeState[] }> {
		let status = '';
		await waitFor(
			async () => {
				const done = await finishedExecutions(this.rest, workflowId);
				status = done.length > before ? done[0].status : '';
				return status !== '';
			},
			STEP_TIMEOUT_MS - 10_000,
			() => `the run of ${workflowId} did not finish (finished executions: ${before})`,
			500,
		);
		let states: NodeState[] = [];
		await waitFor(
			async () => {
				states = await this.nodeStates();
				const running =
					(await this.page.getByTestId('stop-execution-button').isVisible()) ||
					(await this.page.getByTestId('stop-execution-waiting-for-webhook-button').isVisible());
				return !running && states.length > 0 && (states.some((state) => state.error) || states.every((state) => state.success));
			},
			ACTION_TIMEOUT_MS,
			() => `the canvas does not show the end of the run: ${JSON.stringify(states)}`,
			250,
		);
		return { status, states };
	}

	/**
	 * Runs the open workflow from "Execute workflow" (`during` acts while it runs, e.g. calls its webhook)
	 * and expects every node of `names` green and the execution a success.
	 */
	async executeAllGreen(workflowId: string, names: string[], during?: () => Promise<void>): Promise<void> {
		const before = (await finishedExecutions(this.rest, workflowId)).length;
		await this.page.getByTestId('execute-workflow-button').click();
		await during?.();
		const { status, states } = await this.waitForRunEnd(workflowId, before);
		this.expectAllGreen(names, states, status);
	}

	/** Every node of the workflow shows success on the canvas, none an error or a warning. */
	expectAllGreen(names: string[], states: NodeState[], status: string): void {
		const shown = new Map(states.map((state) => [state.name, state]));
		const notGreen = names.filter((name) => !shown.get(name)?.success || shown.get(name)?.error || shown.get(name)?.warning);
		const describe = (name: string) => {
			const state = shown.get(name);
			return state ? `${name} (${state.error ? 'error' : state.warning ? 'warning' : 'no success icon'})` : `${name} (not on the canvas)`;
		};
		expect(notGreen.length === 0, `not green: ${notGreen.map(describe).join(', ')}; execution ${status}`);
		expect(status === 'success', `the execution ended ${status}`);
	}

	/** Close the node view if a run opened it, and fit the whole workflow in view for the screenshot. */
	async canvasInView(): Promise<void> {
		const ndv = this.page.getByTestId('ndv');
		if (await ndv.isVisible()) {
			await this.page.getByTestId('back-to-canvas').click();
			await ndv.waitFor({ state: 'hidden' });
		}
		await this.page.getByTestId('zoom-to-fit').click();
		await this.page.waitForTimeout(400);
	}

	async run(): Promise<void> {
		const { page, demo } = this;
		const ndv = page.getByTestId('ndv');
		const output = page.getByTestId('output-panel');
		let assetHandle = '';

		await this.step('sign in', async () => {
			await page.goto(`${demo.editorUrl}/signin`);
			const setup = page.getByTestId('setup-form'); // shown instead when no owner exists yet
			const email = page.locator('input[name="emailOrLdapLoginId"], input[name="email"]').first();
			await email.or(setup).first().waitFor();
			if (await setup.isVisible()) throw new Error('n8n asks for owner setup: npm start should have set up the demo owner');
			await email.fill(DEMO_OWNER.email);
			await page.locator('input[name="password"]').fill(DEMO_OWNER.password);
			await page.getByTestId('form-submit-button').click();
			await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
			return `as ${DEMO_OWNER.email}, now at ${new URL(page.url()).pathname}`;
		});

		await this.step('node creator: search "Scene7" lists Scene7 IPS with its icon', async () => {
			const creator = await this.searchScene7();
			const item = creator.getByTestId('item-iterator-item').filter({ has: page.getByTestId('node-creator-item-name').filter({ hasText: exactly('Scene7 IPS') }) });
			await item.waitFor();
			const names = await creator.getByTestId('node-creator-item-name').allInnerTexts();
			expect(names.map((n) => n.trim()).join('|') === 'Scene7 IPS', `search "Scene7" lists ${JSON.stringify(names)}, expected only Scene7 IPS`);
			const icon = item.locator('img').first();
			const src = (await icon.getAttribute('src')) ?? '';
			expect(src.endsWith('/icons/n8n-nodes-scene7/dist/icons/scene7.svg'), `the node's icon is ${src}`);
			await waitFor(async () => (await icon.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0)), 10_000, () => `the icon ${src} did not load`);
			await this.shot('node-creator-search');
			return `icon ${src} loaded`;
		});

		await this.step(`node creator: Scene7 IPS lists its ${ACTIONS.length} actions`, async () => {
			const creator = page.getByTestId('node-creator');
			const copyAction = await this.showCopyAction(creator);
			// The list renders only what is in view: scroll it down, collecting names, until nothing new shows.
			const listed = new Set<string>();
			for (let round = 0; round < 20; round++) {
				const before = listed.size;
				for (const name of await creator.getByTestId('node-creator-item-name').allInnerTexts()) if (name.trim()) listed.add(name.trim());
				if (round > 0 && listed.size === before) break;
				await creator.getByTestId('node-creator-item-name').last().scrollIntoViewIfNeeded();
				await page.mouse.wheel(0, 400);
				await page.waitForTimeout(150);
			}
			const missing = ACTIONS.filter((a) => !listed.has(a));
			expect(missing.length === 0, `actions missing from the node creator: ${missing.join(', ')}; listed: ${[...listed].join(', ')}`);
			// Back to the top, as the screenshot and the next step expect.
			await copyAction.scrollIntoViewIfNeeded();
			await this.shot('node-creator-actions');
			return `${ACTIONS.length} actions listed`;
		});

		await this.step('add Copy an image: the parameters open with the demo credential', async () => {
			await page.getByTestId('node-creator').getByTestId('item-iterator-item').filter({ hasText: exactly('Copy an image') }).click();
			await ndv.waitFor();
			await ndv.getByTestId('resource-locator-companyHandle').waitFor();
			const credential = await ndv.getByTestId('node-credentials-select').locator('input').inputValue();
			expect(credential === DEMO_CREDENTIAL.name, `the credential shown is "${credential}", expected "${DEMO_CREDENTIAL.name}"`);
			const operation = await ndv.getByTestId('parameter-input-operation').locator('input').inputValue();
			expect(operation === 'Copy', `the operation shown is "${operation}"`);
			return `credential "${credential}", operation ${operation}`;
		});

		const pick = async (param: string, choose: string, expected: string[]) => {
			const locator = ndv.getByTestId(`resource-locator-${param}`);
			const mode = await locator.getByTestId('rlc-mode-selector').locator('input').inputValue();
			expect(mode === 'From list', `${param} starts in mode "${mode}", expected From list`);
			await locator.getByTestId('rlc-input').click();
			const items = page.locator('[data-test-id="rlc-item"]:visible');
			await items.filter({ hasText: exactly(choose) }).waitFor();
			const listed = (await items.allInnerTexts()).map((t) => t.trim());
			const missing = expected.filter((e) => !listed.includes(e));
			expect(missing.length === 0, `${param} list lacks ${missing.join(', ')}; it lists ${listed.join(', ')}`);
			await items.filter({ hasText: exactly(choose) }).click();
			await waitFor(async () => (await locator.getByTestId('rlc-input').inputValue()) === choose, 10_000, () => `${param} does not show "${choose}" after picking it`);
			return listed;
		};

		await this.step('Company From List: the sandbox\'s companies, ApiTestCo picked and shown', async () => {
			const state = await sandboxState(demo);
			const listed = await pick('companyHandle', 'ApiTestCo', ['ApiTestCo', 'OtherCo']);
			// Only the companies the sandbox user belongs to (ThirdCo is not one of them).
			expect(listed.every((c) => state.companies.some((s) => s.name === c)), `listed companies ${listed.join(', ')} are not all in the sandbox`);
			return listed.join(', ');
		});

		await this.step('Image From List: the company\'s images, macbookwin1 picked and shown', async () => {
			const listed = await pick('assetHandle', 'macbookwin1 (ApiTestCo/)', ['macbookwin1 (ApiTestCo/)', 'summer-hero (ApiTestCo/summer/)']);
			return `${listed.length} images`;
		});

		await this.step('Folder From List: the company\'s folders as paths, ApiTestCo/ picked and shown', async () => {
			const listed = await pick('folderHandle', 'ApiTestCo/', ['ApiTestCo/', 'ApiTestCo/summer/', 'ApiTestCo/Folder With Space/']);
			return listed.join(', ');
		});

		await this.step('set the New Name', async () => {
			const input = ndv.getByTestId('parameter-input-name').locator('input');
			await input.fill(NEW_NAME);
			await input.blur();
			expect((await input.inputValue()) === NEW_NAME, 'New Name did not keep its value');
			await page.getByTestId('node-parameters').click({ position: { x: 5, y: 5 } });
			await this.shot('copy-image-parameters');
		});

		await this.step('execute the step: the output panel shows the new assetHandle', async () => {
			await ndv.getByTestId('node-execute-button').click();
			await output.getByTestId('node-run-status-success').waitFor();
			await output.getByTestId('radio-button-json').click();
			const container = output.getByTestId('ndv-data-container');
			let json = '';
			// The view may still be filling in: wait for both fields.
			await waitFor(
				async () => /"assetHandle":\s*"[^"]+"[\s\S]*"name":\s*"[^"]+"/.test((json = await container.innerText())),
				ACTION_TIMEOUT_MS,
				() => `no assetHandle and name in the output panel's JSON view:\n${json.slice(0, 800)}`,
			);
			const shown = /"assetHandle":\s*"([^"]+)"/.exec(json)?.[1] ?? '';
			const name = /"name":\s*"([^"]+)"/.exec(json)?.[1] ?? '';
			expect(/^a\|\d+\|\d+\|\d+$/.test(shown), `no assetHandle in the output panel:\n${json.slice(0, 800)}`);
			expect(name === NEW_NAME, `the output's name is "${name}"`);
			const copies = await sandboxCopies(demo, NEW_NAME);
			expect(copies.length === 1 && copies[0].assetHandle === shown, `the sandbox holds ${JSON.stringify(copies)}, the editor shows ${shown}`);
			expect(copies[0].folderHandle === 'ApiTestCo/', `the copy is in ${copies[0].folderHandle}`);
			assetHandle = shown;
			await this.shot('copy-image-output');
			return `assetHandle ${shown}, the sandbox's copy`;
		});

		await this.step('execute again: the name-in-use error as the user sees it', async () => {
			await ndv.getByTestId('node-execute-button').click();
			const message = output.getByTestId('node-error-message');
			await message.waitFor();
			const text = (await message.innerText()).trim();
			const description = (await output.getByTestId('node-error-description').innerText().catch(() => '')).trim();
			expect(
				text === `Scene7 could not run copyImage: Asset ID '${NEW_NAME}' is already in use. (30000)`,
				`the error reads "${text}"`,
			);
			const copies = await sandboxCopies(demo, NEW_NAME);
			expect(copies.length === 1 && copies[0].assetHandle === assetHandle, `the failed run changed the sandbox: ${JSON.stringify(copies)}`);
			await this.shot('copy-image-name-in-use');
			return `"${text}" / "${description}"`;
		});

		const dialog = page.getByTestId('credential-edit-dialog');
		const setPasswordAndSave = async (password: string) => {
			await dialog.getByTestId('parameter-input-password').locator('input').fill(password);
			// Saving tests the credential (n8n saves first, then tests).
			await page.getByTestId('credential-save-button').click();
		};

		await this.step('open the credential: it tests OK', async () => {
			await ndv.getByTestId('credential-edit-button').click();
			await dialog.waitFor();
			await dialog.getByText('Connection tested successfully').waitFor();
			return 'Connection tested successfully';
		});

		await this.step('wrong password: the credential test says so', async () => {
			await setPasswordAndSave(WRONG_PASSWORD);
			await dialog.getByText('Couldn’t connect with these settings').waitFor();
			// The reason sits behind "More details".
			await dialog.getByText('More details').click();
			const reason = dialog.getByText('Forbidden - perhaps check your credentials?');
			await reason.waitFor();
			const text = await dialog.innerText();
			expect(!text.includes(WRONG_PASSWORD), 'the dialog shows the password in clear');
			await this.shot('credential-wrong-password');
			return 'Couldn’t connect with these settings / Forbidden - perhaps check your credentials?';
		});

		await this.step('right password again: the test passes', async () => {
			await setPasswordAndSave(SANDBOX_PASSWORD);
			await dialog.getByText('Connection tested successfully').waitFor();
			await dialog.getByText('Couldn’t connect with these settings').waitFor({ state: 'hidden' });
			return 'Connection tested successfully';
		});

		await this.modeBoxSteps();
		await this.demoWorkflowSteps();
		await this.exampleSteps();
	}

	/** Issue #24 item 4: each mode label fits the mode box of the Company, Image and Folder locators. */
	async modeBoxSteps(): Promise<void> {
		const { page } = this;
		const ndv = page.getByTestId('ndv');
		// A new workflow: n8n 2.x saves edits on its own, and the mode changes must not reach the demo workflow.
		this.section('the locator mode box fits its labels (Copy an image in a new workflow)');
		await this.step('a new workflow with Copy an image', async () => {
			await (await this.showCopyAction(await this.searchScene7())).click();
			await ndv.waitFor();
			await ndv.getByTestId('resource-locator-companyHandle').waitFor();
		});
		const widths: string[] = [];
		for (const [param, label] of [
			['companyHandle', 'Company'],
			['assetHandle', 'Image'],
			['folderHandle', 'Folder'],
		] as const) {
			await this.step(`${label}: every mode label fits the mode box`, async () => {
				const selector = ndv.getByTestId(`resource-locator-${param}`).getByTestId('rlc-mode-selector');
				const input = selector.locator('input');
				const options = page.locator('[data-test-id^="mode-"]:visible');
				// Click outside any list (the top left corner of the parameters): open dropdowns close.
				const closeLists = async () => {
					await page.getByTestId('node-parameters').click({ position: { x: 5, y: 5 } });
					await waitFor(async () => (await options.count()) === 0 && (await page.locator('[data-test-id="rlc-item"]:visible').count()) === 0, 5000, () => 'a list stays open');
				};
				await selector.click();
				await options.first().waitFor();
				const modes = (await options.evaluateAll((elements) =>
					elements.map((element) => (element as unknown as { getAttribute: (name: string) => string | null }).getAttribute('data-test-id') ?? ''),
				)).map((testId) => testId.replace(/^mode-/, ''));
				await closeLists();
				const measured: ModeLabelWidth[] = [];
				for (const mode of modes) {
					await selector.click();
					await page.locator(`[data-test-id="mode-${mode}"]:visible`).click();
					await closeLists();
					measured.push({ mode, ...(await input.evaluate(measureModeLabel)) });
				}
				const line = `${label}: ${measured.map(formatWidth).join('; ')}`;
				widths.push(line);
				console.log(`    ${line}`);
				const clipped = measured.filter((m) => m.scrollWidth > m.clientWidth || m.textWidth > m.contentWidth + 0.5);
				expect(
					clipped.length === 0,
					`clipped in the ${Math.round(measured[0]?.boxWidth ?? 0)} px mode box: ${clipped.map((m) => `"${m.label}" needs ${m.textWidth.toFixed(1)} px, ${m.contentWidth.toFixed(1)} px available`).join(', ')}`,
				);
				return `${modes.length} modes, none clipped`;
			}, { soft: true });
		}
		await this.step('screenshot of the locators', async () => {
			await this.shot('locator-modes');
			return widths.length === 3 ? 'measured all three' : `measured ${widths.length} of 3`;
		});
	}

	/** The demo workflow npm start imports: If Name Exists: Rename keeps a second click green. */
	async demoWorkflowSteps(): Promise<void> {
		this.section('the demo workflow runs green, twice');
		const names = ['Manual Trigger', 'Copy Image', 'Use Handle'];
		for (const [round, copyName] of [
			[1, 'Copy_macbookwin1'],
			[2, 'Copy_macbookwin1_1'],
		] as const) {
			await this.step(`demo workflow, run ${round}: every node green, the copy ${copyName} in the sandbox`, async () => {
				if (round === 1) await this.openWorkflow(DEMO_WORKFLOW_ID);
				await this.canvasInView();
				await this.executeAllGreen(DEMO_WORKFLOW_ID, names);
				const copies = await sandboxCopies(this.demo, copyName);
				expect(copies.length === 1, `the sandbox holds ${copies.length} assets named ${copyName}`);
				if (round === 2) await this.shot('demo-workflow-second-run');
				return `${names.length} nodes green; ${copyName} = ${copies[0].assetHandle}`;
			});
		}
	}

	/** Every workflow of examples/, as npm start imported it, run from the editor: every node green. */
	async exampleSteps(): Promise<void> {
		const { page } = this;
		for (const file of exampleFiles()) {
			const shipped = readExample(file);
			const names = shipped.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').map((node) => node.name);
			const isWebhook = file === WEBHOOK_EXAMPLE.file;
			this.section(`examples/${file}`);
			await this.step(`${file}: opens with the demo credential, ${names.length} nodes`, async () => {
				await this.openWorkflow(shipped.id);
				await this.canvasInView();
				const shown = (await this.nodeStates()).map((state) => state.name).sort();
				expect(JSON.stringify(shown) === JSON.stringify([...names].sort()), `the canvas shows ${shown.join(', ')}`);
				const stored = await this.rest.ok<{ nodes: Array<{ name: string; type: string; credentials?: Record<string, { id: string }> }> }>('GET', `/rest/workflows/${shipped.id}`);
				const withoutDemo = stored.nodes.filter((node) => node.type.startsWith('n8n-nodes-scene7.') && node.credentials?.scene7IpsApi?.id !== DEMO_CREDENTIAL.id);
				expect(withoutDemo.length === 0, `Scene7 nodes without the demo credential: ${withoutDemo.map((node) => node.name).join(', ')}`);
			});
			await this.step(`${file}: ${isWebhook ? 'listen, call the test webhook' : 'Execute workflow'}: every node green`, async () => {
				let note = '';
				const callWebhook = async () => {
					await page.getByTestId('stop-execution-waiting-for-webhook-button').waitFor();
					const url = `${this.demo.editorUrl}/webhook-test/${WEBHOOK_EXAMPLE.path}`;
					let answer: { status: number; text: string } = { status: 0, text: '' };
					// The test webhook is registered when the editor says it listens; a 404 runs nothing: call again.
					await waitFor(
						async () => {
							const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(WEBHOOK_EXAMPLE.body) });
							answer = { status: res.status, text: await res.text() };
							return res.status !== 404;
						},
						ACTION_TIMEOUT_MS,
						() => `POST ${url}: ${answer.status} ${answer.text.slice(0, 300)}`,
						500,
					);
					expect(answer.status === 200, `POST ${url}: ${answer.status} ${answer.text.slice(0, 300)}`);
					const copy = JSON.parse(answer.text) as { assetHandle?: string; name?: string };
					expect(copy.name === WEBHOOK_EXAMPLE.body.newName && /^a\|/.test(copy.assetHandle ?? ''), `the webhook answered ${answer.text.slice(0, 300)}`);
					note = `; the webhook answered ${copy.name} = ${copy.assetHandle}`;
				};
				await this.executeAllGreen(shipped.id, names, isWebhook ? callWebhook : undefined);
				await this.canvasInView();
				await this.shot(`example-${file.replace(/\.json$/, '')}`);
				return `${names.length} nodes green${note}`;
			});
		}
	}
}

interface NodeState {
	name: string;
	success: boolean;
	error: boolean;
	warning: boolean;
}

/** The workflow's finished executions, newest first. */
async function finishedExecutions(rest: RestClient, workflowId: string): Promise<Array<{ id: string; status: string }>> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const page = await rest.ok<{ results: Array<{ id: string; status: string; finished?: boolean; stoppedAt?: string | null }> }>('GET', `/rest/executions?filter=${filter}&limit=50`);
	return page.results.filter((execution) => ['success', 'error', 'crashed', 'canceled'].includes(execution.status));
}

interface ModeLabelWidth {
	mode: string;
	/** The label the mode box shows. */
	label: string;
	/** The label's width in the input's font (canvas measureText). */
	textWidth: number;
	/** The input's content box: clientWidth less its padding. */
	contentWidth: number;
	scrollWidth: number;
	clientWidth: number;
	/** The whole mode box (rlc-mode-selector). */
	boxWidth: number;
}

/** Runs in the page, on the mode box's input (as text: no named functions inside). */
function measureModeLabel(element: unknown): Omit<ModeLabelWidth, 'mode'> {
	const input = element as {
		value: string;
		clientWidth: number;
		scrollWidth: number;
		closest: (selector: string) => { getBoundingClientRect: () => { width: number } } | null;
	};
	const page = globalThis as unknown as {
		getComputedStyle: (node: unknown) => { fontStyle: string; fontWeight: string; fontSize: string; fontFamily: string; letterSpacing: string; paddingLeft: string; paddingRight: string };
		document: { createElement: (tag: string) => { getContext: (kind: string) => { font: string; measureText: (text: string) => { width: number } } } };
	};
	const style = page.getComputedStyle(input);
	const context = page.document.createElement('canvas').getContext('2d');
	context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
	const spacing = Number.parseFloat(style.letterSpacing) || 0;
	return {
		label: input.value,
		textWidth: context.measureText(input.value).width + spacing * input.value.length,
		contentWidth: input.clientWidth - (Number.parseFloat(style.paddingLeft) || 0) - (Number.parseFloat(style.paddingRight) || 0),
		scrollWidth: input.scrollWidth,
		clientWidth: input.clientWidth,
		boxWidth: input.closest('[data-test-id="rlc-mode-selector"]')?.getBoundingClientRect().width ?? 0,
	};
}

const formatWidth = (m: ModeLabelWidth) =>
	`"${m.label}" ${m.textWidth.toFixed(1)}/${m.contentWidth.toFixed(1)} px (scroll ${m.scrollWidth}/${m.clientWidth}, box ${m.boxWidth.toFixed(0)})`;

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const started = Date.now();
	rmSync(RESULTS_DIR, { recursive: true, force: true });
	mkdirSync(RESULTS_DIR, { recursive: true });
	ensureChromium();

	let demo: Demo | undefined;
	let browser: BrowserContext | undefined;
	let run: BrowserRun | undefined;
	const guard = setTimeout(() => {
		console.log(`browser: the whole run exceeded ${RUN_TIMEOUT_MS / 60_000} minutes; stopping`);
		console.log(`browser: ${run?.passed ?? 0} passed, ${(run?.failed ?? 0) + 1} failed`);
		void (async () => {
			await browser?.close().catch(() => undefined);
			if (demo) await stopDemo(demo);
			process.exit(1);
		})();
	}, RUN_TIMEOUT_MS);
	try {
		console.log('[browser] npm start ...');
		demo = await startDemo(args);
		console.log(`[browser] n8n at ${demo.editorUrl}, sandbox at ${demo.sandboxUrl} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		const profile = mkdtempSync(path.join(os.tmpdir(), 'scene7-chromium-'));
		try {
			// A fresh profile (user data dir) each run.
			browser = await chromium.launchPersistentContext(profile, {
				executablePath: CHROMIUM,
				headless: true,
				viewport: { width: 1440, height: 900 },
				args: [
					'--headless',
					'--no-sandbox',
					'--disable-gpu',
					'--disable-quic',
					'--no-first-run',
					'--disable-background-networking',
					'--disable-component-update',
					'--disable-sync',
				],
			});
			selectors.setTestIdAttribute('data-test-id');
			const page = browser.pages()[0] ?? (await browser.newPage());
			page.setDefaultTimeout(ACTION_TIMEOUT_MS);
			// Leaving a workflow with unsaved changes (the steps never save) asks before unload: leave.
			page.on('dialog', (dialog) => void (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss()).catch(() => undefined));
			const rest = new RestClient(demo.editorUrl);
			await rest.login(DEMO_OWNER.email, DEMO_OWNER.password);
			run = new BrowserRun(page, demo, rest);
			await run.run();
		} finally {
			await browser?.close().catch(() => undefined);
			rmSync(profile, { recursive: true, force: true });
		}
	} finally {
		if (demo) await stopDemo(demo);
		clearTimeout(guard);
	}

	const screenshots = run ? run.savedScreenshots : [];
	console.log(`[browser] screenshots in ${RESULTS_DIR}: ${readdirSync(RESULTS_DIR).join(', ')}`);
	if (args.updateScreenshots) {
		if (run && run.failed === 0) {
			mkdirSync(DOCS_IMAGES, { recursive: true });
			for (const file of screenshots) copyFileSync(file, path.join(DOCS_IMAGES, path.basename(file)));
			console.log(`[browser] --update-screenshots: copied ${screenshots.length} screenshots to ${DOCS_IMAGES}`);
		} else {
			console.log('[browser] --update-screenshots: not updating docs/images/ from a failed run');
		}
	}
	console.log(`browser: ${run?.passed ?? 0} passed, ${run?.failed ?? 0} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	process.exitCode = run && run.failed === 0 && run.passed > 0 ? 0 : 1;
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.stack : error);
	console.log('browser: 0 passed, 1 failed');
	process.exit(1);
});
