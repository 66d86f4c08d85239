// Scripted answers for the metadata operations: the company's image metadata fields.
import { soapResult, xml } from '../support';

export const FIELDS = [
	{ fieldHandle: 'm|6|IMAGE|101', name: 'Caption', type: 'String' },
	{ fieldHandle: 'm|6|IMAGE|102', name: 'Approved', type: 'Boolean' },
	{ fieldHandle: 'm|6|IMAGE|103', name: 'Rank', type: 'Long' },
	{ fieldHandle: 'm|6|IMAGE|104', name: 'Price', type: 'Double' },
	{ fieldHandle: 'm|6|IMAGE|105', name: 'Launch', type: 'Date' },
	{ fieldHandle: 'm|6|IMAGE|106', name: 'Colors', type: 'Tag' },
];

export const fieldsAnswer = soapResult(
	'getMetadataFields',
	`<fieldArray>${FIELDS.map(
		(field) =>
			`<items>${xml({ ...field, defaultValue: '', isRequired: 'false', isUserDefined: 'true', isHidden: 'false', isEnforced: 'false' })}</items>`,
	).join('')}</fieldArray>`,
);
