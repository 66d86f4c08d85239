import type { IDataObject } from 'n8n-workflow';

import type { IpsCallOptions, IpsParam } from '../transport';
import { CLOCK_SKEW_MS, itemsOf } from './lookups';

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
	startDate?: string;
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
	startDate: optional(job.startDate),
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

/** Details per getJobLogDetails page: Scene7's default and maximum (r-get-job-log-details.md, ips-api.md §11.5). */
export const JOB_LOG_PAGE_SIZE = 1000;

/** Pages read for one job at most (100,000 details): a bound on a log that never ends, not a limit a job reaches. */
export const MAX_JOB_LOG_PAGES = 100;

/** One page of job logs with their details (`resultsPage` counts from 1). */
async function jobLogPage(
	caller: JobCaller,
	query: { companyHandle: string; jobHandle?: string; originalName?: string },
	resultsPage: number,
): Promise<JobLog[]> {
	// Key order is getJobLogDetailsParam's xsd:sequence.
	const result = await caller.call('getJobLogDetails', {
		companyHandle: query.companyHandle,
		jobHandle: query.jobHandle,
		originalName: query.originalName,
		recordsPerPage: JOB_LOG_PAGE_SIZE,
		resultsPage,
	});
	return itemsOf(result.jobLogArray).map(toJobLog);
}

/**
 * The log of one job with all its details, found by handle or original name; undefined if Scene7
 * has none (yet). Scene7 returns at most 1,000 details a page, so the pages are read until
 * `detailTotalRows` details have come (or a page comes back short or empty). By original name, the
 * log of the job with that exact name is taken, and none when several jobs have it.
 */
export async function getJobLogDetails(
	caller: JobCaller,
	query: { companyHandle: string; jobHandle?: string; originalName?: string },
): Promise<JobLog | undefined> {
	const pick = (logs: JobLog[]) =>
		query.jobHandle
			? logs.find((log) => log.jobHandle === query.jobHandle || log.jobHandle === '')
			: uniqueBy(logs.filter((log) => log.originalJobName === query.originalName || log.jobName === query.originalName));
	const first = pick(await jobLogPage(caller, query, 1));
	if (!first) return undefined;
	const byHandle = { companyHandle: query.companyHandle, jobHandle: first.jobHandle || query.jobHandle };
	const details = [...first.details];
	const total = first.detailTotalRows ?? details.length;
	let pageLength = first.details.length;
	for (let page = 2; details.length < total && pageLength >= JOB_LOG_PAGE_SIZE && page <= MAX_JOB_LOG_PAGES; page++) {
		const next = pick(await jobLogPage(caller, byHandle, page));
		pageLength = next?.details.length ?? 0;
		if (!next || pageLength === 0) break;
		details.push(...next.details);
	}
	return { ...first, details };
}

/** The one entry of a list, or undefined when it has none or several. */
const uniqueBy = <T>(list: T[]): T | undefined => (list.length === 1 ? list[0] : undefined);

/**
 * The one job Scene7 has with exactly this name, active, queued or logged, that did not start
 * before `notBefore` (less CLOCK_SKEW_MS); undefined when there is none. Nothing else is taken for
 * it (not any active job, not the newest log): that could be another run's job. Two or more are an
 * error: the caller cannot tell which is its own, and guessing could run a job twice.
 */
export async function findJobNamed(
	caller: JobCaller,
	companyHandle: string,
	jobName: string,
	notBefore: Date,
): Promise<{ jobHandle: string } | undefined> {
	const since = notBefore.getTime() - CLOCK_SKEW_MS;
	const recentEnough = (start: string | undefined) => start === undefined || !(Date.parse(start) < since);
	const active = await getActiveJobs(caller, { companyHandle, originalName: jobName, includeWaitingJobs: true });
	const logs = await jobLogPage(caller, { companyHandle, originalName: jobName }, 1);
	const handles = new Set([
		...active.filter((job) => (job.originalName || job.name) === jobName && recentEnough(job.startDate)).map((job) => job.jobHandle),
		...logs.filter((log) => (log.originalJobName || log.jobName) === jobName && recentEnough(log.startDate)).map((log) => log.jobHandle),
	]);
	handles.delete('');
	if (handles.size > 1) {
		throw new Error(`Scene7 has ${handles.size} jobs named '${jobName}' started since ${new Date(since).toISOString()}: the node cannot tell which one is this run's`);
	}
	const [jobHandle] = handles;
	return jobHandle ? { jobHandle } : undefined;
}
