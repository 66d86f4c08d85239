import { byHandle, operationOf, param, paramOf, run, scripted } from '../support';
import { activeAnswer, detail, fastPolling, jobLogAnswer, noActiveJob, submitted } from './support';

const parameters = (companies: string[], options: Record<string, unknown> = {}) => (itemIndex: number) => ({
	resource: 'job',
	operation: 'publish',
	companyHandle: byHandle(companies[itemIndex]),
	publishType: 'Incremental',
	options: { jobName: 'Nightly', ...options },
});
const itemsOf = (count: number) => Array.from({ length: count }, () => ({ json: {} }));

const publishParam = (company: string, type = 'Incremental', email = 'None') =>
	param(
		'submitJob',
		`<companyHandle>${company}</companyHandle><jobName>Nightly</jobName><imageServingPublishJob><publishType>${type}</publishType><emailSetting>${email}</emailSetting></imageServingPublishJob>`,
	);

describe('Job > Publish', () => {
	fastPolling();

	it('starts one publish for four rows of one company, and gives every row the job', async () => {
		const { json, sent } = await run(parameters(['c|6', 'c|6', 'c|6', 'c|6']), scripted({ submitJob: [submitted('j|6|7')] }), { items: itemsOf(4) });
		expect(sent.map(paramOf)).toEqual([publishParam('c|6')]);
		expect(json).toEqual(
			Array.from({ length: 4 }, () => ({ jobHandle: 'j|6|7', jobName: 'Nightly', companyHandle: 'c|6', publishType: 'Incremental', state: 'Submitted' })),
		);
	});

	it('starts one publish per company', async () => {
		const { json, sent } = await run(
			parameters(['c|6', 'c|9', 'c|6']),
			scripted({ submitJob: [(request) => submitted(paramOf(request).includes('c|9') ? 'j|9|1' : 'j|6|1')] }),
			{ items: itemsOf(3) },
		);
		expect(sent.map(paramOf).sort()).toEqual([publishParam('c|6'), publishParam('c|9')].sort());
		expect(json?.map((output) => output.jobHandle)).toEqual(['j|6|1', 'j|9|1', 'j|6|1']);
	});

	it('waits when asked and outputs the counts', async () => {
		const { json, sent } = await run(
			parameters(['c|6', 'c|6'], { waitForCompletion: true, emailSetting: 'JobCompletion' }),
			scripted({
				submitJob: [submitted('j|6|100')],
				getActiveJobs: [activeAnswer('Running'), noActiveJob()],
				getJobLogDetails: [jobLogAnswer({ fileSuccessCount: '12', totalFileCount: '12' })],
			}),
			{ items: itemsOf(2) },
		);
		expect(paramOf(sent[0])).toBe(publishParam('c|6', 'Incremental', 'JobCompletion'));
		expect(sent.map(operationOf)).toEqual(['submitJob', 'getActiveJobs', 'getActiveJobs', 'getJobLogDetails']);
		const done = {
			jobHandle: 'j|6|100',
			jobName: 'Nightly',
			companyHandle: 'c|6',
			publishType: 'Incremental',
			state: 'Done',
			fileSuccessCount: 12,
			fileErrorCount: 0,
			fileWarningCount: 0,
			fileDuplicateCount: 0,
			fileUpdateCount: 0,
			totalFileCount: 12,
			endDate: '2026-12-01T10:01:00.000Z',
		};
		expect(json).toEqual([done, done]);
	});

	it('fails every row of a publish that logged failed files, naming them', async () => {
		const { json } = await run(
			parameters(['c|6', 'c|6'], { waitForCompletion: true }),
			scripted({
				submitJob: [submitted('j|6|100')],
				getActiveJobs: [noActiveJob()],
				getJobLogDetails: [jobLogAnswer({ fileSuccessCount: '3', fileErrorCount: '1' }, [detail('Error', 'Publish failed', { assetName: 'shoe' })])],
			}),
			{ items: itemsOf(2), continueOnFail: true },
		);
		expect(json).toEqual(
			[0, 1].map((index) => ({
				error: `The Scene7 publish job j|6|100 ended with 1 failed file(s) [item ${index}]`,
				description: 'Failed: shoe. Job > Get with the job handle lists the whole job log.',
			})),
		);
	});
});
