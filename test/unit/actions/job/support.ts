// Job tests: IPS answers for the job calls, a short poll schedule, and a run with a Cancel signal.
import type { IDataObject } from 'n8n-workflow';

import { POLL_SCHEDULE } from '../../../../nodes/Scene7Ips/client/jobWait';
import type { FakeResponse, SentRequest } from '../../../support/executeContext';
import { emptyAnswer, run, type RunOptions, soapResult, xml } from '../support';

export const activeAnswer = (state: string, handle = 'j|6|100', extra: IDataObject = {}) =>
	soapResult('getActiveJobs', `<jobArray><items>${xml({ companyHandle: 'c|6', jobHandle: handle, name: 'job', originalName: 'job', type: 'UploadUrlsJob', state, progress: '40', progressMessage: '2 of 5', ...extra })}</items></jobArray>`);

export const noActiveJob = () => emptyAnswer('getActiveJobs');

export const detail = (logType: string, logMessage: string, fields: IDataObject = {}) =>
	`<items>${xml({ logMessage, logType, dateCreated: '2026-12-01T10:00:00.000Z', ...fields })}</items>`;

export const jobLogAnswer = (counts: IDataObject, details: string[] = [], handle = 'j|6|100') =>
	soapResult(
		'getJobLogDetails',
		`<jobLogArray><items>${xml({
			companyHandle: 'c|6',
			jobHandle: handle,
			jobName: 'job',
			originalJobName: 'job',
			startDate: '2026-12-01T09:59:00.000Z',
			endDate: '2026-12-01T10:01:00.000Z',
			fileSuccessCount: '0',
			fileErrorCount: '0',
			fileWarningCount: '0',
			fileDuplicateCount: '0',
			fileUpdateCount: '0',
			totalFileCount: '0',
			fatalError: 'false',
			...counts,
		})}${details.length ? `<detailArray>${details.join('')}</detailArray>` : ''}</items></jobLogArray>`,
	);

export const submitted = (handle = 'j|6|100') => soapResult('submitJob', `<jobHandle>${handle}</jobHandle>`);

export const imageServerAnswer = soapResult('getProperty', '<value>https://s7d1.scene7.com/is/image/</value>');
export const companyInfoAnswer = soapResult('getCompanyInfo', `<companyInfo>${xml({ companyHandle: 'c|6', name: 'ApiTestCo', rootPath: 'ApiTestCo/' })}</companyInfo>`);

/** Polls without pausing for real: every test of a wait uses this schedule. */
export function fastPolling() {
	const saved = { ...POLL_SCHEDULE };
	beforeEach(() => Object.assign(POLL_SCHEDULE, { firstMs: 1, factor: 1, maxMs: 1 }));
	afterEach(() => Object.assign(POLL_SCHEDULE, saved));
}

/** Runs the node with an execution Cancel signal the responder can fire. */
export async function runWithCancel(
	parameters: IDataObject,
	respond: (request: SentRequest, cancel: AbortController) => FakeResponse | Promise<FakeResponse>,
	options: RunOptions = {},
) {
	const cancel = new AbortController();
	const prepare = (context: object) => Object.assign(context, { getExecutionCancelSignal: () => cancel.signal, getExecutionId: () => 'exec-1' });
	return await run(parameters, (request) => respond(request, cancel), { ...options, prepare });
}
