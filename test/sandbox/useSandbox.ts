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

/** A sandbox of its own for one test (other options than the file's), closed when `run` ends. */
export async function withSandbox(options: SandboxOptions, run: (sandbox: Sandbox) => Promise<void>): Promise<void> {
	const own = await startSandbox(options);
	try {
		await run(own);
	} finally {
		await own.close();
	}
}
