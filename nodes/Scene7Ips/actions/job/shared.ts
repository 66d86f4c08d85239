import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { findSubmittedJob, getActiveJobs, type JobLog, submitJob } from '../../client/jobs';
import { DEFAULT_WAIT_TIMEOUT_S, waitForJob } from '../../helpers/jobWait';
import { requireReturnedHandle } from '../../helpers/output';
import type { IpsParam } from '../../transport';
import type { ItemContext } from '../item';

// What the job operations share: their options, the submit that never sends a job twice, and
// the wait with its timeout error.

export const emailSettingOption: INodeProperties = {
	displayName: 'Email Setting',
	name: 'emailSetting',
	type: 'options',
	options: [
		{ name: 'All', value: 'All' },
		{ name: 'Error', value: 'Error' },
		{ name: 'Error and Warning', value: 'ErrorAndWarning' },
		{ name: 'Job Completion', value: 'JobCompletion' },
		{ name: 'None', value: 'None' },
	],
	default: 'None',
	description: "Which job emails Scene7 sends to the credential's user",
};

export function jobNameOption(example: string): INodeProperties {
	return {
		displayName: 'Job Name',
		name: 'jobName',
		type: 'string',
		default: '',
		placeholder: `e.g. ${example}`,
		description:
			'The name the job has in Scene7. Leave empty for a generated unique name; the node finds a job whose answer was lost by this name, so keep it unique.',
	};
}

const WAIT_DESCRIPTION =
	'Whether to wait until Scene7 has finished the job and output its result. Off: output the job handle at once (Job > Get reads the result later).';

/** Options > Wait for Completion, on by default (Upload from URLs: the rows' assets are the point). */
export const waitForCompletionOnOption: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description: WAIT_DESCRIPTION,
};

/** Options > Wait for Completion, off by default (Publish and Get: a publish can take long). */
export const waitForCompletionOffOption: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: false,
	description: WAIT_DESCRIPTION,
};

export const waitTimeoutOption: INodeProperties = {
	displayName: 'Wait Timeout',
	name: 'waitTimeout',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: DEFAULT_WAIT_TIMEOUT_S,
	description: 'Seconds to wait for the job to finish when waiting for completion; the job keeps running in Scene7 after that',
};

export interface WaitSettings {
	waitForCompletion: boolean;
	waitTimeout: number;
}

export function waitSettings(options: IDataObject, waitByDefault: boolean): WaitSettings {
	const timeout = Number(options.waitTimeout ?? DEFAULT_WAIT_TIMEOUT_S);
	return {
		waitForCompletion: typeof options.waitForCompletion === 'boolean' ? options.waitForCompletion : waitByDefault,
		waitTimeout: Number.isFinite(timeout) && timeout >= 0 ? timeout : DEFAULT_WAIT_TIMEOUT_S,
	};
}

/** A job name unique enough to find the job again by it: the time and a random tail. */
export function generatedJobName(kind: string, now = new Date()): string {
	const tail = Math.random().toString(36).slice(2, 8).padEnd(6, '0');
	return `n8n ${kind} ${now.toISOString()} ${tail}`;
}

/**
 * One submitJob. If its answer is lost, Scene7 is asked for a job of that name (active, queued or
 * logged) before anything is sent again, so a job is never started twice.
 */
export async function submit(item: ItemContext, companyHandle: string, jobName: string, request: IpsParam): Promise<string> {
	const result = await submitJob(item, request, async () => await findSubmittedJob(item, companyHandle, jobName));
	return requireReturnedHandle(item.node, result, {
		element: 'jobHandle',
		operation: 'submitJob',
		message: "Scene7 answered the job without the job's handle",
		description: `The job may or may not have started. Look for the job named '${jobName}' in Scene7 before running the item again.`,
		itemIndex: item.index,
	});
}

export type JobOutcome = { finished: true; log: JobLog } | { finished: false; state: string; progress?: number };

/** Waits for a job; the item's signal (Cancel, or the run stopping) ends the wait at once. */
export async function waitFor(item: ItemContext, companyHandle: string, jobHandle: string, timeoutS: number): Promise<JobOutcome> {
	return await waitForJob(item, companyHandle, jobHandle, { timeoutMs: timeoutS * 1000, signal: item.signal });
}

/** The error of an item whose job outlasted Wait Timeout. */
export function stillRunningError(item: ItemContext, jobHandle: string, state: string, timeoutS: number) {
	return item.error(
		`The Scene7 job ${jobHandle} is still running after ${timeoutS} s (state ${state})`,
		`The job keeps running in Scene7. Check it later with Job > Get and the job handle ${jobHandle}, or raise Options > Wait Timeout.`,
	);
}

/** Whether a job is still in Scene7's active list (for Job > Get). */
export async function activeJob(item: ItemContext, companyHandle: string, jobHandle: string) {
	const jobs = await getActiveJobs(item, { companyHandle, jobHandle });
	return jobs.find((job) => job.jobHandle === jobHandle && job.state !== 'Done');
}
