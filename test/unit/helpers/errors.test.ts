import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError, errorForItem } from '../../../nodes/Scene7Ips/helpers/errors';
import { NODE } from '../../support/executeContext';

describe('asNodeError', () => {
	it('keeps our own errors, setting the item only where none is set', () => {
		const own = new NodeOperationError(NODE, 'bad', { itemIndex: 3 });
		expect(asNodeError(NODE, own, 5)).toBe(own);
		expect(own.context.itemIndex).toBe(3);
		const unset = new NodeOperationError(NODE, 'bad');
		expect(asNodeError(NODE, unset, 5).context.itemIndex).toBe(5);
	});

	it('wraps anything else, and knows our errors by name from another copy of n8n-workflow', () => {
		const wrapped = asNodeError(NODE, new Error('boom'), 2);
		expect(wrapped).toBeInstanceOf(NodeOperationError);
		expect(wrapped.message).toBe('boom');
		expect(wrapped.context.itemIndex).toBe(2);
		const foreign = Object.assign(new Error('elsewhere'), { name: 'NodeApiError', context: {} });
		expect(asNodeError(NODE, foreign)).toBe(foreign);
	});
});

describe('errorForItem', () => {
	it("gives each item its own copy with its own index and the value looked up, leaving the shared one as it was", () => {
		const shared = new NodeApiError(NODE, { message: 'down' }, { message: 'Scene7 is down', description: 'Try later.', httpCode: '502' });
		const first = errorForItem(NODE, shared, 0, "while looking up Company 'Acme'");
		const second = errorForItem(NODE, shared, 1, "while looking up Company 'Acme'");
		expect(first).not.toBe(second);
		expect(first).toBeInstanceOf(NodeApiError);
		expect([first.message, second.message]).toEqual([
			"Scene7 is down (while looking up Company 'Acme') [item 0]",
			"Scene7 is down (while looking up Company 'Acme') [item 1]",
		]);
		expect([first.context.itemIndex, second.context.itemIndex]).toEqual([0, 1]);
		expect([first.description, (first as NodeApiError).httpCode]).toEqual(['Try later.', '502']);
		expect(shared.message).toBe('Scene7 is down');
		expect(shared.context.itemIndex).toBeUndefined();
	});
});
