// One sandbox per test file; test/integration/operations/harness.ts wraps it with the engine's shutdown.
import { startSandbox, type Sandbox, type SandboxOptions } from './server';

/** Starts a sandbox for the file (or describe), resets it before each test and stops it after. */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
	});
	beforeEach(() => {
		sandbox?.reset();
		sandbox?.setInjector(undefined);
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	return () => {
		if (!sandbox) throw new Error('The sandbox is not running');
		return sandbox;
	};
}
