/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
// 5. Peer: the workaround a Scene7 user builds today (n8n's HTTP Request node posting a hand-written
// copyImage envelope, then the XML node) against Copy Image, side by side in the real n8n of the e2e
// suite (test/e2e/lib: the host, the package linked into a fresh user folder, `n8n execute`), against
// the IPS sandbox answering after 100 ms. Each variant is its own workflow (Manual Trigger → Code
// emitting 400 rows → the copy), run as a fresh `n8n execute` per round, rounds interleaved; rows/s come
// from n8n's own run data (the copying node's executionTime). The sandbox is reset before every run
// and counts what each run copied. A second part runs the same workflows while the sandbox throttles
// (HTTP 429 with Retry-After above a number of calls in flight) and counts finished, repeated and
// lost rows.
import './preferTs';

import { MAX_CONCURRENCY } from '../nodes/Scene7Ips/actions/common.descriptions';
import { assertBuilt, hostPaths } from '../test/e2e/lib/host';
import { packPackage, TARBALL_ENV } from '../test/e2e/lib/package';
import { N8n, type ExecuteResult, type NodeRun, type WorkflowJson, type WorkflowNodeJson } from '../test/e2e/lib/n8n';
import { codeNode, connect, copyImageNode, manualTriggerNode, scene7Credential, workflow } from '../test/e2e/lib/workflows';
import { DEMO, startSandbox, throttle, type Sandbox } from '../test/sandbox/server';
import { existsSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { type BenchResult, type Check, check, fmt, median, printTable, writeResult } from './lib';

const ROWS = 400;
const LATENCY_MS = 100;
const ROUNDS = Math.max(2, Number(process.env.PEER_ROUNDS ?? 5));
/** The throttling run: Scene7 (a gateway in front of it) takes this many calls at once, 429 above. */
const THROTTLE = { maxInFlight: 16, retryAfter: '1' };
const CREDENTIAL = { id: 'peerBenchCred001', name: 'Scene7 sandbox (peer bench)' };
const IPS_XSD = 'http://www.scene7.com/IpsApi/xsd';

// ---- the workflows ----

/**
 * The rows a user's Code node emits: source asset, target folder, a unique new name, sometimes a
 * modifier. The modifiers have no `&`: the hand-written envelope does not escape it, and a bare `&`
 * makes Scene7 refuse the whole envelope (a trap of the workaround, kept out of the speed figures).
 */
const ROWS_CODE = [
	`const rows = [];`,
	`for (let i = 0; i < ${ROWS}; i++) {`,
	`  rows.push({ json: { asset: ${JSON.stringify(DEMO.assetHandle)}, folder: ${JSON.stringify(DEMO.folderHandle)},`,
	`    newName: 'peer_' + String(i).padStart(4, '0'), modifier: i % 2 ? 'wid=' + (100 + i) : '' } });`,
	`}`,
	`return rows;`,
].join('\n');

const rowName = (i: number) => `peer_${String(i).padStart(4, '0')}`;
const ROW_NAMES = new Set(Array.from({ length: ROWS }, (_, i) => rowName(i)));

/** The envelope as users write it into the HTTP Request node's body: credentials inline, rows mapped with {{ }}. */
const envelope = (serviceUser: string, password: string) =>
	'=<?xml version="1.0" encoding="UTF-8"?>' +
	'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.scene7.com/IpsApi/xsd/2014-04-03">' +
	'<soapenv:Header>' +
	`<authHeader xmlns="${IPS_XSD}"><user>${serviceUser}</user><password>${password}</password><appName>n8n</appName><appVersion>1.0</appVersion></authHeader>` +
	'</soapenv:Header>' +
	'<soapenv:Body><xsd:copyImageParam>' +
	`<xsd:companyHandle>${DEMO.companyHandle}</xsd:companyHandle>` +
	'<xsd:assetHandle>{{ $json.asset }}</xsd:assetHandle>' +
	'<xsd:folderHandle>{{ $json.folder }}</xsd:folderHandle>' +
	'<xsd:name>{{ $json.newName }}</xsd:name>' +
	'<xsd:urlModifier>{{ $json.modifier }}</xsd:urlModifier>' +
	'</xsd:copyImageParam></soapenv:Body></soapenv:Envelope>';

const HTTP = 'HTTP Request';
const XML = 'XML';
const COPY = 'Copy Image';

/** The node settings (not parameters) a user turns on when a node fails now and then. */
type NodeWithSettings = WorkflowNodeJson & { retryOnFail?: boolean; maxTries?: number; waitBetweenTries?: number };

function httpRequestNode(serviceUrl: string, batching: boolean, retryOnFail: boolean): NodeWithSettings {
	return {
		...(retryOnFail ? { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 } : {}),
		id: 'peer-http-request',
		name: HTTP,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.4,
		position: [440, 0],
		parameters: {
			method: 'POST',
			url: serviceUrl,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'SOAPAction', value: 'copyImage' }] },
			sendBody: true,
			contentType: 'raw',
			rawContentType: 'text/xml; charset=UTF-8',
			body: envelope(DEMO.user, DEMO.password),
			options: batching ? { batching: { batch: { batchSize: 16, batchInterval: 1 } } } : {},
		},
	};
}

const xmlNode = (): WorkflowNodeJson => ({
	id: 'peer-xml',
	name: XML,
	type: 'n8n-nodes-base.xml',
	typeVersion: 1,
	position: [660, 0],
	parameters: { mode: 'xmlToJson', dataPropertyName: 'data', options: {} },
});

interface Variant {
	key: string;
	label: string;
	/** The node whose executionTime is the copy. */
	copying: string;
	/** The node whose output the next step reads. */
	last: string;
	build(id: string, serviceUrl: string): WorkflowJson;
}

const workaround = (key: string, label: string, batching: boolean, retryOnFail = false): Variant => ({
	key,
	label,
	copying: HTTP,
	last: XML,
	build: (id, serviceUrl) =>
		workflow(
			id,
			`peer bench: ${label}`,
			[manualTriggerNode(), codeNode('Rows', ROWS_CODE, [220, 0]), httpRequestNode(serviceUrl, batching, retryOnFail), xmlNode()],
			connect(['Manual Trigger', 'Rows'], ['Rows', HTTP], [HTTP, XML]),
		),
});

const copyImage = (key: string, label: string, options: Record<string, unknown>): Variant => ({
	key,
	label,
	copying: COPY,
	last: COPY,
	build: (id) =>
		workflow(
			id,
			`peer bench: ${label}`,
			[
				manualTriggerNode(),
				codeNode('Rows', ROWS_CODE, [220, 0]),
				copyImageNode(
					COPY,
					{
						companyHandle: DEMO.companyHandle,
						assetHandle: '={{ $json.asset }}',
						folderHandle: '={{ $json.folder }}',
						name: '={{ $json.newName }}',
						urlModifier: '={{ $json.modifier }}',
						options,
					},
					CREDENTIAL,
					[440, 0],
				),
			],
			connect(['Manual Trigger', 'Rows'], ['Rows', COPY]),
		),
});

const VARIANTS: Variant[] = [
	workaround('httpDefault', 'HTTP Request + XML, its default (every request at once)', false),
	workaround('httpBatching', 'HTTP Request + XML, Batching 16 items / 1 ms', true),
	copyImage('copyDefault', 'Copy Image, its default (Options unset)', {}),
	copyImage('copy8', 'Copy Image, Concurrency 8', { concurrency: 8 }),
	copyImage('copyMax', `Copy Image, Concurrency ${MAX_CONCURRENCY} (its maximum)`, { concurrency: MAX_CONCURRENCY }),
];
/** Only in the throttled part: what a user turns on after a 429 (the node's Settings → Retry On Fail, 3 tries, 1 s apart). */
const RETRYING = workaround('httpRetry', 'HTTP Request + XML, Retry On Fail (3 tries, 1 s)', false, true);
const THROTTLED: Variant[] = [VARIANTS[0], VARIANTS[1], RETRYING, VARIANTS[2], VARIANTS[4]];

/** 16-character workflow ids, one per variant and part. */
const workflowId = (key: string, throttled: boolean) => `peer${throttled ? 'T' : 'S'}${key}`.padEnd(16, '0').slice(0, 16);

// ---- what a run did ----

interface Tally {
	/** Rows whose copy exists in the sandbox. */
	copied: number;
	/** Calls that reached copyImage for a row already copied (a second copy where names may repeat). */
	duplicates: number;
	/** Rows never copied. */
	lost: number;
	/** 429 answers the sandbox gave. */
	throttled: number;
	/** copyImage calls the sandbox got (429s included). */
	calls: number;
}

const NAME = /<(?:[\w-]+:)?name>([^<]*)<\/(?:[\w-]+:)?name>/;

/** What the sandbox got: per row, how many calls reached copyImage; and the rows' copies. */
function tally(sandbox: Sandbox): Tally & { reached: Map<string, number>; copiedNames: Set<string> } {
	const copiedNames = new Set(
		sandbox.state.assets.filter((a) => a.copiedFrom && ROW_NAMES.has(a.name)).map((a) => a.name),
	);
	const reached = new Map<string, number>();
	let throttled = 0;
	let calls = 0;
	for (const request of sandbox.requests) {
		if (request.operation !== 'copyImage') continue;
		calls++;
		if (request.status === 429) throttled++;
		if (request.outcome === 'injected' && !request.committed) continue;
		const name = NAME.exec(request.rawBody)?.[1];
		if (name) reached.set(name, (reached.get(name) ?? 0) + 1);
	}
	let duplicates = 0;
	for (const [name, count] of reached) if (copiedNames.has(name)) duplicates += count - 1;
	return { copied: copiedNames.size, duplicates, lost: ROWS - copiedNames.size, throttled, calls, reached, copiedNames };
}

interface Measured extends Tally {
	variant: string;
	round: number;
	status: string;
	/** executionTime of the copying node, ms. */
	nodeMs: number;
	/** From the copying node's start to the end of the last node (the XML node for the workaround), ms. */
	spanMs: number;
	/** The `n8n execute` process, start to exit (boot included), ms. */
	processMs: number;
	/** Items the copying node's last node put out, on its main and error outputs. */
	outputItems: number;
	/** Output items that carry the new asset handle Scene7 gave that row. */
	goodItems: number;
	/** Rows copied by exactly one call whose new handle is in the output. */
	exactlyOnce: number;
	errorItems: number;
	error?: string;
	/** The first item of the main output of the node the next step reads. */
	example?: Record<string, unknown>;
}

const firstRun = (runs: NodeRun[] | undefined) => runs?.[0] as (NodeRun & { startTime?: number; executionTime?: number }) | undefined;

/** The new asset handle in one output item: our node's `assetHandle`, or dug out of the XML node's nested envelope. */
function handleOf(json: Record<string, unknown>): string | undefined {
	if (typeof json.assetHandle === 'string') return json.assetHandle;
	const found = /"(?:[\w-]+:)?assetHandle":"([^"]+)"/.exec(JSON.stringify(json));
	return found?.[1];
}

function measure(variant: Variant, round: number, result: ExecuteResult, processMs: number, sandbox: Sandbox): Measured {
	const runData = result.run?.data.resultData.runData ?? {};
	const copying = firstRun(runData[variant.copying]);
	const last = firstRun(runData[variant.last]);
	const handles = new Map(sandbox.state.assets.filter((a) => ROW_NAMES.has(a.name)).map((a) => [a.assetHandle, a.name]));
	const outputs = last?.data?.main ?? [];
	const items = outputs.flatMap((output) => output ?? []);
	const outNames = (outputs[0] ?? []).flatMap((item) => {
		const name = handles.get(handleOf(item.json) ?? '');
		return name === undefined ? [] : [name];
	});
	const { reached, copiedNames, ...counts } = tally(sandbox);
	const handedOut = new Set(outNames);
	const exactlyOnce = [...copiedNames].filter((name) => reached.get(name) === 1 && handedOut.has(name)).length;
	const runError = result.run?.data.resultData.error;
	const nodeError = copying?.error;
	const error = runError?.message ?? nodeError?.message ?? (result.run ? undefined : `no run data (rc=${result.code}): ${result.stderr.slice(-300)}`);
	const spanEnd = (last?.startTime ?? 0) + (last?.executionTime ?? 0);
	return {
		variant: variant.key,
		round,
		status: result.run?.status ?? 'no run data',
		nodeMs: copying?.executionTime ?? NaN,
		spanMs: copying?.startTime !== undefined && last ? spanEnd - copying.startTime : NaN,
		processMs,
		outputItems: items.length,
		goodItems: outNames.length,
		exactlyOnce,
		errorItems: (outputs[1] ?? []).length + items.filter((item) => 'error' in item.json).length,
		error,
		example: outputs[0]?.[0]?.json,
		...counts,
	};
}

async function runOnce(n8n: N8n, sandbox: Sandbox, variant: Variant, round: number, throttled: boolean): Promise<Measured> {
	sandbox.reset();
	sandbox.setInjector(throttled ? throttle({ ...THROTTLE, operation: 'copyImage' }) : undefined);
	const started = Date.now();
	const result = await n8n.execute(workflowId(variant.key, throttled));
	const processMs = Date.now() - started;
	sandbox.setInjector(undefined);
	const m = measure(variant, round, result, processMs, sandbox);
	console.log(
		`  ${throttled ? 'throttled' : `round ${round + 1}`}: ${variant.label}: ${m.status}, node ${fmt(m.nodeMs, 0)} ms, ` +
			`${m.copied} copied, ${m.throttled} × 429, process ${fmt(processMs / 1000, 1)} s`,
	);
	return m;
}

const perSecond = (ms: number) => ROWS / (ms / 1000);

// ---- the benchmark ----

export async function run(): Promise<BenchResult> {
	let version: string;
	try {
		version = hostPaths().version;
	} catch (error) {
		const skipped = `skipped: ${(error as Error).message}`;
		console.log(`\n== 5. Peer == ${skipped}`);
		return { name: 'peer', checks: [], notes: [skipped] };
	}
	console.log(
		`\n== 5. Peer: Copy Image vs HTTP Request + XML in n8n ${version}, ${ROWS} rows, sandbox answering after ${LATENCY_MS} ms ==`,
	);
	console.log(`load average ${loadavg().map((l) => fmt(l, 2)).join(' ')}; each run is a fresh \`n8n execute\`, ${ROUNDS} rounds, order reversed every other round`);
	assertBuilt();
	// Outside the e2e suite (whose global setup packs once) the bench packs the package itself.
	const packed = process.env[TARBALL_ENV];
	if (!packed || !existsSync(packed)) process.env[TARBALL_ENV] = await packPackage(mkdtempSync(join(tmpdir(), 'scene7-bench-pack-')));
	const sandbox = await startSandbox({ latencyMs: LATENCY_MS });
	const n8n = await N8n.create({ label: 'bench-peer' });
	try {
		await n8n.importCredentials([
			scene7Credential({ ...CREDENTIAL, serviceUrl: sandbox.serviceUrl, user: DEMO.user, password: DEMO.password }),
		]);
		await n8n.importWorkflows([
			...VARIANTS.map((v) => v.build(workflowId(v.key, false), sandbox.serviceUrl)),
			...THROTTLED.map((v) => v.build(workflowId(v.key, true), sandbox.serviceUrl)),
		]);

		// Speed: every variant once per round, the order reversed every other round so drift hits all alike.
		const speed: Measured[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			const order = round % 2 ? [...VARIANTS].reverse() : VARIANTS;
			for (const variant of order) speed.push(await runOnce(n8n, sandbox, variant, round, false));
		}
		const of = (key: string) => speed.filter((m) => m.variant === key).sort((a, b) => a.round - b.round);
		const base = of('httpDefault');
		const batched = of('httpBatching');
		const rows = VARIANTS.map((variant) => {
			const runs = of(variant.key);
			const nodeMs = median(runs.map((m) => m.nodeMs));
			const spanMs = median(runs.map((m) => m.spanMs));
			// Each round's ratio to the workaround's run of the same round, then the median.
			const ratio = median(runs.map((m, i) => base[i].nodeMs / m.nodeMs));
			const ratioToBatched = median(runs.map((m, i) => batched[i].nodeMs / m.nodeMs));
			const complete = runs.every((m) => m.exactlyOnce === ROWS);
			return {
				variant,
				runs,
				nodeMs,
				spanMs,
				rowsPerSecond: perSecond(nodeMs),
				rowsPerSecondToOutput: perSecond(spanMs),
				ratio,
				ratioToBatched,
				complete,
			};
		});
		printTable(
			`Rows per second from n8n's run data (the copying node's executionTime), median of ${ROUNDS} rounds`,
			['variant', 'rows/s', 'vs the workaround', 'vs it batched', 'node ms', 'rows/s to parsed output', 'n8n execute s', 'copies / duplicates / handles out'],
			rows.map((r) => [
				r.variant.label,
				fmt(r.rowsPerSecond),
				`${fmt(r.ratio, 2)}x`,
				`${fmt(r.ratioToBatched, 2)}x`,
				fmt(r.nodeMs, 0),
				fmt(r.rowsPerSecondToOutput),
				fmt(median(r.runs.map((m) => m.processMs)) / 1000, 1),
				r.runs.map((m) => `${m.copied}/${m.duplicates}/${m.goodItems}`).join(', '),
			]),
		);
		console.log(
			'rows/s to parsed output: from the copying node\'s start to the end of the node the next step reads (the XML node for the workaround).\n' +
				"n8n execute s: the whole CLI process, n8n's start-up included. Last column, per round: rows copied in the sandbox / calls that reached copyImage for a row already copied / output items carrying that row's new handle.",
		);
		const exampleOf = (key: string) => JSON.stringify(of(key)[0]?.example);
		console.log(`One output item of the workaround (XML node): ${exampleOf('httpDefault')}`);
		console.log(`One output item of Copy Image:                ${exampleOf('copyDefault')}`);

		// Throttling: Scene7 answers 429 above THROTTLE.maxInFlight calls in flight.
		console.log(`\nThrottling: the sandbox answers 429 (Retry-After: ${THROTTLE.retryAfter}) to copyImage calls above ${THROTTLE.maxInFlight} in flight`);
		const throttledRuns: Measured[] = [];
		for (const variant of THROTTLED) throttledRuns.push(await runOnce(n8n, sandbox, variant, 0, true));
		const label = (m: Measured) => (THROTTLED.find((v) => v.key === m.variant) as Variant).label;
		printTable(
			`Throttled run (${ROWS} rows, 429 above ${THROTTLE.maxInFlight} in flight)`,
			['variant', 'finished rows', 'duplicates', 'lost/failed', '429s received', 'seconds', 'execution', 'output'],
			throttledRuns.map((m) => [
				label(m),
				String(m.copied),
				String(m.duplicates),
				`${m.lost}/${ROWS - m.goodItems}`,
				String(m.throttled),
				fmt(m.nodeMs / 1000, 2),
				m.status,
				m.error ? `error: ${m.error.slice(0, 90)}` : `${m.goodItems} items with the new handle`,
			]),
		);
		console.log(
			'finished rows: copies in the sandbox; duplicates: calls that reached copyImage for a row already copied; lost/failed: rows never copied / rows without their new handle in the output;\n' +
				"seconds: the copying node's executionTime (until the node gave up, for a failed run).",
		);

		const speedOf = (key: string) => rows.find((r) => r.variant.key === key) as (typeof rows)[number];
		const ourThrottled = throttledRuns.filter((m) => m.variant.startsWith('copy'));
		const checks: Check[] = [
			check('peer: Copy Image default vs the workaround (rows/s)', speedOf('copyDefault').ratio, 'min', 1, 'x'),
			check(`peer: Copy Image maximum (${MAX_CONCURRENCY}) vs the workaround (rows/s)`, speedOf('copyMax').ratio, 'min', 1, 'x'),
			// The fastest workaround any user can switch on: the HTTP Request node's Batching 16 / 1 ms.
			check('peer: Copy Image default vs the workaround with Batching 16 / 1 ms (rows/s)', speedOf('copyDefault').ratioToBatched, 'min', 1, 'x'),
			...ourThrottled.map((m) =>
				check(`peer: throttled, ${label(m)}: rows not copied exactly once with their handle out`, ROWS - m.exactlyOnce, 'max', 0),
			),
			check('peer: speed runs: fewest rows copied exactly once with their handle out', Math.min(...speed.map((m) => m.exactlyOnce)), 'min', ROWS),
		];
		console.log(`load average now ${loadavg().map((l) => fmt(l, 2)).join(' ')}`);
		writeResult('peer', {
			n8n: version,
			rows: ROWS,
			latencyMs: LATENCY_MS,
			rounds: ROUNDS,
			maxConcurrency: MAX_CONCURRENCY,
			throttle: THROTTLE,
			variants: rows.map((r) => ({
				key: r.variant.key,
				label: r.variant.label,
				rowsPerSecond: r.rowsPerSecond,
				rowsPerSecondToOutput: r.rowsPerSecondToOutput,
				vsWorkaround: r.ratio,
				vsBatchedWorkaround: r.ratioToBatched,
				nodeMs: r.nodeMs,
				complete: r.complete,
			})),
			runs: speed,
			throttled: throttledRuns,
			checks,
		});
		const notes = rows.map(
			(r) => `${r.variant.label}: ${fmt(r.rowsPerSecond)} rows/s, ${fmt(r.ratio, 2)}x (${fmt(r.ratioToBatched, 2)}x batched)`,
		);
		return { name: 'peer', checks, notes };
	} finally {
		await n8n.dispose();
		await sandbox.close();
	}
}
