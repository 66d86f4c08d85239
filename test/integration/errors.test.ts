// What a user sees when a copy fails, through the engine against the sandbox: one readable message
// per cause, never the password wherever n8n keeps the error, and failures on the way retried
// without ever making a copy twice.
import type { INodeParameters, NodeApiError } from 'n8n-workflow';

import { DEMO, ROLE_USERS, injectRule, type InjectAction } from '../sandbox/server';
import { runWorkflow } from '../support/engine';
import { copyFromItem, copyWorkflow, customCredential, SCENE7 } from '../support/workflows';
import { copyOfDemo, demoCredential, operationsSent, runCopy, useSandbox } from './operations/harness';

// Distinctive, with characters XML and String.replace treat specially, so a leak is easy to spot.
const WRONG_PASSWORD = `Wr0ng$&<Pa55>"w0rd'-7f3a`;

const BAD_GATEWAY_PAGE =
	'<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>' +
	'<hr><center>nginx</center></body></html>';
const BAD_GATEWAY: InjectAction = { kind: 'status', status: 502, contentType: 'text/html', body: BAD_GATEWAY_PAGE };

/** The node's Retry option: `attempts` tries in all, no wait between them. */
const retry = (attempts: number): INodeParameters => ({ retry: { settings: { attempts, backoff: 0 } } });

const CHECK_URL = 'Check the Region or Service URL of the Scene7 IPS API credential';

interface FailureCase {
	label: string;
	user?: string;
	password?: string;
	asset?: string;
	/** Applied to every copyImage call. */
	inject?: InjectAction;
	options?: INodeParameters;
	message: string;
	description: string;
	httpCode?: string;
	/** The operations the sandbox received, in order. */
	calls: string[];
}

// A call whose outcome is unknown is followed by a search for the new name before it is sent again.
const TRIED_TWICE = ['copyImage', 'getAssetsByName', 'copyImage', 'getAssetsByName'];

const CASES: FailureCase[] = [
	{ label: 'a wrong password', password: WRONG_PASSWORD, message: 'Scene7 rejected the user name or password (10001)', description: 'Scene7 said: "Invalid username/password"', httpCode: 'authenticationFault 10001', calls: ['copyImage'] },
	{ label: 'an ImagePortalUser, whose role may not copy', user: ROLE_USERS.ImagePortalUser.email, password: ROLE_USERS.ImagePortalUser.password, message: "Your Scene7 user's role may not use copyImage (20003)", description: `Scene7 said: "User does not have permission to access operation 'copyImage'"`, httpCode: 'authorizationFault 20003', calls: ['copyImage'] },
	{ label: 'an unknown asset', asset: 'a|999|9|999', message: "Scene7 could not run copyImage: Invalid assetHandle 'a|999|9|999' (30001)", description: "Check the values of the fields named in Scene7's reason.", httpCode: 'ipsApiFault 30001', calls: ['copyImage'] },
	{ label: 'an HTML 502 page from a gateway, every time', inject: BAD_GATEWAY, options: retry(2), message: 'Scene7 answered with a web page instead of a SOAP response (HTTP 502)', description: 'A web server, gateway or proxy answered instead of the IPS API.', httpCode: '502', calls: TRIED_TWICE },
	{ label: 'a connection reset, every time', inject: { kind: 'reset' }, options: retry(2), message: 'Could not reach Scene7 for copyImage: the connection was reset', description: CHECK_URL, calls: TRIED_TWICE },
	{ label: 'no answer within the Timeout option (retry off)', inject: { kind: 'hang' }, options: { timeout: 1000, ...retry(1) }, message: 'Could not reach Scene7 for copyImage: the call timed out', description: CHECK_URL, calls: ['copyImage', 'getAssetsByName'] },
];

const sandbox = useSandbox();

const xmlEscaped = (text: string) =>
	text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');

/** Every form a secret could take in a serialized run: as is, XML-escaped and JSON-escaped. */
function secretForms(secret: string): string[] {
	const xml = xmlEscaped(secret);
	return [...new Set([secret, xml, JSON.stringify(secret).slice(1, -1), JSON.stringify(xml).slice(1, -1)])];
}

/** The value as JSON, including the non-enumerable fields of errors (message, stack). */
function serialize(value: unknown): string {
	return JSON.stringify(value, (_key, entry: unknown) => {
		if (entry instanceof Error) {
			const own: Record<string, unknown> = {};
			for (const key of Object.getOwnPropertyNames(entry)) own[key] = (entry as unknown as Record<string, unknown>)[key];
			return own;
		}
		return entry;
	});
}

function expectNoSecret(value: unknown, secret: string): void {
	const text = serialize(value);
	for (const form of secretForms(secret)) expect(text).not.toContain(form);
}

const copiesNamed = (name: string) => sandbox().state.assets.filter((asset) => asset.name === name);
const onCopyImage = (action: InjectAction, times = 1, skip = 0) =>
	sandbox().setInjector(injectRule({ action, operation: 'copyImage', times, skip }));

async function runCase(failure: FailureCase) {
	if (failure.inject) onCopyImage(failure.inject, Infinity);
	const credential = customCredential(sandbox().serviceUrl, failure.user ?? DEMO.user, failure.password ?? DEMO.password);
	const parameters = copyOfDemo('Copy_failing', { asset: failure.asset ?? DEMO.assetHandle, options: failure.options });
	return await runWorkflow(copyWorkflow([{}], parameters, credential));
}

describe('failed copies', () => {
	it.each(CASES)('stop the run on $label with a readable error', async (failure) => {
		const result = await runCase(failure);

		expect(result.status).toBe('error');
		const error = result.error as NodeApiError;
		expect(error.message).toBe(failure.message);
		expect(error.description).toContain(failure.description);
		if (failure.calls.filter((call) => call === 'copyImage').length > 1) {
			expect(error.description).toMatch(/ Tried 2 times\.$/);
		}
		expect(error.context).toMatchObject({ itemIndex: 0 });
		if (failure.httpCode) expect(error.httpCode).toBe(failure.httpCode);
		expect(result.nodeError(SCENE7)?.message).toBe(failure.message);
		expect(operationsSent(sandbox())).toEqual(failure.calls);
		expect(copiesNamed('Copy_failing')).toEqual([]);

		// The password reached the sandbox, and nowhere else.
		const password = failure.password ?? DEMO.password;
		expect(sandbox().requests[0].rawBody).toContain(`<password>${xmlEscaped(password)}</password>`);
		for (const part of [result.run, error, error.description, error.messages, error.context]) {
			expectNoSecret(part, password);
		}
	});
});

describe('a failure on the way', () => {
	it.each<{ label: string; action: InjectAction; calls: string[] }>([
		{ label: 'an HTML 502 page before the copy ran', action: BAD_GATEWAY, calls: ['copyImage', 'getAssetsByName', 'copyImage'] },
		{ label: 'a connection reset before the copy ran', action: { kind: 'reset' }, calls: ['copyImage', 'getAssetsByName', 'copyImage'] },
		{ label: 'a 429 asking to slow down', action: { kind: 'status', status: 429 }, calls: ['copyImage', 'copyImage'] },
		{ label: 'a connection reset after Scene7 made the copy', action: { kind: 'resetAfterCommit' }, calls: ['copyImage', 'getAssetsByName'] },
		{ label: 'a 504 page after Scene7 made the copy', action: { kind: 'statusAfterCommit', status: 504 }, calls: ['copyImage', 'getAssetsByName'] },
	])('recovers from $label by retrying, making the copy exactly once', async ({ action, calls }) => {
		onCopyImage(action);

		const result = await runCopy(sandbox(), [{}], copyOfDemo('Copy_retried', { options: retry(3) }));

		expect(result.status).toBe('success');
		const copies = copiesNamed('Copy_retried');
		expect(copies).toHaveLength(1);
		expect(result.outputOf(SCENE7)[0].json).toMatchObject({
			assetHandle: copies[0].assetHandle,
			name: 'Copy_retried',
			alreadyExisted: false,
		});
		// The made copy's image URL is looked up after it.
		expect(operationsSent(sandbox())).toEqual([...calls, 'getProperty', 'getCompanyInfo']);
	});

	it.each(['useExisting', 'fail', 'rename'])(
		"that fails an item makes n8n's Retry On Fail re-run the batch: with If Name Exists %s the re-run returns the first attempt's copies",
		async (ifNameExists) => {
			// The third copy meets a 502 once; the node's own retry is off, so the node fails and
			// n8n runs it again from the first item.
			onCopyImage(BAD_GATEWAY, 1, 2);
			const items = ['Rerun_1', 'Rerun_2', 'Rerun_3'].map((name) => ({
				company: DEMO.companyHandle,
				asset: DEMO.assetHandle,
				folder: DEMO.folderHandle,
				name,
			}));
			const parameters = { ...copyFromItem(), options: { ifNameExists, ...retry(1) } };
			const settings = { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 };

			const result = await runCopy(sandbox(), items, parameters, settings);

			expect(result.status).toBe('success');
			expect(result.outputOf(SCENE7).map(({ json }) => [json.name, json.alreadyExisted, json.fromEarlierAttempt])).toEqual([
				['Rerun_1', true, true],
				['Rerun_2', true, true],
				['Rerun_3', false, undefined],
			]);
			// Never a second copy of a name, and the first two were not sent again.
			// Each name once; the copies run side by side, so the order they were made in is not fixed.
			expect(sandbox().state.assets.filter(({ name }) => name.startsWith('Rerun_')).map(({ name }) => name).sort()).toEqual([
				'Rerun_1',
				'Rerun_2',
				'Rerun_3',
			]);
			expect(operationsSent(sandbox()).filter((operation) => operation === 'copyImage')).toHaveLength(4);
		},
	);
});

describe('a credential the node cannot use', () => {
	const parameters = () => copyOfDemo('Copy_no_credential');

	it('names the missing credential, passes n8n\'s reason on and sends nothing', async () => {
		const workflow = copyWorkflow([{}, {}], parameters(), demoCredential(sandbox()));
		delete workflow.nodes[1].credentials;

		const result = await runWorkflow(workflow);

		expect(result.status).toBe('error');
		const error = result.error as NodeApiError;
		expect(error.message).toBe('No Scene7 IPS API credential is selected (Node does not have any credentials set)');
		expect(error.description).toBe(
			'Select a Scene7 IPS API credential in the node\'s "Credential to connect with" field, or create one. Nothing was sent to Scene7.',
		);
		expect(error.context).toMatchObject({ itemIndex: 0 });
		expect(sandbox().requests).toEqual([]);
	});

	it('fails every item on the error output with the credential it names, when the node continues', async () => {
		const workflow = copyWorkflow([{ row: 1 }, { row: 2 }, { row: 3 }], parameters(), demoCredential(sandbox()), {
			onError: 'continueErrorOutput',
			credentialId: 'deleted-credential',
		});
		workflow.credentials = [];

		const result = await runWorkflow(workflow);

		expect(result.status).toBe('success');
		expect(result.outputOf(SCENE7, 0)).toEqual([]);
		const failed = result.outputOf(SCENE7, 1);
		expect(failed.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(failed.map(({ json }) => json.error)).toEqual(
			Array(3).fill(
				'The Scene7 IPS API credential "Scene7 sandbox" cannot be used: Credential with ID "deleted-credential" of type "scene7IpsApi" does not exist.',
			),
		);
		expect(failed.map(({ error }) => error?.description)).toEqual(
			Array(3).fill(
				'Open the credential and save it again (or select another one in "Credential to connect with"). Nothing was sent to Scene7.',
			),
		);
		expect(sandbox().requests).toEqual([]);
	});
});
