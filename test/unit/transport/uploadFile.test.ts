/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';

import {
	boundaryOf,
	multipartBoundary,
	multipartContentType,
	readUploadAnswer,
	resolveUploadUrl,
	uploadAuthPart,
	uploadBodyHead,
	uploadBodyTail,
	uploadPostParamXml,
	withUploadAuthPart,
	type UploadPostParam,
} from '../../../nodes/Scene7Ips/transport/uploadFile';
import { TEST_CREDENTIALS } from '../../support/executeContext';
import { ADOBE_WSDL, hasAdobeWsdl, NO_ADOBE_WSDL } from '../../support/shared';
import { testIf } from '../../support/skip';

const BOUNDARY = 'B0und4ry';
const FIRST_POST: UploadPostParam = {
	companyHandle: 'c|6',
	job: { name: 'n8n upload <2026-12-07> & more' },
	destFolder: 'ApiTestCo/uploads/',
	settings: { overwrite: true, readyForPublish: false, createMask: false, emailSetting: 'None' },
};

describe('resolveUploadUrl: the servlet host of the credential (ips-api.md §11.1)', () => {
	it.each([
		['northAmerica', '', 'https://s7sps1ssl.scene7.com/scene7/UploadFile'],
		['northAmericaStaging', '', 'https://s7sps1ssl-staging.scene7.com/scene7/UploadFile'],
		['emea', '', 'https://s7sps3ssl.scene7.com/scene7/UploadFile'],
		['emeaStaging', '', 'https://s7sps3ssl-staging.scene7.com/scene7/UploadFile'],
		['apac', '', 'https://s7sps5ssl.scene7.com/scene7/UploadFile'],
		['apacStaging', '', 'https://s7sps5ssl-staging.scene7.com/scene7/UploadFile'],
		['an unknown region (as the SOAP endpoint: North America)', '', 'https://s7sps1ssl.scene7.com/scene7/UploadFile'],
		// A custom Service URL: its origin with the servlet path; not a URL: empty.
		['custom', ' http://127.0.0.1:8765/scene7/services/IpsApiService ', 'http://127.0.0.1:8765/scene7/UploadFile'],
		['custom', 'ips.example.com/scene7', ''],
		['custom', 'ftp://ips.example.com/scene7', ''],
	])('%s %j', (region, serviceUrl, url) => {
		expect(resolveUploadUrl({ region, serviceUrl })).toBe(url);
	});
});

describe('uploadPostParamXml', () => {
	it('the first POST names the job and carries its settings, escaped, in the WSDL order', () => {
		expect(uploadPostParamXml(FIRST_POST)).toBe(
			'<?xml version="1.0" encoding="UTF-8"?><uploadPostParam xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03">' +
				'<companyHandle>c|6</companyHandle><jobName>n8n upload &lt;2026-12-07&gt; &amp; more</jobName>' +
				'<destFolder>ApiTestCo/uploads/</destFolder>' +
				'<uploadParams><overwrite>true</overwrite><readyForPublish>false</readyForPublish><createMask>false</createMask>' +
				'<emailSetting>None</emailSetting></uploadParams></uploadPostParam>',
		);
	});

	it('a later POST gives the job handle, the file name and endJob, and no settings', () => {
		const xml = uploadPostParamXml({
			companyHandle: 'c|6',
			job: { handle: 'j|6||n8n|1' },
			description: 'd',
			fileName: 'front.png',
			endJob: true,
			settings: undefined,
		});
		expect(xml).toContain(
			'<companyHandle>c|6</companyHandle><jobHandle>j|6||n8n|1</jobHandle><description>d</description>' +
				'<fileName>front.png</fileName><endJob>true</endJob></uploadPostParam>',
		);
		expect(xml).not.toContain('jobName');
		expect(xml).not.toContain('<uploadParams>');
	});

	it('preservePublishState is sent only when set, between readyForPublish and createMask', () => {
		const xml = uploadPostParamXml({ ...FIRST_POST, settings: { ...FIRST_POST.settings!, preservePublishState: false } });
		expect(xml).toContain('<readyForPublish>false</readyForPublish><preservePublishState>false</preservePublishState><createMask>');
	});

	const sequenceOf = (wsdl: string, opening: string) => {
		const start = wsdl.indexOf(opening);
		const block = wsdl.slice(start, wsdl.indexOf('</sequence>', start));
		return [...block.matchAll(/<element name="(\w+)"/g)].map((m) => m[1]).filter((name) => !opening.includes(`"${name}"`));
	};
	testIf(hasAdobeWsdl, NO_ADOBE_WSDL)("the elements follow the sequences of Adobe's WSDL", () => {
		const wsdl = readFileSync(ADOBE_WSDL, 'utf8');
		const sent = (xml: string, within: string) =>
			[...xml.slice(xml.indexOf(`<${within}`) + within.length + 1).matchAll(/<(\w+)>/g)].map((m) => m[1]);
		const order = (names: string[], sequence: string[]) => names.map((name) => sequence.indexOf(name));
		const all: UploadPostParam = {
			...FIRST_POST,
			description: 'd',
			fileName: 'f.png',
			endJob: false,
			settings: { ...FIRST_POST.settings!, preservePublishState: true },
		};
		const param = sequenceOf(wsdl, '<element name="uploadPostParam">');
		const job = sequenceOf(wsdl, '<complexType name="UploadPostJob">');
		const top = sent(uploadPostParamXml(all), 'uploadPostParam').filter((name) => param.includes(name));
		const inner = sent(uploadPostParamXml(all), 'uploadParams>').filter((name) => job.includes(name));
		for (const [names, sequence] of [[top, param], [inner, job]]) {
			const positions = order(names, sequence);
			expect(positions.every((p) => p >= 0)).toBe(true);
			expect(positions).toEqual([...positions].sort((a, b) => a - b));
		}
		expect(top).toEqual(['companyHandle', 'jobName', 'description', 'destFolder', 'fileName', 'endJob', 'uploadParams']);
		// Every element the WSDL requires in UploadPostJob is sent.
		const required = [...wsdl.slice(wsdl.indexOf('<complexType name="UploadPostJob">')).split('</sequence>')[0].matchAll(/<element name="(\w+)" type="[^"]+"\/>/g)].map((m) => m[1]);
		expect(required).toEqual(['overwrite', 'readyForPublish', 'createMask', 'emailSetting']);
		expect(required.every((name) => inner.includes(name))).toBe(true);
	});
});

describe('multipart framing', () => {
	it('a boundary from random bytes; the Content-Type that names it; boundaryOf reads it back', () => {
		const boundary = multipartBoundary('aB3xYz');
		expect(boundary).toBe('----n8nScene7aB3xYz');
		expect(boundaryOf(multipartContentType(boundary))).toBe(boundary);
		expect(boundaryOf('Multipart/Form-Data; charset=x; boundary="a b"')).toBe('a b');
		expect(boundaryOf('multipart/mixed; boundary=x')).toBeUndefined();
		expect(boundaryOf('multipart/form-data')).toBeUndefined();
		expect(boundaryOf(undefined)).toBeUndefined();
	});

	it('head, file bytes and tail make the parts Adobe\'s example shows, in its order, after the auth part', () => {
		const file = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
		const body = Buffer.concat([
			uploadAuthPart(BOUNDARY, TEST_CREDENTIALS),
			uploadBodyHead(BOUNDARY, FIRST_POST, { partName: 'file1', fileName: 'shoe "red"\r\n.png' }),
			file,
			uploadBodyTail(BOUNDARY, true),
		]).toString('latin1');
		const parts = body.split(`--${BOUNDARY}`);
		expect(parts[0]).toBe('');
		expect(parts.at(-1)).toBe('--\r\n');
		const [auth, params, filePart] = parts.slice(1, -1);
		expect(auth).toBe(
			'\r\nContent-Disposition: form-data; name="auth"\r\nContent-Type: text/plain; charset=US-ASCII\r\nContent-Transfer-Encoding: 8bit\r\n\r\n' +
				'<authHeader xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"><user>unit@example.com</user>' +
				'<password>unit-Pa$$w0rd-&lt;&amp;&gt;</password><appName>n8n-nodes-scene7</appName><appVersion>0.1.0</appVersion>' +
				'<faultHttpStatusCode>200</faultHttpStatusCode></authHeader>\r\n',
		);
		expect(params).toBe(
			'\r\nContent-Disposition: form-data; name="uploadParams"\r\nContent-Type: text/plain; charset=US-ASCII\r\nContent-Transfer-Encoding: 8bit\r\n\r\n' +
				`${uploadPostParamXml(FIRST_POST)}\r\n`,
		);
		expect(filePart).toBe(
			'\r\nContent-Disposition: form-data; name="file1"; filename="shoe %22red%22%0D%0A.png"\r\nContent-Type: application/octet-stream\r\n' +
				`Content-Transfer-Encoding: binary\r\n\r\n${file.toString('latin1')}\r\n`,
		);
	});

	it('the text parts are US-ASCII as they say: other characters go as XML character references', () => {
		const credentials = { ...TEST_CREDENTIALS, password: 'pässwörd-日本-😀' };
		const auth = uploadAuthPart(BOUNDARY, credentials);
		expect([...auth].every((byte) => byte < 0x80)).toBe(true);
		expect(auth.toString('ascii')).toContain('<password>p&#xe4;ssw&#xf6;rd-&#x65e5;&#x672c;-&#x1f600;</password>');
		const head = uploadBodyHead(BOUNDARY, { ...FIRST_POST, job: { name: 'Été' } });
		expect(head.toString('ascii')).toContain('<jobName>&#xc9;t&#xe9;</jobName>');
	});

	it('a POST with no file ends with the closing delimiter right after the params', () => {
		const body = Buffer.concat([uploadBodyHead(BOUNDARY, FIRST_POST), uploadBodyTail(BOUNDARY, false)]).toString();
		expect(body.endsWith(`</uploadPostParam>\r\n--${BOUNDARY}--\r\n`)).toBe(true);
		expect(body).not.toContain('filename=');
	});
});

describe('readUploadAnswer: the root element decides, not the HTTP status', () => {
	it('uploadPostReturn gives the job handle, unescaped', () => {
		expect(
			readUploadAnswer(
				'<?xml version="1.0" encoding="UTF-8"?>\n<uploadPostReturn xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"><jobHandle>j|2101||upload-1&amp;2|54091</jobHandle></uploadPostReturn>',
			),
		).toEqual({ ok: true, jobHandle: 'j|2101||upload-1&2|54091' });
		expect(readUploadAnswer('<uploadPostReturn><jobHandle> </jobHandle></uploadPostReturn>')).toBeUndefined();
	});

	it.each(['authenticationFault', 'authorizationFault', 'ipsApiFault'])('a bare %s (as Adobe shows it, prefixed)', (fault) => {
		const body = `<tns:${fault} xmlns:tns="http://www.scene7.com/IpsApi/xsd"><tns:code>10001</tns:code><tns:reason>Invalid username/password &lt;x&gt;</tns:reason></tns:${fault}>`;
		expect(readUploadAnswer(body)).toEqual({ ok: false, fault, code: '10001', reason: 'Invalid username/password <x>' });
	});
	// Anything else (a web page, nothing, another root) is no answer: uploadPost.test.ts, "an answer that is %s is an error".
});

describe('withUploadAuthPart: the auth part goes in front, or nothing is sent', () => {
	const request = (body: unknown, extra: Record<string, unknown> = {}) => ({
		method: 'POST',
		url: 'https://s7sps1ssl.scene7.com/scene7/UploadFile',
		headers: { 'content-type': multipartContentType(BOUNDARY), 'Content-Length': '11' },
		body,
		...extra,
	});
	const auth = uploadAuthPart(BOUNDARY, TEST_CREDENTIALS);

	it('bytes: a new body with the part first, and Content-Length grown by it', () => {
		const original = request(Buffer.from('rest-of-it!'));
		const result = withUploadAuthPart(original, TEST_CREDENTIALS);
		expect(Buffer.compare(result.body as Buffer, Buffer.concat([auth, Buffer.from('rest-of-it!')]))).toBe(0);
		expect(result.headers['Content-Length']).toBe(String(11 + auth.length));
		expect(original.headers['Content-Length']).toBe('11');
	});

	it('a stream nobody has read: the part is read first, then the stream', async () => {
		const stream = Readable.from([Buffer.from('rest-'), Buffer.from('of-it!')]);
		const result = withUploadAuthPart(request(stream, { headers: { 'Content-Type': multipartContentType(BOUNDARY) } }), TEST_CREDENTIALS);
		expect(result.body).toBe(stream);
		const chunks: Buffer[] = [];
		for await (const chunk of stream) chunks.push(chunk as Buffer);
		expect(Buffer.concat(chunks).toString()).toBe(`${auth.toString()}rest-of-it!`);
		expect(result.headers['Content-Length']).toBeUndefined();
	});

	it.each<[string, Record<string, unknown>]>([
		['a GET', { method: 'GET', body: Buffer.from('x') }],
		['no multipart Content-Type', { headers: { 'content-type': 'text/xml' }, body: Buffer.from('x') }],
		['an object body', { body: { auth: 'x' } }],
		['a stream already flowing', { body: Object.assign(Readable.from(['x']), {}).resume() }],
		['a Content-Length that is no length', { headers: { 'content-type': multipartContentType(BOUNDARY), 'content-length': 'abc' }, body: Buffer.from('x') }],
	])('refuses %s', (_what, extra) => {
		expect(() => withUploadAuthPart(request(undefined, extra), TEST_CREDENTIALS)).toThrow(
			'This request to the Scene7 UploadFile servlet is not a multipart POST as the Scene7 IPS node builds it, so the Scene7 IPS API credential added nothing and nothing was sent.',
		);
	});
});
