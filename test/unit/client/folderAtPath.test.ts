import { folderAtPath, normalizeFolderPath } from '../../../nodes/Scene7Ips/client/lookups';

const folders = [
	{ folderHandle: 'root', path: 'ApiTestCo/' },
	{ folderHandle: 'summer', path: 'ApiTestCo/summer/' },
	{ folderHandle: 'Summer', path: 'ApiTestCo/Summer/' },
	{ folderHandle: 'sale', path: 'ApiTestCo/summer/sale/' },
];

describe('folderAtPath', () => {
	it.each([
		['ApiTestCo/summer', 'summer'],
		['summer/sale', 'sale'],
		['/', 'root'],
		['ApiTestCo', 'root'],
		['Summer', 'Summer'],
	])('finds %j', (path, handle) => {
		expect(folderAtPath(folders, path)?.folderHandle).toBe(handle);
	});

	it('matches other letter case only when asked and only when unique', () => {
		expect(folderAtPath(folders, 'summer/SALE')).toBeUndefined();
		expect(folderAtPath(folders, 'summer/SALE', { ignoreCase: true })?.folderHandle).toBe('sale');
		// summer/ and Summer/ both match SUMMER: ambiguous, so nothing.
		expect(folderAtPath(folders, 'SUMMER', { ignoreCase: true })).toBeUndefined();
	});

	it('finds nothing for an unknown path or an empty tree', () => {
		expect(folderAtPath(folders, 'winter')).toBeUndefined();
		expect(folderAtPath([], 'summer')).toBeUndefined();
	});

	it('normalizes paths', () => {
		expect(normalizeFolderPath(' //a/b ')).toBe('a/b/');
		expect(normalizeFolderPath('/')).toBe('/');
	});
});
