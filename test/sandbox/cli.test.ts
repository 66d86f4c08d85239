/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions */
// `npm run sandbox` = `tsx test/sandbox/cli.ts`: starts, prints what a developer needs, stops on signals.
import { call } from './raw-soap';
import { DEMO, ROLE_USERS } from './server';
import { runCli, waitFor } from './useSandbox';

jest.setTimeout(40000);

describe('sandbox CLI', () => {
	it.each(['SIGINT', 'SIGTERM'] as const)(
		'prints URL and credentials, serves, and exits 0 on %s',
		async (signal) => {
			const cli = runCli(['--port', '0'], { SANDBOX_PORT: '' });
			try {
				const [, serviceUrl] = await waitFor(cli.output, /Service URL:\s+(\S+)/);
				await waitFor(cli.output, /Press Ctrl-C to stop/);
				expect(serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scene7\/services\/IpsApiService$/);
				expect(cli.output()).toContain(`Demo user:    ${DEMO.user}`);
				expect(cli.output()).toContain(`Password:     ${DEMO.password}`);
				for (const user of Object.values(ROLE_USERS)) expect(cli.output()).toContain(user.email);
				const res = await call(serviceUrl, 'getUserInfo', []);
				expect(res.status).toBe(200);
				await waitFor(cli.output, /getUserInfo ips-user@sandbox\.test -> 200 ok/);
				cli.child.kill(signal);
				expect(await cli.exited).toBe(0);
				expect(cli.output()).toContain(`${signal}: stopping the IPS sandbox.`);
			} finally {
				if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
			}
		},
	);

	it('takes its port from SANDBOX_PORT, and the UploadFile limits from flags', async () => {
		const port = 20000 + Math.floor(Math.random() * 20000);
		const cli = runCli(
			['--quiet', '--upload-max-file-size', '4321', '--upload-job-idle-ms=5000'],
			{ SANDBOX_PORT: String(port) },
		);
		try {
			await waitFor(cli.output, /Press Ctrl-C to stop/);
			expect(cli.output()).toContain(
				`Service URL:  http://127.0.0.1:${port}/scene7/services/IpsApiService`,
			);
			expect(cli.output()).toContain(
				`Upload URL:   http://127.0.0.1:${port}/scene7/UploadFile (UploadFile servlet; files up to 4321 bytes, jobs idle out after 5000 ms)`,
			);
			const prop = await call(
				`http://127.0.0.1:${port}/scene7/services/IpsApiService`,
				'getProperty',
				[['name', 'UploadPostMaxFileSize']],
			);
			expect(prop.body).toContain('>4321</');
			cli.child.kill('SIGINT');
			expect(await cli.exited).toBe(0);
		} finally {
			if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
		}
	});

	it('prints a WSDL with --print-wsdl and refuses unknown arguments', async () => {
		const wsdl = runCli(['--print-wsdl', '2008-01-15']);
		expect(await wsdl.exited).toBe(0);
		expect(wsdl.output()).toContain(
			'targetNamespace="http://www.scene7.com/IpsApi/xsd/2008-01-15"',
		);
		const bad = runCli(['--bogus']);
		expect(await bad.exited).toBe(2);
		expect(bad.output()).toContain('unknown argument --bogus');
		const size = runCli(['--upload-max-file-size', '1.5']);
		expect(await size.exited).toBe(2);
		expect(size.output()).toContain('invalid upload max file size 1.5');
	});
});
