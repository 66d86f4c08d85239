import { describeNameFault, faultConcernsName } from '../../../nodes/Scene7Ips/helpers/nameFaults';

describe('describeNameFault', () => {
	it('says Scene7 refused the name, quoting the reason and code, naming the field and the item', () => {
		expect(
			describeNameFault({ type: 'ipsApiFault', code: 30001, reason: 'Invalid asset name' }, 'New Name', 4, 'summer/sale'),
		).toEqual({
			message: "Scene7 refused the name 'summer/sale' in New Name: Invalid asset name (30001) [item 4]",
			description:
				"Change New Name for item 4 and run the node again. If the reason is about characters, these may be the cause: '/'" +
				' (the node sends them exactly as written; which characters Scene7 accepts in names is not documented).',
		});
	});

	it('shows invisible characters by code point', () => {
		const { description } = describeNameFault({ type: 'ipsApiFault' }, 'Name', 0, 'a\u007Fb\u001Bc\u200Bd\u00A0e\u0085');
		expect(description).toContain('these may be the cause: U+007F U+001B U+200B U+00A0 U+0085 (');
	});

	it('leaves out what it does not know', () => {
		expect(describeNameFault({ type: 'ipsApiFault' }, 'New Name', 0)).toEqual({
			message: 'Scene7 refused the name in New Name [item 0]',
			description: 'Change New Name for item 0 and run the node again.',
		});
		expect(describeNameFault({ type: 'ipsApiFault', code: 30000 }, 'New Name', 2, 'plain-name_1.jpg').description).toBe(
			'Change New Name for item 2 and run the node again.',
		);
	});
});

describe('faultConcernsName', () => {
	it('takes an ipsApiFault whose reason quotes the name or speaks of a name or an ID', () => {
		expect(faultConcernsName({ type: 'ipsApiFault', code: 30000, reason: "Asset ID 'katlynf' is already in use." }, 'x')).toBe(true);
		expect(faultConcernsName({ type: 'ipsApiFault', reason: "Invalid value 'A<B'" }, 'a<b')).toBe(true);
		expect(faultConcernsName({ type: 'ipsApiFault', reason: 'Illegal asset name' }, 'x')).toBe(true);
	});

	it('leaves out other faults and reasons about something else', () => {
		expect(faultConcernsName({ type: 'authorizationFault', reason: 'Invalid name' }, 'x')).toBe(false);
		expect(faultConcernsName({ type: 'ipsApiFault' }, 'x')).toBe(false);
		expect(faultConcernsName({ type: 'ipsApiFault', reason: 'Invalid folder handle' }, 'x')).toBe(false);
		expect(faultConcernsName({ type: 'ipsApiFault', reason: 'Invalid rename of folder' }, '')).toBe(false);
		expect(faultConcernsName({ type: 'ipsApiFault', reason: 'Invalid identity' }, 'zz')).toBe(false);
	});
});
