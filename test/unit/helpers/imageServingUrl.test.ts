import { catalogOf, imageServingUrl } from '../../../nodes/Scene7Ips/helpers/imageServingUrl';

describe('catalogOf', () => {
	it.each([
		['ApiTestCo/', 'ApiTestCo'],
		['/ApiTestCo/', 'ApiTestCo'],
		['ApiTestCo', 'ApiTestCo'],
		['', ''],
	])('%j → %j', (root, catalog) => expect(catalogOf(root)).toBe(catalog));
});

describe('imageServingUrl', () => {
	const prefix = 'https://s7d1.scene7.com/is/image/';

	it('joins prefix, company root and name', () => {
		expect(imageServingUrl(prefix, 'ApiTestCo/', 'macbookwin1')).toBe('https://s7d1.scene7.com/is/image/ApiTestCo/macbookwin1');
	});

	it('adds the slash a prefix lacks', () => {
		expect(imageServingUrl('https://media.example.com/is/image', 'Brand/', 'a')).toBe('https://media.example.com/is/image/Brand/a');
	});

	it('percent-encodes root and name, so spaces, #, ? and / cannot change the URL', () => {
		expect(imageServingUrl(prefix, 'My Co/', 'a b#c?d/e')).toBe('https://s7d1.scene7.com/is/image/My%20Co/a%20b%23c%3Fd%2Fe');
	});

	it('appends the modifier as a query string, without a leading ? or &', () => {
		expect(imageServingUrl(prefix, 'ApiTestCo/', 'a', 'wid=800&fmt=jpg')).toBe('https://s7d1.scene7.com/is/image/ApiTestCo/a?wid=800&fmt=jpg');
		expect(imageServingUrl(prefix, 'ApiTestCo/', 'a', '?&wid=1')).toBe('https://s7d1.scene7.com/is/image/ApiTestCo/a?wid=1');
		expect(imageServingUrl(prefix, 'ApiTestCo/', 'a', '')).toBe('https://s7d1.scene7.com/is/image/ApiTestCo/a');
	});

	it('leaves out an empty root', () => {
		expect(imageServingUrl(prefix, '', 'a')).toBe('https://s7d1.scene7.com/is/image/a');
	});
});
