/**
 * Runs `task` for indexes 0..count-1 with at most `concurrency` in flight and returns the results
 * in index order, whatever order they finish in. A rejected task rejects the whole run (callers
 * that must not stop turn failures into results first).
 */
export async function mapInOrder<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
): Promise<T[]> {
	const results = new Array<T>(count);
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const index = next++;
			results[index] = await task(index);
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, count));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
