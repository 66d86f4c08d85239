/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
// Runs the benchmarks (all, or those named: `tsx bench/run.ts overhead parse`) and prints a summary
// of every figure that has a target. Each benchmark prints its tables and writes bench/results/*.json.
import './preferTs';

import { cpus, loadavg } from 'node:os';

import { shutdownEngine } from '../test/support/engine';
import { type BenchResult, describeCheck, fmt } from './lib';
import * as concurrency from './concurrency';
import * as load from './load';
import * as memory from './memory';
import * as overhead from './overhead';
import * as parse from './parse';
import * as peer from './peer';
import * as scale from './scale';
import * as upload from './upload';

const BENCHMARKS: Record<string, { run: () => Promise<BenchResult> }> = { overhead, parse, concurrency, load, memory, peer, scale, upload };

async function main() {
	const asked = process.argv.slice(2);
	const unknown = asked.filter((name) => !(name in BENCHMARKS));
	if (unknown.length > 0) throw new Error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
	const started = Date.now();
	console.log(`Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => fmt(l, 2)).join(' ')}`);
	const results: BenchResult[] = [];
	for (const name of asked.length > 0 ? asked : Object.keys(BENCHMARKS)) results.push(await BENCHMARKS[name].run());
	await shutdownEngine();

	console.log('\n== Summary ==');
	for (const result of results) {
		for (const c of result.checks) console.log(`${c.name}: ${describeCheck(c)}`);
		for (const note of result.notes ?? []) console.log(`${result.name}: ${note}`);
	}
	console.log(`\nTotal wall time: ${fmt((Date.now() - started) / 1000)} s; load average now ${loadavg().map((l) => fmt(l, 2)).join(' ')}`);
}

main().catch(async (error) => {
	console.error(error);
	// A failed benchmark may leave the engine, a server or n8n running: end the process anyway.
	await shutdownEngine().catch(() => undefined);
	process.exit(1);
});
