// The public Image Serving URL of an asset: `<IpsImageServerUrl><company root>/<name>[?<modifier>]`.
// Sources: the Image Serving HTTP reference ("Basic syntax": `/is/image/<object>?<modifiers>`, the
// object being the company root and the image's name), IPS getProperty (`IpsImageServerUrl`: "the
// full, external URL prefix for the IPS Image Server"). Joining the two is our inference, not
// checked against a live server; the URL serves the image only once the asset is published.

/** The company's Image Serving catalog id: its root folder path without the trailing slash. */
export function catalogOf(rootPath: string): string {
	return rootPath.replace(/^\/+|\/+$/g, '');
}

/**
 * The URL of an image by its name. Each path segment is percent-encoded (names may hold spaces
 * and other characters a URL cannot carry as they are); the modifier is appended as given, since
 * it is already a query string in Image Serving's syntax.
 */
export function imageServingUrl(prefix: string, rootPath: string, name: string, modifier = ''): string {
	const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
	const object = [catalogOf(rootPath), name].filter((part) => part !== '').map(encodeURIComponent).join('/');
	const query = modifier.replace(/^[?&]+/, '');
	return `${base}${object}${query ? `?${query}` : ''}`;
}
