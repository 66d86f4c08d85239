import { imageServingUrl } from '../../../nodes/Scene7Ips/helpers/imageServingUrl';

describe('imageServingUrl', () => {
	it.each([
		['adds the slash a prefix lacks', 'https://media.example.com/is/image', 'Brand/', undefined, 'https://media.example.com/is/image/Brand/a'],
		['appends the modifier as a query string', 'https://s7d1.scene7.com/is/image/', 'ApiTestCo/', 'wid=800&fmt=jpg', 'https://s7d1.scene7.com/is/image/ApiTestCo/a?wid=800&fmt=jpg'],
		['drops a leading ? or & of the modifier', 'https://s7d1.scene7.com/is/image/', 'ApiTestCo/', '?&wid=1', 'https://s7d1.scene7.com/is/image/ApiTestCo/a?wid=1'],
		['adds no ? for an empty modifier', 'https://s7d1.scene7.com/is/image/', 'ApiTestCo/', '', 'https://s7d1.scene7.com/is/image/ApiTestCo/a'],
		['leaves out an empty root', 'https://s7d1.scene7.com/is/image/', '', undefined, 'https://s7d1.scene7.com/is/image/a'],
	])('%s', (_case, prefix, root, modifier, url) => {
		expect(imageServingUrl(prefix, root, 'a', modifier)).toBe(url);
	});
});
