import type { IDataObject } from 'n8n-workflow';

import type { JobLog } from '../../client/jobs';
import { assetNameOfFile, countsOf, jobFailed, type RowResult } from '../../helpers/jobLog';
import type { ItemContext } from '../item';
import type { OperationOutput } from '../operation';

// What the two upload operations (from URLs, and the workflow's own files) share: the rule for rows
// that would end as one asset, and what a row outputs for the state the job's log gives it.

/** A row of an upload job as both operations see it. */
export interface UploadRowPart {
	companyHandle: string;
	fileName: string;
	/** The asset name Scene7 makes of the file name (its base name). */
	assetName: string;
}

type Row<P extends UploadRowPart> = { item: ItemContext; part: P };

/** The key two rows share when they would end as one asset: the company and the asset name, without case. */
const assetKey = ({ part }: Row<UploadRowPart>) => JSON.stringify([part.companyHandle, part.assetName.toLowerCase()]);

/**
 * Rows that would end as an asset an earlier row of the run already uploads fail before anything
 * is sent, naming that row: both would land on one name in the company (one replacing the other,
 * or Scene7 renaming one), and neither row could be told its own asset. `where` adds how the
 * earlier row is known (e.g. its destination path).
 */
export function collisions<P extends UploadRowPart>(rows: Array<Row<P>>, where: (earlier: P) => string = () => ''): Array<Error | undefined> {
	const first = new Map<string, Row<P>>();
	return rows.map((entry) => {
		const earlier = first.get(assetKey(entry));
		if (!earlier) {
			first.set(assetKey(entry), entry);
			return undefined;
		}
		return entry.item.error(
			`'${entry.part.fileName}' would be uploaded as asset '${entry.part.assetName}', the name item ${earlier.item.index} of this run already uploads${where(earlier.part)}`,
			'An asset name stands for one image in a company (its Image Serving URL ends with it), so one upload would replace the other. Give this row another File Name, or upload it in another run.',
		);
	});
}

/**
 * What one row outputs for the state the job's log gives it: its asset (handle, name, image URL)
 * with `fields` and the job's counts, or its error for Failed and Not in log. A row logged as
 * stored without its handle is looked up by name.
 */
export async function uploadRowOutput(
	{ item, part }: Row<UploadRowPart>,
	{ state, detail }: RowResult,
	job: { log: JobLog; jobHandle: string; failedHint: string },
	fields: IDataObject,
): Promise<OperationOutput | Error> {
	const { log, jobHandle } = job;
	if (state === 'Failed') {
		return item.error(
			`Scene7 could not upload '${part.fileName}': ${detail?.logMessage || detail?.logType || 'the job log gives no reason'}`,
			`Job ${jobHandle} logged this error for the file${job.failedHint}`,
		);
	}
	if (state === 'Not in log') {
		return item.error(
			`The log of Scene7 upload job ${jobHandle} has no entry for '${part.fileName}'${jobFailed(log) ? ` (the job ended with ${log.fatalError ? 'a fatal error' : 'errors'})` : ''}`,
			'The file was probably not uploaded (state: Not in log). Job > Get with the job handle lists the whole job log.',
		);
	}
	const assetName = detail?.assetName ? assetNameOfFile(detail.assetName) : part.assetName;
	let assetHandle = detail?.assetHandle;
	if (!assetHandle) {
		const named = await item.client.assetsNamed(part.companyHandle, assetName, ['Image']).catch(() => []);
		assetHandle = named.length === 1 ? named[0].assetHandle : undefined;
	}
	if (!assetHandle) {
		return item.error(
			`Scene7 logged '${part.fileName}' as ${state.toLowerCase()} in job ${jobHandle}, but no image named '${assetName}' can be found`,
			'Job > Get with the job handle lists the whole job log; search the folder for the file.',
		);
	}
	const output: IDataObject = { ...fields, state, assetHandle, assetName, ...countsOf(log) };
	try {
		output.imageUrl = await item.imageUrl(part.companyHandle, assetName);
	} catch (urlError) {
		output.imageUrlError = (urlError as Error).message;
	}
	return output;
}
