// Prints the plain closing line "<suite>: N passed, N failed[, N skipped]" that CI reads,
// since Jest's own summary is not one of the formats it recognises.
class SummaryReporter {
	constructor(_globalConfig, options = {}) {
		this.label = options.label || 'jest';
	}

	onRunComplete(_contexts, results) {
		const passed = results.numPassedTests;
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const skipped = results.numPendingTests + results.numTodoTests;
		const tail = skipped ? `, ${skipped} skipped` : '';
		process.stdout.write(`\n${this.label}: ${passed} passed, ${failed} failed${tail}\n`);
	}
}
module.exports = SummaryReporter;
