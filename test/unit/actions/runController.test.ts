/* eslint-disable @n8n/community-nodes/no-restricted-globals */
// The module object itself (not a namespace copy), so a spy replaces what the node calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import n8nWorkflow = require('n8n-workflow');

import { RunController, STARTS_PER_TURN } from '../../../nodes/Scene7Ips/actions/runController';
import type { SentRequest } from '../../support/executeContext';
import { byHandle, byName, operationOf, run as runNode, soapFault, soapResult } from './support';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nameIn = (request: SentRequest) => /<name>([^<]*)<\/name>/.exec(request.body)?.[1] ?? '';

describe('RunController', () => {
	const run = (count: number, settings: Partial<ConstructorParameters<typeof RunController>[0]>, task: (index: number, controller: RunController) => Promise<number>) => {
		const controller = new RunController({ concurrency: 4, stopOnFailure: false, ...settings });
		return { controller, outcomes: controller.run(count, async (index) => await task(index, controller)) };
	};

	it('keeps at most N items in flight and returns outcomes in input order', async () => {
		let inFlight = 0;
		let peak = 0;
		const { outcomes } = run(20, {}, async (index) => {
			peak = Math.max(peak, ++inFlight);
			await delay((20 - index) % 7);
			inFlight--;
			return index * 10;
		});
		expect(await outcomes).toEqual(Array.from({ length: 20 }, (_, index) => ({ ok: true, value: index * 10 })));
		expect(peak).toBe(4);
	});

	it('runs one at a time at concurrency 1 and copes with fewer items than workers', async () => {
		let inFlight = 0;
		let peak = 0;
		const task = async (index: number) => {
			peak = Math.max(peak, ++inFlight);
			await delay(1);
			inFlight--;
			return index;
		};
		expect((await run(5, { concurrency: 1 }, task).outcomes).map((outcome) => outcome?.ok && outcome.value)).toEqual([0, 1, 2, 3, 4]);
		expect(peak).toBe(1);
		expect(await run(2, { concurrency: 32 }, task).outcomes).toHaveLength(2);
		expect(await run(0, { concurrency: 8 }, task).outcomes).toEqual([]);
	});

	it('under Stop starts no item after the first failure and lets the ones in flight finish', async () => {
		const started: number[] = [];
		const { controller, outcomes } = run(12, { stopOnFailure: true }, async (index) => {
			started.push(index);
			if (index === 1) throw new Error('row 1 failed');
			await delay(20);
			return index;
		});
		const result = await outcomes;
		expect(started.sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
		expect(controller.signal.aborted).toBe(true);
		expect(result[1]).toEqual({ ok: false, error: new Error('row 1 failed') });
		expect(result.filter((outcome) => outcome?.ok).map((outcome) => outcome?.ok && outcome.value)).toEqual([0, 2, 3]);
		expect(result.slice(4)).toEqual(Array(8).fill(undefined));
	});

	it('under Continue runs every item whatever fails', async () => {
		const { controller, outcomes } = run(6, {}, async (index) => {
			if (index % 2) throw new Error(`row ${index}`);
			return index;
		});
		expect((await outcomes).map((outcome) => outcome?.ok)).toEqual([true, false, true, false, true, false]);
		expect(controller.signal.aborted).toBe(false);
	});

	it('under Stop one at a time starts the next item at once, with no timer between items', async () => {
		jest.useFakeTimers();
		try {
			const controller = new RunController({ concurrency: 1, stopOnFailure: true });
			let settled = false;
			const outcomes = controller.run(3, async (index) => index).then((result) => ((settled = true), result));
			// Only promise jobs run here: a yield on a timer between items would leave the run pending.
			for (let turn = 0; turn < 20 && !settled; turn++) await Promise.resolve();
			expect(settled).toBe(true);
			expect(await outcomes).toEqual([0, 1, 2].map((value) => ({ ok: true, value })));
		} finally {
			jest.useRealTimers();
		}
	});

	it.each([false, true])('starts at most STARTS_PER_TURN items per turn of the event loop while others are in flight (Stop: %s)', async (stopOnFailure) => {
		jest.useFakeTimers();
		try {
			const controller = new RunController({ concurrency: 64, stopOnFailure });
			const started: number[] = [];
			const release: Array<() => void> = [];
			const outcomes = controller.run(20, async (index) => {
				started.push(index);
				await new Promise<void>((resolve) => release.push(resolve));
				return index;
			});
			const settle = async () => {
				for (let i = 0; i < 50; i++) await Promise.resolve();
			};
			// Promise jobs only: the first group, then nothing until the turn's timer fires.
			await settle();
			expect(started).toEqual(Array.from({ length: STARTS_PER_TURN }, (_, index) => index));
			// One timer at a time (the synchronous advance runs no promise job, so the next turn's
			// timer does not exist yet): one more group per turn.
			jest.advanceTimersToNextTimer();
			await settle();
			expect(started).toHaveLength(2 * STARTS_PER_TURN);
			jest.advanceTimersToNextTimer();
			await settle();
			expect(started).toHaveLength(20);
			for (const resolve of release) resolve();
			expect((await outcomes).map((outcome) => outcome?.ok && outcome.value)).toEqual(Array.from({ length: 20 }, (_, index) => index));
		} finally {
			jest.useRealTimers();
		}
	});

	it('gives each item a signal of its own that fires on Stop, and on Cancel until disposed', async () => {
		const cancel = new AbortController();
		const controller = new RunController({ concurrency: 2, stopOnFailure: true, cancelSignal: cancel.signal });
		const signals: AbortSignal[] = [];
		await controller.run(3, async (index) => {
			signals.push(controller.itemSignal());
			if (index === 1) throw new Error('row 1');
			return index;
		});
		expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
		expect(controller.itemSignal().aborted).toBe(true);

		// After the items, a batch's wait still hears Cancel; after dispose nothing does.
		const later = new RunController({ concurrency: 1, stopOnFailure: false, cancelSignal: cancel.signal });
		const waiting = [later.itemSignal(), later.itemSignal()];
		expect(waiting[0]).not.toBe(waiting[1]);
		const disposed = new RunController({ concurrency: 1, stopOnFailure: false, cancelSignal: cancel.signal });
		const gone = disposed.itemSignal();
		disposed.dispose();
		cancel.abort();
		expect(waiting.map((signal) => signal.aborted)).toEqual([true, true]);
		expect(later.signal.aborted).toBe(true);
		expect([gone.aborted, disposed.signal.aborted]).toEqual([false, false]);
	});

	it('on Cancel fires its signal at once and starts nothing more', async () => {
		const cancel = new AbortController();
		const started: number[] = [];
		const { controller, outcomes } = run(10, { concurrency: 2, cancelSignal: cancel.signal }, async (index, own) => {
			started.push(index);
			if (index === 2) cancel.abort();
			await delay(10);
			return own.signal.aborted ? -1 : index;
		});
		const result = await outcomes;
		expect(controller.cancelled).toBe(true);
		expect(started).toEqual([0, 1, 2]);
		expect(result[2]).toEqual({ ok: true, value: -1 });
		expect(result.slice(3)).toEqual(Array(7).fill(undefined));
	});

	it('starts nothing when the execution was cancelled before it ran', async () => {
		const cancel = new AbortController();
		cancel.abort();
		const task = jest.fn(async () => 1);
		expect(await run(3, { cancelSignal: cancel.signal }, task).outcomes).toEqual([undefined, undefined, undefined]);
		expect(task).not.toHaveBeenCalled();
	});
});

describe('Copy Image with Concurrency', () => {
	const parameters = (index: number, concurrency: number) => ({
		resource: 'image',
		operation: 'copy',
		companyHandle: byHandle('c|6'),
		assetHandle: byName(index % 3 === 0 ? 'macbookwin1' : 'hat'),
		folderHandle: byHandle('ApiTestCo/'),
		name: index === 7 ? '' : `copy_${index}`,
		urlModifier: '',
		// The image URL's two lookups go out side by side (item.imageUrl), which this count of copies in flight leaves out.
		options: { concurrency, retry: { settings: { attempts: 3, backoff: 0 } }, includeImageUrl: false },
	});

	it('returns every item in input order, paired, with shared lookups and errors in place', async () => {
		let inFlight = 0;
		let peak = 0;
		const { output = [], sent } = await runNode(
			(index) => parameters(index, 8),
			async (request) => {
				peak = Math.max(peak, ++inFlight);
				const name = nameIn(request);
				// Later items answer sooner, so completion order is not input order.
				await delay(operationOf(request) === 'copyImage' ? 40 - Number(name.split('_')[1]) : 5);
				inFlight--;
				if (operationOf(request) === 'getAssetsByName') {
					const asset = request.body.includes('<items>hat</items>') ? 'a|2|1|1' : 'a|739|1|537';
					return soapResult('getAssetsByName', `<assetArray><items><assetHandle>${asset}</assetHandle><type>Image</type></items></assetArray>`);
				}
				if (name === 'copy_13') return soapFault('ipsApiFault', 30000, "Asset ID 'copy_13' is already in use.");
				return soapResult('copyImage', `<assetHandle>a|9${name.split('_')[1]}|1|1</assetHandle>`);
			},
			{ items: Array.from({ length: 40 }, () => ({ json: {} })), continueOnFail: true },
		);
		expect(output).toHaveLength(40);
		expect(output.map((item) => item.pairedItem)).toEqual(output.map((_, index) => ({ item: index })));
		expect(output[7].json.error).toBe('New Name is empty [item 7]');
		expect(output[13].json.error).toBe("Scene7 could not run copyImage: Asset ID 'copy_13' is already in use. (30000)");
		output.forEach((item, index) => {
			if (index !== 7 && index !== 13) expect(item.json).toMatchObject({ name: `copy_${index}`, assetHandle: `a|9${index}|1|1` });
		});
		expect(sent.filter((request) => operationOf(request) === 'getAssetsByName')).toHaveLength(2);
		expect(sent.filter((request) => operationOf(request) === 'copyImage')).toHaveLength(39);
		expect(peak).toBeLessThanOrEqual(8);
		expect(peak).toBeGreaterThan(1);
	});

	it('holds every worker back when one is throttled', async () => {
		const sleep = jest.spyOn(n8nWorkflow, 'sleepWithAbort');
		let throttled = false;
		const sentAt: number[] = [];
		const { output = [] } = await runNode(
			(index) => ({ ...parameters(index, 4), assetHandle: byHandle('a|1|1|1'), name: `copy_${index}` }),
			async (request) => {
				sentAt.push(Date.now());
				await delay(5);
				if (!throttled) {
					throttled = true;
					return { statusCode: 429, body: '', headers: { 'retry-after': '1' } };
				}
				return soapResult('copyImage', `<assetHandle>a|${nameIn(request)}</assetHandle>`);
			},
			{ items: Array.from({ length: 8 }, () => ({ json: {} })) },
		);
		expect(output.map((item) => item.json.assetHandle)).toEqual(output.map((_, index) => `a|copy_${index}`));
		// Every worker that asked to send while the gate was shut waited for it to open.
		expect(sleep.mock.calls.filter(([ms]) => Number(ms) > 500).length).toBeGreaterThanOrEqual(2);
		sleep.mockRestore();
	});
});
