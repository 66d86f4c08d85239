/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console */
// 5. Memory: peak RSS of a fresh process copying 10,000 items at concurrency 16 through n8n-core
// against the zero-latency canned server, next to the same process after a 100-item warm-up.
import './preferTs';

import { fork } from 'node:child_process';

import { shutdownEngine } from '../test/support/engine';
import { type BenchResult, collectGarbage, fmt, printTable, runCopyWorkflow, startCannedServer, timed, writeResult } from './lib';

const ITEMS = 10_000;
const CONCURRENCY = 16;
const WARMUP_ITEMS = 100;

interface ChildReport {
	baselineMaxRssKb: number;
	peakMaxRssKb: number;
	wallMs: number;
	/** Live heap (after a full GC) before the measured run, and after it with its result still held. */
	liveHeapBeforeMb: number;
	liveHeapAfterMb: number;
}

/** The heap in use after a full collection. */
function liveHeapMb(): number {
	collectGarbage();
	return process.memoryUsage().heapUsed / 2 ** 20;
}

/** In the child: a warm-up run, then the measured one; maxRSS is the process's peak so far. */
async function measureInChild(serviceUrl: string): Promise<ChildReport> {
	await runCopyWorkflow(serviceUrl, WARMUP_ITEMS, CONCURRENCY);
	const baselineMaxRssKb = process.resourceUsage().maxRSS;
	const liveHeapBeforeMb = liveHeapMb();
	const { wallMs, value: result } = await timed(async () => await runCopyWorkflow(serviceUrl, ITEMS, CONCURRENCY));
	const peakMaxRssKb = process.resourceUsage().maxRSS;
	const liveHeapAfterMb = liveHeapMb();
	if (result.status !== 'success') throw new Error('The measured run failed');
	await shutdownEngine();
	return { baselineMaxRssKb, peakMaxRssKb, wallMs, liveHeapBeforeMb, liveHeapAfterMb };
}

export async function run(): Promise<BenchResult> {
	console.log(`\n== 5. Memory: ${ITEMS} copies at concurrency ${CONCURRENCY}, zero-latency canned server, fresh process ==`);
	const server = await startCannedServer(0);
	try {
		const child = fork(__filename, ['child', server.serviceUrl], { stdio: 'inherit' });
		const report = await new Promise<ChildReport>((resolve, reject) => {
			child.once('message', (message) => resolve(message as ChildReport));
			child.once('error', reject);
			child.once('exit', (code) => reject(new Error(`The memory child exited (${code}) without a report`)));
		});
		const { calls } = await server.stats();
		if (calls !== WARMUP_ITEMS + ITEMS) throw new Error(`Expected ${WARMUP_ITEMS + ITEMS} calls, the server got ${calls}`);
		const mb = (kb: number) => fmt(kb / 1024);
		printTable('Peak resident memory (process.resourceUsage().maxRSS) of the child process', ['when', 'MB'], [
			[`after loading n8n-core and a ${WARMUP_ITEMS}-item warm-up run`, mb(report.baselineMaxRssKb)],
			[`after copying ${ITEMS.toLocaleString('en-US')} items at concurrency ${CONCURRENCY}`, mb(report.peakMaxRssKb)],
			['difference', mb(report.peakMaxRssKb - report.baselineMaxRssKb)],
			['difference per item, in kB', fmt((report.peakMaxRssKb - report.baselineMaxRssKb) / ITEMS, 2)],
		]);
		const retainedKb = ((report.liveHeapAfterMb - report.liveHeapBeforeMb) * 1024) / ITEMS;
		console.log(
			`Live heap after a full GC: ${fmt(report.liveHeapBeforeMb)} MB before the run, ${fmt(report.liveHeapAfterMb)} MB after it with its ` +
				`${ITEMS} output items still held (${fmt(retainedKb, 2)} kB per item); the rest of the peak is garbage not yet collected.`,
		);
		console.log(`(the ${ITEMS} copies took ${fmt(report.wallMs / 1000, 2)} s, ${fmt(ITEMS / (report.wallMs / 1000), 0)} items/s)`);
		writeResult('memory', { items: ITEMS, concurrency: CONCURRENCY, warmupItems: WARMUP_ITEMS, ...report });
		const notes = [
			`peak RSS ${mb(report.peakMaxRssKb)} MB for ${ITEMS} items at concurrency ${CONCURRENCY} (+${mb(report.peakMaxRssKb - report.baselineMaxRssKb)} MB over the warmed-up process); ${fmt(retainedKb, 2)} kB per item still live after a GC`,
		];
		return { name: 'memory', checks: [], notes };
	} finally {
		await server.close();
	}
}

if (require.main === module && process.argv[2] === 'child') {
	measureInChild(process.argv[3]).then(
		(report) => process.send?.(report, () => process.exit(0)),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
