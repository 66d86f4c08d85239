import { AttemptJournal, fingerprintOf } from '../../../nodes/Scene7Ips/helpers/attemptJournal';

let run = 0;
const freshKey = () => `execution-${++run}\u0000Scene7 IPS\u00000`;

describe('AttemptJournal', () => {
	it('returns what an earlier attempt of the same run completed, marked as such', () => {
		const key = freshKey();
		AttemptJournal.of(key).record(2, 'fp', { assetHandle: 'a|1', alreadyExisted: false });
		expect(AttemptJournal.of(key).replay(2, 'fp')).toEqual({ assetHandle: 'a|1', alreadyExisted: true, fromEarlierAttempt: true });
	});

	it('leaves alreadyExisted out of outputs that never had it, and marks every item of a list', () => {
		const key = freshKey();
		AttemptJournal.of(key).record(0, 'fp', [{ deleted: true }, { deleted: true }]);
		expect(AttemptJournal.of(key).replay(0, 'fp')).toEqual([
			{ deleted: true, fromEarlierAttempt: true },
			{ deleted: true, fromEarlierAttempt: true },
		]);
	});

	it('replays nothing for another item, another input or another run', () => {
		const key = freshKey();
		AttemptJournal.of(key).record(1, 'fp', { assetHandle: 'a|1' });
		expect(AttemptJournal.of(key).replay(0, 'fp')).toBeUndefined();
		expect(AttemptJournal.of(key).replay(1, 'other input')).toBeUndefined();
		expect(AttemptJournal.of(freshKey()).replay(1, 'fp')).toBeUndefined();
	});

	it('forgets a run that completed, so its next run starts fresh', () => {
		const key = freshKey();
		const journal = AttemptJournal.of(key);
		journal.record(0, 'fp', { assetHandle: 'a|1' });
		journal.forget();
		expect(AttemptJournal.of(key).replay(0, 'fp')).toBeUndefined();
	});

	it('keeps a run for 30 minutes after its last use, no longer', () => {
		const key = freshKey();
		const start = Date.now() + 86_400_000;
		AttemptJournal.of(key, start).record(0, 'fp', { assetHandle: 'a|1' });
		expect(AttemptJournal.of(key, start + 29 * 60_000).replay(0, 'fp')).toBeDefined();
		// Any use prunes what is older than 30 minutes since its own last use.
		AttemptJournal.of(freshKey(), start + 29 * 60_000 + 31 * 60_000);
		expect(AttemptJournal.of(key, start + 61 * 60_000).replay(0, 'fp')).toBeUndefined();
	});

	it('keeps at most 500 runs, dropping the least recently used', () => {
		const first = freshKey();
		const now = Date.now() + 2 * 86_400_000;
		AttemptJournal.of(first, now).record(0, 'fp', { n: 1 });
		for (let i = 0; i < 500; i++) AttemptJournal.of(freshKey(), now).record(0, 'fp', { n: i });
		expect(AttemptJournal.of(first, now).replay(0, 'fp')).toBeUndefined();
	});
});

describe('fingerprintOf', () => {
	it('tells inputs apart and gives the same print for the same input', () => {
		expect(fingerprintOf('{"name":"a"}')).toBe(fingerprintOf('{"name":"a"}'));
		expect(fingerprintOf('{"name":"a"}')).not.toBe(fingerprintOf('{"name":"b"}'));
		expect(fingerprintOf('ab')).not.toBe(fingerprintOf('ba'));
		expect(fingerprintOf('')).toMatch(/^[0-9a-z]+$/);
	});
});
