/**
 * Runs `run` once for each group of parts that share a key (the groups side by side; the calls
 * they make are bounded by the endpoint's window) and returns every part's result in the parts'
 * own order. `run` returns one result per part of its group, in the group's order.
 */
export async function byGroup<T, R>(parts: T[], key: (part: T) => string, run: (group: T[]) => Promise<R[]>): Promise<R[]> {
	const groups = new Map<string, number[]>();
	parts.forEach((part, position) => {
		const k = key(part);
		const positions = groups.get(k);
		if (positions) positions.push(position);
		else groups.set(k, [position]);
	});
	const results = new Array<R>(parts.length);
	await Promise.all(
		[...groups.values()].map(async (positions) => {
			const values = await run(positions.map((position) => parts[position]));
			positions.forEach((position, i) => (results[position] = values[i]));
		}),
	);
	return results;
}
