/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import type { IDataObject } from 'n8n-workflow';
// The module object itself (not a namespace copy), so a spy replaces what the node calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import n8nWorkflow = require('n8n-workflow');
import { Readable } from 'node:stream';

import { MAX_RESPONSE_BYTES } from '../../../nodes/Scene7Ips/transport/body';
import {
	byHandle,
	connectionRefused,
	connectionReset,
	type FakeResponse,
	networkError,
	operationOf,
	run,
	scripted,
	soapFault,
	soapResult,
} from './support';

const nameIn = (request: { body: string }) => /<name>([^<]*)<\/name>/.exec(request.body)?.[1];

const parameters = (options: IDataObject = {}, overrides: IDataObject = {}): IDataObject => ({
	resource: 'image',
	operation: 'copy',
	companyHandle: byHandle('c|6'),
	assetHandle: byHandle('a|739|1|537'),
	folderHandle: byHandle('ApiTestCo/'),
	name: 'Copy_macbookwin1',
	urlModifier: '',
	// The image URL's lookups have their own tests (image/imageUrlOutput.test.ts).
	options: { retry: { settings: { attempts: 3, backoff: 0 } }, includeImageUrl: false, ...options },
	...overrides,
});

const asset = (handle: string, name: string, folder: string, created = new Date().toISOString()) =>
	`<items><assetHandle>${handle}</assetHandle><name>${name}</name><type>Image</type><folder>${folder}</folder>` +
	`<folderHandle>${folder}</folderHandle><created>${created}</created></items>`;
const assetsAnswer = (items: string) => soapResult('getAssetsByName', items ? `<assetArray>${items}</assetArray>` : '');
const copied = (handle: string) => soapResult('copyImage', `<assetHandle>${handle}</assetHandle>`);
const nameInUse = (name: string) => soapFault('ipsApiFault', 30000, `Asset ID '${name}' is already in use.`);

describe('If Name Exists', () => {
	it('fail (default) reports the conflict with the server reason and points to If Name Exists', async () => {
		const { error, operations } = await run(parameters(), scripted({ copyImage: [nameInUse('Copy_macbookwin1')] }));
		expect(error?.message).toBe("Scene7 could not run copyImage: Asset ID 'Copy_macbookwin1' is already in use. (30000)");
		expect(error?.description).toContain('Options > If Name Exists to Use Existing');
		expect((error as { httpCode?: string } | undefined)?.httpCode).toBe('ipsApiFault 30000');
		expect(operations).toEqual(['copyImage']);
	});

	it('useExisting returns the asset already in the folder and copies nothing', async () => {
		const { json, operations, sent } = await run(
			parameters({ ifNameExists: 'useExisting' }, { urlModifier: 'wid=400&fmt=png' }),
			scripted({ getAssetsByName: [assetsAnswer(asset('a|42|1|1', 'Copy_macbookwin1', 'ApiTestCo/'))] }),
		);
		expect(operations).toEqual(['getAssetsByName']);
		expect(sent[0].body).toContain('<nameArray><items>Copy_macbookwin1</items></nameArray></getAssetsByNameParam>');
		// The existing asset's own values; Scene7 does not say what modifier it was made with, so
		// this run's modifier is not reported as if it were.
		expect(json?.[0]).toEqual({
			assetHandle: 'a|42|1|1',
			companyHandle: 'c|6',
			sourceAssetHandle: 'a|739|1|537',
			folderHandle: 'ApiTestCo/',
			name: 'Copy_macbookwin1',
			alreadyExisted: true,
		});
	});

	it('useExisting copies when the name is free', async () => {
		const { json, operations } = await run(
			parameters({ ifNameExists: 'useExisting' }),
			scripted({ getAssetsByName: [assetsAnswer('')], copyImage: [copied('a|50|1|1')] }),
		);
		expect(operations).toEqual(['getAssetsByName', 'copyImage']);
		expect(json?.[0]).toMatchObject({ assetHandle: 'a|50|1|1', alreadyExisted: false });
	});

	it('useExisting takes the copy another run made between the check and the copy', async () => {
		const { json, operations } = await run(
			parameters({ ifNameExists: 'useExisting' }),
			scripted({
				getAssetsByName: [assetsAnswer(''), assetsAnswer(asset('a|77|1|1', 'Copy_macbookwin1', 'ApiTestCo/'))],
				copyImage: [nameInUse('Copy_macbookwin1')],
			}),
		);
		expect(operations).toEqual(['getAssetsByName', 'copyImage', 'getAssetsByName']);
		expect(json?.[0]).toMatchObject({ assetHandle: 'a|77|1|1', alreadyExisted: true });
	});

	it('useExisting still fails when the name is used in another folder', async () => {
		const { error } = await run(
			parameters({ ifNameExists: 'useExisting' }),
			scripted({
				getAssetsByName: [assetsAnswer(asset('a|9|1|1', 'Copy_macbookwin1', 'ApiTestCo/summer/'))],
				copyImage: [nameInUse('Copy_macbookwin1')],
			}),
		);
		expect(error?.message).toBe("Scene7 could not run copyImage: Asset ID 'Copy_macbookwin1' is already in use. (30000)");
		expect(error?.description).toBe(
			'The name is used by a|9|1|1 in folder ApiTestCo/summer/. Use Existing only returns an asset in the target folder: ' +
				'choose that folder, another New Name, or Options > If Name Exists > Rename.',
		);
	});

	it('rename picks the first free name checked with checkAssetNames', async () => {
		const { json, sent, operations } = await run(
			parameters({ ifNameExists: 'rename' }),
			scripted({
				checkAssetNames: [soapResult('checkAssetNames', '<inUseNameArray><items>Copy_macbookwin1</items><items>copy_macbookwin1_1</items></inUseNameArray>')],
				copyImage: [copied('a|60|1|1')],
			}),
		);
		expect(operations).toEqual(['checkAssetNames', 'copyImage']);
		expect(sent[0].body).toContain(
			'<assetNameArray><items>Copy_macbookwin1</items><items>Copy_macbookwin1_1</items><items>Copy_macbookwin1_2</items>',
		);
		expect(nameIn(sent[1])).toBe('Copy_macbookwin1_2');
		expect(json?.[0]).toMatchObject({ assetHandle: 'a|60|1|1', name: 'Copy_macbookwin1_2', requestedName: 'Copy_macbookwin1', alreadyExisted: false });
	});

	it('rename looks again when the name was taken after the check', async () => {
		const { json, sent } = await run(
			parameters({ ifNameExists: 'rename' }),
			scripted({
				checkAssetNames: [
					soapResult('checkAssetNames', ''),
					soapResult('checkAssetNames', '<inUseNameArray><items>Copy_macbookwin1</items></inUseNameArray>'),
				],
				copyImage: [nameInUse('Copy_macbookwin1'), copied('a|61|1|1')],
			}),
		);
		expect(sent.filter((request) => operationOf(request) === 'copyImage').map(nameIn)).toEqual([
			'Copy_macbookwin1',
			'Copy_macbookwin1_1',
		]);
		expect(json?.[0]).toMatchObject({ assetHandle: 'a|61|1|1', name: 'Copy_macbookwin1_1' });
	});
});

describe('retries never duplicate a copy', () => {
	it('retries a call Scene7 certainly did not run without looking first', async () => {
		const { json, operations } = await run(
			parameters(),
			scripted({ copyImage: [connectionRefused, { statusCode: 503, body: 'busy' }, copied('a|70|1|1')] }),
		);
		expect(operations).toEqual(['copyImage', 'copyImage', 'copyImage']);
		expect(json?.[0].assetHandle).toBe('a|70|1|1');
	});

	it('looks for the copy before sending again after a timeout, and sends again when it is not there', async () => {
		const { json, operations } = await run(
			parameters(),
			scripted({
				copyImage: [networkError('ECONNABORTED', 'timeout of 5000ms exceeded'), copied('a|71|1|1')],
				getAssetsByName: [assetsAnswer('')],
			}),
		);
		expect(operations).toEqual(['copyImage', 'getAssetsByName', 'copyImage']);
		expect(json?.[0].assetHandle).toBe('a|71|1|1');
	});

	it.each([
		['a reset connection', connectionReset],
		['a gateway timeout', () => ({ statusCode: 504, body: '<html><body>Gateway Timeout</body></html>' })],
		['a truncated answer', () => ({ statusCode: 200, body: copied('a|1|1|1').body.slice(0, 150) })],
	])('returns the copy Scene7 made when %s lost the answer', async (_case, lostAnswer) => {
		const { json, operations } = await run(
			parameters(),
			scripted({
				copyImage: [lostAnswer],
				getAssetsByName: [assetsAnswer(asset('a|72|1|1', 'Copy_macbookwin1', 'ApiTestCo/'))],
			}),
		);
		expect(operations).toEqual(['copyImage', 'getAssetsByName']);
		expect(json?.[0]).toMatchObject({ assetHandle: 'a|72|1|1', alreadyExisted: false });
	});

	it('does not take an asset of that name created long before the copy as the copy', async () => {
		const { operations, json } = await run(
			parameters(),
			scripted({
				copyImage: [connectionReset, copied('a|73|1|1')],
				getAssetsByName: [assetsAnswer(asset('a|5|1|1', 'Copy_macbookwin1', 'ApiTestCo/', '2020-01-01T00:00:00Z'))],
			}),
		);
		expect(operations).toEqual(['copyImage', 'getAssetsByName', 'copyImage']);
		expect(json?.[0].assetHandle).toBe('a|73|1|1');
	});

	it('gives up after the configured attempts and says so', async () => {
		const { error, operations } = await run(
			parameters({ retry: { settings: { attempts: 2, backoff: 0 } } }),
			scripted({ copyImage: [{ statusCode: 502, body: '<html>Bad Gateway</html>' }], getAssetsByName: [assetsAnswer('')] }),
		);
		expect(operations).toEqual(['copyImage', 'getAssetsByName', 'copyImage', 'getAssetsByName']);
		expect(error?.message).toBe('Scene7 answered with a web page instead of a SOAP response (HTTP 502)');
		expect(error?.description).toMatch(/Tried 2 times\.$/);
	});

	it('does not retry faults', async () => {
		const { error, operations } = await run(parameters(), scripted({ copyImage: [soapFault('authenticationFault', 10001, 'Invalid username/password')] }));
		expect(operations).toEqual(['copyImage']);
		expect(error?.message).toBe('Scene7 rejected the user name or password (10001)');
	});

	it('waits as long as Retry-After asks when throttled', async () => {
		const sleep = jest.spyOn(n8nWorkflow, 'sleepWithAbort');
		const { json, operations } = await run(
			parameters(),
			scripted({ copyImage: [{ statusCode: 429, body: '', headers: { 'retry-after': '1' } } as FakeResponse, copied('a|74|1|1')] }),
		);
		expect(operations).toEqual(['copyImage', 'copyImage']);
		expect(json?.[0].assetHandle).toBe('a|74|1|1');
		expect(sleep.mock.calls.map(([ms]) => ms)).toContain(1000);
		sleep.mockRestore();
	});
});

describe('hostile answers', () => {
	it('reads an answer delivered as a stream', async () => {
		const body = Readable.from([Buffer.from(copied('a|80|1|1').body)]);
		const { json } = await run(parameters(), () => ({ statusCode: 200, body }) as unknown as FakeResponse);
		expect(json?.[0].assetHandle).toBe('a|80|1|1');
	});

	it('refuses an answer over the size limit without reading it all', async () => {
		let produced = 0;
		const body = Readable.from(
			(function* () {
				while (produced < MAX_RESPONSE_BYTES * 2) {
					produced += 1024 * 1024;
					yield Buffer.alloc(1024 * 1024, 32);
				}
			})(),
		);
		const { error } = await run(parameters(), () => ({ statusCode: 200, body }) as unknown as FakeResponse);
		expect(error?.message).toBe("Scene7's response is larger than 32 MB and was not read (HTTP 200)");
		expect(produced).toBeLessThan(MAX_RESPONSE_BYTES + 4 * 1024 * 1024);
	});
});
