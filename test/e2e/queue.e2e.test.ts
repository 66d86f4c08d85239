// Queue mode: `n8n start` (EXECUTIONS_MODE=queue) enqueues in Redis, one `n8n worker` runs the Scene7 node.
import { freePort, N8n, waitFor, type StartedProcess } from './lib/n8n';
import { startRedis, type RunningRedis } from './lib/redis';
import { assetNamed, DEMO, requestsFor, sandboxCredential, startSandbox, type Sandbox } from './lib/sandbox';
import { webhookWorkflow } from './lib/workflows';

const CRED = { id: 'e2eCredQueue0001', name: 'Scene7 sandbox' };
const WEBHOOK = { workflowId: 'e2eQueueWebhook1', path: 'scene7-queue-copy', webhookId: '5c7e1b0a-0e2e-4c0b-9f00-5ce7e0000002' };

describe('queue mode: main + worker + Redis', () => {
	let sandbox: Sandbox;
	let redis: RunningRedis;
	let n8n: N8n;
	let main: StartedProcess;
	let worker: StartedProcess;

	beforeAll(async () => {
		sandbox = await startSandbox();
		redis = await startRedis();
		n8n = await N8n.create({
			label: 'e2e-queue',
			env: {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				QUEUE_HEALTH_CHECK_ACTIVE: 'false',
			},
		});
		await n8n.importCredentials([sandboxCredential(CRED, sandbox)]);
		await n8n.importWorkflows([webhookWorkflow(WEBHOOK.workflowId, CRED, WEBHOOK.path, WEBHOOK.webhookId)]);
		await n8n.activateWorkflow(WEBHOOK.workflowId);
		main = await n8n.start();
		// The worker has its own task broker for the Code node runner; everything else is shared (DB, Redis, key).
		worker = n8n.spawnLongRunning(['worker', '--concurrency=2'], { N8N_RUNNERS_BROKER_PORT: String(await freePort()) }, 'worker');
		await waitFor(
			async () => {
				if (worker.child.exitCode !== null) throw new Error(`n8n worker exited (${worker.child.exitCode}):\n${worker.log()}`);
				return worker.log().includes('n8n worker is now ready');
			},
			120_000,
			() => `n8n worker did not become ready:\n${worker.log().slice(-4000)}`,
		);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await redis?.stop();
		await sandbox?.close();
	});

	test('a webhook-triggered copy is executed by the worker and answers with the new handle', async () => {
		const before = sandbox.requests.length;
		const { status, text } = await n8n.postWebhook(WEBHOOK.path, {
			company: DEMO.companyHandle,
			asset: DEMO.assetHandle,
			folder: DEMO.folderHandle,
			name: 'Queued_macbookwin1',
			modifier: 'wid=320',
		});
		expect({ status, text }).toMatchObject({ status: 200 });
		const body = JSON.parse(text) as Record<string, unknown>;
		const copy = assetNamed(sandbox, 'Queued_macbookwin1');
		expect(body).toMatchObject({ assetHandle: copy.assetHandle, name: 'Queued_macbookwin1', urlModifier: 'wid=320' });
		expect(body.assetHandle).toMatch(/^a\|/);
		expect(requestsFor(sandbox, 'copyImage', before)).toHaveLength(1);

		// The main process enqueued the execution, the worker ran it.
		const enqueued = /Enqueued execution (\d+) \(job (\d+)\)/.exec(main.log());
		expect(enqueued).not.toBeNull();
		const [, executionId, jobId] = enqueued as RegExpExecArray;
		await waitFor(
			async () => worker.log().includes(`Worker finished execution ${executionId} (job ${jobId})`),
			30_000,
			() => `worker log has no "finished execution ${executionId}":\n${worker.log().slice(-3000)}`,
		);
		expect(worker.log()).toContain(`Worker started execution ${executionId} (job ${jobId})`);
		expect(main.log()).not.toContain(`Worker started execution ${executionId}`);
	});
});
