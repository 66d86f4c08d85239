import { jobStatus, type JobStatus } from '../helpers/jobLog';
import { wait } from '../helpers/wait';
import type { JobCaller, JobLog } from './jobs';
import { getActiveJobs, getJobLogDetails } from './jobs';

// Waiting for a Scene7 job: poll getActiveJobs with back-off until the job has left the active
// list, then read its log. What the answers say (state, failures, rows) is helpers/jobLog.ts.

/** The poll schedule: first pause, growth per poll, longest pause (ms). Tests shorten it. */
export const POLL_SCHEDULE = { firstMs: 1000, factor: 1.5, maxMs: 10000 };

/** The pause before poll number `attempt` (from 0). */
export function pollDelay(attempt: number, schedule = POLL_SCHEDULE): number {
	return Math.min(schedule.maxMs, Math.round(schedule.firstMs * schedule.factor ** Math.max(0, attempt)));
}

/** Default Wait Timeout of the job operations, in seconds. */
export const DEFAULT_WAIT_TIMEOUT_S = 600;

/** Where one job stands now: one getActiveJobs, and its log when it is no longer active. */
export async function currentJobStatus(caller: JobCaller, companyHandle: string, jobHandle: string): Promise<JobStatus> {
	const jobs = await getActiveJobs(caller, { companyHandle, jobHandle, includeWaitingJobs: true });
	const active = jobs.find((job) => job.jobHandle === jobHandle) ?? jobs.find((job) => !job.jobHandle);
	if (active && active.state !== 'Done') return jobStatus(active, undefined);
	return jobStatus(active, await getJobLogDetails(caller, { companyHandle, jobHandle }));
}

export type WaitResult = { finished: true; log: JobLog } | { finished: false; state: string; progress?: number };

/**
 * Polls a job until it has finished (its log is returned) or `timeoutMs` has passed (its last
 * state is returned). `signal` ends the wait at once (Cancel): the wait's rejection is thrown.
 */
export async function waitForJob(
	caller: JobCaller,
	companyHandle: string,
	jobHandle: string,
	{ timeoutMs, signal, schedule = POLL_SCHEDULE }: { timeoutMs: number; signal?: AbortSignal; schedule?: typeof POLL_SCHEDULE },
): Promise<WaitResult> {
	const deadline = Date.now() + timeoutMs;
	for (let attempt = 0; ; attempt++) {
		const left = deadline - Date.now();
		if (left <= 0) return await lastLook(caller, companyHandle, jobHandle);
		await wait(Math.min(pollDelay(attempt, schedule), left), signal);
		if (signal?.aborted) throw new Error('The run was cancelled');
		const status = await currentJobStatus(caller, companyHandle, jobHandle);
		if (status.finished) return { finished: true, log: status.log };
		if (Date.now() >= deadline) return { finished: false, state: status.state, progress: status.progress };
	}
}

/** With no time left before the first poll (Wait Timeout 0): one look, no pause. */
async function lastLook(caller: JobCaller, companyHandle: string, jobHandle: string): Promise<WaitResult> {
	const status = await currentJobStatus(caller, companyHandle, jobHandle);
	return status.finished ? { finished: true, log: status.log } : { finished: false, state: status.state, progress: status.progress };
}
