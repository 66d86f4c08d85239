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
		expect(sent.map(paramOf)).toEqual([param('getActiveJobs', '<companyHandle>c|6</companyHandle><jobHandle>j|6|100</jobHandle>')]);
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
		expect(paramOf(sent[1])).toBe(param('getJobLogDetails', '<companyHandle>c|6</companyHandle><jobHandle>j|6|100</jobHandle>'));
		expect(json).toEqual([{ ...SUMMARY, details: DETAILS }]);
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
