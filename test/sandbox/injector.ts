// Fault injection: network and gateway failures a client must survive, including the "outcome
// unknown" kind where the operation ran (state changed) but the reply never arrives intact.
import type { RecordedRequest } from './recorder';

/** The HTTP answer of a 'status' or 'statusAfterCommit' action. */
interface StatusAnswer {
	status: number;
	body?: string;
	contentType?: string;
	headers?: Record<string, string>;
}

export type InjectAction =
	/** Answer with this HTTP status instead of running the call (e.g. a gateway's HTML page). */
	| ({ kind: 'status' } & StatusAnswer)
	/** Destroy the connection (TCP reset) without answering. */
	| { kind: 'reset' }
	/** Keep the connection open and never answer. */
	| { kind: 'hang' }
	/** Run the operation (state changes), then reset the connection. */
	| { kind: 'resetAfterCommit' }
	/** Run the operation (state changes), then answer with this status instead of its result. */
	| ({ kind: 'statusAfterCommit' } & StatusAnswer);

export interface InjectContext {
	/** 'before': the call has not run. 'after': it ran; request.outcome tells how. */
	phase: 'before' | 'after';
	/** 0-based position of this POST among all POSTs since start or reset. */
	index: number;
	request: RecordedRequest;
	/**
	 * Calls the service is running or still answering right now (admitted: not failed by the injector
	 * before running), this one not included. Throttled calls do not count.
	 */
	running: number;
}

/**
 * Called once per POST before it is handled and once more after the operation ran. In the 'before'
 * phase every action applies; returning 'status'/'reset'/'hang' in the 'after' phase fails the reply
 * of a call that already committed (same as the *AfterCommit actions).
 */
export type Injector = (ctx: InjectContext) => InjectAction | undefined;

export interface InjectRule {
	action: InjectAction;
	/** Only calls of this operation (SOAPAction); default: any. */
	operation?: string;
	/** How many matching calls to hit; default 1. Use Infinity for all. */
	times?: number;
	/** Skip this many matching calls first; default 0. */
	skip?: number;
}

/** An injector that applies `rule.action` to the matching calls it selects, then stops. */
export function injectRule(rule: InjectRule): Injector {
	let seen = 0;
	let hit = 0;
	const times = rule.times ?? 1;
	const skip = rule.skip ?? 0;
	return ({ phase, request }) => {
		if (phase !== 'before') return undefined;
		if (rule.operation !== undefined && request.operation !== rule.operation) return undefined;
		seen++;
		if (seen <= skip || hit >= times) return undefined;
		hit++;
		return rule.action;
	};
}

export interface ThrottleOptions {
	/** At most this many calls running at once; a call above it gets 429. */
	maxInFlight?: number;
	/** Token bucket: sustained calls per second; a call with no token left gets 429. */
	perSecond?: number;
	/** Token bucket size (calls let through in a burst, and the bucket's start); default perSecond. */
	burst?: number;
	/** The Retry-After header of the 429; default '1' (seconds). */
	retryAfter?: string;
	/** Only calls of this operation (SOAPAction); default: any. */
	operation?: string;
	/** Clock in ms, for tests; default Date.now. */
	now?: () => number;
}

/**
 * A rate limit as a gateway in front of Scene7 would apply it: HTTP 429 with Retry-After for calls
 * above `maxInFlight` running at once, or beyond a token bucket of `perSecond` (`burst` deep).
 * A throttled call does not run and uses no token.
 */
export function throttle(options: ThrottleOptions): Injector {
	const now = options.now ?? Date.now;
	const perSecond = options.perSecond;
	const burst = options.burst ?? perSecond ?? 0;
	let tokens = burst;
	let refilledAt = now();
	const tooMany: InjectAction = {
		kind: 'status',
		status: 429,
		headers: { 'Retry-After': options.retryAfter ?? '1' },
	};
	return ({ phase, request, running }) => {
		if (phase !== 'before') return undefined;
		if (options.operation !== undefined && request.operation !== options.operation) return undefined;
		if (options.maxInFlight !== undefined && running >= options.maxInFlight) return tooMany;
		if (perSecond !== undefined) {
			const at = now();
			tokens = Math.min(burst, tokens + ((at - refilledAt) * perSecond) / 1000);
			refilledAt = at;
			if (tokens < 1) return tooMany;
			tokens -= 1;
		}
		return undefined;
	};
}

/**
 * A redirect instead of an answer, as a moved endpoint, a proxy or someone on a plain-http path
 * could send: the status (307 and 308 keep the method and body when followed) and a Location.
 */
export function redirectTo(location: string, status: 301 | 302 | 303 | 307 | 308 = 307): InjectAction {
	return {
		kind: 'status',
		status,
		headers: { Location: location },
		contentType: 'text/html',
		body: `<html><body>Moved to <a href="${location}">${location}</a></body></html>`,
	};
}

/** Applies each injector in turn; the first action wins. */
export function combineInjectors(...injectors: Injector[]): Injector {
	return (ctx) => {
		for (const inject of injectors) {
			const action = inject(ctx);
			if (action) return action;
		}
		return undefined;
	};
}

export function defaultErrorPage(status: number): string {
	const titles: Record<number, string> = {
		429: 'Too Many Requests',
		500: 'Internal Server Error',
		502: 'Bad Gateway',
		503: 'Service Unavailable',
		504: 'Gateway Timeout',
	};
	const title = `${status} ${titles[status] ?? 'Error'}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
}

const ACTION_KINDS = ['status', 'reset', 'hang', 'resetAfterCommit', 'statusAfterCommit'];

/** Checks an action that arrived as JSON (control endpoint, CLI). */
export function parseInjectRule(value: unknown): InjectRule {
	const rule = value as Partial<InjectRule> | null;
	const action = rule?.action as Partial<InjectAction> | undefined;
	if (!action || typeof action.kind !== 'string' || !ACTION_KINDS.includes(action.kind)) {
		throw new Error(`action.kind must be one of ${ACTION_KINDS.join(', ')}`);
	}
	if (
		(action.kind === 'status' || action.kind === 'statusAfterCommit') &&
		!Number.isInteger((action as { status?: unknown }).status)
	) {
		throw new Error('action.status must be an integer HTTP status');
	}
	if (rule?.operation !== undefined && typeof rule.operation !== 'string')
		throw new Error('operation must be a string');
	if (rule?.times !== undefined && (typeof rule.times !== 'number' || rule.times < 0))
		throw new Error('times must be a number >= 0');
	if (rule?.skip !== undefined && (typeof rule.skip !== 'number' || rule.skip < 0))
		throw new Error('skip must be a number >= 0');
	return {
		action: action as InjectAction,
		operation: rule?.operation,
		times: rule?.times,
		skip: rule?.skip,
	};
}
