/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// A server that is not the endpoint: it records everything it receives and answers 200, so a
// test can show that a password never reached it (a redirect target, another host).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface Collector {
	/** A SOAP-endpoint-like URL on this server. */
	url: string;
	host: string;
	received: Received[];
	close: () => Promise<void>;
}

/** What the server answers every request with. */
export interface Answer {
	status: number;
	headers?: Record<string, string>;
	body: string | Buffer;
}

const COLLECTED: Answer = { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'collected' };

/**
 * Listens on `host` (127.0.0.2 is another host on the same loopback network as the sandbox).
 * `answer`, read at each request, replaces the 200 "collected" (a server that answers as the test says).
 */
export async function startCollector(host = '127.0.0.2', answer: () => Answer = () => COLLECTED): Promise<Collector> {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			const { status, headers, body } = answer();
			res.writeHead(status, headers);
			res.end(body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://${host}:${port}/scene7/services/IpsApiService`,
		host: `${host}:${port}`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
