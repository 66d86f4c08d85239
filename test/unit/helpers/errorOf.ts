import { NodeOperationError } from 'n8n-workflow';

/** The NodeOperationError `run` throws; fails the test if it throws nothing or something else. */
export function errorOf(run: () => unknown): NodeOperationError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected an error');
}
