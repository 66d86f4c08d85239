import { AdaptiveLimiter, limiterFor } from '../../../nodes/Scene7Ips/transport/concurrency';

/** A limiter on a clock the test moves. */
function limiter(initial = 4, max = 64) {
	let now = 1_000_000;
	const clock = { advance: (ms: number) => (now += ms) };
	return { clock, limiter: new AdaptiveLimiter({ initial, max }, () => now) };
}

/** Takes `count` slots at once and gives them all back with the same outcome. */
async function roundTrip(target: AdaptiveLimiter, count: number, latencyMs = 100) {
	const releases = await Promise.all(Array.from({ length: count }, async () => await target.acquire()));
	for (const release of releases) release({ kind: 'answered', latencyMs });
}

describe('AdaptiveLimiter', () => {
	it('starts small and doubles each round trip while answers stay fast (slow start)', async () => {
		const { limiter: target } = limiter();
		const limits = [target.limit];
		for (let trip = 0; trip < 4; trip++) {
			await roundTrip(target, target.limit);
			limits.push(target.limit);
		}
		expect(limits).toEqual([4, 8, 16, 32, 64]);
		await roundTrip(target, target.limit);
		expect(target.limit).toBe(64);
	});

	it('halves on throttling, at most once per round trip, then grows by one per round trip', async () => {
		const { limiter: target, clock } = limiter(32);
		await roundTrip(target, 32);
		expect(target.limit).toBe(64);
		const releases = await Promise.all(Array.from({ length: 10 }, async () => await target.acquire()));
		clock.advance(200);
		for (const release of releases) release({ kind: 'throttled' });
		expect(target.limit).toBe(32);
		clock.advance(200);
		await roundTrip(target, 32);
		await roundTrip(target, 32);
		expect(target.limit).toBe(33);
	});

	it('shrinks by a fifth when answers get three times as slow as the fastest, and on a timeout by half', async () => {
		const { limiter: target, clock } = limiter(20);
		await roundTrip(target, 1, 100);
		clock.advance(1000);
		(await target.acquire())({ kind: 'answered', latencyMs: 390 });
		expect(target.limit).toBe(22);
		clock.advance(1000);
		const release = await target.acquire();
		release({ kind: 'answered', latencyMs: 450 });
		expect(target.limit).toBe(17);
		clock.advance(1000);
		(await target.acquire())({ kind: 'timeout' });
		expect(target.limit).toBe(8);
	});

	it('learns nothing from refused or reset calls', async () => {
		const { limiter: target } = limiter(4);
		(await target.acquire())({ kind: 'other' });
		expect(target.limit).toBe(4);
	});

	it('never lets more calls in than the window and lets the waiting ones in, in order', async () => {
		const { limiter: target } = limiter(2);
		const first = await target.acquire();
		const second = await target.acquire();
		const order: number[] = [];
		const third = target.acquire().then((release) => (order.push(3), release));
		const fourth = target.acquire().then((release) => (order.push(4), release));
		await Promise.resolve();
		expect(target.active).toBe(2);
		first({ kind: 'other' });
		(await third)({ kind: 'other' });
		expect(order).toEqual([3]);
		second({ kind: 'other' });
		(await fourth)({ kind: 'other' });
		expect(order).toEqual([3, 4]);
		expect(target.active).toBe(0);
	});

	it('gives a slot back only once', async () => {
		const { limiter: target } = limiter(1);
		const release = await target.acquire();
		release({ kind: 'other' });
		release({ kind: 'other' });
		expect(target.active).toBe(0);
	});

	it('drops a waiting call whose signal fires, without taking a slot', async () => {
		const { limiter: target } = limiter(1);
		const held = await target.acquire();
		const stop = new AbortController();
		const waiting = target.acquire(stop.signal);
		stop.abort();
		await expect(waiting).rejects.toBeDefined();
		held({ kind: 'other' });
		expect(target.active).toBe(0);
		await expect(target.acquire(stop.signal)).resolves.toBeInstanceOf(Function);
	});

	it('starts small again after a long idle time', async () => {
		const { limiter: target, clock } = limiter(4);
		await roundTrip(target, 4);
		await roundTrip(target, 8);
		expect(target.limit).toBe(16);
		clock.advance(31_000);
		(await target.acquire())({ kind: 'other' });
		expect(target.limit).toBe(4);
	});

	it('is shared by everything that calls the same endpoint', () => {
		expect(limiterFor('https://a.example/ips')).toBe(limiterFor('https://a.example/ips'));
		expect(limiterFor('https://a.example/ips')).not.toBe(limiterFor('https://b.example/ips'));
	});
});
