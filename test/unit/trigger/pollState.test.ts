// The trigger's poll state machine: what each poll outputs and remembers, replayed over timelines.
import {
	advance,
	type ChangeEvent,
	eventOfLatest,
	firstState,
	OVERLAP_MS,
	parseStamp,
	type PollConfig,
	readState,
	windowStart,
	withLookBack,
} from '../../../nodes/Scene7IpsTrigger/pollState';
import { FakeScene7, iso, MINUTE, Poller, T0 } from './fakeScene7';

const SECOND = 1000;

/** A fake folder holding `before` (name, n8n time) and a poller after its first poll at T0; `seeded` are those assets. */
async function activated(before: Array<[string, number]> = [], events?: ChangeEvent[], options?: Partial<PollConfig>, skewMs = 0) {
	const scene7 = new FakeScene7(skewMs);
	const seeded = before.map(([name, at]) => scene7.add(name, at));
	const poller = new Poller(scene7, events, options);
	await poller.poll(T0);
	return { scene7, poller, seeded };
}

describe('first activation', () => {
	it('outputs nothing, starts at the newest match and remembers only what lies in the overlap', async () => {
		const { poller } = await activated([['old', T0 - 60 * MINUTE], ['recent', T0 - 2 * MINUTE], ['newest', T0 - 1 * MINUTE]]);
		expect(poller.emitted).toEqual([[]]);
		expect(poller.state).toEqual({
			version: 1,
			scope: 'scope',
			lastPollAt: T0,
			mark: T0 - MINUTE,
			seen: { 'a|2': T0 - 2 * MINUTE, 'a|3': T0 - MINUTE },
			overlapMs: OVERLAP_MS,
		});
		// The next poll over the same, unchanged folder outputs nothing either.
		expect(await poller.poll(T0 + MINUTE)).toEqual([]);
	});

	it('in an empty folder, has no mark, and later counts everything that appears as added', async () => {
		const { scene7, poller } = await activated();
		expect(poller.state?.mark).toBeUndefined();
		expect(windowStart(poller.state!, OVERLAP_MS)).toBe(-Infinity);
		// Dated long before the activation (e.g. moved in from elsewhere): still new to this folder.
		scene7.add('moved-in', T0 - 24 * 60 * MINUTE);
		scene7.add('uploaded', T0 + 30 * SECOND);
		expect(poller.all()).toEqual([]);
		await poller.poll(T0 + MINUTE);
		expect(poller.all().sort()).toEqual(['added moved-in', 'added uploaded']);
	});
});

describe('one poll to the next', () => {
	it('outputs a new asset once, as added', async () => {
		const { scene7, poller } = await activated([['existing', T0 - 10 * MINUTE]]);
		scene7.add('new', T0 + 20 * SECOND);
		expect(await poller.poll(T0 + MINUTE)).toEqual([
			{ handle: 'a|2', name: 'new', event: 'added', lastModified: iso(T0 + 20 * SECOND) },
		]);
		expect(await poller.poll(T0 + 2 * MINUTE)).toEqual([]);
		expect(await poller.poll(T0 + 3 * MINUTE)).toEqual([]);
	});

	it('outputs a modified asset once per modification, as modified', async () => {
		const { scene7, poller, seeded: [hero] } = await activated([['hero', T0 - 30 * MINUTE]]);
		scene7.modify(hero, T0 + 10 * SECOND);
		expect(await poller.poll(T0 + MINUTE)).toEqual([
			{ handle: hero.assetHandle, name: 'hero', event: 'modified', lastModified: iso(T0 + 10 * SECOND) },
		]);
		expect(await poller.poll(T0 + 2 * MINUTE)).toEqual([]);
		scene7.modify(hero, T0 + 2 * MINUTE + 5 * SECOND);
		expect(poller.all()).toEqual(['modified hero']);
		await poller.poll(T0 + 3 * MINUTE);
		expect(poller.all()).toEqual(['modified hero', 'modified hero']);
	});

	it('an asset added and then modified within the overlap is output as added, then as modified', async () => {
		const { scene7, poller } = await activated();
		const img = scene7.add('img', T0 + 10 * SECOND);
		await poller.poll(T0 + MINUTE);
		scene7.modify(img, T0 + 70 * SECOND);
		await poller.poll(T0 + 2 * MINUTE);
		expect(poller.emitted.map((run) => run.map((e) => e.event))).toEqual([[], ['added'], ['modified']]);
	});

	it('two assets with the same second: the one seen is not repeated, the one that shows up later is output', async () => {
		const { scene7, poller } = await activated([['before', T0 - 10 * MINUTE]]);
		const second = T0 + 30 * SECOND;
		scene7.add('first', second);
		expect((await poller.poll(T0 + MINUTE)).map((e) => e.name)).toEqual(['first']);
		expect(poller.state?.mark).toBe(second);
		// Same Scene7 second as the mark, but visible only after that poll (e.g. a slow upload).
		scene7.add('twin', second);
		expect((await poller.poll(T0 + 2 * MINUTE)).map((e) => e.name)).toEqual(['twin']);
		expect(await poller.poll(T0 + 3 * MINUTE)).toEqual([]);
		expect(poller.all()).toEqual(['added first', 'added twin']);
	});

	it('an asset modified twice between polls is output once, with its newest version', async () => {
		const { scene7, poller, seeded: [hero] } = await activated([['hero', T0 - 30 * MINUTE]]);
		scene7.modify(hero, T0 + 10 * SECOND);
		scene7.modify(hero, T0 + 40 * SECOND);
		expect(await poller.poll(T0 + MINUTE)).toEqual([
			{ handle: hero.assetHandle, name: 'hero', event: 'modified', lastModified: iso(T0 + 40 * SECOND) },
		]);
	});

	it('a scan that meets one asset twice (it moved up while paging) outputs its newest version once', () => {
		const config: PollConfig = { strategy: 'modified', events: ['added', 'modified'], overlapMs: OVERLAP_MS, maxSeen: 100 };
		const state = firstState([{ assetHandle: 'a|1', created: iso(T0 - 9 * MINUTE), lastModified: iso(T0 - 9 * MINUTE) }], 's', T0, config);
		const older = { assetHandle: 'a|1', created: iso(T0 - 9 * MINUTE), lastModified: iso(T0 + 10 * SECOND) };
		const newer = { ...older, lastModified: iso(T0 + 20 * SECOND) };
		const { changes, state: next } = advance(state, [older, newer, older], T0 + MINUTE, config);
		expect(changes).toEqual([{ asset: newer, event: 'modified' }]);
		expect(next.seen['a|1']).toBe(T0 + 20 * SECOND);
	});

	it('outputs only the chosen events, but remembers the others', async () => {
		const { scene7, poller } = await activated([], ['modified']);
		const img = scene7.add('img', T0 + 5 * SECOND);
		expect(await poller.poll(T0 + MINUTE)).toEqual([]);
		scene7.modify(img, T0 + 65 * SECOND);
		expect((await poller.poll(T0 + 2 * MINUTE)).map((e) => `${e.event} ${e.name}`)).toEqual(['modified img']);
	});

	it('Image Added only (created strategy): modifications are never output, creations are', async () => {
		const { scene7, poller, seeded: [old] } = await activated([['old', T0 - 30 * MINUTE]], ['added']);
		expect(poller.config.strategy).toBe('created');
		scene7.modify(old, T0 + 5 * SECOND);
		scene7.add('fresh', T0 + 6 * SECOND);
		await poller.poll(T0 + MINUTE);
		expect(poller.all()).toEqual(['added fresh']);
		// The window is asked of Scene7 as a Created range starting 5 minutes before the mark.
		expect(scene7.requests.at(-1)?.createdFrom).toBe(T0 - 30 * MINUTE - OVERLAP_MS);
	});

	it('outputs the newest change first', async () => {
		const { scene7, poller } = await activated();
		scene7.add('a', T0 + 10 * SECOND);
		scene7.add('c', T0 + 30 * SECOND);
		scene7.add('b', T0 + 20 * SECOND);
		expect((await poller.poll(T0 + MINUTE)).map((e) => e.name)).toEqual(['c', 'b', 'a']);
	});
});

describe('the overlap window', () => {
	// A change that shows up late is caught when its date lies within the look-back of the mark; one
	// dated earlier than that is missed (the documented limit).
	it.each([
		['the default 5 minutes', OVERLAP_MS, [4, 6], ['added mark', 'added late-4min']],
		['15 minutes', 15 * MINUTE, [10, 20], ['added mark', 'added late-10min']],
	])('a look-back of %s', async (_case, overlapMs, lateByMinutes, expected) => {
		const { scene7, poller } = await activated([], ['added', 'modified'], { overlapMs });
		scene7.add('mark', T0 + 50 * SECOND);
		await poller.poll(T0 + MINUTE);
		for (const minutes of lateByMinutes) scene7.add(`late-${minutes}min`, T0 + 50 * SECOND - minutes * MINUTE);
		await poller.poll(T0 + 2 * MINUTE);
		expect(poller.all()).toEqual(expected);
		expect(poller.state?.overlapMs).toBe(overlapMs);
		expect(windowStart(poller.state!, overlapMs)).toBe(T0 + 50 * SECOND - overlapMs);
	});

	it('a longer look-back on a kept state repeats nothing: it starts at the old window and widens as the mark moves on', async () => {
		const { scene7, poller } = await activated([['before', T0 - 8 * MINUTE], ['inside', T0 - 2 * MINUTE]]);
		// The 5-minute state has forgotten 'before'; a 30-minute window must not report it as new.
		poller.config.overlapMs = 30 * MINUTE;
		expect(withLookBack(poller.state!, 30 * MINUTE).floor).toBe(T0 - 2 * MINUTE - 5 * MINUTE);
		expect(await poller.poll(T0 + MINUTE)).toEqual([]);
		scene7.add('new', T0 + 90 * SECOND);
		scene7.add('late-20min', T0 + 90 * SECOND - 20 * MINUTE);
		await poller.poll(T0 + 2 * MINUTE);
		// 'late-20min' is dated before the old window's start, which still bounds this window.
		expect(poller.all()).toEqual(['added new']);
		scene7.add('later', T0 + 40 * MINUTE);
		await poller.poll(T0 + 41 * MINUTE);
		scene7.add('late-25min', T0 + 40 * MINUTE - 25 * MINUTE);
		await poller.poll(T0 + 42 * MINUTE);
		expect(poller.all()).toEqual(['added new', 'added later', 'added late-25min']);
	});

	it('reads a state written before the look-back was an option as a 5-minute one; a shorter look-back needs no floor', () => {
		const old = { version: 1 as const, scope: 's', lastPollAt: T0, mark: T0, seen: {} };
		expect(withLookBack(old, 20 * MINUTE)).toEqual({ ...old, floor: T0 - OVERLAP_MS });
		expect(withLookBack(old, OVERLAP_MS)).toBe(old);
		expect(withLookBack({ ...old, overlapMs: 20 * MINUTE }, 10 * MINUTE).floor).toBeUndefined();
		expect(withLookBack({ ...old, mark: undefined }, 20 * MINUTE).floor).toBeUndefined();
	});

	it('keeps the remembered handles to the window, and within their bound never repeats a change', async () => {
		const { scene7, poller } = await activated([], ['added', 'modified'], { maxSeen: 3 });
		for (let i = 0; i < 5; i++) scene7.add(`img${i}`, T0 + (i + 1) * SECOND);
		expect(await poller.poll(T0 + MINUTE)).toHaveLength(5);
		// Only the 3 newest are remembered; the window now starts at the oldest of them.
		expect(Object.keys(poller.state!.seen).sort()).toEqual(['a|3', 'a|4', 'a|5']);
		expect(poller.state!.floor).toBe(T0 + 3 * SECOND);
		expect(await poller.poll(T0 + 2 * MINUTE)).toEqual([]);
		// Entries older than the window are dropped once the mark moves on.
		scene7.add('much-later', T0 + 20 * MINUTE);
		await poller.poll(T0 + 21 * MINUTE);
		expect(Object.keys(poller.state!.seen)).toEqual(['a|6']);
		expect(poller.all()).toHaveLength(6);
	});
});

describe('clock skew between Scene7 and n8n', () => {
	// Changes at random n8n times between polls every minute; Scene7 stamps them with its own clock.
	it.each([
		['Scene7 2 minutes behind', -2 * MINUTE],
		['Scene7 2 minutes ahead', 2 * MINUTE],
		['same clock', 0],
	])('%s: every change is output exactly once', async (_label, skew) => {
		const { scene7, poller, seeded: [existing] } = await activated([['existing', T0 - 60 * MINUTE]], undefined, undefined, skew);
		const expected: string[] = [];
		for (let minute = 0; minute < 10; minute++) {
			const at = T0 + minute * MINUTE;
			scene7.add(`new${minute}`, at + 59 * SECOND);
			expected.push(`added new${minute}`);
			if (minute % 3 === 0) {
				scene7.modify(existing, at + 1 * SECOND);
				expected.push('modified existing');
			}
			await poller.poll(at + MINUTE);
		}
		expect(poller.all().sort()).toEqual(expected.sort());
		// Polls right after each other repeat nothing.
		await poller.poll(T0 + 11 * MINUTE);
		await poller.poll(T0 + 12 * MINUTE);
		expect(poller.all()).toHaveLength(expected.length);
	});
});

describe('helpers', () => {
	it('reads Scene7 dates with or without a zone (none counts as UTC), and nothing else', () => {
		expect(parseStamp('2026-06-01T10:00:00.000Z')).toBe(T0);
		expect(parseStamp('2026-06-01T12:00:00.000+02:00')).toBe(T0);
		expect(parseStamp('2026-06-01T10:00:00')).toBe(T0);
		expect(parseStamp('')).toBeUndefined();
		expect(parseStamp('yesterday')).toBeUndefined();
		expect(parseStamp(undefined)).toBeUndefined();
	});

	it('forgets the state of another scope or shape', () => {
		const config: PollConfig = { strategy: 'modified', events: ['added'], overlapMs: OVERLAP_MS, maxSeen: 10 };
		const state = firstState([], 'folder A', T0, config);
		expect(readState(state, 'folder A')).toBe(state);
		expect(readState(state, 'folder B')).toBeUndefined();
		expect(readState({ ...state, version: 2 }, 'folder A')).toBeUndefined();
		expect(readState(undefined, 'folder A')).toBeUndefined();
	});

	it('names the newest change of an asset for the manual test run', () => {
		expect(eventOfLatest({ created: iso(T0), lastModified: iso(T0) }, 'modified')).toBe('added');
		expect(eventOfLatest({ created: iso(T0), lastModified: iso(T0 + 1) }, 'modified')).toBe('modified');
		expect(eventOfLatest({ created: iso(T0), lastModified: iso(T0 + 1) }, 'created')).toBe('added');
	});
});
