/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// What the editor does to run a workflow in n8n 2.x: POST /rest/workflows/:id/run with the saved workflow
// and the trigger to start from, then poll the execution (its data is stored "flatted").
import { createRequire } from 'node:module';
import path from 'node:path';

import type { HostInstall } from './host';
import { waitFor, type RestClient, type RunJson, type WorkflowJson } from './n8n';

interface ExecutionRecord {
	id: string;
	finished: boolean;
	status: string;
	mode: string;
	data: string;
}

export async function runWorkflowFromEditor(
	rest: RestClient,
	host: HostInstall,
	workflowId: string,
	triggerName: string,
): Promise<{ execution: ExecutionRecord; run: RunJson }> {
	const workflow = await rest.ok<WorkflowJson>('GET', `/rest/workflows/${encodeURIComponent(workflowId)}`);
	const started = await rest.ok<{ executionId?: string; waitingForWebhook?: boolean }>(
		'POST',
		`/rest/workflows/${encodeURIComponent(workflowId)}/run`,
		{ workflowData: workflow, triggerToStartFrom: { name: triggerName } },
	);
	if (!started.executionId) throw new Error(`the run did not start an execution: ${JSON.stringify(started)}`);
	// The host's own copy of flatted reads the stored execution data.
	const requireFromHost = createRequire(path.join(host.installDir, 'node_modules', 'n8n', 'package.json'));
	const flatted = requireFromHost('flatted') as { parse: (text: string) => RunJson['data'] | undefined };
	let execution: ExecutionRecord | undefined;
	let data: RunJson['data'] | undefined;
	await waitFor(
		async () => {
			execution = await rest.ok<ExecutionRecord>('GET', `/rest/executions/${started.executionId}`);
			if (!['success', 'error', 'crashed', 'canceled'].includes(execution?.status ?? '')) return false;
			// n8n 1.x can answer with the final status before the run's data is stored: wait for both.
			data = typeof execution.data === 'string' && execution.data ? flatted.parse(execution.data) : undefined;
			return data?.resultData !== undefined;
		},
		120_000,
		() => `execution ${started.executionId} did not finish with its data: ${JSON.stringify(execution)?.slice(0, 1000)}`,
	);
	const done = execution as ExecutionRecord;
	return { execution: done, run: { status: done.status, finished: done.finished, mode: done.mode, data: data as RunJson['data'] } };
}
