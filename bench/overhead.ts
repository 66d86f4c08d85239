/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console */
// 1. Client overhead per call: the node copying 2,000 items through n8n-core (engine harness: real
// credential decryption, httpRequestWithAuthentication, the credential's authenticate, axios) against
// the canned zero-latency server, versus a bare loop of http.request POSTs of the same envelopes
// (byte-for-byte: they are the ones the node sent) with the same headers and the same connection
// behaviour. Between the two, n8n-core's own HTTP helper alone and the node's own code alone (no
// I/O) show where the difference goes; a CPU profile of one node run splits it by package. The
// node's own code is also run with four times the calls, so its cost per call and its fixed cost
// per run come apart.
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import { Session } from 'node:inspector/promises';
import { Readable } from 'node:stream';

import { XMLParser } from 'fast-xml-parser';
import type { IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import { Scene7Ips } from '../nodes/Scene7Ips/Scene7Ips.node';
import { readBodyText } from '../nodes/Scene7Ips/transport/body';
import { buildEnvelope } from '../nodes/Scene7Ips/transport/envelope';
import { completeEnvelope } from '../nodes/Scene7Ips/transport/envelopeFrame';
import { parseSoapResponse } from '../nodes/Scene7Ips/transport/response';
import { encryptCredential } from '../test/support/engine';
import { fakeExecuteContext } from '../test/support/executeContext';
import { copyParameters } from '../test/support/workflows';
import { version as packageVersion } from '../package.json';
import {
	BENCH_PASSWORD,
	BENCH_USER,
	type BenchResult,
	check,
	COMPANY,
	copyItems,
	copyName,
	describeCheck,
	fmt,
	interleave,
	median,
	medianOf,
	microsPerCall,
	pairedRatio,
	post,
	printTable,
	replayableHeaders,
	runCopyWorkflow,
	SOURCE_ASSET,
	startCannedServer,
	TARGET_FOLDER,
	type Timing,
	writeResult,
} from './lib';
import { COPY_ANSWER, type ServerStats } from './server';

const ITEMS = 2000;
const ROUNDS = 5;
const TARGET_RATIO = 1.1;
/** Calls in the longer node-alone run, whose difference to ITEMS gives the cost per call. */
const LONG_RUN = 4 * ITEMS;
const OWN_TARGET_US = 100;

const sha256 = (bodies: string[]) => bodies.reduce((hash, body) => hash.update(body), createHash('sha256')).digest('hex');

type HttpRequest = (options: IHttpRequestOptions) => Promise<{ statusCode: number; body: AsyncIterable<Buffer> }>;

/** n8n-core's httpRequest (what httpRequestWithAuthentication ends in), loaded after the engine set n8n's env. */
async function n8nHttpRequest(): Promise<HttpRequest> {
	const helpers = (await import(
		require.resolve('n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions')
	)) as { httpRequest: HttpRequest };
	return helpers.httpRequest;
}

/** What the node-alone run reads: built once, outside the timed runs (they are the harness, not the node). */
function nodeAloneInput(count: number) {
	return {
		parameters: Array.from({ length: count }, (_, itemIndex) =>
			copyParameters({ company: COMPANY, asset: SOURCE_ASSET, folder: TARGET_FOLDER, name: copyName(itemIndex), options: { includeImageUrl: false, concurrency: 1 } }),
		),
		items: copyItems(count).map((json): INodeExecutionData => ({ json })),
	};
}

/** The node's execute with n8n's parts faked (parameters, credentials, HTTP answered from memory). */
async function runNodeAlone(serviceUrl: string, { parameters, items }: ReturnType<typeof nodeAloneInput>): Promise<string[]> {
	const { context, sent } = fakeExecuteContext({
		parameters: (itemIndex) => parameters[itemIndex],
		items,
		// What the engine's credential holds once n8n has applied the type's defaults.
		credentials: {
			region: 'custom',
			serviceUrl,
			user: BENCH_USER,
			password: BENCH_PASSWORD,
			appName: 'n8n-nodes-scene7',
			appVersion: packageVersion,
			apiVersion: '2014-04-03',
		},
		// As axios hands it over: a stream of the answer's bytes.
		respond: () => ({ statusCode: 200, body: Readable.from([COPY_ANSWER]) as unknown as string }),
	});
	const [output] = await new Scene7Ips().execute.call(context);
	if (output.length !== items.length || output.some((item) => item.json.error)) throw new Error('The node-alone run failed');
	return sent.map((request) => request.body);
}

/**
 * The node's own CPU per call as the cost of one more call: the slope between paired runs of
 * ITEMS and LONG_RUN calls. A run right after a full collection also pays a fixed cost (V8
 * optimizing the code again: a collection drops optimized code whose objects died with the last
 * run), which the per-call figure of one run spreads over its calls; the slope leaves it out and
 * the intercept shows it.
 */
function ownCost(short: Timing[], long: Timing[]) {
	const perCall = median(short.map((s, i) => ((long[i].cpuMs - s.cpuMs) * 1000) / (LONG_RUN - ITEMS)));
	const fixedMs = median(short.map((s) => s.cpuMs - (perCall * ITEMS) / 1000));
	return { perCall, fixedMs };
}

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}

/** Which part of the stack a profiled function belongs to. */
function categoryOf({ functionName, url }: ProfileNode['callFrame']): string {
	if (functionName === '(idle)') return 'idle (waiting for the server)';
	if (functionName === '(garbage collector)') return 'garbage collection';
	if (url.startsWith('node:')) return 'Node.js core (http, net, streams, timers)';
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
	if (pkg === 'fast-xml-parser') return 'our node: fast-xml-parser';
	if (pkg) return ['n8n-core', 'n8n-workflow', 'axios', 'follow-redirects'].includes(pkg) ? pkg : `other packages (${pkg}, …)`;
	if (/\/(nodes|credentials)\//.test(url)) return 'our node: nodes/, credentials/';
	if (/\/test\/support\//.test(url)) return 'test harness (engine.ts)';
	if (!url && !functionName.startsWith('(')) return 'native bindings (TCP connect, write, close; crypto)';
	return 'V8 itself (program: compiling, runtime)';
}

/** Calls whose time, children included, the profile reports (synchronous stacks only). */
const KEY_CALLS: Array<{ label: string; functionName: string; url: string }> = [
	{ label: 'n8n-core getNodeParameter, expressions included (the node reads a fixed value once per run)', functionName: 'getNodeParameter', url: 'n8n-core/' },
	{ label: '  of which the {{ $json.name }} expression (the node reads such a mapped field from the item)', functionName: 'resolveSimpleParameterValue', url: 'n8n-workflow/' },
	{ label: 'n8n-core Credentials.getData: decrypting the credential (once per run: the node passes it decrypted)', functionName: 'getData', url: 'n8n-core/dist/credentials' },
	{ label: "n8n-core httpRequest: building axios' request (sync part)", functionName: 'httpRequest', url: 'request-helper-functions' },
];

interface Profile {
	categories: Array<{ category: string; ms: number }>;
	keyCalls: Array<{ label: string; ms: number }>;
}

/** Self time per category, and time in KEY_CALLS, during one node run (V8's sampling profiler). */
async function profileNodeRun(serviceUrl: string): Promise<Profile> {
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: 100 });
	await session.post('Profiler.start');
	await runCopyWorkflow(serviceUrl, ITEMS);
	const { profile } = (await session.post('Profiler.stop')) as unknown as {
		profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
	};
	session.disconnect();

	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parentOf = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
	const msByCategory = new Map<string, number>();
	const msByKeyCall = KEY_CALLS.map(() => 0);
	profile.samples.forEach((id, i) => {
		const ms = (profile.timeDeltas[i] ?? 0) / 1000;
		const category = categoryOf((byId.get(id) as ProfileNode).callFrame);
		// Lumps the small "other packages" together later; keeps the name for now.
		msByCategory.set(category, (msByCategory.get(category) ?? 0) + ms);
		const onStack = new Set<number>();
		for (let node = byId.get(id); node; node = byId.get(parentOf.get(node.id) ?? -1)) {
			KEY_CALLS.forEach((call, k) => {
				const { functionName, url } = node?.callFrame ?? { functionName: '', url: '' };
				const named = functionName === call.functionName || functionName.endsWith(`.${call.functionName}`);
				if (named && url.includes(call.url)) onStack.add(k);
			});
		}
		for (const k of onStack) msByKeyCall[k] += ms;
	});
	const categories = new Map<string, number>();
	for (const [category, ms] of msByCategory) {
		const key = category.startsWith('other packages') && ms < 20 ? 'other packages (each < 20 ms)' : category;
		categories.set(key, (categories.get(key) ?? 0) + ms);
	}
	return {
		categories: [...categories].map(([category, ms]) => ({ category, ms })).sort((a, b) => b.ms - a.ms),
		keyCalls: KEY_CALLS.map(({ label }, k) => ({ label, ms: msByKeyCall[k] })),
	};
}

/** Microseconds per call of each step of the node's own code for one copy, measured alone. */
async function ownSteps(serviceUrl: string) {
	const credentials = { region: 'custom', serviceUrl, user: BENCH_USER, password: BENCH_PASSWORD, apiVersion: '2014-04-03' };
	const param = { companyHandle: COMPANY, assetHandle: SOURCE_ASSET, folderHandle: TARGET_FOLDER, name: copyName(1), urlModifier: '' };
	const envelope = buildEnvelope('copyImage', param);
	const answer = COPY_ANSWER.toString('utf8');
	const stored = await encryptCredential({ id: 'bench', data: credentials });
	// fast-xml-parser alone with parseSoapResponse's options: what the node adds to it.
	const xmlOnly = new XMLParser({
		ignoreAttributes: true,
		removeNSPrefix: true,
		parseTagValue: false,
		ignoreDeclaration: true,
		ignorePiTags: true,
		processEntities: true,
		htmlEntities: {} as unknown as boolean,
		isArray: (name) => name === 'items',
	});
	return [
		{ step: 'buildEnvelope (writes the XML itself)', us: await microsPerCall(() => buildEnvelope('copyImage', param)) },
		{ step: "credential's authenticate (completeEnvelope)", us: await microsPerCall(() => completeEnvelope(envelope, credentials)) },
		{ step: 'readBodyText of the answer stream (for await)', us: await microsPerCall(() => readBodyText(Readable.from([COPY_ANSWER]))) },
		{ step: 'parseSoapResponse of the answer', us: await microsPerCall(() => parseSoapResponse(answer, 'copyImage')) },
		{ step: '  fast-xml-parser alone, same options', us: await microsPerCall(() => xmlOnly.parse(answer)) },
		{ step: "n8n-core's Credentials.getData (decrypt), once per run", us: await microsPerCall(() => stored.getData()) },
	];
}

export async function run(): Promise<BenchResult> {
	console.log(`\n== 1. Client overhead per call: ${ITEMS} copies, zero-latency canned server, concurrency 1 ==`);
	const server = await startCannedServer(0);
	try {
		// The first node run is a warm-up and records what the node sends: the floor replays it.
		await runCopyWorkflow(server.serviceUrl, ITEMS);
		const reference = await server.stats();
		if (reference.calls !== ITEMS) throw new Error(`Expected ${ITEMS} calls, the server got ${reference.calls}`);
		const envelopes = reference.bodies;
		const headers = replayableHeaders(reference.firstHeaders);
		const httpRequest = await n8nHttpRequest();
		const aloneInput = nodeAloneInput(ITEMS);
		const aloneLongInput = nodeAloneInput(LONG_RUN);
		const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
		const signal = new AbortController().signal;

		const seen: Partial<Record<string, ServerStats>> = {};
		const variants = {
			floor: async () => {
				for (const body of envelopes) await post(server.port, headers, body, false);
			},
			floorKeepAlive: async () => {
				for (const body of envelopes) await post(server.port, headers, body, keepAlive);
			},
			n8nHttp: async () => {
				for (const body of envelopes) {
					const response = await httpRequest({
						method: 'POST',
						url: server.serviceUrl,
						headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: 'copyImage' },
						body,
						encoding: 'stream',
						json: false,
						returnFullResponse: true,
						ignoreHttpStatusErrors: true,
						abortSignal: signal,
					});
					for await (const chunk of response.body) void chunk;
				}
			},
			node: async () => await runCopyWorkflow(server.serviceUrl, ITEMS),
			nodeFixedName: async () => await runCopyWorkflow(server.serviceUrl, ITEMS, 1, copyName(0)),
			nodeAlone: async () => {
				const sent = await runNodeAlone(server.serviceUrl, aloneInput);
				if (sha256(sent) !== reference.digest) throw new Error('The node alone sent other envelopes than through n8n');
			},
			nodeAloneLong: async () => await runNodeAlone(server.serviceUrl, aloneLongInput),
		};
		const timings = await interleave(variants, {
			rounds: ROUNDS,
			after: async (name) => {
				if (name === 'nodeAlone' || name === 'nodeAloneLong') return;
				const stats = await server.stats();
				const sameEnvelopes = name === 'nodeFixedName' || stats.digest === reference.digest;
				if (stats.calls !== ITEMS || !sameEnvelopes) {
					throw new Error(`${name}: the server got other envelopes than the node sent (${stats.calls} calls)`);
				}
				seen[name] = stats;
			},
		});
		keepAlive.destroy();
		const sameHeaders = (name: string) =>
			JSON.stringify(replayableHeaders(seen[name]?.firstHeaders ?? [])) === JSON.stringify(headers) ? 'same' : 'differ';
		const connectionHeader = (name: string) => {
			const raw = seen[name]?.firstHeaders ?? [];
			return raw[raw.findIndex((h, i) => i % 2 === 0 && /^connection$/i.test(h)) + 1] ?? '(none)';
		};

		const callsIn = (name: string) => (name === 'nodeAloneLong' ? LONG_RUN : ITEMS);
		const per = (t: Timing, calls: number) => ({ wall: (t.wallMs * 1000) / calls, cpu: (t.cpuMs * 1000) / calls });
		const m = Object.fromEntries(Object.entries(timings).map(([name, list]) => [name, per(medianOf(list as Timing[]), callsIn(name))])) as Record<
			keyof typeof variants,
			{ wall: number; cpu: number }
		>;
		const labels: Record<keyof typeof variants, string> = {
			floor: 'floor: bare http.request, new connection per call (as n8n)',
			floorKeepAlive: 'floor: bare http.request, one keep-alive connection',
			n8nHttp: "n8n-core's httpRequest alone (axios), same requests",
			node: 'the node through n8n-core (engine, Image > Copy)',
			nodeFixedName: '  same, New Name typed in, not an {{ expression }}',
			nodeAlone: "the node's own code alone (n8n faked, no I/O)",
			nodeAloneLong: `  same, ${fmt(LONG_RUN, 0)} calls in one run`,
		};
		printTable(
			`Median of ${ROUNDS} interleaved runs of ${ITEMS} calls each (after a warm-up round), each after a full collection; per call`,
			['variant', 'wall µs', 'client CPU µs', 'connections', 'Connection header', 'vs floor (paired)'],
			(Object.keys(labels) as Array<keyof typeof variants>).map((name) => [
				labels[name],
				fmt(m[name].wall),
				fmt(m[name].cpu),
				seen[name] ? String(seen[name]?.connections) : '-',
				seen[name] ? `${connectionHeader(name)} (headers ${name === 'node' ? 'recorded' : sameHeaders(name)})` : '-',
				callsIn(name) === ITEMS ? `${fmt(pairedRatio(timings[name], timings.floor), 2)}x` : '-',
			]),
		);
		console.log(
			"n8n-core gives every request a new http.Agent without keepAlive (setAxiosAgents): 'Connection: close', one TCP connection per call; the floor does the same (agent: false).",
		);
		const ratio = pairedRatio(timings.node, timings.floor);
		const n8nContext = m.node.cpu - m.n8nHttp.cpu - m.nodeAlone.cpu;
		const expression = m.node.cpu - m.nodeFixedName.cpu;
		printTable('Where the node run spends its client CPU, per call (medians; derived)', ['part', 'CPU µs', 'share'], [
			["n8n-core's HTTP helper (axios, agents, follow-redirects)", fmt(m.n8nHttp.cpu), `${fmt((100 * m.n8nHttp.cpu) / m.node.cpu)} %`],
			["the node's own code (router, copy, envelope, authenticate, parse)", fmt(m.nodeAlone.cpu), `${fmt((100 * m.nodeAlone.cpu) / m.node.cpu)} %`],
			['n8n-core execution context (parameters, expressions, credentials, engine)', fmt(n8nContext), `${fmt((100 * n8nContext) / m.node.cpu)} %`],
			['  of which the {{ $json.name }} expression (node − fixed-name run)', fmt(expression), `${fmt((100 * expression) / m.node.cpu)} %`],
			['floor client, for comparison', fmt(m.floor.cpu), `${fmt((100 * m.floor.cpu) / m.node.cpu)} %`],
		]);

		const own = ownCost(timings.nodeAlone, timings.nodeAloneLong);
		printTable(
			`The node's own code alone, CPU (paired runs of ${fmt(ITEMS, 0)} and ${fmt(LONG_RUN, 0)} calls, medians)`,
			['figure', 'CPU'],
			[
				['per call: the cost of one more call (slope between the two runs)', `${fmt(own.perCall)} µs`],
				['fixed per run (intercept: mostly V8 optimizing the code again after the collection)', `${fmt(own.fixedMs)} ms`],
				[`per call of one ${fmt(ITEMS, 0)}-call run, fixed cost included (what this bench reported before)`, `${fmt(m.nodeAlone.cpu)} µs`],
			],
		);

		const steps = await ownSteps(server.serviceUrl);
		printTable('Single steps of one copy, measured alone', ['step', 'µs per call'], steps.map((s) => [s.step, fmt(s.us)]));

		const profile = await profileNodeRun(server.serviceUrl);
		await server.stats();
		const total = profile.categories.reduce((sum, p) => sum + p.ms, 0);
		printTable(
			`CPU profile of one node run (V8 sampling every 100 µs, self time; ${fmt(total, 0)} ms in all, slowed by the profiler)`,
			['category', 'ms', 'µs per call', 'share'],
			profile.categories.map((p) => [p.category, fmt(p.ms), fmt((p.ms * 1000) / ITEMS), `${fmt((100 * p.ms) / total)} %`]),
		);
		printTable(
			'Same profile: time in these calls, their callees included',
			['call', 'ms', 'µs per call', 'share'],
			profile.keyCalls.map((p) => [p.label, fmt(p.ms), fmt((p.ms * 1000) / ITEMS), `${fmt((100 * p.ms) / total)} %`]),
		);

		const checks = [
			check('client overhead: node through n8n-core / bare http.request floor', ratio, 'max', TARGET_RATIO, 'x'),
			check("the node's own code alone: CPU per call", own.perCall, 'max', OWN_TARGET_US, ' µs'),
		];
		console.log(`\nnode / floor (same connection behaviour): ${describeCheck(checks[0])}`);
		console.log(
			`  in client CPU: ${fmt(pairedRatio(timings.node, timings.floor, 'cpuMs'), 2)}x;  node / keep-alive floor: ${fmt(pairedRatio(timings.node, timings.floorKeepAlive), 2)}x`,
		);
		console.log(
			`  n8n-core's httpRequest alone / floor: ${fmt(pairedRatio(timings.n8nHttp, timings.floor), 2)}x (no node can do better through n8n's helpers);` +
				` with the node's own code at zero cost: ${fmt((m.node.wall - m.nodeAlone.cpu) / m.floor.wall, 2)}x`,
		);
		console.log(`  node / n8n-core's httpRequest alone: ${fmt(pairedRatio(timings.node, timings.n8nHttp), 2)}x`);
		console.log(
			`the node's own code alone, CPU per call: ${describeCheck(checks[1])}; plus ${fmt(own.fixedMs)} ms per run (${fmt(m.nodeAlone.cpu)} µs per call of one ${fmt(ITEMS, 0)}-call run)`,
		);
		writeResult('overhead', {
			items: ITEMS,
			rounds: ROUNDS,
			envelopeBytes: reference.bytes / ITEMS,
			requestHeaders: headers,
			perCallMicroseconds: m,
			runs: timings,
			connectionsPerRun: Object.fromEntries(Object.entries(seen).map(([name, s]) => [name, s?.connections])),
			ownCost: { ...own, calls: [ITEMS, LONG_RUN], target: OWN_TARGET_US, pass: checks[1].pass },
			ownSteps: steps,
			profile,
			ratio,
			target: TARGET_RATIO,
			pass: checks[0].pass,
		});
		return { name: 'overhead', checks };
	} finally {
		await server.close();
	}
}
