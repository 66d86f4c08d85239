import { pollDelay } from '../../../nodes/Scene7Ips/client/jobWait';

describe('job wait schedule', () => {
	it('backs off from 1 s by 1.5 up to 10 s', () => {
		expect(Array.from({ length: 8 }, (_, attempt) => pollDelay(attempt))).toEqual([1000, 1500, 2250, 3375, 5063, 7594, 10000, 10000]);
		expect([0, 1, 2, 3].map((attempt) => pollDelay(attempt, { firstMs: 2, factor: 2, maxMs: 5 }))).toEqual([2, 4, 5, 5]);
	});
});
