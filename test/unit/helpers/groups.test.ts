import { byGroup } from '../../../nodes/Scene7Ips/helpers/groups';

describe('byGroup', () => {
	it('runs each group once and returns every result in the parts’ own order', async () => {
		const groups: string[][] = [];
		const results = await byGroup(['a1', 'b1', 'a2', 'c1', 'b2'], (part) => part[0], async (group) => {
			groups.push(group);
			return group.map((part) => part.toUpperCase());
		});
		expect(groups).toEqual([['a1', 'a2'], ['b1', 'b2'], ['c1']]);
		expect(results).toEqual(['A1', 'B1', 'A2', 'C1', 'B2']);
	});
});
