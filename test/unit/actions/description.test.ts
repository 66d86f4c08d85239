import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import * as company from '../../../nodes/Scene7Ips/actions/company/Company.resource';
import * as custom from '../../../nodes/Scene7Ips/actions/custom/Custom.resource';
import * as folder from '../../../nodes/Scene7Ips/actions/folder/Folder.resource';
import * as image from '../../../nodes/Scene7Ips/actions/image/Image.resource';
import { NODE } from '../../support/executeContext';
import { node } from './support';

const { properties } = node.description;
const RESOURCES = { company, custom, folder, image };
const RESOURCE_WORDS: Record<string, RegExp> = {
	company: /compan(y|ies)/,
	custom: /IPS operation/,
	folder: /folders?\b/,
	image: /images?\b/,
};

const resourceProperty = properties.find((property) => property.name === 'resource');
const operationProperty = (resource: string) =>
	properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource));
const operationOptions = (resource: string) => (operationProperty(resource)?.options ?? []) as INodePropertyOptions[];

/** Every property, collection entry and fixed-collection value, however deep. */
function everyProperty(list: INodeProperties[]): INodeProperties[] {
	return list.flatMap((property) => {
		const children = (property.options ?? []).flatMap((option) => {
			if ('values' in option) return everyProperty((option as INodePropertyCollection).values);
			if ('displayName' in option) return everyProperty([option as INodeProperties]);
			return [];
		});
		return [property, ...children];
	});
}

const sortedBy = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b));

describe('node description', () => {
	it('offers the five resources, Image first by default', () => {
		expect(resourceProperty?.options).toEqual([
			{ name: 'Company', value: 'company' },
			{ name: 'Custom Operation', value: 'custom' },
			{ name: 'Folder', value: 'folder' },
			{ name: 'Image', value: 'image' },
			{ name: 'Job', value: 'job' },
		]);
		expect(resourceProperty?.default).toBe('image');
	});

	it.each(Object.entries(RESOURCES))('registers every %s operation it offers, and only those', (resource, module) => {
		const values = operationOptions(resource).map((option) => option.value);
		expect(sortedBy(values as string[])).toEqual(sortedBy(Object.keys(module.operations)));
		// A batch operation (Image > Set Metadata) has prepare and executeBatch instead of execute.
		for (const operation of Object.values(module.operations)) {
			expect(typeof ('execute' in operation ? operation.execute : operation.executeBatch)).toBe('function');
		}
	});

	it('uses the usual operation values', () => {
		expect(Object.fromEntries(Object.keys(RESOURCES).map((resource) => [resource, operationOptions(resource).map((o) => o.value)]))).toEqual({
			company: ['get', 'getAll'],
			custom: ['call'],
			folder: ['create', 'delete', 'getAll'],
			image: [
				'copy',
				'createDerived',
				'delete',
				'download',
				'get',
				'getByName',
				'getAll',
				'getMetadata',
				'move',
				'rename',
				'replace',
				'setMetadata',
				'setUrlModifier',
			],
		});
	});

	it.each(Object.keys(RESOURCES))('gives every %s operation a sentence-case action naming the resource', (resource) => {
		for (const option of operationOptions(resource)) {
			expect(option.action).toMatch(/^[A-Z][a-z]+( [a-z]+| IPS| URL)*$/);
			expect(option.action).toMatch(RESOURCE_WORDS[resource]);
			expect(option.description).toBeTruthy();
		}
	});

	it('scopes every field to one resource and its operations', () => {
		for (const property of properties.filter((candidate) => candidate.name !== 'resource')) {
			expect(property.displayOptions?.show?.resource).toHaveLength(1);
			if (property.name !== 'operation') expect(property.displayOptions?.show?.operation?.length).toBeGreaterThan(0);
		}
	});

	it('alphabetizes every options list of five or more by name, and every collection by display name', () => {
		for (const property of everyProperty(properties)) {
			if ((property.type === 'options' || property.type === 'multiOptions') && (property.options?.length ?? 0) >= 5) {
				const names = (property.options as INodePropertyOptions[]).map((option) => option.name);
				expect({ field: property.name, names }).toEqual({ field: property.name, names: sortedBy(names) });
			}
			if (property.type === 'collection') {
				const names = (property.options as INodeProperties[]).map((option) => option.displayName);
				expect({ field: property.name, names }).toEqual({ field: property.name, names: sortedBy(names) });
			}
		}
	});

	it('starts the description of every boolean with "Whether"', () => {
		for (const property of everyProperty(properties).filter((candidate) => candidate.type === 'boolean')) {
			expect(property.description).toMatch(/^Whether /);
		}
	});

	it.each(
		Object.entries(RESOURCES).flatMap(([resource, module]) => Object.keys(module.operations).map((operation) => [resource, operation])),
	)('resolves the defaults of %s > %s the way n8n does', (resource, operation) => {
		const parameters = NodeHelpers.getNodeParameters(properties, { resource, operation }, true, false, NODE, node.description);
		expect(parameters).toMatchObject({ resource, operation });
		const shown = properties.filter((property) => {
			const show = property.displayOptions?.show;
			return show?.resource?.includes(resource) && show.operation?.includes(operation);
		});
		for (const property of shown) expect(parameters).toHaveProperty([property.name]);
	});
});
