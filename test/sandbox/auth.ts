// authHeader reading and authentication. Two forms are accepted, each checked against its own
// declaration in the 2014-04-03 WSDL:
// - the version-free namespace http://www.scene7.com/IpsApi/xsd (xsd:all, every field optional),
//   which Adobe's docs prescribe "regardless of API version" and which the node sends;
// - the namespace of the request's own API version (a sequence; in 2014-04-03 appName and
//   appVersion are required), which is what the WSDL's SOAP binding declares (hdr:authHeader).
// An authHeader in another version's namespace is not the header that version's binding declares,
// so it is not read (as any unknown header): the request then has no credentials (10000).
// HTTP Basic is the documented alternative.
import { authenticationFault, FAULT_CODES, invalidRequestXml } from './faults';
import type { SandboxState, UserRecord } from './model';
import {
	authHeaderFields,
	IPS_BASE_NS,
	SOAP11_ENVELOPE_NS,
	typesNamespace,
	versionOfNamespace,
	type ApiVersion,
} from './schema';
import { validateAll, validateSequence } from './validate';
import { attribute, booleanText, childElements, childText, textOf, type XmlElement } from './xml';

export interface AuthHeaderValues {
	user?: string;
	password?: string;
	accessToken?: string;
	locale?: string;
	appName?: string;
	appVersion?: string;
	gzipResponse?: boolean;
	faultHttpStatusCode?: number;
}

/**
 * Whether `el` is an authHeader the request's API version takes: the version-free one, or the one
 * in that version's namespace. Without a version (callers that do not know it), any versioned one.
 */
export function isAuthHeader(el: XmlElement, version?: ApiVersion): boolean {
	if (el.local !== 'authHeader') return false;
	if (el.ns === IPS_BASE_NS) return true;
	return version === undefined ? versionOfNamespace(el.ns) !== undefined : el.ns === typesNamespace(version);
}

function findAuthHeader(header: XmlElement | undefined, version?: ApiVersion): XmlElement | undefined {
	if (!header) return undefined;
	const found = childElements(header).filter((el) => isAuthHeader(el, version));
	if (found.length > 1) throw invalidRequestXml('More than one authHeader in the SOAP header');
	for (const el of childElements(header)) {
		const mustUnderstand = attribute(el, SOAP11_ENVELOPE_NS, 'mustUnderstand');
		if (!isAuthHeader(el, version) && (mustUnderstand === '1' || mustUnderstand === 'true')) {
			throw invalidRequestXml(
				`Header '${el.local}' (${el.ns}) is marked mustUnderstand but is not understood`,
			);
		}
	}
	return found[0];
}

/**
 * The requested fault status, read before the header is validated so that even a fault about the
 * header itself honours it. Only 200..599 are taken.
 */
export function peekFaultHttpStatus(
	header: XmlElement | undefined,
	version?: ApiVersion,
): number | undefined {
	const el = header && childElements(header).find((child) => isAuthHeader(child, version));
	return el && faultHttpStatusOf(el);
}

/** faultHttpStatusCode of an authHeader element, unvalidated; only 200..599 are taken. */
export function faultHttpStatusOf(authHeader: XmlElement): number | undefined {
	const field = childElements(authHeader).find(
		(c) => c.local === 'faultHttpStatusCode' && c.ns === authHeader.ns,
	);
	const status = field ? Number(textOf(field).trim()) : NaN;
	return Number.isInteger(status) && status >= 200 && status <= 599 ? status : undefined;
}

/** Validates the authHeader (if any) the request's API version takes and returns its values. */
export function readAuthHeader(
	header: XmlElement | undefined,
	version?: ApiVersion,
): AuthHeaderValues | undefined {
	const el = findAuthHeader(header, version);
	return el && readAuthHeaderElement(el);
}

/**
 * Validates one authHeader element against the declaration of its namespace and returns its values
 * (the SOAP header's, and the UploadFile servlet's `auth` part).
 */
export function readAuthHeaderElement(el: XmlElement): AuthHeaderValues {
	if (el.ns === IPS_BASE_NS) {
		validateAll(el, authHeaderFields('base'), el.ns, 'authHeader');
	} else {
		validateSequence(
			el,
			authHeaderFields(versionOfNamespace(el.ns) ?? '2014-04-03'),
			el.ns,
			'authHeader',
		);
	}
	const text = (name: string) => childText(el, name);
	const status = text('faultHttpStatusCode')?.trim();
	return {
		user: text('user'),
		password: text('password'),
		accessToken: text('accessToken'),
		locale: text('locale'),
		appName: text('appName'),
		appVersion: text('appVersion'),
		gzipResponse: booleanText(text('gzipResponse')),
		faultHttpStatusCode: status === undefined ? undefined : Number(status),
	};
}

export function basicCredentials(
	authorization: string | undefined,
): { user: string; password: string } | undefined {
	const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
	if (!m) return undefined;
	const decoded = Buffer.from(m[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0
		? undefined
		: { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function claimedUser(
	header: AuthHeaderValues | undefined,
	authorization: string | undefined,
): string | undefined {
	return header?.user ?? basicCredentials(authorization)?.user;
}

/**
 * 10000 when no user/password reached us, 10001 for an unknown user or a wrong password (without
 * saying which), 10002 for a known user whose account is not valid.
 */
export function authenticate(
	state: SandboxState,
	header: AuthHeaderValues | undefined,
	authorization: string | undefined,
): UserRecord {
	let credentials =
		header?.user !== undefined && header.password !== undefined
			? { user: header.user, password: header.password }
			: undefined;
	credentials ??= basicCredentials(authorization);
	if (!credentials) {
		throw authenticationFault(
			FAULT_CODES.NO_CREDENTIALS,
			'No credentials were supplied with the request',
		);
	}
	const { user: email, password } = credentials;
	const user = state.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
	if (!user || user.password !== password) {
		throw authenticationFault(FAULT_CODES.INVALID_CREDENTIALS, 'Invalid username/password');
	}
	if (!user.isValid)
		throw authenticationFault(FAULT_CODES.INVALID_USER, `User '${user.email}' is not valid`);
	return user;
}
