import { isLoopbackHost, isRedirectStatus, redirectTarget, serviceUrlProblem } from '../../../nodes/Scene7Ips/transport/endpoint';
import { authHeaderSlot } from '../../../nodes/Scene7Ips/transport/envelopeFrame';

describe('isLoopbackHost', () => {
	// With the host names URL parsing writes for other spellings of loopback.
	it.each(['LOCALHOST', '127.255.255.254', '[::1]', ...['http://127.1/', 'http://0x7f.0.0.1/', 'http://[0:0::1]/'].map((url) => new URL(url).hostname)])('%s is this machine', (host) => {
		expect(isLoopbackHost(host)).toBe(true);
	});
	it.each(['mylocalhost', '127.0.0', '127.0.0.1.example.com', '::1', '[::2]', ''])('%s is not', (host) => expect(isLoopbackHost(host)).toBe(false));
});

describe('serviceUrlProblem', () => {
	// https, http to loopback, http elsewhere only with the option: credentials.test.ts ("sends to", "refuses plain http to").
	it('never lets another scheme through, even with the option', () => {
		expect(serviceUrlProblem('ftp://a.example/x', true)).toContain('must start with https://');
		expect(serviceUrlProblem('file:///etc/passwd', true)).toContain('must start with https://');
	});
	it('names only the host, never user info', () => {
		const problem = serviceUrlProblem('http://admin:secret@a.example/x', false);
		expect(problem).toContain('to host a.example,');
		expect(problem).not.toContain('secret');
	});
});

describe('redirects', () => {
	it.each([
		[300, true],
		[399, true],
		[299, false],
		[400, false],
	])('HTTP %i is a redirect: %s', (status, expected) => expect(isRedirectStatus(status)).toBe(expected));

	it('names the host a Location points at, and nothing else of it', () => {
		expect(redirectTarget('https://collector.example:8443/steal?token=abc')).toBe('to host collector.example:8443');
		expect(redirectTarget(['http://127.0.0.2:9/x'])).toBe('to host 127.0.0.2:9');
		expect(redirectTarget('/other/path')).toBe('to another path on the same host');
		expect(redirectTarget('')).toBe('without saying where to');
		expect(redirectTarget(undefined)).toBe('without saying where to');
	});
});

describe('authHeaderSlot', () => {
	const envelope = (header: string) => `<?xml version="1.0"?><e:Envelope xmlns:e="s"><e:Header>${header}</e:Header><e:Body><x/></e:Body></e:Envelope>`;

	it('finds the placeholder directly in the Header, with its fault status', () => {
		const body = envelope('<!--scene7:authHeader faultHttpStatusCode=403-->');
		const slot = authHeaderSlot(body);
		expect(slot).toEqual({ start: body.indexOf('<!--'), end: body.indexOf('-->') + 3, faultHttpStatusCode: 403 });
		expect(authHeaderSlot(envelope('<!--scene7:authHeader-->'))?.faultHttpStatusCode).toBeUndefined();
	});

	it('reads past other header entries, attributes holding ">" and "/", and self-closed elements', () => {
		const body = envelope('<a b=">" c=\'/>\'><d/></a><?pi x?><!-- other --><!--scene7:authHeader-->');
		expect(authHeaderSlot(body)?.start).toBe(body.lastIndexOf('<!--scene7'));
	});

	it('works unprefixed and with another prefix', () => {
		expect(authHeaderSlot('<Envelope><Header><!--scene7:authHeader--></Header></Envelope>')).toBeDefined();
		expect(authHeaderSlot('<soap:Envelope><soap:Header><!--scene7:authHeader--></soap:Header></soap:Envelope>')).toBeDefined();
	});

	it.each([
		['an element inside the header', envelope('<h><!--scene7:authHeader--></h>')],
		['a Header outside an Envelope', '<Header><!--scene7:authHeader--></Header>'],
		['a Header nested deeper', '<Envelope><Body><Header><!--scene7:authHeader--></Header></Body></Envelope>'],
		['a second Header after the first closed', '<Envelope><Header></Header><Header><!--scene7:authHeader--></Header></Envelope>'],
		['tags that do not nest', '<Envelope><Header></Other><!--scene7:authHeader--></Header></Envelope>'],
		['an unclosed comment before it', envelope('<!-- open <!--scene7:authHeader')],
		['an unclosed CDATA before it', envelope('<![CDATA[ <!--scene7:authHeader-->')],
		['an unclosed processing instruction', envelope('<?pi <!--scene7:authHeader-->')],
		['an unclosed start tag', '<Envelope><Header attr="<!--scene7:authHeader-->'],
		['a DOCTYPE', '<!DOCTYPE Envelope><Envelope><Header><!--scene7:authHeader--></Header></Envelope>'],
		['a fault status that is not three digits', envelope('<!--scene7:authHeader faultHttpStatusCode=4033-->')],
	])('finds no slot in %s', (_what, body) => {
		expect(authHeaderSlot(body)).toBeUndefined();
	});
});
