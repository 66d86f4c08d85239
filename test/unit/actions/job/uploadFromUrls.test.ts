import { ManualExecutionCancelledError } from 'n8n-workflow';

import { POLL_SCHEDULE } from '../../../../nodes/Scene7Ips/client/jobWait';
import { wait } from '../../../../nodes/Scene7Ips/helpers/wait';
import { assetsAnswer, assetXml, byHandle, connectionReset, emptyAnswer, operationOf, param, paramOf, run, scripted } from '../support';
import {
	activeAnswer,
	companyInfoAnswer,
	detail,
	fastPolling,
	imageServerAnswer,
	jobLogAnswer,
	noActiveJob,
	runWithCancel,
	submitted,
} from './support';

const URLS = ['https://x.test/img/shoe.jpg', 'https://x.test/img/bag.png', 'https://x.test/img/hat.jpg?v=2'];
const items = URLS.map(() => ({ json: {} }));

const parameters = (options: Record<string, unknown> = {}, urls = URLS) => (itemIndex: number) => ({
	resource: 'job',
	operation: 'uploadFromUrls',
	companyHandle: byHandle('c|6'),
	sourceUrl: urls[itemIndex],
	folderHandle: byHandle('ApiTestCo/summer/'),
	fileName: '',
	options: { jobName: 'Batch', ...options },
});

const urlItem = (url: string, file: string) => `<items><sourceUrl>${url}</sourceUrl><destPath>ApiTestCo/summer/${file}</destPath></items>`;
const UPLOAD_JOB =
	'<overwrite>true</overwrite><readyForPublish>true</readyForPublish><createMask>false</createMask><emailSetting>None</emailSetting>';

const SUCCESS_LOG = jobLogAnswer({ fileSuccessCount: '2', fileErrorCount: '1', totalFileCount: '3' }, [
	detail('FileUploaded', 'Uploaded shoe.jpg', { assetName: 'shoe', assetType: 'Image', assetHandle: 'a|6|1' }),
	detail('Error', 'Unsupported file format', { assetName: 'bag' }),
	detail('FileUploaded', 'Uploaded hat.jpg', { assetName: 'hat', assetType: 'Image', assetHandle: 'a|6|3' }),
]);
const COUNTS = { fileSuccessCount: 2, fileErrorCount: 1, fileWarningCount: 0, fileDuplicateCount: 0, fileUpdateCount: 0, totalFileCount: 3 };
const row = (index: number, file: string) => ({
	jobHandle: 'j|6|100',
	jobName: 'Batch',
	companyHandle: 'c|6',
	sourceUrl: URLS[index],
	destPath: `ApiTestCo/summer/${file}`,
});

describe('Job > Upload from URLs', () => {
	fastPolling();

	it('sends one submitJob with every row in urlArray, in the WSDL order, and outputs the job per row', async () => {
		const { json, sent } = await run(parameters({ waitForCompletion: false }), scripted({ submitJob: [submitted()] }), { items });
		expect(sent.map(paramOf)).toEqual([
			param(
				'submitJob',
				'<companyHandle>c|6</companyHandle><jobName>Batch</jobName><uploadUrlsJob><urlArray>' +
					urlItem(URLS[0], 'shoe.jpg') +
					urlItem(URLS[1], 'bag.png') +
					urlItem('https://x.test/img/hat.jpg?v=2', 'hat.jpg') +
					`</urlArray>${UPLOAD_JOB}</uploadUrlsJob>`,
			),
		]);
		expect(json).toEqual([
			{ ...row(0, 'shoe.jpg'), state: 'Submitted' },
			{ ...row(1, 'bag.png'), state: 'Submitted' },
			{ ...row(2, 'hat.jpg'), state: 'Submitted' },
		]);
	});

	it('chains an incremental publish and sends the options given', async () => {
		const { sent } = await run(
			parameters({ waitForCompletion: false, overwrite: false, readyForPublish: false, createMask: true, emailSetting: 'Error', publishWhenDone: true }, [URLS[0]]),
			scripted({ submitJob: [submitted()] }),
		);
		expect(paramOf(sent[0])).toBe(
			param(
				'submitJob',
				`<companyHandle>c|6</companyHandle><jobName>Batch</jobName><uploadUrlsJob><urlArray>${urlItem(URLS[0], 'shoe.jpg')}</urlArray>` +
					'<overwrite>false</overwrite><readyForPublish>false</readyForPublish><createMask>true</createMask><emailSetting>Error</emailSetting>' +
					'<postImageServingPublishJob><publishType>Incremental</publishType><emailSetting>Error</emailSetting></postImageServingPublishJob></uploadUrlsJob>',
			),
		);
	});

	const noEarlierJob = { getActiveJobs: [noActiveJob()], getJobLogDetails: [emptyAnswer('getJobLogDetails')] };
	const jobNameSent = (request: { body: string }) => /<jobName>([^<]*)<\/jobName>/.exec(paramOf(request as never))?.[1];

	it("names a job by its day and its rows when no name is given, and first looks for that name's job", async () => {
		const once = async (urls: string[]) =>
			await run(parameters({ waitForCompletion: false, jobName: '' }, urls), scripted({ submitJob: [submitted()], ...noEarlierJob }), {
				items: urls.map(() => ({ json: {} })),
			});
		const first = await once([URLS[0]]);
		const name = jobNameSent(first.sent[2]);
		expect(name).toMatch(new RegExp(`^n8n upload ${new Date().toISOString().slice(0, 10)} [a-z0-9]+$`));
		expect(first.sent.map(operationOf)).toEqual(['getActiveJobs', 'getJobLogDetails', 'submitJob']);
		expect(paramOf(first.sent[0])).toBe(
			param('getActiveJobs', `<companyHandle>c|6</companyHandle><originalName>${name}</originalName><includeWaitingJobs>true</includeWaitingJobs>`),
		);
		expect(first.json?.[0].jobName).toBe(name);
		// The same rows give the same name; other rows another.
		expect(jobNameSent((await once([URLS[0]])).sent[2])).toBe(name);
		expect(jobNameSent((await once([URLS[1]])).sent[2])).not.toBe(name);
	});

	it('takes the job an earlier run of the same rows submitted today instead of submitting a second', async () => {
		const earlier = activeAnswer('Running', 'j|6|77', { startDate: new Date().toISOString() });
		const { json, sent } = await run(
			parameters({ waitForCompletion: false, jobName: '' }, [URLS[0]]),
			scripted({ getActiveJobs: [(request) => ({ ...earlier, body: earlier.body.replace(/<originalName>job</g, `<originalName>${/<originalName>([^<]*)</.exec(paramOf(request))?.[1]}<`) })], getJobLogDetails: [emptyAnswer('getJobLogDetails')] }),
		);
		expect(sent.map(operationOf)).toEqual(['getActiveJobs', 'getJobLogDetails']);
		expect(json?.[0]).toMatchObject({ jobHandle: 'j|6|77', state: 'Submitted', fromEarlierJob: true });
	});

	it('submits one job per item with Job Per Item', async () => {
		const { sent, json } = await run(
			parameters({ waitForCompletion: false, jobPerItem: true }),
			scripted({ submitJob: [submitted('j|6|1'), submitted('j|6|2'), submitted('j|6|3')] }),
			{ items },
		);
		expect(sent.map(operationOf)).toEqual(['submitJob', 'submitJob', 'submitJob']);
		expect(sent.map((request) => /<jobName>([^<]*)</.exec(paramOf(request))?.[1])).toEqual(['Batch #0', 'Batch #1', 'Batch #2']);
		expect(sent.map((request) => (paramOf(request).match(/<sourceUrl>/g) ?? []).length)).toEqual([1, 1, 1]);
		expect(json?.map((output) => output.jobHandle).sort()).toEqual(['j|6|1', 'j|6|2', 'j|6|3']);
	});

	const waitScript = () =>
		scripted({
			submitJob: [submitted()],
			getActiveJobs: [activeAnswer('New'), activeAnswer('WaitingCoordinator'), noActiveJob()],
			getJobLogDetails: [SUCCESS_LOG],
			getProperty: [imageServerAnswer],
			getCompanyInfo: [companyInfoAnswer],
		});

	it('waits for the job and gives each row its asset, its file error under Continue', async () => {
		const { json, sent } = await run(parameters(), waitScript(), { items, continueOnFail: true });
		expect(sent.map(operationOf)).toEqual([
			'submitJob',
			'getActiveJobs',
			'getActiveJobs',
			'getActiveJobs',
			'getJobLogDetails',
			'getProperty',
			'getCompanyInfo',
		]);
		expect(paramOf(sent[1])).toBe(
			param('getActiveJobs', '<companyHandle>c|6</companyHandle><jobHandle>j|6|100</jobHandle><includeWaitingJobs>true</includeWaitingJobs>'),
		);
		expect(paramOf(sent[4])).toBe(
			param('getJobLogDetails', '<companyHandle>c|6</companyHandle><jobHandle>j|6|100</jobHandle><recordsPerPage>1000</recordsPerPage><resultsPage>1</resultsPage>'),
		);
		expect(json).toEqual([
			{ ...row(0, 'shoe.jpg'), state: 'Uploaded', ...COUNTS, assetHandle: 'a|6|1', assetName: 'shoe', imageUrl: 'https://s7d1.scene7.com/is/image/ApiTestCo/shoe' },
			{
				error: "Scene7 could not upload 'bag.png': Unsupported file format [item 1]",
				description:
					'Job j|6|100 logged this error for the file from https://x.test/img/bag.png. Check that the URL is reachable from Scene7 and is a file Scene7 accepts.',
			},
			{ ...row(2, 'hat.jpg'), state: 'Uploaded', ...COUNTS, assetHandle: 'a|6|3', assetName: 'hat', imageUrl: 'https://s7d1.scene7.com/is/image/ApiTestCo/hat' },
		]);
	});

	it('looks up by name a row logged without its handle; a failed row without a message gives its log type', async () => {
		const log = jobLogAnswer({ fileSuccessCount: '2', fileErrorCount: '1', totalFileCount: '3' }, [
			detail('FileUploaded', 'Uploaded shoe.jpg', { assetName: 'shoe', assetType: 'Image' }),
			detail('Error', '', { assetName: 'bag' }),
			detail('FileUploaded', 'Uploaded hat.jpg', { assetName: 'hat', assetType: 'Image' }),
		]);
		const named = (handles: string[]) => assetsAnswer('getAssetsByName', handles.map((handle) => assetXml(handle, handle === 'a|6|9' ? 'shoe' : 'hat')));
		const script = { submitJob: [submitted()], getActiveJobs: [noActiveJob()], getJobLogDetails: [log], getAssetsByName: [named(['a|6|9']), named(['a|6|7', 'a|6|8'])] };
		const { json } = await run(parameters(), scripted({ ...script, getProperty: [imageServerAnswer], getCompanyInfo: [companyInfoAnswer] }), { items, continueOnFail: true });
		expect(json?.map((output) => output.assetHandle ?? output.error)).toEqual([
			'a|6|9',
			"Scene7 could not upload 'bag.png': Error [item 1]",
			"Scene7 logged 'hat.jpg' as uploaded in job j|6|100, but no image named 'hat' can be found [item 2]",
		]);
	});

	it('throws the failed file under Stop', async () => {
		const { error } = await run(parameters(), waitScript(), { items });
		expect(error?.message).toBe("Scene7 could not upload 'bag.png': Unsupported file format [item 1]");
	});

	it('keeps the upload when the image URL cannot be looked up', async () => {
		const { json } = await run(
			parameters({}, [URLS[0]]),
			scripted({
				submitJob: [submitted()],
				getActiveJobs: [noActiveJob()],
				getJobLogDetails: [SUCCESS_LOG],
				getProperty: [() => ({ statusCode: 500, body: 'down' })],
				getCompanyInfo: [companyInfoAnswer],
			}),
		);
		expect(json?.[0]).toMatchObject({ assetHandle: 'a|6|1', assetName: 'shoe' });
		expect(json?.[0]).not.toHaveProperty('imageUrl');
		expect(json?.[0].imageUrlError).toMatch(/while looking up Scene7's Image Server URL/);
	});

	it('sends nothing under Stop when one row has an empty URL', async () => {
		const { error, sent } = await run(parameters({}, [URLS[0], '', URLS[2]]), scripted({ submitJob: [submitted()] }), { items });
		expect(sent).toEqual([]);
		expect(error?.message).toMatch(/Source URL/);
		expect(error?.message).toMatch(/\[item 1\]$/);
	});

	it('refuses a URL that is not http(s)', async () => {
		const { json, sent } = await run(parameters({ waitForCompletion: false }, ['ftp://x.test/a.jpg']), scripted({ submitJob: [submitted()] }), {
			continueOnFail: true,
		});
		expect(sent).toEqual([]);
		expect(json).toEqual([
			{
				error: "The Source URL 'ftp://x.test/a.jpg' is not an http(s) URL [item 0]",
				description: 'Scene7 downloads uploads from http:// or https:// URLs. Enter a full URL such as https://example.com/shoe.jpg.',
			},
		]);
	});

	it('outputs each row with the job still running, timedOut, when the job outlasts Wait Timeout (not an error: Retry On Fail would submit again)', async () => {
		const { json } = await run(
			parameters({ waitTimeout: 0 }),
			scripted({ submitJob: [submitted()], getActiveJobs: [activeAnswer('WaitingCoordinator')] }),
			{ items, continueOnFail: true },
		);
		expect(json).toEqual(
			[0, 1, 2].map((index) => ({
				...row(index, ['shoe.jpg', 'bag.png', 'hat.jpg'][index]),
				state: 'Queued',
				timedOut: true,
				progress: 40,
				waitedSeconds: 0,
				hint: 'Scene7 is still running job j|6|100: read it later with Job > Get and this job handle, or raise Options > Wait Timeout.',
			})),
		);
	});

	it('ends the run at once when it is cancelled during a poll wait, polling no more', async () => {
		// The first poll comes at once, the second a minute later: the cancel falls into that wait.
		Object.assign(POLL_SCHEDULE, { firstMs: 1, factor: 60000, maxMs: 60000 });
		const started = Date.now();
		const answer = scripted({ submitJob: [submitted()], getActiveJobs: [activeAnswer('Running')] });
		const { error, operations } = await runWithCancel(
			parameters({ waitTimeout: 600 })(0),
			(request, cancel) => {
				if (operationOf(request) === 'getActiveJobs') void wait(20).then(() => cancel.abort());
				return answer(request);
			},
		);
		expect(error).toBeInstanceOf(ManualExecutionCancelledError);
		expect(operations).toEqual(['submitJob', 'getActiveJobs']);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('asks Scene7 for the job by its exact name when the submit answer is lost, and does not submit again', async () => {
		const { json, sent } = await run(
			parameters({ waitForCompletion: false }, [URLS[0]]),
			scripted({
				submitJob: [connectionReset],
				getActiveJobs: [activeAnswer('WaitingCoordinator', 'j|6|55', { name: 'Batch', originalName: 'Batch' })],
				getJobLogDetails: [emptyAnswer('getJobLogDetails')],
			}),
		);
		expect(sent.map(operationOf)).toEqual(['submitJob', 'getActiveJobs', 'getJobLogDetails']);
		expect(paramOf(sent[1])).toBe(
			param('getActiveJobs', '<companyHandle>c|6</companyHandle><originalName>Batch</originalName><includeWaitingJobs>true</includeWaitingJobs>'),
		);
		expect(json).toEqual([{ ...row(0, 'shoe.jpg'), jobHandle: 'j|6|55', state: 'Submitted' }]);
	});

	it('takes no other job for a lost submit: not one of another name, not one that started before the submit', async () => {
		const lastNight = new Date(Date.now() - 20 * 60 * 60 * 1000).toISOString();
		const { sent } = await run(
			parameters({ waitForCompletion: false }, [URLS[0]]),
			scripted({
				submitJob: [connectionReset, submitted('j|6|200')],
				getActiveJobs: [activeAnswer('Running', 'j|6|54', { name: 'Other', originalName: 'Other' })],
				getJobLogDetails: [jobLogAnswer({ startDate: lastNight }, [], 'j|6|53')],
			}),
		);
		// Nothing was found, so the job certainly did not arrive: it is sent again.
		expect(sent.map(operationOf)).toEqual(['submitJob', 'getActiveJobs', 'getJobLogDetails', 'submitJob']);
	});

	it('submits nothing again when two jobs of that name started since the lost submit', async () => {
		const now = new Date().toISOString();
		const { error, sent } = await run(
			parameters({ waitForCompletion: false }, [URLS[0]]),
			scripted({
				submitJob: [connectionReset],
				getActiveJobs: [activeAnswer('Running', 'j|6|60', { name: 'Batch', originalName: 'Batch', startDate: now })],
				getJobLogDetails: [jobLogAnswer({ jobName: 'Batch', originalJobName: 'Batch', startDate: now }, [], 'j|6|61')],
			}),
		);
		expect(sent.map(operationOf)).toEqual(['submitJob', 'getActiveJobs', 'getJobLogDetails']);
		expect(error?.message).toMatch(/^The answer to submitJob was lost, and Scene7 has 2 jobs named 'Batch' started since .*, so the job was not submitted again \[item 0\]$/);
	});

	it('refuses a row that would upload to an asset name an earlier row of the run uploads, naming that row', async () => {
		const urls = ['https://x.test/a/front.png', 'https://x.test/b/front.png', 'https://x.test/b/FRONT.jpg', 'https://x.test/b/back.png'];
		const { json, sent } = await run(parameters({ waitForCompletion: false }, urls), scripted({ submitJob: [submitted()] }), {
			items: urls.map(() => ({ json: {} })),
			continueOnFail: true,
		});
		expect(sent.map(operationOf)).toEqual(['submitJob']);
		expect((paramOf(sent[0]).match(/<sourceUrl>/g) ?? []).length).toBe(2);
		expect(json?.map((output) => output.error ?? output.state)).toEqual([
			'Submitted',
			"'front.png' would be uploaded as asset 'front', the name item 0 of this run already uploads ('ApiTestCo/summer/front.png') [item 1]",
			"'FRONT.jpg' would be uploaded as asset 'FRONT', the name item 0 of this run already uploads ('ApiTestCo/summer/front.png') [item 2]",
			'Submitted',
		]);
	});

	it('cuts a run into jobs of at most 1,000 files', async () => {
		const urls = Array.from({ length: 1001 }, (_, index) => `https://x.test/img/p${index}.jpg`);
		const { json, sent } = await run(
			parameters({ waitForCompletion: false }, urls),
			scripted({ submitJob: [submitted('j|6|1'), submitted('j|6|2')] }),
			{ items: urls.map(() => ({ json: {} })) },
		);
		expect(sent.map((request) => [jobNameSent(request), (paramOf(request).match(/<sourceUrl>/g) ?? []).length])).toEqual([
			['Batch (1 of 2)', 1000],
			['Batch (2 of 2)', 1],
		]);
		expect(json?.[999].jobHandle).toBe('j|6|1');
		expect(json?.[1000].jobHandle).toBe('j|6|2');
	});
});
