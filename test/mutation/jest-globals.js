// The part of jest's globals the unit tests use, on top of mocha's BDD interface, so Stryker can run
// them under mocha: jest's own `expect` and `jest-mock`, sinon's fake timers (the clock jest's modern
// timers are built on), `it.each` with jest's title formatting. Mocha keeps the modules loaded
// between mutants; the jest runner loads everything again for each one (about 2 s).
const { format } = require('node:util');
const { expect } = require('expect');
const { ModuleMocker } = require('jest-mock');
const FakeTimers = require('@sinonjs/fake-timers');

const mocker = new ModuleMocker(globalThis);
let clock;

const jest = {
	fn: (implementation) => mocker.fn(implementation),
	spyOn: (object, key, accessType) => mocker.spyOn(object, key, accessType),
	clearAllMocks: () => mocker.clearAllMocks(),
	restoreAllMocks: () => mocker.restoreAllMocks(),
	// As jest's default: every timer and Date faked, promise jobs and nextTick left alone.
	useFakeTimers: () => {
		clock?.uninstall();
		clock = FakeTimers.withGlobal(globalThis).install({
			toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'Date'],
		});
	},
	useRealTimers: () => {
		clock?.uninstall();
		clock = undefined;
	},
	advanceTimersToNextTimer: () => clock.next(),
	// jest.setTimeout at a test file's top level: the file's own suite (unitSuite.mocha.js).
	setTimeout: (ms) => loadingSuites.loading?.timeout(ms),
};
const loadingSuites = { loading: undefined };

/** jest's test titles: printf placeholders from an array row, `$key` from an object row. */
function title(template, row, index) {
	const args = Array.isArray(row) ? row : [row];
	if (!Array.isArray(row) && row !== null && typeof row === 'object' && template.includes('$')) {
		return template.replace(/\$([\w.]+)/g, (_, path) => {
			const value = path.split('.').reduce((at, key) => at?.[key], row);
			return typeof value === 'string' ? value : format('%o', value);
		});
	}
	let next = 0;
	return template.replace(/%[sdifjoOp#%]/g, (placeholder) => {
		if (placeholder === '%%') return '%';
		if (placeholder === '%#') return String(index);
		const value = args[next++];
		if (placeholder === '%p') return format('%o', value);
		return format(placeholder === '%i' ? '%d' : placeholder, value);
	});
}

/** jest's `fn(name, body, timeout)` on mocha: mocha takes the timeout from the returned test. */
function withTimeout(define) {
	return (name, body, timeout) => {
		const test = define(name, body);
		if (timeout !== undefined) test.timeout(timeout);
		return test;
	};
}

function eachOf(define) {
	return (table) => (template, body, timeout) =>
		table.forEach((row, index) =>
			define(title(template, row, index), () => (Array.isArray(row) ? body(...row) : body(row)), timeout),
		);
}

/** Called by the suite file, once mocha's interface has put its globals in place. */
function installJestGlobals() {
	const mochaIt = globalThis.it;
	const it = withTimeout(mochaIt);
	it.skip = withTimeout(mochaIt.skip);
	it.only = withTimeout(mochaIt.only);
	it.each = eachOf(it);
	globalThis.it = it;
	globalThis.test = it;
	globalThis.describe.each = eachOf((name, body) => globalThis.describe(name, body));
	globalThis.beforeAll = globalThis.before;
	globalThis.afterAll = globalThis.after;
	globalThis.expect = expect;
	globalThis.jest = jest;
	// A test that fails under a mutant must not leave its spy or fake clock to the next run:
	// mocha keeps the process (and the module registry) from one mutant to the next.
	globalThis.afterEach(() => {
		jest.useRealTimers();
		mocker.restoreAllMocks();
	});
	return loadingSuites;
}

module.exports = { installJestGlobals };
