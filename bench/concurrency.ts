/* eslint-disable no-console */
// 3. Concurrency: 400 copies through n8n-core against the canned server answering after 100 ms, at
// Options > Concurrency 1, 4, 8, 16, 32 and 64, versus the ideal of concurrency / latency items per
// second; from concurrency 8 on, the node's envelopes posted the same way by a bare http.request
// client (the floor) and by n8n-core's own request helper alone (no node), to tell the node's limit
// from n8n's.
import type { IHttpRequestOptions } from 'n8n-workflow';

import { MAX_CONCURRENCY } from '../nodes/Scene7Ips/actions/common.descriptions';
import {
	type BenchResult,
	type Check,
	check,
	describeCheck,
	fmt,
	postAll,
	printTable,
	replayableHeaders,
	runCopyWorkflow,
	startCannedServer,
	timed,
	writeResult,
} from './lib';

const ITEMS = 400;
const LATENCY_MS = 100;
const LEVELS = [1, 4, 8, 16, 32, 64];
/** Share of the ideal rate to reach: 85 % below 16 in flight, 90 % at 16 and 85 % at 64 (issue 12); none at 32. */
const targetShare = (concurrency: number): number | undefined =>
	concurrency < 16 ? 0.85 : ({ 16: 0.9, 64: 0.85 } as Record<number, number>)[concurrency];
/** The bare client runs at these levels too (the lower ones take long and say little). */
const FLOOR_FROM = 8;

type HttpRequest = (options: IHttpRequestOptions) => Promise<{ statusCode: number; body: AsyncIterable<Buffer> }>;

/** n8n-core's httpRequest (what httpRequestWithAuthentication ends in), loaded after the engine set n8n's env. */
async function n8nHttpRequest(): Promise<HttpRequest> {
	const helpers = (await import(
		require.resolve('n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions')
	)) as { httpRequest: HttpRequest };
	return helpers.httpRequest;
}

/** Posts every body through n8n-core's helper alone, as the node calls it, with at most `concurrency` in flight. */
async function helperAll(httpRequest: HttpRequest, url: string, bodies: string[], concurrency: number): Promise<void> {
	const signal = new AbortController().signal;
	let next = 0;
	const worker = async () => {
		while (next < bodies.length) {
			const response = await httpRequest({
				method: 'POST',
				url,
				headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: 'copyImage' },
				body: bodies[next++],
				encoding: 'stream',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				abortSignal: signal,
			});
			for await (const chunk of response.body) void chunk;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
}

export async function run(): Promise<BenchResult> {
	console.log(`\n== 3. Concurrency: ${ITEMS} copies, canned server answering after ${LATENCY_MS} ms ==`);
	const server = await startCannedServer(LATENCY_MS);
	try {
		await runCopyWorkflow(server.serviceUrl, 64, 32); // warm-up; the floor replays what it sent
		const warmUp = await server.stats();
		const httpRequest = await n8nHttpRequest();
		const headers = replayableHeaders(warmUp.firstHeaders);
		const envelopes = Array.from({ length: ITEMS }, (_, i) => warmUp.bodies[i % warmUp.bodies.length]);
		const rows = [];
		const checks: Check[] = [];
		for (const concurrency of LEVELS) {
			const { wallMs, cpuMs } = await timed(async () => await runCopyWorkflow(server.serviceUrl, ITEMS, concurrency));
			const { calls, meanDelayMs } = await server.stats();
			if (calls !== ITEMS) throw new Error(`Expected ${ITEMS} calls, the server got ${calls}`);
			const perSecond = ITEMS / (wallMs / 1000);
			const ideal = concurrency / (LATENCY_MS / 1000);
			// With 400 items not a multiple of the concurrency, the last wave runs part-full.
			const bestPossible = ITEMS / ((Math.ceil(ITEMS / concurrency) * LATENCY_MS) / 1000);
			const share = perSecond / ideal;
			// The client is one thread: answers that arrive together are handled one after the other, so
			// each wave of `concurrency` calls takes the latency plus their client CPU, and waves stay bunched.
			const cpuPerItemMs = cpuMs / ITEMS;
			const model = LATENCY_MS / (LATENCY_MS + Math.min(concurrency, MAX_CONCURRENCY) * cpuPerItemMs);
			const target = targetShare(concurrency);
			if (target !== undefined) {
				checks.push(check(`concurrency ${concurrency}: share of the ideal rate`, 100 * share, 'min', 100 * target, ' %'));
			}
			let floorShare: number | undefined;
			let helperShare: number | undefined;
			if (concurrency >= FLOOR_FROM) {
				const floor = await timed(async () => await postAll(server.port, headers, envelopes, concurrency));
				if ((await server.stats()).calls !== ITEMS) throw new Error('The floor run did not make every call');
				floorShare = ITEMS / (floor.wallMs / 1000) / ideal;
				const helper = await timed(async () => await helperAll(httpRequest, server.serviceUrl, envelopes, concurrency));
				if ((await server.stats()).calls !== ITEMS) throw new Error('The n8n helper run did not make every call');
				helperShare = ITEMS / (helper.wallMs / 1000) / ideal;
			}
			rows.push({ concurrency, wallMs, perSecond, ideal, bestPossible, share, meanDelayMs, cpuPerItemMs, model, floorShare, helperShare, target });
		}
		printTable(
			`Items per second; ideal = concurrency / ${LATENCY_MS} ms`,
			['concurrency', 'wall s', 'server delay ms', 'client CPU ms/item', 'items/s', 'ideal items/s', 'share of ideal', 'bunched-wave model', 'floor share', 'n8n helper alone', 'target'],
			rows.map((r) => [
				r.concurrency > MAX_CONCURRENCY ? `${r.concurrency} (node caps at ${MAX_CONCURRENCY})` : String(r.concurrency),
				fmt(r.wallMs / 1000, 2),
				fmt(r.meanDelayMs, 2),
				fmt(r.cpuPerItemMs, 2),
				fmt(r.perSecond),
				fmt(r.ideal),
				`${fmt(100 * r.share)} %`,
				`${fmt(100 * r.model)} %`,
				r.floorShare === undefined ? '-' : `${fmt(100 * r.floorShare)} %`,
				r.helperShare === undefined ? '-' : `${fmt(100 * r.helperShare)} %`,
				r.target !== undefined
					? `≥ ${100 * r.target} % ${r.share >= r.target ? 'PASS' : 'MISS'}`
					: `- (best possible ${fmt((100 * r.bestPossible) / r.ideal)} %)`,
			]),
		);
		console.log(
			'bunched-wave model: latency / (latency + concurrency × client CPU per item); the single client thread handles a wave\'s answers one by one.\n' +
				'floor share: a bare http.request client posting the same envelopes at the same concurrency, a new connection per call.\n' +
				"n8n helper alone: n8n-core's httpRequest (axios) posting the same envelopes at the same concurrency, no node: what any node calling Scene7 through n8n can reach.",
		);
		for (const c of checks) console.log(`${c.name}: ${describeCheck(c)}`);
		writeResult('concurrency', { items: ITEMS, latencyMs: LATENCY_MS, levels: rows, checks });
		return { name: 'concurrency', checks };
	} finally {
		await server.close();
	}
}
