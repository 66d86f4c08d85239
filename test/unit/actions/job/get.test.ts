import { byHandle, operationOf, param, paramOf, run, scripted } from '../support';
import { activeAnswer, detail, fastPolling, jobLogAnswer, noActiveJob } from './support';

const parameters = (options: Record<string, unknown> = {}) => ({
	resource: 'job',
	operation: 'get',
	companyHandle: byHandle('c|6'),
	jobHandle: 'j|6|100',
	options,
});

const LOG = jobLogAnswer({ fileSuccessCount: '1', fileErrorCount: '1', totalFileCount: '2' }, [
	detail('FileUploaded', 'Uploaded shoe.jpg', { assetName: 'shoe', assetHandle: 'a|6|1' }),
	detail('Error', 'Unsupported file format', { assetName: 'bag' }),
]);
const SUMMARY = {
	jobHandle: 'j|6|100',
	companyHandle: 'c|6',
	jobName: 'job',
	state: 'Done',
	fileSuccessCount: 1,
	fileErrorCount: 1,
	fileWarningCount: 0,
	fileDuplicateCount: 0,
	fileUpdateCount: 0,
	totalFileCount: 2,
	fatalError: false,
	startDate: '2026-12-01T09:59:00.000Z',
	endDate: '2026-12-01T10:01:00.000Z',
};
const DETAILS = [
	{ logType: 'FileUploaded', logMessage: 'Uploaded shoe.jpg', dateCreated: '2026-12-01T10:00:00.000Z', assetName: 'shoe', assetHandle: 'a|6|1' },
	{ logType: 'Error', logMessage: 'Unsupported file format', dateCreated: '2026-12-01T10:00:00.000Z', assetName: 'bag' },
];

describe('Job > Get', () => {
	fastPolling();

	it('outputs the state and progress of an active job', async () => {
		const { json, sent } = await run(parameters(), scripted({ getActiveJobs: [activeAnswer('Running', 'j|6|100', { lastProgressUpdate: '2026-12-01T10:00:30.000Z' })] }));
		expect(sent.map(paramOf)).toEqual([
			param('getActiveJobs', '<companyHandle>c|6</companyHandle><jobHandle>j|6|100</jobHandle><includeWaitingJobs>true</includeWaitingJobs>'),
		]);
		expect(json).toEqual([
			{
				jobHandle: 'j|6|100',
				companyHandle: 'c|6',
				jobName: 'job',
				state: 'Running',
				progress: 40,
				progressMessage: '2 of 5',
				lastProgressUpdate: '2026-12-01T10:00:30.000Z',
			},
		]);
	});

	it("outputs a finished job's log with its details as a list", async () => {
		const { json, sent } = await run(parameters(), scripted({ getActiveJobs: [noActiveJob()], getJobLogDetails: [LOG] }));
		expect(sent.map(operationOf)).toEqual(['getActiveJobs', 'getJobLogDetails']);
		expect(paramOf(sent[1])).toBe(
			param('getJobLogDetails', '<companyHandle>c|6</companyHandle><jobHandle>j|6|100</jobHandle><recordsPerPage>1000</recordsPerPage><resultsPage>1</resultsPage>'),
		);
		expect(json).toEqual([{ ...SUMMARY, details: DETAILS }]);
	});

	it('reads every page of a log longer than 1,000 details, until detailTotalRows', async () => {
		const page = (from: number, count: number) =>
			jobLogAnswer(
				{ totalFileCount: '2500', detailTotalRows: '2500' },
				Array.from({ length: count }, (_, i) => detail('UploadSuccess', `file ${from + i}`, { assetName: `p${from + i}`, assetHandle: `a|6|${from + i}` })),
			);
		const { json, sent } = await run(parameters(), scripted({ getActiveJobs: [noActiveJob()], getJobLogDetails: [page(0, 1000), page(1000, 1000), page(2000, 500)] }));
		expect(sent.map((request) => /<resultsPage>(\d+)</.exec(paramOf(request))?.[1] ?? operationOf(request))).toEqual(['getActiveJobs', '1', '2', '3']);
		const details = json?.[0].details as Array<{ assetName: string }>;
		expect(details).toHaveLength(2500);
		expect(details.map((entry) => entry.assetName).slice(998, 1002)).toEqual(['p998', 'p999', 'p1000', 'p1001']);
		expect(details[2499].assetName).toBe('p2499');
	});

	it('shows a job queued behind another (listed only with includeWaitingJobs) as Queued', async () => {
		const { json } = await run(parameters(), scripted({ getActiveJobs: [activeAnswer('WaitingCoordinator')] }));
		expect(json?.[0]).toMatchObject({ jobHandle: 'j|6|100', state: 'Queued' });
	});

	it('outputs the job as it stands, timedOut, when Wait Timeout runs out', async () => {
		const { json, error } = await run(parameters({ waitForCompletion: true, waitTimeout: 0 }), scripted({ getActiveJobs: [activeAnswer('Running')] }));
		expect(error).toBeUndefined();
		expect(json).toEqual([
			{
				jobHandle: 'j|6|100',
				companyHandle: 'c|6',
				state: 'Running',
				timedOut: true,
				progress: 40,
				waitedSeconds: 0,
				hint: 'Scene7 is still running job j|6|100: read it later with Job > Get and this job handle, or raise Options > Wait Timeout.',
			},
		]);
	});

	it("outputs one item per detail with Details As Items", async () => {
		const { json, output } = await run(parameters({ detailsAs: 'items' }), scripted({ getActiveJobs: [noActiveJob()], getJobLogDetails: [LOG] }));
		expect(json).toEqual(DETAILS.map((entry) => ({ ...SUMMARY, ...entry })));
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('waits for the job with Wait for Completion', async () => {
		const { json, operations } = await run(
			parameters({ waitForCompletion: true }),
			scripted({ getActiveJobs: [activeAnswer('Running'), noActiveJob()], getJobLogDetails: [LOG] }),
		);
		expect(operations).toEqual(['getActiveJobs', 'getActiveJobs', 'getJobLogDetails']);
		expect(json).toEqual([{ ...SUMMARY, details: DETAILS }]);
	});

	it('says so when Scene7 knows neither an active job nor a log for the handle', async () => {
		const { error } = await run(parameters(), scripted({ getActiveJobs: [noActiveJob()], getJobLogDetails: [jobLogEmpty()] }));
		expect(error?.message).toBe("Scene7 has no active job and no job log with the handle 'j|6|100' in company c|6 [item 0]");
	});
});

function jobLogEmpty() {
	return { statusCode: 200, body: jobLogAnswer({}).body.replace(/<jobLogArray>.*<\/jobLogArray>/, '<jobLogArray/>') };
}
