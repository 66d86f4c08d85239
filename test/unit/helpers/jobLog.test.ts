import { toJobLog } from '../../../nodes/Scene7Ips/client/jobs';
import { assetNameOfFile, detailState, failedFiles, fileNameOfUrl, jobFailed, jobStatus, rowStates } from '../../../nodes/Scene7Ips/helpers/jobLog';

const log = (fields: Record<string, unknown> = {}) =>
	toJobLog({ jobHandle: 'j|1', fileSuccessCount: '2', fileErrorCount: '0', fatalError: 'false', ...fields });

describe('job log helpers', () => {
	it('maps Scene7 answers to a state', () => {
		const active = { jobHandle: 'j|1', name: 'n', originalName: 'n', type: 'UploadUrlsJob', progress: 40, progressMessage: '2 of 5' };
		expect(jobStatus({ ...active, state: 'New' }, undefined)).toEqual({ finished: false, state: 'New', progress: 40, progressMessage: '2 of 5' });
		expect(jobStatus({ ...active, state: 'Running' }, log())).toMatchObject({ finished: false, state: 'Running' });
		expect(jobStatus(undefined, log())).toEqual({ finished: true, state: 'Done', log: log() });
		expect(jobStatus({ ...active, state: 'Done' }, log())).toMatchObject({ finished: true, state: 'Done' });
		// Neither listed nor logged: not started or its log not written yet.
		expect(jobStatus(undefined, undefined)).toEqual({ finished: false, state: 'Unknown' });
	});

	it('parses a job log: numbers and booleans from text, details from { items }', () => {
		const parsed = log({ fileErrorCount: '1', totalFileCount: '3', fatalError: 'true', detailArray: { items: [{ logType: 'Error', logMessage: 'm', assetName: 'a' }] } });
		expect(parsed).toMatchObject({ fileSuccessCount: 2, fileErrorCount: 1, totalFileCount: 3, fileWarningCount: 0, fatalError: true });
		expect(parsed.details).toEqual([{ logType: 'Error', logMessage: 'm', assetName: 'a' }]);
		expect(log().details).toEqual([]);
		expect(jobFailed(parsed)).toBe(true);
		expect(jobFailed(log())).toBe(false);
		expect(jobFailed(log({ fileErrorCount: '1' }))).toBe(true);
		expect(failedFiles(parsed)).toEqual(['a']);
	});

	it('names files and assets from URLs', () => {
		expect(fileNameOfUrl('https://example.com/img/Red%20Shoe.jpg?v=2#top')).toBe('Red Shoe.jpg');
		expect(fileNameOfUrl('https://example.com/img/')).toBe('');
		expect(assetNameOfFile('shoe.large.jpg')).toBe('shoe.large');
		expect(assetNameOfFile('.hidden')).toBe('.hidden');
		expect(assetNameOfFile('noext')).toBe('noext');
	});

	it('reads each detail by its log type: a failure, a duplicate, an update, a success, or nothing', () => {
		const d = (logType: string, extra = {}) => ({ logType, logMessage: 'm', ...extra });
		expect(
			['UploadError', 'FatalError', 'UploadFailed', 'DuplicateSkipped', 'FileUpdated', 'UploadSuccess', 'FileUploaded', 'FileBegin', 'UploadWarning', 'Info'].map(
				(type) => detailState(d(type)),
			),
		).toEqual(['Failed', 'Failed', 'Failed', 'Duplicate skipped', 'Updated', 'Uploaded', 'Uploaded', undefined, undefined, undefined]);
		// A detail of another type that names a handle reports a stored file (an assumption).
		expect(detailState(d('Info', { assetHandle: 'a|1' }))).toBe('Uploaded');
	});

	it('gives each row a state from the log: by asset name, errors without a name by the file they quote', () => {
		const row = (assetName: string, fileName = `${assetName}.jpg`) => ({ assetName, fileName, sourceUrl: `https://x.test/${fileName}` });
		const rows = [row('shoe'), row('bag', 'bag.png'), row('hat'), row('cap'), row('belt'), row('sock')];
		const begin = { logType: 'FileBegin', logMessage: 'begin', assetName: 'shoe' };
		const shoe = { logType: 'UploadSuccess', logMessage: 'ok', assetName: 'SHOE.jpg', assetHandle: 'a|1' };
		const bag = { logType: 'UploadError', logMessage: 'Unsupported file', assetName: 'bag' };
		const hat = { logType: 'UploadFailed', logMessage: 'Could not download https://x.test/hat.jpg' };
		const belt = { logType: 'FileUpdated', logMessage: 'updated', assetName: 'belt', assetHandle: 'a|5' };
		const sockDuplicate = { logType: 'DuplicateSkipped', logMessage: 'exists', assetName: 'sock', assetHandle: 'a|6' };
		const sockError = { logType: 'UploadError', logMessage: 'later failure', assetName: 'sock' };
		expect(rowStates(rows, [begin, shoe, bag, hat, belt, sockDuplicate, sockError])).toEqual([
			{ state: 'Uploaded', detail: shoe },
			{ state: 'Failed', detail: bag },
			{ state: 'Failed', detail: hat },
			{ state: 'Not in log' },
			{ state: 'Updated', detail: belt },
			// A failure outranks every other detail of the same file.
			{ state: 'Failed', detail: sockError },
		]);
	});
});
