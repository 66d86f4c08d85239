import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { transportError } from '../../../nodes/Scene7Ips/transport';

const node = { id: 'n1', name: 'Scene7 IPS', type: 'n8n-nodes-scene7.scene7Ips', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const context = { getNode: () => node } as unknown as IExecuteFunctions;

describe('transportError', () => {
	// n8n-core's words when it cannot hand the request a credential: nothing went out.
	it.each([
		'Node does not have any credentials set',
		'Node "Scene7 IPS" does not have any credentials of type "scene7IpsApi" set',
		'Credentials could not be decrypted',
		'Credential with ID "x1" does not exist for type "scene7IpsApi".',
	])('passes n8n\'s "%s" on as not sent, never as an unreachable Scene7', (message) => {
		const error = transportError(context, 'getCompanyInfo', new NodeOperationError(node, message), 2);

		expect(error.message).toBe(message);
		expect(error.description).toBe(
			'Nothing was sent to Scene7 for getCompanyInfo. Check the Scene7 IPS API credential selected in the node.',
		);
		expect(error.context).toMatchObject({ notSent: true, itemIndex: 2 });
		expect(error.context.retryable).toBeUndefined();
	});

	it('reports a reset connection as Scene7 not reached, retryable with delivery unknown', () => {
		const error = transportError(context, 'copyImage', Object.assign(new Error('socket closed'), { code: 'ECONNRESET' }));

		expect(error.message).toBe('Could not reach Scene7 for copyImage: the connection was reset');
		expect(error.context).toMatchObject({ retryable: { delivery: 'unknown' }, networkError: 'ECONNRESET' });
		expect(error.context.notSent).toBeUndefined();
	});
});
