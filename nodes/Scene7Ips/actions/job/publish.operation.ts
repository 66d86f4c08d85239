import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { errorForItem } from '../../helpers/errors';
import { countsOf, failedFiles, jobFailed } from '../../helpers/jobLog';
import { companyRLC, optionsCollection, retryOption, timeoutOption } from '../common.descriptions';
import { byGroup } from '../../helpers/groups';
import type { ItemContext } from '../item';
import type { OperationOutput } from '../operation';
import {
	emailSettingOption,
	generatedJobName,
	jobNameOption,
	stillRunning,
	submit,
	waitFor,
	waitForCompletionOffOption,
	waitSettings,
	waitTimeoutOption,
} from './shared';

const properties: INodeProperties[] = [
	{ ...companyRLC, description: 'The company to publish; a publish covers the whole company' },
	{
		displayName: 'Publish Type',
		name: 'publishType',
		type: 'options',
		options: [
			{ name: 'Full', value: 'Full', description: 'Publish every asset that is ready for publish' },
			{ name: 'Full With Search', value: 'FullWithSearch', description: 'A full publish that also updates search' },
			{ name: 'Incremental', value: 'Incremental', description: 'Publish what changed since the last publish' },
		],
		default: 'Incremental',
		description: 'What the Image Serving publish covers',
	},
	optionsCollection([
		emailSettingOption,
		jobNameOption('Nightly publish'),
		retryOption('A job is never submitted twice: when its outcome is unknown, Scene7 is asked for a job of that name first'),
		timeoutOption,
		waitForCompletionOffOption,
		waitTimeoutOption,
	]),
];

const displayOptions = { show: { resource: ['job'], operation: ['publish'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface PublishPart {
	companyHandle: string;
	publishType: string;
	emailSetting: string;
	jobName: string;
	waitForCompletion: boolean;
	waitTimeout: number;
}

const PUBLISH_TYPES = ['Full', 'FullWithSearch', 'Incremental'];

export async function prepare(this: IExecuteFunctions, item: ItemContext): Promise<PublishPart> {
	const publishType = String(item.param('publishType', 'Incremental'));
	if (!PUBLISH_TYPES.includes(publishType)) {
		throw item.error(`The Publish Type '${publishType}' is not one Scene7 knows`, `Choose one of ${PUBLISH_TYPES.join(', ')}.`);
	}
	const options = item.options;
	return {
		companyHandle: await item.company(),
		publishType,
		emailSetting: typeof options.emailSetting === 'string' && options.emailSetting ? options.emailSetting : 'None',
		jobName: typeof options.jobName === 'string' ? options.jobName.trim() : '',
		...waitSettings(options, false),
	};
}

type Prepared = { item: ItemContext; part: PublishPart };

// https://experienceleague.adobe.com/docs/dynamic-media-developer-resources/image-production-api/operations/methods/r-submit-job.html
export async function executeBatch(
	this: IExecuteFunctions,
	prepared: Array<{ item: ItemContext; part: unknown }>,
): Promise<Array<OperationOutput | Error>> {
	// The router hands back what prepare returned.
	const parts = prepared as Prepared[];
	const now = new Date();
	// A publish is company-wide: rows of one company (with the same settings) share one job.
	return await byGroup(parts, ({ part }) => JSON.stringify(part), async (group): Promise<Array<OperationOutput | Error>> => {
			const { item: first, part } = group[0];
			const { companyHandle, publishType, emailSetting } = part;
			const jobName = part.jobName || generatedJobName('publish', now);
			const all = (value: (item: ItemContext) => OperationOutput | Error) => group.map((entry) => value(entry.item));

			let jobHandle: string;
			try {
				// Key order is the WSDL's sequence (submitJobParam, ImageServingPublishJob).
				jobHandle = await submit(first, companyHandle, jobName, {
					companyHandle,
					jobName,
					imageServingPublishJob: { publishType, emailSetting },
				});
			} catch (error) {
				return all((item) => errorForItem(item.node, error, item.index));
			}
			const base: IDataObject = { jobHandle, jobName, companyHandle, publishType };
			if (!part.waitForCompletion) {
				return all(() => ({ ...base, state: 'Submitted' }));
			}
			const outcome = await waitFor(first, companyHandle, jobHandle, part.waitTimeout).catch((error: unknown) => error as Error);
			if (outcome instanceof Error) {
				return all((item) => errorForItem(item.node, outcome, item.index));
			}
			if (!outcome.finished) {
				return all(() => ({ ...base, ...stillRunning(jobHandle, outcome.state, outcome.progress, part.waitTimeout) }));
			}
			const { log } = outcome;
			if (jobFailed(log)) {
				const files = failedFiles(log);
				return all((item) =>
					item.error(
						`The Scene7 publish job ${jobHandle} ended with ${log.fatalError ? 'a fatal error' : `${log.fileErrorCount} failed file(s)`}`,
						files.length > 0
							? `Failed: ${files.join(', ')}. Job > Get with the job handle lists the whole job log.`
							: 'Job > Get with the job handle lists the job log.',
					),
				);
			}
			return all(() => ({ ...base, state: 'Done', ...countsOf(log), ...(log.endDate ? { endDate: log.endDate } : {}) }));
	});
}
