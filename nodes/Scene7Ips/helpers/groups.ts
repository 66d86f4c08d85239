/**
 * Runs `run` once for each group of parts that share a key and returns every part's result in the
 * parts' own order. `run` returns one result per part of its group, in the group's order. At most
 * `inFlight` groups run at once (default: all side by side; the calls they make are bounded by the
 * endpoint's window anyway), started in the order their first parts come.
 */
export async function byGroup<T, R>(
	parts: T[],
	key: (part: T) => string,
	run: (group: T[]) => Promise<R[]>,
	inFlight = Infinity,
): Promise<R[]> {
	const groups = new Map<string, number[]>();
	parts.forEach((part, position) => {
		const k = key(part);
		const positions = groups.get(k);
		if (positions) positions.push(position);
		else groups.set(k, [position]);
	});
	const results = new Array<R>(parts.length);
	const queue = [...groups.values()];
	const worker = async () => {
		for (let positions = queue.shift(); positions; positions = queue.shift()) {
			const values = await run(positions.map((position) => parts[position]));
			positions.forEach((position, i) => (results[position] = values[i]));
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(inFlight, queue.length)) }, worker));
	return results;
}

/** The position of each part within its key's parts, cut into chunks of `size`: part → chunk number. */
export function chunkNumbers<T>(parts: T[], key: (part: T) => string, size: number): number[] {
	const seen = new Map<string, number>();
	return parts.map((part) => {
		const k = key(part);
		const count = seen.get(k) ?? 0;
		seen.set(k, count + 1);
		return Math.floor(count / size);
	});
}
