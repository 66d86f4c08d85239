/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { getEventListeners } from 'node:events';

import { wait, waitOf } from '../../../nodes/Scene7Ips/helpers/wait';

describe('wait', () => {
	it('waits, and rejects at once for a signal that fired before or fires during the wait', async () => {
		await expect(wait(1)).resolves.toBeUndefined();
		const fired = new AbortController();
		fired.abort();
		await expect(wait(60_000, fired.signal)).rejects.toBeDefined();
		const later = new AbortController();
		const waiting = wait(60_000, later.signal);
		later.abort();
		await expect(waiting).rejects.toBeDefined();
	});

	it("uses sleep(ms, signal) where n8n-workflow has no sleepWithAbort (n8n 2.41)", async () => {
		const sleep = jest.fn(async () => undefined);
		const waitWithoutSleepWithAbort = waitOf({ sleep });
		const signal = new AbortController().signal;
		await waitWithoutSleepWithAbort(25, signal);
		expect(sleep).toHaveBeenCalledWith(25, signal);
		const fired = new AbortController();
		fired.abort();
		await expect(waitWithoutSleepWithAbort(25, fired.signal)).rejects.toThrow('aborted');
		expect(sleep).toHaveBeenCalledTimes(1);
	});

	it('prefers sleepWithAbort where n8n-workflow has it (n8n 1.x, 2.8)', async () => {
		const sleep = jest.fn(async () => undefined);
		const sleepWithAbort = jest.fn(async () => undefined);
		await waitOf({ sleep, sleepWithAbort })(25);
		expect(sleepWithAbort).toHaveBeenCalledWith(25, undefined);
		expect(sleep).not.toHaveBeenCalled();
	});

	it("leaves no listener on the run's signal once a wait is over, however many waits it has seen", async () => {
		const run = new AbortController();
		for (let poll = 0; poll < 50; poll++) await wait(0, run.signal);
		expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
		const waiting = wait(60_000, run.signal);
		expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
		run.abort();
		await expect(waiting).rejects.toBeDefined();
	});
});
