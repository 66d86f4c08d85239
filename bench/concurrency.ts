/* eslint-disable no-console */
// 3. Concurrency: 400 copies through n8n-core against the canned server answering after 100 ms, at
// Options > Concurrency 1, 4, 8, 16 and 32, versus the ideal of concurrency / latency items per second;
// from concurrency 8 on, a bare http.request client posting the node's envelopes the same way too.
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
const LEVELS = [1, 4, 8, 16, 32];
/** The target applies up to this concurrency. */
const TARGET_UP_TO = 16;
const TARGET_SHARE = 0.85;
/** The bare client runs at these levels too (the lower ones take long and say little). */
const FLOOR_FROM = 8;

export async function run(): Promise<BenchResult> {
	console.log(`\n== 3. Concurrency: ${ITEMS} copies, canned server answering after ${LATENCY_MS} ms ==`);
	const server = await startCannedServer(LATENCY_MS);
	try {
		await runCopyWorkflow(server.serviceUrl, 64, 32); // warm-up; the floor replays what it sent
		const warmUp = await server.stats();
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
			const model = LATENCY_MS / (LATENCY_MS + concurrency * cpuPerItemMs);
			if (concurrency <= TARGET_UP_TO) {
				checks.push(check(`concurrency ${concurrency}: share of the ideal rate`, 100 * share, 'min', 100 * TARGET_SHARE, ' %'));
			}
			let floorShare: number | undefined;
			if (concurrency >= FLOOR_FROM) {
				const floor = await timed(async () => await postAll(server.port, headers, envelopes, concurrency));
				if ((await server.stats()).calls !== ITEMS) throw new Error('The floor run did not make every call');
				floorShare = ITEMS / (floor.wallMs / 1000) / ideal;
			}
			rows.push({ concurrency, wallMs, perSecond, ideal, bestPossible, share, meanDelayMs, cpuPerItemMs, model, floorShare });
		}
		printTable(
			`Items per second; ideal = concurrency / ${LATENCY_MS} ms`,
			['concurrency', 'wall s', 'server delay ms', 'client CPU ms/item', 'items/s', 'ideal items/s', 'share of ideal', 'bunched-wave model', 'floor share', `target ≥ ${100 * TARGET_SHARE} %`],
			rows.map((r) => [
				String(r.concurrency),
				fmt(r.wallMs / 1000, 2),
				fmt(r.meanDelayMs, 2),
				fmt(r.cpuPerItemMs, 2),
				fmt(r.perSecond),
				fmt(r.ideal),
				`${fmt(100 * r.share)} %`,
				`${fmt(100 * r.model)} %`,
				r.floorShare === undefined ? '-' : `${fmt(100 * r.floorShare)} %`,
				r.concurrency <= TARGET_UP_TO ? (r.share >= TARGET_SHARE ? 'PASS' : 'MISS') : `- (best possible ${fmt((100 * r.bestPossible) / r.ideal)} %)`,
			]),
		);
		console.log(
			'bunched-wave model: latency / (latency + concurrency × client CPU per item); the single client thread handles a wave\'s answers one by one.\n' +
				'floor share: a bare http.request client posting the same envelopes at the same concurrency, a new connection per call.',
		);
		for (const c of checks) console.log(`${c.name}: ${describeCheck(c)}`);
		writeResult('concurrency', { items: ITEMS, latencyMs: LATENCY_MS, levels: rows, checks });
		return { name: 'concurrency', checks };
	} finally {
		await server.close();
	}
}
