import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Scopes a list of properties to one resource/operation by merging `displayOptions` into each,
 * keeping conditions a property already has (merged one level deep, as show/hide maps are flat).
 */
export function updateDisplayOptions(
	displayOptions: IDisplayOptions,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => {
		const merged: IDisplayOptions = { ...property.displayOptions };
		for (const key of ['show', 'hide'] as const) {
			if (displayOptions[key]) merged[key] = { ...merged[key], ...displayOptions[key] };
		}
		return { ...property, displayOptions: merged };
	});
}
