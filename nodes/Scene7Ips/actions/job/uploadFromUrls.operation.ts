import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { JobLog } from '../../client/jobs';
import { errorForItem } from '../../helpers/errors';
import { assetNameOfFile, countsOf, fileNameOfUrl, jobFailed, matchDetails, type UploadRow } from '../../helpers/jobWait';
import { companyRLC, folderRLC, optionsCollection, retryOption, timeoutOption } from '../common.descriptions';
import { byGroup } from '../../helpers/groups';
import type { ItemContext } from '../item';
import type { OperationOutput } from '../operation';
import {
	emailSettingOption,
	generatedJobName,
	jobNameOption,
	stillRunningError,
	submit,
	waitFor,
	waitForCompletionOnOption,
	waitSettings,
	waitTimeoutOption,
} from './shared';

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
		{
			displayName: 'Create Mask',
			name: 'createMask',
			type: 'boolean',
			default: false,
			description: 'Whether Scene7 creates a mask from the image',
		},
		emailSettingOption,
		jobNameOption('Summer catalog upload'),
		{
			displayName: 'Job Per Item',
			name: 'jobPerItem',
			type: 'boolean',
			default: false,
			description: 'Whether to submit one job per item instead of one job for all items of a company',
		},
		{
			displayName: 'Overwrite',
			name: 'overwrite',
			type: 'boolean',
			default: true,
			description: 'Whether an upload replaces a file of the same name; off leaves the existing file and reports the upload as a duplicate',
		},
		{
			displayName: 'Publish When Done',
			name: 'publishWhenDone',
			type: 'boolean',
			default: false,
			description: 'Whether Scene7 runs an incremental Image Serving publish once the upload is done, so the image URLs go live',
		},
		{
			displayName: 'Ready for Publish',
			name: 'readyForPublish',
			type: 'boolean',
			default: true,
			description: 'Whether the uploaded images are marked ready to be published',
		},
		retryOption('A job is never submitted twice: when its outcome is unknown, Scene7 is asked for a job of that name first'),
		timeoutOption,
		waitForCompletionOnOption,
		waitTimeoutOption,
	]),
];

const displayOptions = { show: { resource: ['job'], operation: ['uploadFromUrls'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface UploadSettings {
	overwrite: boolean;
	readyForPublish: boolean;
	createMask: boolean;
	emailSetting: string;
	publishWhenDone: boolean;
	jobName: string;
	jobPerItem: boolean;
	waitForCompletion: boolean;
	waitTimeout: number;
}

interface UploadPart extends UploadRow {
	companyHandle: string;
	folderHandle: string;
	destPath: string;
	settings: UploadSettings;
}

function settingsOf(item: ItemContext): UploadSettings {
	const options = item.options;
	return {
		overwrite: options.overwrite !== false,
		readyForPublish: options.readyForPublish !== false,
		createMask: options.createMask === true,
		emailSetting: typeof options.emailSetting === 'string' && options.emailSetting ? options.emailSetting : 'None',
		publishWhenDone: options.publishWhenDone === true,
		jobName: typeof options.jobName === 'string' ? options.jobName.trim() : '',
		jobPerItem: options.jobPerItem === true,
		...waitSettings(options, true),
	};
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

/** A finished job's result for each row of the group: its asset, or the error the log gives its file. */
async function rowResults(group: Prepared[], base: (part: UploadPart) => IDataObject, log: JobLog, jobHandle: string) {
	const matches = matchDetails(group.map(({ part }) => part), log.details);
	return await Promise.all(
		group.map(async ({ item, part }, position): Promise<OperationOutput | Error> => {
			const { success, error } = matches[position];
			if (error) {
				return item.error(
					`Scene7 could not upload '${part.fileName}': ${error.logMessage || error.logType}`,
					`Job ${jobHandle} logged this error for the file from ${part.sourceUrl}. Check that the URL is reachable from Scene7 and is a file Scene7 accepts.`,
				);
			}
			if (!success && jobFailed(log)) {
				return item.error(
					`The Scene7 upload job ${jobHandle} ended with ${log.fatalError ? 'a fatal error' : 'errors'} and logged nothing for '${part.fileName}'`,
					'The file was probably not uploaded. Job > Get with the job handle lists the job log.',
				);
			}
			const output: IDataObject = { ...base(part), state: 'Done', ...countsOf(log) };
			const assetName = success?.assetName ?? part.assetName;
			if (success?.assetHandle) output.assetHandle = success.assetHandle;
			output.assetName = assetName;
			try {
				output.imageUrl = await item.imageUrl(part.companyHandle, assetName);
			} catch (urlError) {
				output.imageUrlError = (urlError as Error).message;
			}
			return output;
		}),
	);
}

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-submit-job.html
export async function executeBatch(
	this: IExecuteFunctions,
	prepared: Array<{ item: ItemContext; part: unknown }>,
): Promise<Array<OperationOutput | Error>> {
	// The router hands back what prepare returned.
	const parts = prepared as Prepared[];
	const now = new Date();
	// One job per company (Scene7 jobs are batch jobs), unless Job Per Item; rows whose job options
	// differ cannot share a job.
	const jobOf = ({ part, item }: Prepared) => JSON.stringify([part.companyHandle, part.settings, part.settings.jobPerItem ? item.index : -1]);
	return await byGroup(parts, jobOf, async (group): Promise<Array<OperationOutput | Error>> => {
			const { item: first, part } = group[0];
			const { companyHandle, settings } = part;
			const jobName = settings.jobName
				? settings.jobPerItem
					? `${settings.jobName} #${first.index}`
					: settings.jobName
				: generatedJobName('upload', now);
			const base = (row: UploadPart): IDataObject => ({
				jobHandle,
				jobName,
				companyHandle,
				sourceUrl: row.sourceUrl,
				destPath: row.destPath,
			});

			let jobHandle = '';
			try {
				jobHandle = await submit(first, companyHandle, jobName, uploadRequest(companyHandle, jobName, group));
			} catch (error) {
				return group.map(({ item }) => errorForItem(item.node, error, item.index));
			}
			if (!settings.waitForCompletion) {
				return group.map(({ part: row }) => ({ ...base(row), state: 'Submitted' }));
			}
			const outcome = await waitFor(first, companyHandle, jobHandle, settings.waitTimeout).catch((error: unknown) => error as Error);
			if (outcome instanceof Error) {
				return group.map(({ item }) => errorForItem(item.node, outcome, item.index));
			}
			if (!outcome.finished) {
				return group.map(({ item }) => stillRunningError(item, jobHandle, outcome.state, settings.waitTimeout));
			}
			return await rowResults(group, base, outcome.log, jobHandle);
	});
}
