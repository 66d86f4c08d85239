import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { randomString, updateDisplayOptions } from 'n8n-workflow';

import { findJobNamed, type JobLog } from '../../client/jobs';
import { errorForItem } from '../../helpers/errors';
import { byGroup, chunkNumbers } from '../../helpers/groups';
import { assetNameOfFile, jobFailed, rowStates } from '../../helpers/jobLog';
import { multipartBoundary, resolveUploadUrl } from '../../transport/uploadFile';
import { uploadPost, type UploadFileBytes } from '../../transport/uploadPost';
import { companyRLC, folderRLC, optionsCollection, timeoutOption } from '../common.descriptions';
import type { ItemContext } from '../item';
import type { OperationOutput } from '../operation';
import {
	emailSettingOption,
	jobNameOption,
	rowsJobName,
	startOfUtcDay,
	stillRunning,
	submit,
	waitFor,
	waitForCompletionOnOption,
	uploadOptions,
	type UploadOptions,
	waitTimeoutOption,
	createMaskOption,
	overwriteOption,
	readyForPublishOption,
} from './shared';
import { MAX_FILES_PER_UPLOAD_JOB, MAX_UPLOAD_JOBS_IN_FLIGHT } from './uploadFromUrls.operation';
import { collisions, type UploadRowPart, uploadRowOutput } from './uploadRows';

/**
 * POSTs of one job in flight at once, after its first (which names the job). Scene7 documents no
 * limit; each POST holds one file, so this bounds what a run reads from n8n's binary data at once.
 */
export const UPLOAD_POSTS_IN_FLIGHT = 4;

/** Bytes n8n reads of a stored file per chunk while it streams to Scene7. */
const STREAM_CHUNK_BYTES = 256 * 1024;

const properties: INodeProperties[] = [
	companyRLC,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field containing the file to upload',
	},
	{ ...folderRLC, description: 'The folder the uploaded file goes into' },
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. shoe.jpg',
		description: "The name to give the file in Scene7. Leave empty to use the binary data's own file name.",
	},
	optionsCollection([
		createMaskOption,
		emailSettingOption,
		jobNameOption('Product photos from the form'),
		overwriteOption,
		{
			displayName: 'Publish When Done',
			name: 'publishWhenDone',
			type: 'boolean',
			default: false,
			description:
				'Whether to start an incremental Image Serving publish once the upload job has ended, so the image URLs go live. Scene7 has no publish of its own for these uploads, so the node starts one (and waits for it) after the upload; it needs Wait for Completion.',
		},
		readyForPublishOption,
		timeoutOption,
		waitForCompletionOnOption,
		waitTimeoutOption,
	]),
];

const displayOptions = { show: { resource: ['job'], operation: ['uploadFiles'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface FilePart extends UploadRowPart {
	folderPath: string;
	binaryPropertyName: string;
	/** Where n8n keeps the bytes outside the item (filesystem or S3 mode); none in memory mode. */
	binaryId?: string;
	size: number;
	settings: UploadOptions;
}

type Prepared = { item: ItemContext; part: FilePart };

const MAX_FILE_SIZE = 'uploadPostMaxFileSize';

/** Scene7's largest file in an upload POST (getProperty UploadPostMaxFileSize), once per execution. */
async function maxFileSize(item: ItemContext): Promise<number> {
	const value = await item.scope.lookup(MAX_FILE_SIZE, async () => (await item.call('getProperty', { name: 'UploadPostMaxFileSize' })).value);
	const bytes = Number(value);
	if (!Number.isSafeInteger(bytes) || bytes <= 0) {
		throw item.error(
			`Scene7 gave no usable maximum upload size (getProperty UploadPostMaxFileSize answered '${String(value)}')`,
			'The node checks each file against it before sending anything. Check the API Version of the credential, or upload the files from URLs instead.',
		);
	}
	return bytes;
}

const sizeText = (bytes: number) => `${bytes.toLocaleString('en-US')} bytes (${(bytes / 1024 / 1024).toFixed(1)} MB)`;

export async function prepare(this: IExecuteFunctions, item: ItemContext): Promise<FilePart> {
	const settings = uploadOptions(item.options);
	const binaryPropertyName = item.text('binaryPropertyName', 'Input Binary Field', 'It is the name of the binary field that holds the file, usually data.');
	const binary = this.helpers.assertBinaryData(item.index, binaryPropertyName);
	const fileName = item.optionalText('fileName', 'File Name').trim() || (binary.fileName ?? '').trim();
	if (!fileName) {
		throw item.error(
			`The binary field '${binaryPropertyName}' has no file name`,
			'Enter the name to give the file in Scene7 in File Name, e.g. shoe.jpg.',
		);
	}
	if (fileName.includes('/')) {
		throw item.error(`The File Name '${fileName}' contains a slash`, 'Enter a name only; choose the folder in Folder.');
	}
	const size = binary.id
		? Number((await this.helpers.getBinaryMetadata(binary.id)).fileSize)
		: Buffer.byteLength(binary.data, 'base64');
	const companyHandle = await item.company();
	const limit = await maxFileSize(item);
	if (size > limit) {
		throw item.error(
			`The file '${fileName}' is ${sizeText(size)}, more than the ${sizeText(limit)} Scene7 takes in one upload`,
			"Scene7 refuses larger files (its UploadPostMaxFileSize), so nothing was sent. Make the file smaller, or upload it from a URL with Upload From URLs.",
		);
	}
	const folderHandle = await item.folder(companyHandle);
	return {
		companyHandle,
		folderPath: folderHandle.replace(/^f\|/, '').replace(/\/*$/, '/'),
		fileName,
		assetName: assetNameOfFile(fileName),
		binaryPropertyName,
		binaryId: binary.id,
		size,
		settings,
	};
}

/** The file's bytes as n8n keeps them: a stream from its store, or the item's own data. */
async function fileBytes(context: IExecuteFunctions, { item, part }: Prepared): Promise<UploadFileBytes> {
	if (part.binaryId) return { stream: await context.helpers.getBinaryStream(part.binaryId, STREAM_CHUNK_BYTES), size: part.size };
	return { bytes: await context.helpers.getBinaryDataBuffer(item.index, part.binaryPropertyName) };
}

interface JobRun {
	jobHandle: string;
	/** Rows whose POST Scene7 refused: their own errors, whatever the log says. */
	refused: Map<Prepared, Error>;
	adopted: boolean;
}

/**
 * Sends a group's files as one job: the first POST names it, the others give its handle (a few in
 * flight), and a last POST without a file ends it. A POST whose answer is lost is not sent again:
 * the job's log says whether its file arrived. Cancel stops further files (see the end).
 */
async function postFiles(context: IExecuteFunctions, group: Prepared[], jobName: string): Promise<JobRun> {
	const { item: first, part } = group[0];
	const { companyHandle, settings } = part;
	const uploadUrl = resolveUploadUrl(first.scope.credentials?.data ?? {});
	const boundary = multipartBoundary(randomString(24));
	const refused = new Map<Prepared, Error>();
	const post = async (entry: Prepared, job: { name: string } | { handle: string }, data: UploadFileBytes) =>
		await uploadPost(context, {
			uploadUrl,
			boundary,
			// The name also as fileName: a file part's filename cannot carry every character as it is.
			param: { companyHandle, job, destFolder: entry.part.folderPath, fileName: entry.part.fileName, ...('name' in job ? { settings } : {}) },
			file: { partName: 'file1', fileName: entry.part.fileName, data },
			itemIndex: entry.item.index,
			timeout: first.options.timeout as number | undefined,
			credentials: first.scope.credentials,
		});

	const sentAt = new Date();
	let jobHandle: string;
	try {
		jobHandle = await post(group[0], { name: jobName }, await fileBytes(context, group[0]));
	} catch (error) {
		// Lost on the way (not refused by Scene7): the job may exist; find it by its exact name.
		const found = (error as { context?: { ipsFault?: unknown } }).context?.ipsFault
			? undefined
			: await findJobNamed(first, companyHandle, jobName, sentAt).catch(() => undefined);
		if (!found) throw errorForItem(first.node, error, first.index);
		jobHandle = found.jobHandle;
	}
	const rest = group.slice(1);
	let next = 0;
	const worker = async () => {
		while (next < rest.length && !first.signal?.aborted) {
			const entry = rest[next++];
			let data: UploadFileBytes;
			try {
				data = await fileBytes(context, entry);
			} catch (error) {
				refused.set(entry, errorForItem(entry.item.node, error, entry.item.index));
				continue;
			}
			try {
				await post(entry, { handle: jobHandle }, data);
			} catch (error) {
				// Refused by Scene7: that row's error. Lost: the log decides (never sent again).
				if ((error as { context?: { ipsFault?: unknown } }).context?.ipsFault) refused.set(entry, error as Error);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(UPLOAD_POSTS_IN_FLIGHT, rest.length) }, worker));
	for (const entry of rest.slice(next)) {
		refused.set(entry, entry.item.error('The run was stopped before this file was sent', 'Run the node again for this row.'));
	}
	// After Cancel n8n aborts every request of the execution (its request helper puts the cancel
	// signal on each), so the job cannot be ended here: Scene7 ends it after 30 minutes without a
	// POST and processes the files it got (ips-api.md §11.1).
	if (!context.getExecutionCancelSignal?.()?.aborted) {
		await uploadPost(context, {
			uploadUrl,
			boundary,
			param: { companyHandle, job: { handle: jobHandle }, endJob: true },
			itemIndex: first.index,
			timeout: first.options.timeout as number | undefined,
			credentials: first.scope.credentials,
		});
	}
	return { jobHandle, refused, adopted: false };
}

/** What each row outputs once the job's log is in (a row whose POST Scene7 refused: that error). */
async function rowResults(group: Prepared[], run: JobRun, log: JobLog, base: IDataObject): Promise<Array<OperationOutput | Error>> {
	// No source URL: no log message can quote one.
	const states = rowStates(
		group.map(({ part }) => ({ ...part, sourceUrl: '\u0000' })),
		log.details,
	);
	const job = { log, jobHandle: run.jobHandle, failedHint: '. Check that it is an image file Scene7 accepts.' };
	return await Promise.all(
		group.map(
			async (entry, position) =>
				run.refused.get(entry) ??
				(await uploadRowOutput(entry, states[position], job, { ...base, fileName: entry.part.fileName, folder: entry.part.folderPath, fileSize: entry.part.size })),
		),
	);
}

/** The incremental publish Publish When Done starts after the upload job: its handle and state. */
async function publishAfter(item: ItemContext, companyHandle: string, settings: UploadOptions, uploadJobName: string): Promise<IDataObject> {
	const jobName = `${uploadJobName} publish`.slice(0, 255);
	const publishJobHandle = await submit(item, companyHandle, jobName, {
		companyHandle,
		jobName,
		imageServingPublishJob: { publishType: 'Incremental', emailSetting: settings.emailSetting },
	});
	const outcome = await waitFor(item, companyHandle, publishJobHandle, settings.waitTimeout);
	if (!outcome.finished) return { publishJobHandle, publishState: 'Running', publishTimedOut: true };
	return { publishJobHandle, publishState: jobFailed(outcome.log) ? 'Failed' : 'Done' };
}

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/http-protocols/c-http-post.html
export async function executeBatch(
	this: IExecuteFunctions,
	prepared: Array<{ item: ItemContext; part: unknown }>,
): Promise<Array<OperationOutput | Error>> {
	const all = prepared as Prepared[];
	const refusedBefore = collisions(all);
	const parts = all.filter((_, position) => refusedBefore[position] === undefined);
	const now = new Date();
	// One job per company and settings, of at most MAX_FILES_PER_UPLOAD_JOB files.
	const jobOf = ({ part }: Prepared) => JSON.stringify([part.companyHandle, part.settings]);
	const chunks = chunkNumbers(parts, jobOf, MAX_FILES_PER_UPLOAD_JOB);
	const chunkOf = new Map(parts.map((entry, position) => [entry, chunks[position]]));
	const accepted = await byGroup(
		parts,
		(entry) => `${jobOf(entry)}#${chunkOf.get(entry)}`,
		async (group): Promise<Array<OperationOutput | Error>> => {
			const { item: first, part } = group[0];
			const { companyHandle, settings } = part;
			// Named by the node after the rows' files (found again by a re-run the same day); named by
			// the user: that name, numbered per job, always a new job.
			const files = group.map(({ part: row }) => [row.folderPath, row.fileName, row.size]);
			const jobName = settings.jobName
				? `${settings.jobName}${chunks.some((chunk) => chunk > 0) ? ` (${(chunkOf.get(group[0]) ?? 0) + 1})` : ''}`
				: rowsJobName('upload files', JSON.stringify([companyHandle, settings, files]), now);
			let run: JobRun;
			try {
				const earlier = settings.jobName ? undefined : await findJobNamed(first, companyHandle, jobName, startOfUtcDay(now));
				run = earlier ? { jobHandle: earlier.jobHandle, refused: new Map(), adopted: true } : await postFiles(this, group, jobName);
			} catch (error) {
				return group.map(({ item }) => errorForItem(item.node, error, item.index));
			}
			const base: IDataObject = { jobHandle: run.jobHandle, jobName, companyHandle, ...(run.adopted ? { fromEarlierJob: true } : {}) };
			if (!settings.waitForCompletion) {
				return group.map((entry) => run.refused.get(entry) ?? { ...base, fileName: entry.part.fileName, state: 'Submitted' });
			}
			const outcome = await waitFor(first, companyHandle, run.jobHandle, settings.waitTimeout).catch((error: unknown) => error as Error);
			if (outcome instanceof Error) return group.map(({ item }) => errorForItem(item.node, outcome, item.index));
			if (!outcome.finished) {
				return group.map(
					(entry) =>
						run.refused.get(entry) ?? {
							...base,
							fileName: entry.part.fileName,
							...stillRunning(run.jobHandle, outcome.state, outcome.progress, settings.waitTimeout),
						},
				);
			}
			if (settings.publishWhenDone && outcome.log.fileSuccessCount + outcome.log.fileUpdateCount > 0) {
				try {
					Object.assign(base, await publishAfter(first, companyHandle, settings, jobName));
				} catch (error) {
					base.publishError = (error as Error).message;
				}
			}
			return await rowResults(group, run, outcome.log, base);
		},
		MAX_UPLOAD_JOBS_IN_FLIGHT,
	);
	let next = 0;
	return refusedBefore.map((error) => error ?? accepted[next++]);
}
