// Lists, after the run, what was skipped and why. The reason comes from the test code: a skipped test or
// describe carries it in its name, "<name> (skipped: <reason>)" (test/support/skip.ts: testIf, describeIf).
// A skip without one is listed as such, so it gets one. Runs before summary-reporter.js, whose
// "<label>: N passed, N failed, N skipped" stays the closing line; no line here has that shape.
const path = require('node:path');

/** Keep in step with withSkipReason in skip.ts. */
const REASON = /^(.*) \(skipped: (.+)\)$/;
const SKIPPED = new Set(['pending', 'skipped', 'todo', 'disabled']);

/**
 * Groups the skipped tests of a run: one entry per test file and describe (or test) that carries the
 * reason, in the order they ran. Pure: takes Jest's aggregated results, returns the lines to print.
 */
function skippedLines(results, rootDir, testNamePattern) {
	const groups = new Map();
	let total = 0;
	for (const file of results.testResults || []) {
		const where = path.relative(rootDir, file.testFilePath).split(path.sep).join('/');
		for (const test of file.testResults || []) {
			if (!SKIPPED.has(test.status)) continue;
			total++;
			const titles = [...(test.ancestorTitles || []), test.title];
			let reason;
			let names = titles;
			const at = titles.findIndex((title) => REASON.test(title));
			if (at >= 0) {
				const [, name, why] = REASON.exec(titles[at]);
				reason = why;
				names = [...titles.slice(0, at), name];
			} else if (test.status === 'todo') {
				reason = 'marked todo';
			} else if (testNamePattern) {
				reason = `not matched by -t ${testNamePattern}, or no reason given in the test`;
			} else {
				reason = 'no reason given in the test (use testIf/describeIf from test/support/skip.ts)';
			}
			const key = `${reason}\u0000${where}\u0000${names.join('\u0000')}`;
			const group = groups.get(key) || { reason, label: [where, ...names].join(' › '), count: 0 };
			group.count++;
			groups.set(key, group);
		}
	}
	if (!total) return [];
	const byReason = new Map();
	for (const group of groups.values()) {
		if (!byReason.has(group.reason)) byReason.set(group.reason, []);
		byReason.get(group.reason).push(group);
	}
	const plural = (n) => `${n} test${n === 1 ? '' : 's'}`;
	const lines = [`Skipped ${plural(total)}, and why:`];
	for (const [reason, list] of byReason) {
		const count = list.reduce((sum, group) => sum + group.count, 0);
		lines.push(`  ${plural(count)}: ${reason}`);
		for (const group of list) lines.push(`    ${group.label} (${plural(group.count)})`);
	}
	return lines;
}

class SkipReporter {
	constructor(globalConfig, options = {}) {
		this.rootDir = options.rootDir || globalConfig.rootDir || process.cwd();
		this.testNamePattern = globalConfig.testNamePattern;
	}

	onRunComplete(_contexts, results) {
		const lines = skippedLines(results, this.rootDir, this.testNamePattern);
		if (lines.length) process.stdout.write(`\n${lines.join('\n')}\n`);
	}
}

module.exports = SkipReporter;
module.exports.skippedLines = skippedLines;
