/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// The workflows in examples/ as `npm start` imports them (and as the e2e and browser tests run them): the
// file as shipped, with only its Scene7 nodes' credential set to the given one and the sandbox URL the
// files carry (npm start's default sandbox, http://127.0.0.1:8765) replaced by the running sandbox's.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { DEMO_SANDBOX_PORT } from './demo';
import { REPO_ROOT } from './host';
import { CREDENTIAL_TYPE, PACKAGE_NAME, type WorkflowJson, type WorkflowNodeJson } from './n8n';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
/** The sandbox the shipped examples point at: the one `npm start` starts by default. */
export const SHIPPED_SANDBOX_URL = `http://127.0.0.1:${DEMO_SANDBOX_PORT}`;

/** The webhook example: its path and a body it expects (the sandbox's company, image and folder). */
export const WEBHOOK_EXAMPLE = {
	file: 'webhook-copy-image.json',
	path: 'scene7-copy-image',
	body: {
		company: 'ApiTestCo',
		image: 'macbookwin1',
		folder: 'ApiTestCo/',
		newName: 'Webhook_example_copy',
		urlModifier: 'wid=640&fmt=png',
	},
} as const;

/** The example files, sorted. */
export function exampleFiles(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort();
}

/** The file exactly as shipped. */
export function readExample(file: string): WorkflowJson {
	return JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
}

/** Nodes of this package (the action node and the trigger): the ones that carry the Scene7 credential. */
export const isScene7Node = (node: WorkflowNodeJson): boolean => node.type.startsWith(`${PACKAGE_NAME}.`);

export interface ExampleTarget {
	/** The credential every Scene7 node gets (npm start: DEMO_CREDENTIAL). */
	credential: { id: string; name: string };
	/** The running sandbox's base URL (sandbox.url, e.g. http://127.0.0.1:8765). */
	sandboxUrl: string;
}

/**
 * The example as `npm start` imports it: each Scene7 node's credential set to `target.credential` (the
 * file must name exactly one, of the package's type), the shipped sandbox URL replaced by the running
 * one. Nothing else changes.
 */
export function loadExample(file: string, target: ExampleTarget): WorkflowJson {
	const shipped = readExample(file);
	if (!shipped.nodes.some(isScene7Node)) throw new Error(`examples/${file} has no Scene7 node`);
	// Both URLs are plain http://host:port, written the same in JSON text as in the strings it holds.
	const workflow = JSON.parse(JSON.stringify(shipped).split(SHIPPED_SANDBOX_URL).join(target.sandboxUrl.replace(/\/+$/, ''))) as WorkflowJson;
	for (const node of workflow.nodes) {
		if (!isScene7Node(node)) continue;
		const types = Object.keys(node.credentials ?? {});
		if (types.length !== 1 || types[0] !== CREDENTIAL_TYPE) {
			throw new Error(`examples/${file}: node "${node.name}" has credentials ${JSON.stringify(types)}, expected exactly ${CREDENTIAL_TYPE}`);
		}
		node.credentials = { [CREDENTIAL_TYPE]: { id: target.credential.id, name: target.credential.name } };
	}
	return workflow;
}
