import type { ActiveJob, JobLog, JobLogDetail } from '../client/jobs';

// What Scene7's answers about a job say, without asking: where the job stands, whether it failed,
// its counts, and each uploaded row's state in its log. The calls and the wait are in
// client/jobWait.ts; these pure parts are tested without a clock.

export type JobStatus =
	| { finished: false; state: string; progress?: number; progressMessage?: string }
	| { finished: true; state: 'Done'; log: JobLog };

/**
 * Where a job stands from Scene7's two answers: still active (its state) when getActiveJobs lists
 * it with a state other than Done; finished once its log is there. Neither: it has not started or
 * its log is not written yet, so it is still pending. Scene7's active states (ips-api.md §10):
 * Unknown, New, WaitingClient, WaitingCoordinator, Running, Stopping.
 */
export function jobStatus(active: ActiveJob | undefined, log: JobLog | undefined): JobStatus {
	if (active && active.state !== 'Done') {
		return { finished: false, state: active.state || 'Unknown', progress: active.progress, progressMessage: active.progressMessage };
	}
	if (log) return { finished: true, state: 'Done', log };
	return { finished: false, state: active?.state || 'Unknown' };
}

// Assumption: a detail whose logType names an error or a failure reports a failed file.
export const isErrorDetail = (detail: JobLogDetail) => /error|fail/i.test(detail.logType);

/** Whether a finished job reported failures. */
export const jobFailed = (log: JobLog) => log.fatalError || log.fileErrorCount > 0;

/** The failed files a log names (asset names, or the messages of errors that name none). */
export function failedFiles(log: JobLog): string[] {
	return log.details.filter(isErrorDetail).map((detail) => detail.assetName || detail.logMessage);
}

/** The file name an URL ends with ('' when its path ends with a slash). */
export function fileNameOfUrl(url: string): string {
	let path: string;
	try {
		path = new URL(url).pathname;
	} catch {
		path = url.split(/[?#]/)[0];
	}
	const last = path.split('/').pop() ?? '';
	try {
		return decodeURIComponent(last);
	} catch {
		return last;
	}
}

/**
 * The asset name Scene7 gives an uploaded file: its name without the extension. An inference from
 * how Scene7 names uploads (IPS ID = file name without extension), not a documented rule.
 */
export function assetNameOfFile(fileName: string): string {
	const base = fileName.split('/').pop() ?? fileName;
	const dot = base.lastIndexOf('.');
	return dot > 0 ? base.slice(0, dot) : base;
}

/** A row the log is matched to: the asset name its file gets, its file name and source URL. */
export interface UploadRow {
	assetName: string;
	fileName: string;
	sourceUrl: string;
}

/** What Scene7's log says of one row's file. */
export type UploadState = 'Uploaded' | 'Updated' | 'Duplicate skipped' | 'Failed' | 'Not in log';

/**
 * What one detail says of its file, by its log type (the per-file types ips-api.md §11.1 lists from
 * r-job-log-types.md: UploadSuccess, FileUpdated, DuplicateSkipped, UploadError, …); undefined for
 * a detail that reports no outcome (FileBegin, warnings, job-level messages).
 */
export function detailState(detail: JobLogDetail): UploadState | undefined {
	if (isErrorDetail(detail)) return 'Failed';
	const type = detail.logType.toLowerCase();
	if (type.includes('duplicate')) return 'Duplicate skipped';
	if (type.includes('update')) return 'Updated';
	if (type.includes('success') || type.includes('uploaded')) return 'Uploaded';
	// Assumption: a detail of another type that names the asset's handle reports a stored file.
	return detail.assetHandle ? 'Uploaded' : undefined;
}

/** When one file has several details, the one that decides its state: a failure outranks the rest. */
const STATE_RANK: UploadState[] = ['Failed', 'Updated', 'Duplicate skipped', 'Uploaded'];

export interface RowResult {
	state: UploadState;
	/** The detail the state comes from (none for Not in log). */
	detail?: JobLogDetail;
}

/**
 * Each row's state in a job's log. Rows are matched by asset name (without case and extension):
 * the rows of one job never share one (rows that would are refused before the job is sent), so a
 * name names one row. An error that names no asset counts for the row whose source URL or file
 * name its message quotes. A row no detail speaks of is Not in log.
 */
export function rowStates(rows: UploadRow[], details: JobLogDetail[]): RowResult[] {
	const byName = new Map<string, Array<{ state: UploadState; detail: JobLogDetail }>>();
	const unnamedErrors: JobLogDetail[] = [];
	for (const detail of details) {
		const state = detailState(detail);
		if (!state) continue;
		if (!detail.assetName) {
			if (state === 'Failed') unnamedErrors.push(detail);
			continue;
		}
		const key = assetNameOfFile(detail.assetName).toLowerCase();
		byName.set(key, [...(byName.get(key) ?? []), { state, detail }]);
	}
	return rows.map((row) => {
		const named = byName.get(row.assetName.toLowerCase()) ?? [];
		const decided = STATE_RANK.map((state) => named.find((entry) => entry.state === state)).find((entry) => entry !== undefined);
		if (decided) return { state: decided.state, detail: decided.detail };
		const quoted = unnamedErrors.find((detail) => detail.logMessage.includes(row.sourceUrl) || detail.logMessage.includes(row.fileName));
		return quoted ? { state: 'Failed', detail: quoted } : { state: 'Not in log' };
	});
}

/** A job's counts for an output item. */
export const countsOf = (log: JobLog) => ({
	fileSuccessCount: log.fileSuccessCount,
	fileErrorCount: log.fileErrorCount,
	fileWarningCount: log.fileWarningCount,
	fileDuplicateCount: log.fileDuplicateCount,
	fileUpdateCount: log.fileUpdateCount,
	totalFileCount: log.totalFileCount,
});

