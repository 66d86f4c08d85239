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

describe('ExecutionScope.batch', () => {
	it('loads the keys asked for within one turn together, at most `max` a load, and a later turn apart', async () => {
		const scope = new ExecutionScope();
		const loads: string[][] = [];
		const loadMany = async (keys: string[]) => {
			loads.push([...keys]);
			return new Map(keys.map((key) => [key, key.toUpperCase()]));
		};
		const first = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(async (key) => await scope.batch('g', key, loadMany, 2)));
		expect(first).toEqual(['A', 'B', 'C', 'D', 'E']);
		expect(loads).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
		expect(await scope.batch('g', 'f', loadMany, 2)).toBe('F');
		expect(await scope.batch('other', 'x', async () => new Map(), 2)).toBeUndefined();
		expect(loads).toEqual([['a', 'b'], ['c', 'd'], ['e'], ['f']]);
	});
});
