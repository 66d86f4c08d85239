import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getJobLogDetails, type JobLog } from '../../client/jobs';
import { countsOf } from '../../helpers/jobLog';
import { companyRLC, optionsCollection, retryOption, RETRY_NOTES, timeoutOption } from '../common.descriptions';
import type { ItemContext } from '../item';
import { activeJob, queuedOrState, stillRunning, waitFor, waitForCompletionOffOption, waitSettings, waitTimeoutOption } from './shared';

const properties: INodeProperties[] = [
	{ ...companyRLC, description: 'The company the job runs in' },
	{
		displayName: 'Job Handle',
		name: 'jobHandle',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. j|6|12345',
		description: 'The handle Upload from URLs or Publish output for the job',
	},
	optionsCollection([
		{
			displayName: 'Details As',
			name: 'detailsAs',
			type: 'options',
			options: [
				{ name: 'List', value: 'list', description: "One item with the log's details in a details field" },
				{ name: 'Items', value: 'items', description: 'One item per detail of the log' },
			],
			default: 'list',
			description: "How to output the details of a finished job's log",
		},
		retryOption(RETRY_NOTES.read),
		timeoutOption,
		waitForCompletionOffOption,
		waitTimeoutOption,
	]),
];

const displayOptions = { show: { resource: ['job'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function finished(base: IDataObject, log: JobLog, detailsAs: string): IDataObject | IDataObject[] {
	const summary: IDataObject = {
		...base,
		jobName: log.jobName,
		state: 'Done',
		...countsOf(log),
		fatalError: log.fatalError,
		...(log.startDate ? { startDate: log.startDate } : {}),
		...(log.endDate ? { endDate: log.endDate } : {}),
	};
	const details = log.details as unknown as IDataObject[];
	if (detailsAs !== 'items') return { ...summary, details };
	// Without details the job still has its one item, so the row is not lost.
	return details.length > 0 ? details.map((detail) => ({ ...summary, ...detail })) : [summary];
}

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-get-active-jobs.html
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject | IDataObject[]> {
	const jobHandle = item.text('jobHandle', 'Job Handle', 'Enter the job handle that Upload from URLs or Publish output.');
	const companyHandle = await item.company();
	const { waitForCompletion, waitTimeout } = waitSettings(item.options, false);
	const detailsAs = item.options.detailsAs === 'items' ? 'items' : 'list';
	const base: IDataObject = { jobHandle, companyHandle };

	if (waitForCompletion) {
		const outcome = await waitFor(item, companyHandle, jobHandle, waitTimeout);
		if (!outcome.finished) return { ...base, ...stillRunning(jobHandle, outcome.state, outcome.progress, waitTimeout) };
		return finished(base, outcome.log, detailsAs);
	}
	const active = await activeJob(item, companyHandle, jobHandle);
	if (active) {
		return {
			...base,
			jobName: active.originalName || active.name,
			state: queuedOrState(active.state),
			progress: active.progress,
			progressMessage: active.progressMessage,
			...(active.lastProgressUpdate ? { lastProgressUpdate: active.lastProgressUpdate } : {}),
		};
	}
	const log = await getJobLogDetails(item, { companyHandle, jobHandle });
	if (!log) {
		throw item.error(
			`Scene7 has no active job and no job log with the handle '${jobHandle}' in company ${companyHandle}`,
			'Check the handle and the company. A job that was just submitted may not be listed yet (an assumption): try again in a moment, or turn on Options > Wait for Completion.',
		);
	}
	return finished(base, log, detailsAs);
}
