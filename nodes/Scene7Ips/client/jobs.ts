import type { IDataObject } from 'n8n-workflow';

import type { IpsCallOptions, IpsParam } from '../transport';
import { itemsOf } from './lookups';

// The IPS job calls (ips-api.md §10). Answers are parsed here into plain values: IPS arrays come
// as `{ items: [...] }` or not at all, and numbers and booleans arrive as strings.

/** What the job calls need of a client: Scene7Client and ItemContext both have it. */
export interface JobCaller {
	call(operation: string, param: IpsParam, extra?: Pick<IpsCallOptions, 'idempotent' | 'recover'>): Promise<IDataObject>;
}

export interface ActiveJob {
	jobHandle: string;
	name: string;
	originalName: string;
	type: string;
	state: string;
	progress: number;
	progressMessage: string;
	lastProgressUpdate?: string;
}

export interface JobLogDetail {
	logType: string;
	logMessage: string;
	dateCreated?: string;
	assetName?: string;
	assetType?: string;
	assetHandle?: string;
}

/** JobLog's file counts, under Scene7's own names. */
export interface JobCounts {
	fileSuccessCount: number;
	fileErrorCount: number;
	fileWarningCount: number;
	fileDuplicateCount: number;
	fileUpdateCount: number;
	totalFileCount: number;
}

export interface JobLog extends JobCounts {
	jobHandle: string;
	jobName: string;
	originalJobName: string;
	startDate?: string;
	endDate?: string;
	fatalError: boolean;
	detailTotalRows?: number;
	details: JobLogDetail[];
}

const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

/** An IPS number (sent as text); 0 when absent or not a number. */
export const numberOf = (value: unknown): number => {
	const parsed = typeof value === 'number' ? value : Number(text(value).trim());
	return text(value).trim() !== '' && Number.isFinite(parsed) ? parsed : 0;
};

const optional = (value: unknown) => (text(value) === '' ? undefined : text(value));

export const toActiveJob = (job: IDataObject): ActiveJob => ({
	jobHandle: text(job.jobHandle),
	name: text(job.name),
	originalName: text(job.originalName),
	type: text(job.type),
	state: text(job.state),
	progress: numberOf(job.progress),
	progressMessage: text(job.progressMessage),
	lastProgressUpdate: optional(job.lastProgressUpdate),
});

const toDetail = (detail: IDataObject): JobLogDetail => {
	const parsed: JobLogDetail = { logType: text(detail.logType), logMessage: text(detail.logMessage) };
	for (const key of ['dateCreated', 'assetName', 'assetType', 'assetHandle'] as const) {
		const value = optional(detail[key]);
		if (value !== undefined) parsed[key] = value;
	}
	return parsed;
};

export const toJobLog = (log: IDataObject): JobLog => ({
	jobHandle: text(log.jobHandle),
	jobName: text(log.jobName),
	originalJobName: text(log.originalJobName),
	startDate: optional(log.startDate),
	endDate: optional(log.endDate),
	fileSuccessCount: numberOf(log.fileSuccessCount),
	fileErrorCount: numberOf(log.fileErrorCount),
	fileWarningCount: numberOf(log.fileWarningCount),
	fileDuplicateCount: numberOf(log.fileDuplicateCount),
	fileUpdateCount: numberOf(log.fileUpdateCount),
	totalFileCount: numberOf(log.totalFileCount),
	fatalError: text(log.fatalError).trim().toLowerCase() === 'true',
	detailTotalRows: log.detailTotalRows === undefined ? undefined : numberOf(log.detailTotalRows),
	details: itemsOf(log.detailArray).map(toDetail),
});

/** Sends a job; not idempotent (a second submit is a second job), so `recover` says whether it arrived. */
export async function submitJob(
	caller: JobCaller,
	param: IpsParam,
	recover?: () => Promise<IDataObject | undefined>,
): Promise<IDataObject> {
	return await caller.call('submitJob', param, { idempotent: false, recover });
}

/** The active jobs matching a handle or an original name (`includeWaitingJobs` also lists queued ones). */
export async function getActiveJobs(
	caller: JobCaller,
	query: { companyHandle: string; jobHandle?: string; originalName?: string; includeWaitingJobs?: boolean },
): Promise<ActiveJob[]> {
	// Key order is getActiveJobsParam's xsd:sequence.
	const result = await caller.call('getActiveJobs', {
		companyHandle: query.companyHandle,
		jobHandle: query.jobHandle,
		originalName: query.originalName,
		includeWaitingJobs: query.includeWaitingJobs,
	});
	return itemsOf(result.jobArray).map(toActiveJob);
}

/** A company's job logs, without their details. */
export async function getJobLogs(caller: JobCaller, companyHandle: string, numRows?: number): Promise<JobLog[]> {
	const result = await caller.call('getJobLogs', { companyHandle, numRows });
	return itemsOf(result.jobLogArray).map(toJobLog);
}

/** The log of one finished job with its details, found by handle or original name; undefined if Scene7 has none (yet). */
export async function getJobLogDetails(
	caller: JobCaller,
	query: { companyHandle: string; jobHandle?: string; originalName?: string },
): Promise<JobLog | undefined> {
	// Key order is getJobLogDetailsParam's xsd:sequence.
	const result = await caller.call('getJobLogDetails', {
		companyHandle: query.companyHandle,
		jobHandle: query.jobHandle,
		originalName: query.originalName,
	});
	const logs = itemsOf(result.jobLogArray).map(toJobLog);
	return logs.find((log) => !query.jobHandle || log.jobHandle === query.jobHandle || log.jobHandle === '') ?? logs[0];
}

/** Stops a running job. */
export async function stopJob(caller: JobCaller, companyHandle: string, jobHandle: string): Promise<void> {
	await caller.call('stopJob', { companyHandle, jobHandle });
}

/**
 * After a submitJob whose answer was lost: the job's handle if Scene7 has the job under its
 * (unique) name, active, queued or already logged; undefined when it never arrived.
 */
export async function findSubmittedJob(caller: JobCaller, companyHandle: string, jobName: string): Promise<IDataObject | undefined> {
	const active = await getActiveJobs(caller, { companyHandle, originalName: jobName, includeWaitingJobs: true });
	const running = active.find((job) => job.originalName === jobName || job.name === jobName) ?? active[0];
	if (running?.jobHandle) return { jobHandle: running.jobHandle };
	const log = await getJobLogDetails(caller, { companyHandle, originalName: jobName });
	return log?.jobHandle ? { jobHandle: log.jobHandle } : undefined;
}
