import { imageServingUrl } from '../../../nodes/Scene7Ips/helpers/imageServingUrl';

describe('imageServingUrl', () => {
	const prefix = 'https://s7d1.scene7.com/is/image/';

	it('adds the slash a prefix lacks', () => {
		expect(imageServingUrl('https://media.example.com/is/image', 'Brand/', 'a')).toBe('https://media.example.com/is/image/Brand/a');
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
