// Mocha for the mutation run (stryker.config.mjs) and by hand: `npx mocha --config test/mutation/.mocharc.js`.
module.exports = {
	require: [require.resolve('./register-ts.js')],
	spec: [require.resolve('./unitSuite.mocha.js')],
	// jest's default per-test timeout, which the tests were written for.
	timeout: 5000,
};
