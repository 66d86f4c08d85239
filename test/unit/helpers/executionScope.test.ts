import { ExecutionScope, holdsExpression } from '../../../nodes/Scene7Ips/helpers/executionScope';

describe('ExecutionScope', () => {
	it('reads a parameter without expressions once, and one with an expression every time', () => {
		const scope = new ExecutionScope();
		let reads = 0;
		const read = () => ++reads;
		expect([scope.parameter('wid=1', 'a', read), scope.parameter('wid=1', 'a', read)]).toEqual([1, 1]);
		expect([scope.parameter('={{ $json.a }}', 'b', read), scope.parameter('={{ $json.a }}', 'b', read)]).toEqual([2, 3]);
		expect(holdsExpression({ nested: ['x', '=y'] })).toBe(true);
		expect(holdsExpression({ nested: ['x', 'y'] })).toBe(false);
	});

	it('makes one lookup per key for items asking at once', async () => {
		const scope = new ExecutionScope();
		let loads = 0;
		let answer: (value: string) => void = () => undefined;
		const load = () => {
			loads++;
			return new Promise<string>((resolve) => (answer = resolve));
		};
		const first = scope.lookup('prefix', load);
		const second = scope.lookup('prefix', load);
		answer('http://images/');
		expect(await Promise.all([first, second])).toEqual(['http://images/', 'http://images/']);
		expect(loads).toBe(1);
		expect(await scope.lookup('prefix', load)).toBe('http://images/');
		expect(loads).toBe(1);
	});

	it('shares a failed lookup', async () => {
		const scope = new ExecutionScope();
		const failure = new Error('down');
		await expect(scope.lookup('company', async () => await Promise.reject(failure))).rejects.toBe(failure);
		await expect(scope.lookup('company', async () => 'never asked')).rejects.toBe(failure);
	});
});
