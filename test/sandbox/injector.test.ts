/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// Fault injection, latency, reset and the JSON control API.
import * as http from 'node:http';

import { call, copyImageFields, envelope, parseFault } from './raw-soap';
import { DEMO, injectRule, startSandbox, throttle, type InjectContext } from './server';
import { useSandbox, withSandbox } from './useSandbox';

const sandbox = useSandbox();

const copy = (name = 'Copy_macbookwin1', serviceUrl = sandbox().serviceUrl) => call(serviceUrl, 'copyImage', copyImageFields({ name }));
const copies = (name = 'Copy_macbookwin1') => sandbox().state.assets.filter((a) => a.name === name);

/** A raw POST that reports a network error or a timeout instead of throwing. */
function attempt(url: string, body: string, timeoutMs = 2000): Promise<{ status?: number; error?: string }> {
	return new Promise((resolve) => {
		const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'text/xml', SOAPAction: 'copyImage' } }, (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode }));
		});
		req.setTimeout(timeoutMs, () => {
			req.destroy();
			resolve({ error: 'timeout' });
		});
		req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
		req.end(body);
	});
}

describe('injected failures before the call runs', () => {
	it.each([502, 503, 504])('answers %d with an HTML gateway page and runs nothing', async (status) => {
		sandbox().setInjector(() => ({ kind: 'status', status }));
		const res = await copy();
		expect(res.status).toBe(status);
		expect(res.headers['content-type']).toBe('text/html');
		expect(res.body).toContain(`<title>${status} `);
		expect(parseFault(res.body)).toBeUndefined();
		expect(copies()).toHaveLength(0);
		expect(sandbox().requests[0]).toMatchObject({ operation: 'copyImage', outcome: 'injected', injected: 'status', status });
	});

	it('adds Retry-After to a 429 and takes a custom body and headers', async () => {
		sandbox().setInjector(() => ({ kind: 'status', status: 429 }));
		expect((await copy()).headers['retry-after']).toBe('1');
		sandbox().setInjector(() => ({ kind: 'status', status: 503, body: '{"busy":true}', contentType: 'application/json', headers: { 'Retry-After': '7' } }));
		const res = await copy();
		expect(res.body).toBe('{"busy":true}');
		expect(res.headers['content-type']).toBe('application/json');
		expect(res.headers['retry-after']).toBe('7');
	});

	it('hangs without answering, and close() still finishes', async () => {
		const own = await startSandbox({ injector: () => ({ kind: 'hang' }) });
		const pending = attempt(own.serviceUrl, envelope('copyImage', copyImageFields()), 300);
		expect(await pending).toEqual({ error: 'timeout' });
		const hung = attempt(own.serviceUrl, envelope('copyImage', copyImageFields()), 5000);
		await new Promise((r) => setTimeout(r, 50));
		const started = Date.now();
		await own.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect((await hung).error).toBeDefined();
	});
});

describe('outcome unknown: the call ran, the reply fails', () => {
	it('resetAfterCommit changes state and then resets', async () => {
		sandbox().setInjector(() => ({ kind: 'resetAfterCommit' }));
		const result = await attempt(sandbox().serviceUrl, envelope('copyImage', copyImageFields()));
		expect(result.error).toBe('ECONNRESET');
		expect(copies()).toHaveLength(1);
		expect(sandbox().requests[0]).toMatchObject({ outcome: 'injected', injected: 'resetAfterCommit', committed: true });
	});

	it('statusAfterCommit changes state and answers the status; a retry then hits the duplicate name', async () => {
		sandbox().setInjector(injectRule({ action: { kind: 'statusAfterCommit', status: 504 }, operation: 'copyImage' }));
		const first = await copy();
		expect(first.status).toBe(504);
		expect(copies()).toHaveLength(1);
		const retry = await copy();
		expect(parseFault(retry.body)).toMatchObject({ code: 30000, reason: "Asset ID 'Copy_macbookwin1' is already in use." });
		expect(sandbox().requests.map((r) => [r.outcome, r.committed])).toEqual([
			['injected', true],
			['fault', undefined],
		]);
	});

	it('marks a failed call as not committed', async () => {
		sandbox().setInjector(() => ({ kind: 'statusAfterCommit', status: 502 }));
		await copy('summer-hero');
		expect(sandbox().requests[0]).toMatchObject({ outcome: 'injected', committed: false, faultCode: 30000 });
	});

	it("asks again in the 'after' phase with the outcome known", async () => {
		const seen: Array<[string, string, number]> = [];
		sandbox().setInjector((ctx: InjectContext) => {
			seen.push([ctx.phase, ctx.request.outcome, ctx.index]);
			return ctx.phase === 'after' && ctx.request.outcome === 'ok' ? { kind: 'status', status: 502 } : undefined;
		});
		expect((await copy()).status).toBe(502);
		expect((await copy()).status).toBe(500);
		expect(seen).toEqual([
			['before', 'ok', 0],
			['after', 'ok', 0],
			['before', 'ok', 1],
			['after', 'fault', 1],
		]);
		expect(copies()).toHaveLength(1);
	});
});

describe('injectRule', () => {
	it('hits only the chosen operation, after skip, for times calls', async () => {
		sandbox().setInjector(injectRule({ action: { kind: 'status', status: 503 }, operation: 'copyImage', skip: 1, times: 2 }));
		const statuses = [];
		for (const name of ['n1', 'n2', 'n3', 'n4']) statuses.push((await copy(name)).status);
		expect(statuses).toEqual([200, 503, 503, 200]);
		expect((await call(sandbox().serviceUrl, 'getUserInfo', [])).status).toBe(200);
	});
});

describe('throttle', () => {
	it('answers 429 with Retry-After above maxInFlight running calls, and runs none of those', async () => {
		await withSandbox({ latencyMs: 150, injector: throttle({ maxInFlight: 2 }) }, async (own) => {
			const names = ['t1', 't2', 't3', 't4', 't5'];
			const answers = await Promise.all(names.map((name) => copy(name, own.serviceUrl)));
			const statuses = answers.map((a) => a.status).sort();
			expect(statuses).toEqual([200, 200, 429, 429, 429]);
			for (const a of answers.filter((a) => a.status === 429)) expect(a.headers['retry-after']).toBe('1');
			const made = own.state.assets.filter((a) => names.includes(a.name)).map((a) => a.name);
			expect(made).toHaveLength(2);
			expect(own.requests.filter((r) => r.status === 429)).toHaveLength(3);
			// Once those two are answered, there is room again.
			expect((await copy('t6', own.serviceUrl)).status).toBe(200);
		});
	});

	it('lets a burst through, then perSecond calls per second (token bucket on the given clock)', () => {
		let now = 0;
		const inject = throttle({ perSecond: 10, burst: 3, retryAfter: '0.5', now: () => now });
		const request = { operation: 'copyImage' } as InjectContext['request'];
		const decide = () => inject({ phase: 'before', index: 0, request, running: 0 })?.kind ?? 'run';
		expect([decide(), decide(), decide(), decide()]).toEqual(['run', 'run', 'run', 'status']);
		now += 100; // one token
		expect([decide(), decide()]).toEqual(['run', 'status']);
		now += 10_000; // the bucket holds at most `burst`
		expect([decide(), decide(), decide(), decide()]).toEqual(['run', 'run', 'run', 'status']);
		expect(inject({ phase: 'before', index: 0, request, running: 0 })).toEqual({ kind: 'status', status: 429, headers: { 'Retry-After': '0.5' } });
		expect(inject({ phase: 'after', index: 0, request, running: 0 })).toBeUndefined();
	});

	it('limits only the chosen operation', async () => {
		sandbox().setInjector(throttle({ perSecond: 1, burst: 1, operation: 'copyImage' }));
		expect((await copy('o1')).status).toBe(200);
		expect((await copy('o2')).status).toBe(429);
		expect((await call(sandbox().serviceUrl, 'getUserInfo', [])).status).toBe(200);
		expect(copies('o2')).toHaveLength(0);
	});

	it('tells the injector how many calls are running', async () => {
		const seen: Array<[string, number]> = [];
		const injector = (ctx: InjectContext) => {
			seen.push([ctx.phase, ctx.running]);
			return undefined;
		};
		await withSandbox({ latencyMs: 150, injector }, async (own) => {
			await Promise.all(['r1', 'r2', 'r3'].map((name) => copy(name, own.serviceUrl)));
			expect(seen.filter(([phase]) => phase === 'before').map(([, n]) => n)).toEqual([0, 1, 2]);
			await copy('r4', own.serviceUrl);
			expect(seen.slice(-2)).toEqual([['before', 0], ['after', 0]]);
		});
	});
});

describe('latency', () => {
	it('waits latencyMs before each answer (number or function)', async () => {
		let calls = 0;
		await withSandbox({ latencyMs: () => (calls++ === 0 ? 200 : 0) }, async (own) => {
			const t0 = Date.now();
			expect((await call(own.serviceUrl, 'getUserInfo', [])).status).toBe(200);
			expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
			const t1 = Date.now();
			await call(own.serviceUrl, 'getUserInfo', []);
			expect(Date.now() - t1).toBeLessThan(150);
		});
		await withSandbox({ latencyMs: 120 }, async (fixed) => {
			const t0 = Date.now();
			await call(fixed.serviceUrl, 'getUserInfo', [], { header: '' });
			expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
		});
	});
});

describe('reset', () => {
	it('restores the seed in place and clears the requests', async () => {
		const state = sandbox().state;
		await copy();
		expect(copies()).toHaveLength(1);
		sandbox().reset();
		expect(sandbox().state).toBe(state);
		expect(copies()).toHaveLength(0);
		expect(sandbox().requests).toHaveLength(0);
		expect(sandbox().state.assets.find((a) => a.assetHandle === DEMO.assetHandle)?.name).toBe('macbookwin1');
	});
});

describe('control API (for out-of-process harnesses)', () => {
	const control = (path: string, init?: RequestInit) => fetch(`${sandbox().url}/__sandbox/${path}`, init);
	const postRules = (rules: unknown) => control('inject', { method: 'POST', body: JSON.stringify(rules) });

	it('reports health, state and requests as JSON', async () => {
		expect(await (await control('health')).json()).toEqual({ ok: true, serviceUrl: sandbox().serviceUrl, uploadUrl: sandbox().uploadUrl });
		await copy();
		const state = (await (await control('state')).json()) as { assets: Array<{ name: string }> };
		expect(state.assets.some((a) => a.name === 'Copy_macbookwin1')).toBe(true);
		const requests = (await (await control('requests')).json()) as Array<{ operation: string; rawBody: string; at: string }>;
		expect(requests).toHaveLength(1);
		expect(requests[0].operation).toBe('copyImage');
		expect(requests[0].rawBody).toBe(envelope('copyImage', copyImageFields()));
		expect(requests[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
	});

	it('installs injection rules from JSON and removes them', async () => {
		const set = await postRules([{ action: { kind: 'status', status: 503 }, operation: 'copyImage', times: 1 }]);
		expect(await set.json()).toEqual({ ok: true, rules: 1 });
		expect((await copy()).status).toBe(503);
		expect((await copy()).status).toBe(200);
		await postRules({ action: { kind: 'status', status: 502 }, times: 5 });
		await control('inject', { method: 'DELETE' });
		expect((await copy('other')).status).toBe(200);
	});

	it('refuses a malformed rule with 400', async () => {
		const res = await postRules({ action: { kind: 'explode' } });
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: string }).error).toContain('action.kind must be one of');
	});

	it('resets over HTTP', async () => {
		await copy();
		expect((await control('reset', { method: 'POST' })).status).toBe(200);
		expect(copies()).toHaveLength(0);
		expect(sandbox().requests).toHaveLength(0);
	});
});
