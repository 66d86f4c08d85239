import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { findJobNamed, getActiveJobs, type JobLog, submitJob } from '../../client/jobs';
import { DEFAULT_WAIT_TIMEOUT_S, waitForJob } from '../../client/jobWait';
import { fingerprintOf } from '../../helpers/attemptJournal';
import { requireReturnedHandle } from '../../helpers/output';
import type { IpsParam } from '../../transport';
import type { UploadJobSettings } from '../../transport/uploadFile';
import type { ItemContext } from '../item';

// What the job operations share: their options, the submit that never sends a job twice, and
// the wait with its timeout error.

// The UploadUrlsJob and UploadPostJob options both upload operations offer.

export const createMaskOption: INodeProperties = {
	displayName: 'Create Mask',
	name: 'createMask',
	type: 'boolean',
	default: false,
	description: 'Whether Scene7 creates a mask from the image',
};

export const overwriteOption: INodeProperties = {
	displayName: 'Overwrite',
	name: 'overwrite',
	type: 'boolean',
	default: true,
	description: 'Whether an upload replaces a file of the same name; off leaves the existing file and reports the upload as a duplicate',
};

export const readyForPublishOption: INodeProperties = {
	displayName: 'Ready for Publish',
	name: 'readyForPublish',
	type: 'boolean',
	default: true,
	description: 'Whether the uploaded images are marked ready to be published',
};

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

/** The options both upload operations read alike: the job's settings, what follows it, the wait. */
export interface UploadOptions extends UploadJobSettings, WaitSettings {
	publishWhenDone: boolean;
	jobName: string;
}

export function uploadOptions(options: IDataObject): UploadOptions {
	const emailSetting = typeof options.emailSetting === 'string' && options.emailSetting ? options.emailSetting : 'None';
	return {
		overwrite: options.overwrite !== false,
		readyForPublish: options.readyForPublish !== false,
		createMask: options.createMask === true,
		emailSetting: emailSetting as UploadJobSettings['emailSetting'],
		publishWhenDone: options.publishWhenDone === true,
		jobName: typeof options.jobName === 'string' ? options.jobName.trim() : '',
		...waitSettings(options, true),
	};
}

/** A job name unique enough to find the job again by it: the time and a random tail. */
export function generatedJobName(kind: string, now = new Date()): string {
	const tail = Math.random().toString(36).slice(2, 8).padEnd(6, '0');
	return `n8n ${kind} ${now.toISOString()} ${tail}`;
}

/**
 * The name of a job the node names for its rows: the same rows (`content`) on the same UTC day
 * give the same name, so a re-run finds the job an earlier run submitted instead of sending a
 * second one (submitOrAdopt). Another day, or other rows, is another job.
 */
export function rowsJobName(kind: string, content: string, now = new Date()): string {
	return `n8n ${kind} ${now.toISOString().slice(0, 10)} ${fingerprintOf(content)}`;
}

/** The start of the UTC day of `now`: since when a job with a rowsJobName is this day's. */
export const startOfUtcDay = (now: Date) => new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);

/**
 * One submitJob. If its answer is lost, Scene7 is asked for the one job of that exact name started
 * since it was sent before anything is sent again, so a job is never started twice.
 */
export async function submit(item: ItemContext, companyHandle: string, jobName: string, request: IpsParam): Promise<string> {
	const sentAt = new Date();
	const result = await submitJob(item, request, async () => {
		try {
			return await findJobNamed(item, companyHandle, jobName, sentAt);
		} catch (error) {
			throw item.error(
				`The answer to submitJob was lost, and ${(error as Error).message}, so the job was not submitted again`,
				`Look for the jobs named '${jobName}' in Scene7 (Job > Get with a handle) before running the item again.`,
			);
		}
	});
	return requireReturnedHandle(item.node, result, {
		element: 'jobHandle',
		operation: 'submitJob',
		message: "Scene7 answered the job without the job's handle",
		description: `The job may or may not have started. Look for the job named '${jobName}' in Scene7 before running the item again.`,
		itemIndex: item.index,
	});
}

/**
 * The job an earlier run submitted under `jobName` since `since` (active, queued or finished), or a
 * new one: how a re-run, or Retry On Fail after a wait ran out, avoids a second job.
 */
export async function submitOrAdopt(
	item: ItemContext,
	companyHandle: string,
	jobName: string,
	since: Date,
	request: IpsParam,
): Promise<{ jobHandle: string; adopted: boolean }> {
	let earlier: { jobHandle: string } | undefined;
	try {
		earlier = await findJobNamed(item, companyHandle, jobName, since);
	} catch (error) {
		throw item.error(
			`${(error as Error).message}, so no job was submitted`,
			`Look at the jobs named '${jobName}' in Scene7, or give the rows a Job Name of their own (Options).`,
		);
	}
	if (earlier) return { jobHandle: earlier.jobHandle, adopted: true };
	return { jobHandle: await submit(item, companyHandle, jobName, request), adopted: false };
}

export type JobOutcome = { finished: true; log: JobLog } | { finished: false; state: string; progress?: number };

/** Waits for a job; the item's signal (Cancel, or the run stopping) ends the wait at once. */
export async function waitFor(item: ItemContext, companyHandle: string, jobHandle: string, timeoutS: number): Promise<JobOutcome> {
	return await waitForJob(item, companyHandle, jobHandle, { timeoutMs: timeoutS * 1000, signal: item.signal });
}

/**
 * What an item whose job outlasted Wait Timeout outputs: not an error (an error would make Retry
 * On Fail run the node again), but the job as it stands, with `timedOut: true`. Scene7 keeps
 * running it; Job > Get with the handle reads it later, and a re-run of the same rows finds it.
 */
export function stillRunning(jobHandle: string, state: string, progress: number | undefined, timeoutS: number): IDataObject {
	return {
		state: queuedOrState(state),
		timedOut: true,
		...(progress === undefined ? {} : { progress }),
		waitedSeconds: timeoutS,
		hint: `Scene7 is still running job ${jobHandle}: read it later with Job > Get and this job handle, or raise Options > Wait Timeout.`,
	};
}

/**
 * A state as the outputs show it. Scene7's waiting states (WaitingCoordinator, WaitingClient:
 * a job listed only with includeWaitingJobs, behind another) read as Queued (an inference from the
 * state names; the docs do not describe them).
 */
export const queuedOrState = (state: string): string => (/^waiting/i.test(state) ? 'Queued' : state);

/** Whether a job is still in Scene7's active list (for Job > Get). */
export async function activeJob(item: ItemContext, companyHandle: string, jobHandle: string) {
	const jobs = await getActiveJobs(item, { companyHandle, jobHandle, includeWaitingJobs: true });
	return jobs.find((job) => job.jobHandle === jobHandle && job.state !== 'Done');
}
