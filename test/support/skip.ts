// Skips that say why. A skipped test or describe carries its reason in its own name,
// "<name> (skipped: <reason>)", which test/support/skip-reporter.js lists after the run; the reason
// lives next to the condition that decides it, never in a table in the reporter.

/** The suffix the skip reporter reads; keep in step with REASON in skip-reporter.js. */
export const withSkipReason = (name: string, reason: string) => `${name} (skipped: ${reason})`;

type TestLike = (name: string, fn?: jest.ProvidesCallback, timeout?: number) => void;
type DescribeLike = (name: string, fn: () => void) => void;

/** `test` when `condition` holds, otherwise `test.skip` with `reason` in the test's name. */
export function testIf(condition: boolean, reason: string): TestLike {
	if (condition) return (name, fn, timeout) => test(name, fn, timeout);
	return (name, fn, timeout) => test.skip(withSkipReason(name, reason), fn, timeout);
}

/** `describe` when `condition` holds, otherwise `describe.skip` with `reason` in the describe's name. */
export function describeIf(condition: boolean, reason: string): DescribeLike {
	if (condition) return (name, fn) => describe(name, fn);
	return (name, fn) => describe.skip(withSkipReason(name, reason), fn);
}
