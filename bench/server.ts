/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// The canned IPS server the benchmarks call: a bare node:http server that answers every POST with a
// fixed SOAP result after `latencyMs` (none by default), so its own cost stays far below a client's.
// It runs in a child process (startCannedServer in lib.ts), so its CPU is not counted as the client's.
// It counts what it got since the last GET /__stats: calls, connections, bytes, a SHA-256 of the
// bodies in arrival order, the first request's headers, and the bodies themselves.
import { createHash, type Hash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export const NEW_ASSET_HANDLE = 'a|739|1|9999';

/** A SOAP 1.1 result the way IPS writes it. */
export function soapResult(operation: string, inner: string): string {
	return (
		'<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
		`<soapenv:Body><${operation}Return xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03">${inner}</${operation}Return>` +
		'</soapenv:Body></soapenv:Envelope>'
	);
}

export const COPY_ANSWER = Buffer.from(soapResult('copyImage', `<assetHandle>${NEW_ASSET_HANDLE}</assetHandle>`));

const ANSWERS: Record<string, Buffer> = { copyImage: COPY_ANSWER };

export interface ServerStats {
	calls: number;
	/** Connections the POSTs came on. */
	connections: number;
	bytes: number;
	/** Mean time from a request's end to its answer, in ms: the latency actually served. */
	meanDelayMs: number;
	/** SHA-256 of the request bodies, in the order they arrived. */
	digest: string;
	/** The first request's headers as sent (name, value, name, value, …). */
	firstHeaders: string[];
	bodies: string[];
}

function serve(latencyMs: number): http.Server {
	let calls = 0;
	let connections = 0;
	let bytes = 0;
	let delayMs = 0;
	let hash: Hash = createHash('sha256');
	let firstHeaders: string[] = [];
	let bodies: string[] = [];
	let sockets = new WeakSet<object>();

	const server = http.createServer((req, res) => {
		if (req.method === 'GET' && req.url === '/__stats') {
			const meanDelayMs = calls > 0 ? delayMs / calls : 0;
			const stats: ServerStats = { calls, connections, bytes, meanDelayMs, digest: hash.digest('hex'), firstHeaders, bodies };
			[calls, connections, bytes, delayMs, hash, firstHeaders, bodies, sockets] = [0, 0, 0, 0, createHash('sha256'), [], [], new WeakSet()];
			res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(stats));
			return;
		}
		if (!sockets.has(req.socket)) {
			sockets.add(req.socket);
			connections++;
		}
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			if (calls++ === 0) firstHeaders = req.rawHeaders;
			bytes += body.length;
			hash.update(body);
			bodies.push(body.toString('utf8'));
			const operation = String(req.headers.soapaction ?? '').replace(/"/g, '');
			const answer = ANSWERS[operation] ?? Buffer.from(soapResult(operation, ''));
			const received = performance.now();
			const reply = () => {
				delayMs += performance.now() - received;
				res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': answer.length }).end(answer);
			};
			if (latencyMs > 0) setTimeout(reply, latencyMs);
			else reply();
		});
	});
	server.keepAliveTimeout = 5000;
	return server;
}

// Started by startCannedServer: `server.ts <latencyMs>`, reports its port over IPC.
if (require.main === module) {
	const server = serve(Number(process.argv[2] ?? 0));
	server.listen(0, '127.0.0.1', () => {
		process.send?.({ port: (server.address() as AddressInfo).port });
	});
	process.on('disconnect', () => process.exit(0));
}
