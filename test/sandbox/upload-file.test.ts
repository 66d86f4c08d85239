/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
// The UploadFile servlet (POST /scene7/UploadFile, multipart/form-data): jobs over several POSTs, the
// auth part, the multipart syntax, uploadPostParam, the size limit, the job log per file, the idle
// timeout, Image Serving of an uploaded file, a 100 MB file, recording and injection.
import * as zlib from 'node:zlib';

import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

import { EncodedImage } from './image-store';
import { call, elementText, elementTexts, get, parseFault, submitJob, waitDone, type Fields } from './raw-soap';
import {
	authPart,
	BOUNDARY,
	filePart,
	firstPost,
	jobHandleOf,
	laterPost,
	multipartBody,
	paramsPart,
	parseBareFault,
	PNG_SIGNATURE,
	pngChunk,
	postUpload,
	upload,
	uploadPostJob,
	type FormPart,
	type UploadResponse,
} from './raw-upload';
import { IPS_BASE_NS, typesNamespace } from './schema';
import { DEMO, ROLE_USERS, SEED, type Sandbox } from './server';
import { useSandbox, withSandbox } from './useSandbox';

const STEP = 20;
const sandbox = useSandbox({ jobStepMs: STEP });

/** A PNG of one colour, made with pngjs (not with the sandbox's own code). */
function png(width: number, height: number, rgb: [number, number, number] = [200, 30, 40]): Buffer {
	const image = new PNG({ width, height });
	for (let i = 0; i < width * height; i++) {
		image.data[i * 4] = rgb[0];
		image.data[i * 4 + 1] = rgb[1];
		image.data[i * 4 + 2] = rgb[2];
		image.data[i * 4 + 3] = 255;
	}
	return PNG.sync.write(image);
}

function jpg(width: number, height: number): Buffer {
	const data = Buffer.alloc(width * height * 4, 128);
	return jpeg.encode({ width, height, data }, 90).data;
}

/** A valid PNG whose bulk is a private ancillary chunk: `payload` bytes that cost nothing to decode. */
function pngWithPayload(width: number, height: number, payload: number): Buffer[] {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // RGB
	const rows = zlib.deflateSync(Buffer.alloc(height * (1 + width * 3)));
	return [
		PNG_SIGNATURE,
		...pngChunk('IHDR', ihdr),
		...pngChunk('saNd', Buffer.alloc(payload, 0x5a)),
		...pngChunk('IDAT', rows),
		...pngChunk('IEND', Buffer.alloc(0)),
	];
}

function expectFault(res: UploadResponse, element: string, code: number, status = 500): string {
	expect(res.headers['content-type']).toBe('text/xml;charset=utf-8');
	const fault = parseBareFault(res.body);
	expect({ status: res.status, element: fault?.element, code: fault?.code }).toEqual({ status, element, code });
	return fault?.reason ?? '';
}

function expectJob(res: UploadResponse): string {
	expect({ status: res.status, type: res.headers['content-type'], fault: parseBareFault(res.body) }).toEqual({
		status: 200,
		type: 'text/xml;charset=utf-8',
		fault: undefined,
	});
	const handle = jobHandleOf(res.body);
	expect(handle).toMatch(/^j\|6\|\d+$/);
	return handle as string;
}

const done = (jobHandle: string, sb: Sandbox = sandbox(), ms?: number) => waitDone(sb, jobHandle, ms);

interface Detail {
	logType?: string;
	assetName?: string;
	logMessage?: string;
}

/** getJobLogDetails of one job, over SOAP: the totals and the details in order. */
async function jobLog(jobHandle: string, sb: Sandbox = sandbox()): Promise<{ counts: Record<string, string | undefined>; details: Detail[] }> {
	const res = await call(sb.serviceUrl, 'getJobLogDetails', [
		['companyHandle', DEMO.companyHandle],
		['jobHandle', jobHandle],
	]);
	expect(parseFault(res.body)).toBeUndefined();
	const counts = Object.fromEntries(
		['logType', 'fileSuccessCount', 'fileErrorCount', 'fileDuplicateCount', 'fileUpdateCount', 'totalFileCount', 'endDate'].map((k) => [
			k,
			elementText(res.body, k),
		]),
	);
	const array = /<(\w+:)?detailArray>(.*)<\/\1?detailArray>/s.exec(res.body)?.[2] ?? '';
	const details = array
		.split(/<\/(?:\w+:)?items>/)
		.filter((item) => item.includes('logType'))
		.map((item) => ({ logType: elementText(item, 'logType'), assetName: elementText(item, 'assetName'), logMessage: elementText(item, 'logMessage') }));
	return { counts, details };
}

/** One POST as the demo user: the auth part, an uploadPostParam of these children, then the files. */
const sendTo = (sb: Sandbox, params: Fields, ...files: FormPart[]) => upload(sb.uploadUrl, [authPart(), paramsPart(params), ...files]);
const send = (params: Fields, ...files: FormPart[]) => sendTo(sandbox(), params, ...files);

const uploads = (sb: Sandbox = sandbox()) => sb.requests.filter((r) => r.operation === 'UploadFile');

describe('one job over several POSTs', () => {
	it('takes files in three POSTs under one jobHandle, lists the open job, and logs each file when endJob ends it', async () => {
		const a = png(64, 48);
		const b = jpg(40, 30);
		const c = png(20, 10, [0, 0, 255]);
		const first = await send(firstPost('three-posts', [['destFolder', 'ApiTestCo/uploads/new/']]), filePart('file1', 'alpha.png', a));
		const handle = expectJob(first);
		expect(first.body).toBe(
			`<?xml version="1.0" encoding="UTF-8"?><uploadPostReturn xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"><jobHandle>${handle}</jobHandle></uploadPostReturn>`,
		);

		// Open: listed by getActiveJobs, with its UploadPostJob options.
		const active = await call(sandbox().serviceUrl, 'getActiveJobs', [['companyHandle', DEMO.companyHandle]]);
		expect(elementTexts(active.body, 'jobHandle')).toEqual([handle]);
		expect(elementText(active.body, 'state')).toBe('WaitingClient');
		expect(elementText(active.body, 'type')).toBe('UploadPostJob');
		expect(/<(\w+:)?uploadPostJob><\1overwrite>false<\/\1overwrite><\1readyForPublish>true<\/\1readyForPublish><\1createMask>false<\/\1createMask><\1emailSetting>None<\/\1emailSetting><\/\1uploadPostJob>/.test(active.body)).toBe(true);
		// Nothing is stored while the job is open.
		expect(sandbox().state.assets.some((x) => x.name === 'alpha')).toBe(false);

		const second = await send(laterPost(handle, [['destFolder', 'uploads/']]), filePart('file1', 'beta.jpg', b));
		expect(expectJob(second)).toBe(handle);
		await new Promise((r) => setTimeout(r, STEP * 3));
		expect(sandbox().state.jobs[0].state).toBe('WaitingClient');

		const third = await send(laterPost(handle, [['endJob', 'true']]), filePart('file1', 'gamma.png', c));
		expect(expectJob(third)).toBe(handle);
		expect(sandbox().state.jobs).toHaveLength(1);
		await done(handle);

		const log = await jobLog(handle);
		expect(log.counts).toEqual({
			logType: 'UploadPostJob',
			fileSuccessCount: '3',
			fileErrorCount: '0',
			fileDuplicateCount: '0',
			fileUpdateCount: '0',
			totalFileCount: '3',
			endDate: expect.any(String),
		});
		expect(log.details).toEqual([
			{ logType: 'UploadSuccess', assetName: 'alpha', logMessage: "Uploaded 'alpha.png'" },
			{ logType: 'UploadSuccess', assetName: 'beta', logMessage: "Uploaded 'beta.jpg'" },
			{ logType: 'UploadSuccess', assetName: 'gamma', logMessage: "Uploaded 'gamma.png'" },
			{ logType: 'Info', assetName: undefined, logMessage: 'Job completed' },
		]);
		const asset = (name: string) => sandbox().state.assets.find((x) => x.name === name);
		expect(asset('alpha')).toMatchObject({
			fileName: 'alpha.png',
			folderHandle: 'ApiTestCo/uploads/new/',
			readyForPublish: true,
			imageInfo: { width: 64, height: 48, fileSize: a.length },
			uploadedFrom: { fileName: 'alpha.png', partName: 'file1', format: 'png', jobHandle: handle },
		});
		expect(asset('beta')).toMatchObject({ folderHandle: 'ApiTestCo/uploads/', imageInfo: { width: 40, height: 30 }, uploadedFrom: { format: 'jpeg' } });
		expect(asset('gamma')).toMatchObject({ folderHandle: 'ApiTestCo/', imageInfo: { width: 20, height: 10 } });
		expect(sandbox().state.folders.some((f) => f.path === 'ApiTestCo/uploads/new/')).toBe(true);
		const listed = await call(sandbox().serviceUrl, 'getActiveJobs', [['companyHandle', DEMO.companyHandle]]);
		expect(elementTexts(listed.body, 'jobHandle')).toEqual([]);
		const logs = await call(sandbox().serviceUrl, 'getJobLogs', [['companyHandle', DEMO.companyHandle]]);
		expect(elementTexts(logs.body, 'jobName')).toEqual(['three-posts']);
		expect(elementText(logs.body, 'endDate')).toMatch(/^\d{4}-\d{2}-\d{2}T/);

		// Three POSTs recorded: names and sizes of the parts, the uploadPostParam document, never a password or file bytes.
		const recorded = uploads();
		expect(recorded.map((r) => [r.status, r.upload?.jobHandle, r.upload?.parts.map((p) => [p.name, p.filename, p.size])])).toEqual([
			[200, handle, [['auth', undefined, expect.any(Number)], ['uploadParams', undefined, expect.any(Number)], ['file1', 'alpha.png', a.length]]],
			[200, handle, [['auth', undefined, expect.any(Number)], ['uploadParams', undefined, expect.any(Number)], ['file1', 'beta.jpg', b.length]]],
			[200, handle, [['auth', undefined, expect.any(Number)], ['uploadParams', undefined, expect.any(Number)], ['file1', 'gamma.png', c.length]]],
		]);
		expect(recorded[0].upload?.uploadPostParam).toContain('<jobName>three-posts</jobName>');
		expect(recorded[2].upload?.uploadPostParam).toContain('<endJob>true</endJob>');
		expect(recorded.map((r) => r.user)).toEqual([DEMO.user, DEMO.user, DEMO.user]);
		expect(JSON.stringify(recorded)).not.toContain(DEMO.password);
		expect(recorded.every((r) => r.rawBody === '')).toBe(true);
	});

	it('takes a POST with only endJob, and answers in the uploadPostParam’s own API version', async () => {
		const older = typesNamespace('2013-02-15');
		const first = await upload(sandbox().uploadUrl, [
			authPart({}, IPS_BASE_NS),
			paramsPart(firstPost('versioned'), older),
			filePart('f', 'old.png', png(4, 4)),
		]);
		expect(first.status).toBe(200);
		const handle = jobHandleOf(first.body, older) as string;
		expect(handle).toMatch(/^j\|6\|/);
		const end = await upload(sandbox().uploadUrl, [authPart({}, IPS_BASE_NS), paramsPart(laterPost(handle, [['endJob', 'true']]), older)]);
		expect(jobHandleOf(end.body, older)).toBe(handle);
		await done(handle);
		expect(sandbox().state.jobs[0].counts).toMatchObject({ success: 1, total: 1 });
		expect(sandbox().state.jobs[0].uploadPost).toMatchObject({ posts: 2, endedBy: 'endJob' });
	});

	it('refuses a later POST to a job that has ended, is unknown, or was stopped, and stores nothing from it', async () => {
		const handle = expectJob(await send(firstPost('ends', [['endJob', 'true']]), filePart('f', 'one.png', png(4, 4))));
		const late = await send(laterPost(handle), filePart('f', 'late.png', png(4, 4)));
		expect(expectFault(late, 'ipsApiFault', 30000)).toMatch(/is not active/);
		const unknown = await send(laterPost('j|6|9999'), filePart('f', 'x.png', png(4, 4)));
		expect(expectFault(unknown, 'ipsApiFault', 30001)).toBe("Invalid jobHandle 'j|6|9999'");
		const foreign = await send([['companyHandle', SEED.otherCompany.companyHandle], ['jobHandle', handle]], filePart('f', 'x.png', png(4, 4)));
		expectFault(foreign, 'ipsApiFault', 30001);
		await done(handle);
		expect(sandbox().state.jobs[0].counts.total).toBe(1);
		expect(sandbox().state.assets.some((a) => a.name === 'late')).toBe(false);

		const open = expectJob(await send(firstPost('stopped'), filePart('f', 'kept.png', png(4, 4))));
		const stop = await call(sandbox().serviceUrl, 'stopJob', [['companyHandle', DEMO.companyHandle], ['jobHandle', open]]);
		expect(parseFault(stop.body)).toBeUndefined();
		const afterStop = await send(laterPost(open, [['endJob', 'true']]));
		expectFault(afterStop, 'ipsApiFault', 30000);
		expect(sandbox().state.jobs[1]).toMatchObject({ state: 'Done', stopped: true });
		expect(sandbox().state.assets.some((a) => a.name === 'kept')).toBe(false);
	});
});

describe('the auth part', () => {
	const params = () => paramsPart(firstPost('auth-test', [['endJob', 'true']]));

	it('a wrong password is authenticationFault 10001 (HTTP 500): no job, nothing stored', async () => {
		const assets = sandbox().state.assets.length;
		const res = await upload(sandbox().uploadUrl, [authPart({ password: 'wrong' }), params(), filePart('f', 'x.png', png(8, 8))]);
		expect(expectFault(res, 'authenticationFault', 10001)).toBe('Invalid username/password');
		await new Promise((r) => setTimeout(r, STEP * 3));
		expect(sandbox().state.jobs).toEqual([]);
		expect(sandbox().state.assets.length).toBe(assets);
		expect(uploads()[0]).toMatchObject({ outcome: 'fault', status: 500, faultCode: 10001, user: DEMO.user });
		expect(JSON.stringify(uploads())).not.toContain('wrong');
	});

	it('honours faultHttpStatusCode (200, as in the docs’ example), for an auth fault and for a fault about the parts', async () => {
		const res = await upload(sandbox().uploadUrl, [authPart({ password: 'wrong', faultHttpStatusCode: 200 }), params(), filePart('f', 'x.png', png(8, 8))]);
		expectFault(res, 'authenticationFault', 10001, 200);
		const order = await upload(sandbox().uploadUrl, [authPart({ faultHttpStatusCode: 299 }), filePart('f', 'x.png', png(8, 8)), params()]);
		expectFault(order, 'ipsApiFault', 30003, 299);
		expect(sandbox().state.jobs).toEqual([]);
	});

	it.each<[string, FormPart[], string, number, RegExp]>([
		['no auth part', [params(), filePart('f', 'x.png', png(8, 8))], 'authenticationFault', 10000, /no 'auth' part/],
		// An authHeader of another API version is not read.
		['an authHeader of another API version', [authPart({}, typesNamespace('2013-02-15')), params()], 'authenticationFault', 10000, /2013-02-15/],
		// The 2014-04-03 authHeader requires appName (as in a SOAP header).
		['a 2014-04-03 authHeader without appName', [{ name: 'auth', body: `<authHeader xmlns="${typesNamespace('2014-04-03')}"><user>${DEMO.user}</user><password>${DEMO.password}</password><appVersion>1</appVersion></authHeader>` }, params()], 'ipsApiFault', 30002, /appName/],
		['an auth part that is not XML', [{ name: 'auth', body: 'user=me' }, params()], 'ipsApiFault', 30003, /Invalid XML in part 'auth'/],
	])('refuses %s, starting no job', async (_what, parts, element, code, reason) => {
		expect(expectFault(await upload(sandbox().uploadUrl, parts), element, code)).toMatch(reason);
		expect(sandbox().state.jobs).toEqual([]);
	});

	it('takes the version-free authHeader, and HTTP Basic when the authHeader has no user (as the SOAP endpoint), never recording the password', async () => {
		expectJob(await upload(sandbox().uploadUrl, [authPart({}, IPS_BASE_NS), params()]));
		const basic = `Basic ${Buffer.from(`${DEMO.user}:${DEMO.password}`).toString('base64')}`;
		const res = await postUpload(
			sandbox().uploadUrl,
			multipartBody([{ name: 'auth', body: `<authHeader xmlns="${IPS_BASE_NS}"><appName>t</appName><appVersion>1</appVersion></authHeader>` }, params()]),
			{ headers: { Authorization: basic } },
		);
		expectJob(res);
		expect(uploads()[1].headers.authorization).toBe('[redacted]');
		expect(uploads()[1].user).toBe(DEMO.user);
	});

	it('checks company access and role like submitJob', async () => {
		const foreign = await send([['companyHandle', SEED.foreignCompany.companyHandle], ['jobName', 'x'], ['uploadParams', uploadPostJob()]]);
		expectFault(foreign, 'authorizationFault', 20006);
		const reader = ROLE_USERS.ImagePortalUser;
		const role = await upload(sandbox().uploadUrl, [authPart({ user: reader.email, password: reader.password }), params()]);
		expect(expectFault(role, 'authorizationFault', 20003)).toBe("User does not have permission to access operation 'UploadFile'");
		expect(sandbox().state.jobs).toEqual([]);
	});
});

describe('the multipart body', () => {
	const good = (): FormPart[] => [authPart(), paramsPart(firstPost('mp')), filePart('file1', 'x.png', png(4, 4))];

	// Each way the parser refuses a body is a row of upload-parsing.test.ts; here, that one reaches the
	// client as a fault, and what only the servlet checks.
	it.each<[string, Buffer[], number, string | RegExp, { contentType?: string; status?: number }?]>([
		['a body in another boundary', multipartBody(good(), { boundary: 'other' }), 30003, `Invalid multipart body: The body has no multipart delimiter '--${BOUNDARY}'`],
		['a Content-Type without a boundary', multipartBody(good()), 30003, /no boundary parameter/, { contentType: 'multipart/form-data' }],
		['a Content-Type not multipart/form-data', [Buffer.from('{}')], 30003, /takes multipart\/form-data/, { contentType: 'application/json', status: 415 }],
		['a file part without filename', multipartBody([authPart(), paramsPart(firstPost('mp')), { name: 'file1', body: png(4, 4) }]), 30003, /Part 'file1' is not a file part/],
		['the auth part after another', multipartBody([paramsPart(firstPost('mp')), authPart()]), 30003, "Part 'auth' must be the first part; the parts are: uploadParams, auth"],
		['a file part before uploadParams', multipartBody([authPart(), filePart('f', 'x.png', png(4, 4)), paramsPart(firstPost('mp'))]), 30003, /'uploadParams' must come right after 'auth'/],
		['no uploadParams part', multipartBody([authPart(), filePart('f', 'x.png', png(4, 4))]), 30002, "Missing required part 'uploadParams'"],
		['uploadParams twice', multipartBody([authPart(), paramsPart(firstPost('mp')), paramsPart(firstPost('mp'))]), 30003, "Part 'uploadParams' appears more than once"],
	])('refuses %s, starting no job', async (_what, body, code, reason, { contentType, status = 500 } = {}) => {
		const res = await postUpload(sandbox().uploadUrl, body, { contentType });
		expect(expectFault(res, 'ipsApiFault', code, status)).toMatch(reason);
		expect(sandbox().state.jobs).toEqual([]);
	});

	it('answers 405 to other methods on the servlet path', async () => {
		const res = await postUpload(sandbox().uploadUrl, [], { method: 'GET', contentType: null });
		expect(res.status).toBe(405);
		expect(res.headers.allow).toBe('POST');
	});
});

describe('uploadPostParam', () => {
	async function refused(fields: Fields, code: number, reason: RegExp | string, ns?: string): Promise<void> {
		const res = await upload(sandbox().uploadUrl, [authPart(), paramsPart(fields, ns), filePart('f', 'x.png', png(4, 4))]);
		const got = expectFault(res, 'ipsApiFault', code);
		if (typeof reason === 'string') expect(got).toBe(reason);
		else expect(got).toMatch(reason);
		expect(sandbox().state.jobs).toEqual([]);
	}
	const company: [string, string] = ['companyHandle', DEMO.companyHandle];

	it('takes exactly one of jobName and jobHandle', async () => {
		await refused([company, ['jobName', 'a'], ['jobHandle', 'j|6|1'], ['uploadParams', uploadPostJob()]], 30001, /not both/);
		await refused([company, ['uploadParams', uploadPostJob()]], 30002, /Missing 'jobName' or 'jobHandle'/);
		await refused([company, ['jobName', ' '], ['uploadParams', uploadPostJob()]], 30001, "Invalid jobName ' ': must not be empty");
	});

	it('keeps the WSDL order and refuses unknown elements', async () => {
		await refused([company, ['description', 'd'], ['jobName', 'a'], ['uploadParams', uploadPostJob()]], 30003, /Element 'jobName' is out of order in 'uploadPostParam'/);
		await refused([['jobName', 'a'], company, ['uploadParams', uploadPostJob()]], 30003, /out of order/);
		await refused([company, ['jobName', 'a'], ['uploadParams', uploadPostJob()], ['destFolder', 'x/']], 30003, /Element 'destFolder' is out of order/);
		await refused([company, ['jobName', 'a'], ['folder', 'x/'], ['uploadParams', uploadPostJob()]], 30003, "Unknown element 'folder' in 'uploadPostParam'");
		await refused([['jobName', 'a'], ['uploadParams', uploadPostJob()]], 30002, "Missing required element 'companyHandle' in 'uploadPostParam'");
		await refused([company, ['jobName', 'a'], ['endJob', 'yes'], ['uploadParams', uploadPostJob()]], 30001, /expected xsd:boolean/);
	});

	it('requires UploadPostJob on the first POST, with its required elements in order and a known emailSetting', async () => {
		await refused([company, ['jobName', 'a']], 30002, /Missing required element 'uploadParams' in 'uploadPostParam'/);
		const job = uploadPostJob();
		await refused([company, ['jobName', 'a'], ['uploadParams', job.filter(([n]) => n !== 'emailSetting')]], 30002, "Missing required element 'emailSetting' in 'uploadPostParam/uploadParams'");
		await refused([company, ['jobName', 'a'], ['uploadParams', job.filter(([n]) => n !== 'readyForPublish')]], 30002, /'readyForPublish'/);
		await refused([company, ['jobName', 'a'], ['uploadParams', [job[1], job[0], job[2], job[3]]]], 30003, /out of order in 'uploadPostParam\/uploadParams'/);
		await refused([company, ['jobName', 'a'], ['uploadParams', uploadPostJob({ emailSetting: 'Sometimes' })]], 30001, "Invalid uploadPostParam/uploadParams/emailSetting 'Sometimes'; expected one of: All, Error, ErrorAndWarning, JobCompletion, None");
		await refused([company, ['jobName', 'a'], ['uploadParams', [...job.slice(0, 3), ['manualCropOptions', [['left', '1']]], job[3]]]], 30001, /not supported by the IPS sandbox/);
		await refused([company, ['jobName', 'a'], ['uploadParams', uploadPostJob({ createMask: 'true' })]], 30001, /createMask=true/);
		for (const emailSetting of ['All', 'Error', 'ErrorAndWarning', 'JobCompletion', 'None']) {
			expectJob(await send(firstPost(`email ${emailSetting}`, [], uploadPostJob({ emailSetting }))));
		}
	});

	it('ignores uploadParams on a later POST (the first POST’s options stay), still reading it against the schema', async () => {
		const handle = expectJob(await send(firstPost('opts', [], uploadPostJob({ overwrite: 'false' }))));
		const job = uploadPostJob({ overwrite: 'true', createMask: 'true' });
		const later = [...job.slice(0, 3), ['manualCropOptions', [['left', '1']]], job[3]] as Fields;
		expectJob(await send([...laterPost(handle), ['uploadParams', later]], filePart('f', 'macbookwin1.png', png(4, 4))));
		const broken = await send([...laterPost(handle), ['uploadParams', job.slice(1)]]);
		expectFault(broken, 'ipsApiFault', 30002);
		expectJob(await send(laterPost(handle, [['endJob', 'true']])));
		await done(handle);
		expect(sandbox().state.jobs[0].uploadPost).toMatchObject({ overwrite: false, createMask: false });
		expect((await jobLog(handle)).details[0]).toMatchObject({ logType: 'DuplicateSkipped', assetName: 'macbookwin1' });
	});

	it('refuses an uploadPostParam in an unknown namespace or under another root', async () => {
		await refused(firstPost('ns'), 30003, /Unsupported namespace 'http:\/\/www.scene7.com\/IpsApi\/xsd\/2016-01-14-beta'/, `${IPS_BASE_NS}/2016-01-14-beta`);
		const res = await upload(sandbox().uploadUrl, [authPart(), { name: 'uploadParams', body: `<uploadParam xmlns="${typesNamespace('2014-04-03')}"/>` }]);
		expect(expectFault(res, 'ipsApiFault', 30003)).toBe("The 'uploadParams' part must hold an uploadPostParam element, not 'uploadParam'");
	});

	it('fileName names the one file of its POST; more files with it are refused', async () => {
		const two = await send(firstPost('named', [['fileName', 'renamed.png']]), filePart('f', 'x.png', png(4, 4)), filePart('g', 'y.png', png(4, 4)));
		expect(expectFault(two, 'ipsApiFault', 30001)).toBe('uploadPostParam/fileName names one file, but this POST has 2 file parts (f, g)');
		expect(sandbox().state.jobs).toEqual([]);
		const one = await send(firstPost('named', [['destFolder', 'uploads/'], ['fileName', 'renamed.png'], ['endJob', 'true']]), filePart('f', 'x.png', png(6, 5)));
		await done(expectJob(one));
		expect(sandbox().state.assets.find((a) => a.name === 'renamed')).toMatchObject({ fileName: 'renamed.png', folderHandle: 'ApiTestCo/uploads/', imageInfo: { width: 6, height: 5 } });
		expect(sandbox().state.assets.some((a) => a.name === 'x')).toBe(false);
	});
});

describe('files in the job log', () => {
	it('a file that is not a PNG or JPEG is an UploadError; the job’s other files are stored', async () => {
		const truncated = png(16, 16).subarray(0, 60);
		const res = await send(
			firstPost('mixed', [['endJob', 'true']]),
			filePart('a', 'good.png', png(8, 8)),
			filePart('b', 'notes.txt', 'just some text'),
			filePart('c', 'cut.png', truncated),
			filePart('d', 'photo.jpg', jpg(12, 9)),
		);
		const handle = expectJob(res);
		await done(handle);
		const log = await jobLog(handle);
		expect(log.counts).toMatchObject({ fileSuccessCount: '2', fileErrorCount: '2', totalFileCount: '4' });
		expect(log.details.slice(0, 4)).toEqual([
			{ logType: 'UploadSuccess', assetName: 'good', logMessage: "Uploaded 'good.png'" },
			{ logType: 'UploadError', assetName: 'notes', logMessage: "File 'notes.txt' is not a valid image: not a PNG or JPEG image" },
			{ logType: 'UploadError', assetName: 'cut', logMessage: expect.stringMatching(/^File 'cut.png' is not a valid image: truncated PNG/) },
			{ logType: 'UploadSuccess', assetName: 'photo', logMessage: "Uploaded 'photo.jpg'" },
		]);
		expect(sandbox().state.assets.some((a) => a.name === 'notes' || a.name === 'cut')).toBe(false);
		expect(sandbox().state.assets.find((a) => a.name === 'photo')?.imageInfo).toMatchObject({ width: 12, height: 9 });
	});

	it('an existing name: overwrite=true replaces it (FileUpdated), overwrite=false keeps it (DuplicateSkipped)', async () => {
		const keep = expectJob(await send(firstPost('keep', [['endJob', 'true']], uploadPostJob({ overwrite: 'false' })), filePart('f', 'MacBookWin1.png', png(30, 20))));
		await done(keep);
		const kept = await jobLog(keep);
		expect(kept.counts).toMatchObject({ fileSuccessCount: '0', fileDuplicateCount: '1', fileUpdateCount: '0', totalFileCount: '1' });
		expect(kept.details[0]).toEqual({ logType: 'DuplicateSkipped', assetName: 'macbookwin1', logMessage: "Asset 'macbookwin1' already exists; not overwritten" });
		const seeded = sandbox().state.assets.find((a) => a.assetHandle === DEMO.assetHandle);
		expect(seeded?.imageInfo).toMatchObject({ width: 1600, height: 1200 });
		expect(sandbox().images.sources.has(DEMO.assetHandle)).toBe(false);

		const replace = expectJob(await send(firstPost('replace', [['endJob', 'true']], uploadPostJob({ overwrite: 'true' })), filePart('f', 'macbookwin1.png', png(30, 20))));
		await done(replace);
		const replaced = await jobLog(replace);
		expect(replaced.counts).toMatchObject({ fileSuccessCount: '1', fileDuplicateCount: '0', fileUpdateCount: '1', totalFileCount: '1' });
		expect(replaced.details[0]).toEqual({ logType: 'FileUpdated', assetName: 'macbookwin1', logMessage: "Updated asset 'macbookwin1'" });
		expect(sandbox().state.assets.filter((a) => a.name.toLowerCase() === 'macbookwin1' && a.companyHandle === 'c|6')).toHaveLength(1);
		expect(seeded).toMatchObject({ fileName: 'macbookwin1.png', imageInfo: { width: 30, height: 20 }, uploadedFrom: { jobHandle: replace } });
	});
});

describe('limits and time', () => {
	it('refuses a POST with a file above UploadPostMaxFileSize (which getProperty reports), naming file and limit; stores nothing from it', async () => {
		await withSandbox({ jobStepMs: STEP, uploadMaxFileSize: 1000 }, async (small) => {
			expect(small.uploadMaxFileSize).toBe(1000);
			const prop = await call(small.serviceUrl, 'getProperty', [['name', 'UploadPostMaxFileSize']]);
			expect(elementText(prop.body, 'value')).toBe('1000');
			const res = await sendTo(small, firstPost('big', [['endJob', 'true']]), filePart('a', 'fits.png', png(2, 2)), filePart('b', 'big.bin', Buffer.alloc(1001, 7)));
			expect(expectFault(res, 'ipsApiFault', 30001)).toBe("File 'big.bin' (part 'b') is 1001 bytes, more than UploadPostMaxFileSize (1000 bytes)");
			await new Promise((r) => setTimeout(r, STEP * 3));
			expect(small.state.jobs).toEqual([]);
			expect(small.state.assets.some((a) => a.name === 'fits')).toBe(false);
			// In an open job: the refused POST adds nothing; a file of exactly the limit is taken.
			const handle = expectJob(await sendTo(small, firstPost('open'), filePart('a', 'one.png', png(2, 2))));
			expectFault(await sendTo(small, laterPost(handle), filePart('b', 'big.png', Buffer.alloc(5000))), 'ipsApiFault', 30001);
			expectJob(await sendTo(small, laterPost(handle, [['endJob', 'true']]), filePart('c', 'exact.bin', Buffer.alloc(1000))));
			await done(handle, small);
			expect(small.state.jobs[0].uploadPost?.files.map((f) => [f.fileName, f.size])).toEqual([
				['one.png', png(2, 2).length],
				['exact.bin', 1000],
			]);
			expect(small.state.jobs[0].counts).toMatchObject({ success: 1, error: 1, total: 2 });
		});
	});

	it('the default limit is 2 GiB', async () => {
		const prop = await call(sandbox().serviceUrl, 'getProperty', [['name', 'UploadPostMaxFileSize']]);
		expect(elementText(prop.body, 'value')).toBe(String(2 * 1024 ** 3));
	});

	it('an open job with no POST for the idle timeout ends on its own: its files are processed and the log says it timed out', async () => {
		await withSandbox({ jobStepMs: STEP, uploadJobIdleMs: 1000 }, async (idle) => {
			const started = Date.now();
			const handle = expectJob(await sendTo(idle, firstPost('idle'), filePart('a', 'idle-a.png', png(3, 3))));
			await new Promise((r) => setTimeout(r, 600 - (Date.now() - started)));
			// A POST restarts the timeout.
			expectJob(await sendTo(idle, laterPost(handle), filePart('b', 'idle-b.png', png(3, 3))));
			const second = Date.now();
			await new Promise((r) => setTimeout(r, 1200 - (second - started)));
			if (Date.now() - second < 950) expect(idle.state.jobs[0].state).toBe('WaitingClient');
			await done(handle, idle, 5000);
			expect(Date.now() - second).toBeGreaterThanOrEqual(990);
			const log = await jobLog(handle, idle);
			expect(log.counts).toMatchObject({ fileSuccessCount: '2', totalFileCount: '2' });
			expect(log.details[0]).toEqual({
				logType: 'Warning',
				assetName: undefined,
				logMessage: 'Upload job timed out: no POST for 1000 ms and no endJob; the 2 files received are processed',
			});
			expect(log.details.slice(1).map((d) => [d.logType, d.assetName])).toEqual([
				['UploadSuccess', 'idle-a'],
				['UploadSuccess', 'idle-b'],
				['Info', undefined],
			]);
			expect(idle.state.jobs[0].uploadPost?.endedBy).toBe('idle');
			const late = await sendTo(idle, laterPost(handle, [['endJob', 'true']]));
			expectFault(late, 'ipsApiFault', 30000);
		});
	});
});

describe('Image Serving and large files', () => {
	it('serves an uploaded PNG at its size and colour after a publish, not before', async () => {
		const handle = expectJob(await send(firstPost('served', [['destFolder', 'uploads/'], ['endJob', 'true']]), filePart('f', 'served-red.png', png(64, 48, [220, 20, 30]))));
		await done(handle);
		const url = `${sandbox().imageServerUrl}ApiTestCo/served-red?fmt=png`;
		expect((await get(url)).status).toBe(404);
		const asset = sandbox().state.assets.find((a) => a.name === 'served-red');
		const source = sandbox().images.sources.get(asset?.assetHandle ?? '');
		expect(source).toBeInstanceOf(EncodedImage);
		expect((source as EncodedImage).isDecoded).toBe(false);

		const publish = await submitJob(sandbox().serviceUrl, [
			['companyHandle', DEMO.companyHandle],
			['jobName', 'publish'],
			['imageServingPublishJob', [['publishType', 'Full'], ['emailSetting', 'None']]],
		]);
		await done(publish);
		const served = await get(url);
		expect([served.status, served.type]).toEqual([200, 'image/png']);
		const image = PNG.sync.read(served.body);
		expect([image.width, image.height]).toEqual([64, 48]);
		expect([...image.data.subarray(0, 4)]).toEqual([220, 20, 30, 255]);
		const half = PNG.sync.read((await get(`${url}&wid=32`)).body);
		expect([half.width, half.height]).toEqual([32, 24]);
	});

	it('accepts a 100 MB file, keeps it undecoded and out of the recorder, and reads its size from the header', async () => {
		const pieces = pngWithPayload(16, 12, 100 * 1024 * 1024);
		const size = pieces.reduce((n, p) => n + p.length, 0);
		expect(size).toBeGreaterThan(100 * 1024 * 1024);
		const res = await send(firstPost('large', [['endJob', 'true']]), filePart('big', 'large.png', pieces));
		const handle = expectJob(res);
		await done(handle, sandbox(), 15_000);
		const log = await jobLog(handle);
		expect(log.details[0]).toEqual({ logType: 'UploadSuccess', assetName: 'large', logMessage: "Uploaded 'large.png'" });
		const asset = sandbox().state.assets.find((a) => a.name === 'large');
		expect(asset?.imageInfo).toMatchObject({ width: 16, height: 12, fileSize: size });
		const source = sandbox().images.sources.get(asset?.assetHandle ?? '') as EncodedImage;
		expect(source.bytes.length).toBe(size);
		expect(source.isDecoded).toBe(false);
		const record = uploads()[0];
		expect(record.upload?.parts[2]).toEqual({ name: 'big', filename: 'large.png', contentType: 'application/octet-stream', size });
		expect(JSON.stringify(record).length).toBeLessThan(5000);
	}, 30_000);
});
