// Job operations (submitJob, getActiveJobs, getJobLogs, getJobLogDetails, stopJob) and getProperty.
// The jobs themselves run in jobs.ts; these shape requests into JobRecords and records into replies.
import { companyAccess } from '../access';
import { asArgs, optBoolean, optInt, optItems, optString, optStringItems, reqString, type Args } from '../args';
import { FAULT_CODES, invalidParameter, ipsApiFault, missingParameter } from '../faults';
import type { JobRecord } from '../model';
import { companyOf, oneOf, unsupported, type CallContext } from './context';
import type { Out } from './serialize';

const PUBLISH_TYPES = ['Full', 'FullWithSearch', 'Incremental'] as const;
export const EMAIL_SETTINGS = ['All', 'Error', 'ErrorAndWarning', 'JobCompletion', 'None'] as const;
const SERVER_NAME = 'ips-sandbox';

function publishSpec(raw: unknown, where: string): { publishType: string; emailSetting: string } {
	const spec = asArgs(raw);
	if (optString(spec, 'httpCompletionUrl') !== undefined) unsupported(`${where}/httpCompletionUrl`);
	if (optString(spec, 'contextHandle') !== undefined) unsupported(`${where}/contextHandle`);
	return {
		publishType: oneOf(reqString(spec, 'publishType'), PUBLISH_TYPES, `${where}/publishType`) as string,
		emailSetting: oneOf(reqString(spec, 'emailSetting'), EMAIL_SETTINGS, `${where}/emailSetting`) as string,
	};
}

export function submitJob(args: Args, ctx: CallContext): Out {
	const company = companyOf(ctx);
	const jobName = reqString(args, 'jobName');
	if (jobName.trim() === '') throw invalidParameter(`Invalid jobName '${jobName}': must not be empty`);
	const hasPublish = args.imageServingPublishJob !== undefined;
	const hasUpload = args.uploadUrlsJob !== undefined;
	if (hasPublish && hasUpload)
		throw invalidParameter('submitJob takes one job: imageServingPublishJob or uploadUrlsJob, not both');
	if (!hasPublish && !hasUpload) {
		throw missingParameter(
			"Missing job element in 'submitJobParam': the IPS sandbox runs imageServingPublishJob and uploadUrlsJob",
		);
	}
	const now = ctx.now;
	const job: JobRecord = {
		jobHandle: ctx.jobs.newJobHandle(company),
		companyHandle: company.companyHandle,
		name: jobName,
		originalName: jobName,
		type: hasPublish ? 'ImageServingPublishJob' : 'UploadUrlsJob',
		state: 'New',
		submitUserEmail: ctx.user.email,
		locale: optString(args, 'locale'),
		description: optString(args, 'description'),
		submitted: now,
		progress: 0,
		progressMessage: 'Waiting to start',
		lastProgressUpdate: now,
		stopped: false,
		fatalError: false,
		counts: { success: 0, error: 0, warning: 0, duplicate: 0, update: 0, total: 0 },
		details: [],
	};
	if (hasPublish) job.publish = publishSpec(args.imageServingPublishJob, 'imageServingPublishJob');
	if (hasUpload) {
		const spec = asArgs(args.uploadUrlsJob);
		const where = 'uploadUrlsJob';
		const urls = (optItems(spec, 'urlArray') ?? []).map((raw) => {
			const u = asArgs(raw);
			return { sourceUrl: reqString(u, 'sourceUrl'), destPath: reqString(u, 'destPath') };
		});
		if (urls.length === 0) throw missingParameter(`Missing '${where}/urlArray': nothing to upload`);
		if (optBoolean(spec, 'createMask')) unsupported(`${where}/createMask=true`);
		job.upload = {
			urls,
			overwrite: optBoolean(spec, 'overwrite') ?? false,
			readyForPublish: optBoolean(spec, 'readyForPublish') ?? false,
			createMask: false,
			emailSetting: oneOf(reqString(spec, 'emailSetting'), EMAIL_SETTINGS, `${where}/emailSetting`) as string,
			postPublish:
				spec.postImageServingPublishJob === undefined
					? undefined
					: publishSpec(spec.postImageServingPublishJob, `${where}/postImageServingPublishJob`),
		};
	}
	ctx.jobs.submit(job);
	return { jobHandle: job.jobHandle };
}

/** Jobs of the named company, or of every company the caller may use when none is named. */
function visibleJobs(args: Args, ctx: CallContext): JobRecord[] {
	const companyHandle = optString(args, 'companyHandle');
	if (companyHandle !== undefined) {
		const { company } = companyAccess(ctx.state, ctx.user, companyHandle);
		return ctx.state.jobs.filter((j) => j.companyHandle === company.companyHandle);
	}
	const allowed = (c: string) =>
		ctx.user.isIpsAdmin || ctx.user.memberships.some((m) => m.companyHandle === c && m.isActive);
	return ctx.state.jobs.filter((j) => allowed(j.companyHandle));
}

function uploadSpecOut(job: JobRecord): Out | undefined {
	const u = job.upload;
	if (!u) return undefined;
	return {
		urlArray: { items: u.urls.map((x) => ({ sourceUrl: x.sourceUrl, destPath: x.destPath })) },
		overwrite: u.overwrite,
		readyForPublish: u.readyForPublish,
		createMask: u.createMask,
		emailSetting: u.emailSetting,
		postImageServingPublishJob: u.postPublish && { ...u.postPublish },
	};
}

function uploadPostSpecOut(job: JobRecord): Out | undefined {
	const u = job.uploadPost;
	if (!u) return undefined;
	return {
		overwrite: u.overwrite,
		readyForPublish: u.readyForPublish,
		preservePublishState: u.preservePublishState,
		createMask: u.createMask,
		emailSetting: u.emailSetting,
		xmpKeywords: u.xmpKeywords,
	};
}

function activeJobOut(job: JobRecord): Out {
	return {
		companyHandle: job.companyHandle,
		jobHandle: job.jobHandle,
		name: job.name,
		originalName: job.originalName,
		type: job.type,
		state: job.state,
		submitUserEmail: job.submitUserEmail,
		locale: job.locale,
		description: job.description,
		serverName: SERVER_NAME,
		startDate: job.startDate ?? job.submitted,
		triggerTime: job.submitted,
		// Files of the job (URLs, or files received by the UploadFile servlet so far): what Scene7 counts is not documented.
		totalSize: job.upload?.urls.length ?? job.uploadPost?.files.length ?? 0,
		progress: job.progress,
		progressMessage: job.progressMessage,
		lastProgressUpdate: job.lastProgressUpdate,
		taskProgressArray: {},
		imageServingPublishJob: job.publish && { ...job.publish },
		uploadUrlsJob: uploadSpecOut(job),
		uploadPostJob: uploadPostSpecOut(job),
	};
}

/**
 * Active jobs. Jobs queued behind another (WaitingCoordinator) are listed only with
 * includeWaitingJobs (a WSDL field the docs do not describe; its meaning is inferred from its name).
 */
export function getActiveJobs(args: Args, ctx: CallContext): Out {
	const jobHandle = optString(args, 'jobHandle');
	const originalName = optString(args, 'originalName');
	const includeWaiting = optBoolean(args, 'includeWaitingJobs') === true;
	const items = visibleJobs(args, ctx)
		.filter((j) => j.state !== 'Done')
		.filter((j) => includeWaiting || j.state !== 'WaitingCoordinator')
		.filter((j) => jobHandle === undefined || j.jobHandle === jobHandle)
		.filter((j) => originalName === undefined || j.originalName === originalName)
		.map(activeJobOut);
	return { jobArray: { items } };
}

function jobLogOut(job: JobRecord, details?: { items: JobRecord['details']; total: number }): Out {
	return {
		companyHandle: job.companyHandle,
		jobHandle: job.jobHandle,
		jobName: job.name,
		originalJobName: job.originalName,
		submitUserEmail: job.submitUserEmail,
		logType: job.type,
		jobSubType: '',
		startDate: job.startDate,
		endDate: job.endDate,
		description: job.description ?? '',
		fileSuccessCount: job.counts.success,
		fileErrorCount: job.counts.error,
		fileWarningCount: job.counts.warning,
		fileDuplicateCount: job.counts.duplicate,
		fileUpdateCount: job.counts.update,
		totalFileCount: job.counts.total,
		transferSuccessCount: job.counts.success + job.counts.duplicate,
		transferErrorCount: job.counts.error,
		transferWarningCount: 0,
		fatalError: job.fatalError,
		detailTotalRows: details?.total,
		detailArray: details && {
			items: details.items.map((d) => ({
				logMessage: d.logMessage,
				logType: d.logType,
				dateCreated: d.dateCreated,
				assetName: d.assetName,
				assetType: d.assetType,
				assetHandle: d.assetHandle,
			})),
		},
	};
}

function optTime(args: Args, name: string): number | undefined {
	const v = args[name];
	if (v === undefined || v === null) return undefined;
	return v instanceof Date ? v.getTime() : Date.parse(String(v));
}

/** Job logs exist from submission; a job still running has no endDate yet. */
export function getJobLogs(args: Args, ctx: CallContext): Out {
	const userHandle = optString(args, 'userHandle');
	let submitter: string | undefined;
	if (userHandle !== undefined) {
		const user = ctx.state.users.find((u) => u.userHandle === userHandle);
		if (!user) throw invalidParameter(`Invalid userHandle '${userHandle}'`);
		submitter = user.email;
	}
	const from = optTime(args, 'startDate');
	const to = optTime(args, 'endDate');
	const numRows = optInt(args, 'numRows');
	if (numRows !== undefined && numRows < 1) throw invalidParameter(`Invalid numRows '${numRows}'`);
	const jobs = visibleJobs(args, ctx)
		.filter((j) => submitter === undefined || j.submitUserEmail === submitter)
		.filter((j) => from === undefined || Date.parse(j.submitted) >= from)
		.filter((j) => to === undefined || Date.parse(j.submitted) <= to)
		// Newest first (an assumption: the docs do not say).
		.slice()
		.reverse()
		.slice(0, numRows);
	return { jobLogArray: { items: jobs.map((j) => jobLogOut(j)) } };
}

const LOG_TYPES = ['Info', 'Warning', 'Error', 'UploadSuccess', 'FileUpdated', 'DuplicateSkipped', 'UploadError'] as const;

/** getJobLogDetails' recordsPerPage: "The maximum and default value is 1000" (r-get-job-log-details.md). */
export const JOB_LOG_PAGE_SIZE = 1000;

export function getJobLogDetails(args: Args, ctx: CallContext): Out {
	const company = companyOf(ctx);
	const jobHandle = optString(args, 'jobHandle');
	const originalName = optString(args, 'originalName');
	const logTypes = optStringItems(args, 'logTypeArray');
	for (const t of logTypes ?? []) oneOf(t, LOG_TYPES, 'logTypeArray/items');
	const asked = optInt(args, 'recordsPerPage');
	const resultsPage = optInt(args, 'resultsPage') ?? 1;
	if (asked !== undefined && asked < 1) throw invalidParameter(`Invalid recordsPerPage '${asked}': must be at least 1`);
	// Above the maximum, the page is cut to it (an assumption: the docs give the maximum, not what a larger value does).
	const recordsPerPage = Math.min(asked ?? JOB_LOG_PAGE_SIZE, JOB_LOG_PAGE_SIZE);
	if (resultsPage < 1) throw invalidParameter(`Invalid resultsPage '${resultsPage}': pages are numbered from 1`);
	const jobs = ctx.state.jobs.filter(
		(j) =>
			j.companyHandle === company.companyHandle &&
			(jobHandle === undefined || j.jobHandle === jobHandle) &&
			(originalName === undefined || j.originalName === originalName),
	);
	if (jobHandle !== undefined && jobs.length === 0) throw invalidParameter(`Invalid jobHandle '${jobHandle}'`);
	const items = jobs.map((j) => {
		const all = j.details.filter((d) => !logTypes || logTypes.length === 0 || logTypes.includes(d.logType));
		const page = all.slice((resultsPage - 1) * recordsPerPage, resultsPage * recordsPerPage);
		return jobLogOut(j, { items: page, total: all.length });
	});
	return { jobLogArray: { items } };
}

export function stopJob(args: Args, ctx: CallContext): Out {
	const company = companyOf(ctx);
	const jobHandle = reqString(args, 'jobHandle');
	const job = ctx.state.jobs.find((j) => j.jobHandle === jobHandle && j.companyHandle === company.companyHandle);
	if (!job) throw invalidParameter(`Invalid jobHandle '${jobHandle}'`);
	if (job.state === 'Done')
		throw ipsApiFault(FAULT_CODES.EXCEPTION, `Job '${job.name}' (${jobHandle}) is not active`);
	ctx.jobs.stop(job, ctx.user.email);
	return {};
}

/**
 * Of the names the IPS reference lists, the sandbox knows IpsImageServerUrl and UploadPostMaxFileSize
 * ("Maximum size (in bytes) of file data allowed in an upload POST", r-get-property.md: the sandbox's
 * uploadMaxFileSize option).
 */
export function getProperty(args: Args, ctx: CallContext): Out {
	const name = reqString(args, 'name');
	if (name === 'IpsImageServerUrl') return { value: ctx.imageServerUrl() };
	if (name === 'UploadPostMaxFileSize') return { value: String(ctx.uploadMaxFileSize) };
	throw invalidParameter(
		`Invalid property name '${name}': the IPS sandbox knows IpsImageServerUrl and UploadPostMaxFileSize`,
	);
}
