import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { JobLog } from '../../client/jobs';
import { errorForItem } from '../../helpers/errors';
import { byGroup, chunkNumbers } from '../../helpers/groups';
import { assetNameOfFile, fileNameOfUrl, rowStates, type UploadRow } from '../../helpers/jobLog';
import { companyRLC, folderRLC, optionsCollection, retryOption, timeoutOption } from '../common.descriptions';
import type { ItemContext } from '../item';
import type { OperationOutput } from '../operation';
import {
	emailSettingOption,
	jobNameOption,
	rowsJobName,
	startOfUtcDay,
	stillRunning,
	submit,
	submitOrAdopt,
	waitFor,
	waitForCompletionOnOption,
	uploadOptions,
	type UploadOptions,
	waitTimeoutOption,
	createMaskOption,
	overwriteOption,
	readyForPublishOption,
} from './shared';
import { collisions, uploadRowOutput } from './uploadRows';

/**
 * Files in one upload job at most. UploadUrlsJob documents no limit (ips-api.md §11.5); the bound
 * keeps what one job can fail at once, and the log the node reads for it, to the size of one
 * getJobLogDetails page (1,000 details).
 */
export const MAX_FILES_PER_UPLOAD_JOB = 1000;

/**
 * Upload jobs of one run in flight at once (Job Per Item, or a run cut into several jobs). Each
 * job is polled until it ends; an assumption is that Scene7 runs a company's jobs from a queue, so
 * more side by side would only wait there.
 */
export const MAX_UPLOAD_JOBS_IN_FLIGHT = 4;

const properties: INodeProperties[] = [
	companyRLC,
	{
		displayName: 'Source URL',
		name: 'sourceUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/images/shoe.jpg',
		description: 'The http(s) URL Scene7 downloads the file from; it must be reachable from Scene7',
	},
	{ ...folderRLC, description: 'The folder the uploaded file goes into' },
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. shoe.jpg',
		description: "The name to give the file in Scene7. Leave empty to use the last part of the URL's path.",
	},
	optionsCollection([
		createMaskOption,
		emailSettingOption,
		jobNameOption('Summer catalog upload'),
		{
			displayName: 'Job Per Item',
			name: 'jobPerItem',
			type: 'boolean',
			default: false,
			description: 'Whether to submit one job per item instead of one job for all items of a company',
		},
		overwriteOption,
		{
			displayName: 'Publish When Done',
			name: 'publishWhenDone',
			type: 'boolean',
			default: false,
			description: 'Whether Scene7 runs an incremental Image Serving publish once the upload is done, so the image URLs go live',
		},
		readyForPublishOption,
		retryOption('A job is never submitted twice: when its outcome is unknown, Scene7 is asked for a job of that name first'),
		timeoutOption,
		waitForCompletionOnOption,
		waitTimeoutOption,
	]),
];

const displayOptions = { show: { resource: ['job'], operation: ['uploadFromUrls'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface UploadSettings extends UploadOptions {
	jobPerItem: boolean;
}

interface UploadPart extends UploadRow {
	companyHandle: string;
	folderHandle: string;
	destPath: string;
	settings: UploadSettings;
}

function settingsOf(item: ItemContext): UploadSettings {
	return { ...uploadOptions(item.options), jobPerItem: item.options.jobPerItem === true };
}

export async function prepare(this: IExecuteFunctions, item: ItemContext): Promise<UploadPart> {
	const settings = settingsOf(item);
	const sourceUrl = item.text('sourceUrl', 'Source URL', 'Enter the http(s) URL of the file to upload.');
	let protocol = '';
	try {
		protocol = new URL(sourceUrl).protocol;
	} catch {
		// Not a URL at all: said below.
	}
	if (protocol !== 'http:' && protocol !== 'https:') {
		throw item.error(
			`The Source URL '${sourceUrl}' is not an http(s) URL`,
			'Scene7 downloads uploads from http:// or https:// URLs. Enter a full URL such as https://example.com/shoe.jpg.',
		);
	}
	const fileName = item.optionalText('fileName', 'File Name') || fileNameOfUrl(sourceUrl);
	if (!fileName) {
		throw item.error(
			`No file name can be taken from the Source URL '${sourceUrl}'`,
			'Its path ends with a slash. Enter the name to give the file in File Name, e.g. shoe.jpg.',
		);
	}
	if (fileName.includes('/')) {
		throw item.error(`The File Name '${fileName}' contains a slash`, 'Enter a name only; choose the folder in Folder.');
	}
	const companyHandle = await item.company();
	const folderHandle = await item.folder(companyHandle);
	// destPath is "the IPS file path and name" (Adobe's UploadUrl); a folder handle is its path, bare or with f|.
	const folderPath = folderHandle.replace(/^f\|/, '').replace(/\/*$/, '/');
	return {
		companyHandle,
		folderHandle,
		sourceUrl,
		fileName,
		assetName: assetNameOfFile(fileName),
		destPath: `${folderPath}${fileName}`,
		settings,
	};
}

type Prepared = { item: ItemContext; part: UploadPart };

/** submitJobParam for one upload job; key order is the WSDL's sequence (submitJob, UploadUrlsJob). */
function uploadRequest(companyHandle: string, jobName: string, group: Prepared[]) {
	const { settings } = group[0].part;
	return {
		companyHandle,
		jobName,
		uploadUrlsJob: {
			urlArray: { items: group.map(({ part }) => ({ sourceUrl: part.sourceUrl, destPath: part.destPath })) },
			overwrite: settings.overwrite,
			readyForPublish: settings.readyForPublish,
			createMask: settings.createMask,
			emailSetting: settings.emailSetting,
			// Incremental publishes only what changed, which is what an upload needs to go live.
			postImageServingPublishJob: settings.publishWhenDone
				? { publishType: 'Incremental', emailSetting: settings.emailSetting }
				: undefined,
		},
	};
}

/** What each upload row outputs for the state the job's log gives it. */
async function rowResults(group: Prepared[], base: (part: UploadPart) => IDataObject, log: JobLog, jobHandle: string) {
	const states = rowStates(
		group.map(({ part }) => part),
		log.details,
	);
	return await Promise.all(
		group.map(
			async (entry, position) =>
				await uploadRowOutput(
					entry,
					states[position],
					{
						log,
						jobHandle,
						failedHint: ` from ${entry.part.sourceUrl}. Check that the URL is reachable from Scene7 and is a file Scene7 accepts.`,
					},
					base(entry.part),
				),
		),
	);
}

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-submit-job.html
export async function executeBatch(
	this: IExecuteFunctions,
	prepared: Array<{ item: ItemContext; part: unknown }>,
): Promise<Array<OperationOutput | Error>> {
	// The router hands back what prepare returned.
	const all = prepared as Prepared[];
	const refused = collisions(all, (earlier) => ` ('${earlier.destPath}')`);
	const parts = all.filter((_, position) => refused[position] === undefined);
	const now = new Date();
	// One job per company (Scene7 jobs are batch jobs) and at most MAX_FILES_PER_UPLOAD_JOB files,
	// unless Job Per Item; rows whose job options differ cannot share a job.
	const jobOf = ({ part, item }: Prepared) => JSON.stringify([part.companyHandle, part.settings, part.settings.jobPerItem ? item.index : -1]);
	const chunks = chunkNumbers(parts, jobOf, MAX_FILES_PER_UPLOAD_JOB);
	const chunkCount = new Map<string, number>();
	parts.forEach((entry, position) => chunkCount.set(jobOf(entry), chunks[position] + 1));
	const chunkOf = new Map(parts.map((entry, position) => [entry, chunks[position]]));
	const accepted = await byGroup(
		parts,
		(entry) => `${jobOf(entry)}#${chunkOf.get(entry)}`,
		async (group): Promise<Array<OperationOutput | Error>> => {
			const { item: first, part } = group[0];
			const { companyHandle, settings } = part;
			const request = (jobName: string) => uploadRequest(companyHandle, jobName, group);
			// Named by the node: the rows' own name, found again by a re-run the same day. Named by the
			// user: that name (numbered when the rows need several jobs), always a new job.
			const count = chunkCount.get(jobOf(group[0])) ?? 1;
			const userName = settings.jobPerItem
				? `${settings.jobName} #${first.index}`
				: count > 1
					? `${settings.jobName} (${(chunkOf.get(group[0]) ?? 0) + 1} of ${count})`
					: settings.jobName;
			const jobName = settings.jobName ? userName : rowsJobName('upload', JSON.stringify(request('')), now);

			let jobHandle = '';
			let adopted = false;
			try {
				if (settings.jobName) jobHandle = await submit(first, companyHandle, jobName, request(jobName));
				else ({ jobHandle, adopted } = await submitOrAdopt(first, companyHandle, jobName, startOfUtcDay(now), request(jobName)));
			} catch (error) {
				return group.map(({ item }) => errorForItem(item.node, error, item.index));
			}
			const base = (row: UploadPart): IDataObject => ({
				jobHandle,
				jobName,
				companyHandle,
				sourceUrl: row.sourceUrl,
				destPath: row.destPath,
				...(adopted ? { fromEarlierJob: true } : {}),
			});
			if (!settings.waitForCompletion) {
				return group.map(({ part: row }) => ({ ...base(row), state: 'Submitted' }));
			}
			const outcome = await waitFor(first, companyHandle, jobHandle, settings.waitTimeout).catch((error: unknown) => error as Error);
			if (outcome instanceof Error) {
				return group.map(({ item }) => errorForItem(item.node, outcome, item.index));
			}
			if (!outcome.finished) {
				return group.map(({ part: row }) => ({ ...base(row), ...stillRunning(jobHandle, outcome.state, outcome.progress, settings.waitTimeout) }));
			}
			return await rowResults(group, base, outcome.log, jobHandle);
		},
		MAX_UPLOAD_JOBS_IN_FLIGHT,
	);
	let next = 0;
	return refused.map((error) => error ?? accepted[next++]);
}
