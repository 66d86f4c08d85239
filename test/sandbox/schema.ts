// The subset of the IPS schema the sandbox serves. One description drives three things: the WSDL we
// publish (wsdl.ts), the strict request check (validate.ts) and the self-check of every response.
// Element names and their order follow the xsd:sequence of Adobe's 2014-04-03 WSDL; types are
// trimmed to the fields the sandbox fills. Optional fields that a client may send but the sandbox
// does not model are still declared, so a valid request is never refused as "unknown element".

export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENVELOPE_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Faults and the version-free authHeader live here, whatever the API version. */
export const IPS_BASE_NS = 'http://www.scene7.com/IpsApi/xsd';
/** WSDL definitions (messages, port type, binding) namespace. */
export const IPS_WSDL_NS = 'http://www.scene7.com/IpsApi';

export const API_VERSIONS = [
	'2014-04-03',
	'2013-02-15',
	'2012-02-14',
	'2010-01-31',
	'2009-07-31',
	'2008-09-10',
	'2008-01-15',
] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
export const LATEST_VERSION: ApiVersion = '2014-04-03';

export function typesNamespace(version: ApiVersion): string {
	return `${IPS_BASE_NS}/${version}`;
}

export function versionOfNamespace(ns: string): ApiVersion | undefined {
	return API_VERSIONS.find((v) => typesNamespace(v) === ns);
}

export type SimpleType = 'string' | 'int' | 'long' | 'boolean' | 'double' | 'dateTime';
const SIMPLE_TYPES: readonly string[] = ['string', 'int', 'long', 'boolean', 'double', 'dateTime'];

export function isSimpleType(type: string): type is SimpleType {
	return SIMPLE_TYPES.includes(type);
}

export interface Field {
	name: string;
	/** A SimpleType or the name of an entry in COMPLEX_TYPES. */
	type: string;
	required: boolean;
	repeated: boolean;
}

const req = (name: string, type = 'string'): Field => ({
	name,
	type,
	required: true,
	repeated: false,
});
const opt = (name: string, type = 'string'): Field => ({
	name,
	type,
	required: false,
	repeated: false,
});
const items = (type: string): Field => ({ name: 'items', type, required: false, repeated: true });

export const COMPLEX_TYPES: Record<string, Field[]> = {
	StringArray: [items('string')],
	HandleArray: [items('string')],
	Company: [
		req('companyHandle'),
		req('name'),
		req('rootPath'),
		opt('expires', 'dateTime'),
		opt('imsOrgId'),
	],
	CompanyMembership: [req('company', 'Company'), req('role'), req('isActive', 'boolean')],
	CompanyMembershipArray: [items('CompanyMembership')],
	User: [
		req('userHandle'),
		req('firstName'),
		req('lastName'),
		req('email'),
		opt('imsUserId'),
		req('isValid', 'boolean'),
		req('isIpsAdmin', 'boolean'),
		opt('passwordExpires', 'dateTime'),
	],
	Folder: [
		opt('folderHandle'),
		opt('path'),
		opt('lastModified', 'dateTime'),
		opt('childLastModified', 'dateTime'),
		opt('permissionSetHandle'),
		opt('hasSubfolders', 'boolean'),
		opt('subfolderArray', 'FolderArray'),
	],
	FolderArray: [items('Folder')],
	ImageInfo: [
		opt('originalPath'),
		opt('originalFile'),
		opt('optimizedPath'),
		opt('optimizedFile'),
		opt('width', 'int'),
		opt('height', 'int'),
		opt('fileSize', 'long'),
		opt('resolution', 'double'),
		opt('sku'),
		opt('description'),
		opt('anchorX', 'int'),
		opt('anchorY', 'int'),
		opt('urlModifier'),
		opt('urlPostApplyModifier'),
	],
	LayerViewInfo: [opt('url'), opt('urlModifier'), opt('urlPostApplyModifier')],
	VideoInfo: [opt('originalPath'), opt('originalFile'), opt('fileSize', 'long')],
	Asset: [
		opt('assetHandle'),
		opt('type'),
		opt('subType'),
		opt('name'),
		opt('fileName'),
		opt('folder'),
		opt('folderHandle'),
		opt('readyForPublish', 'boolean'),
		opt('trashState'),
		opt('created', 'dateTime'),
		opt('createUser'),
		opt('lastModified', 'dateTime'),
		opt('lastModifyUser'),
		opt('imageInfo', 'ImageInfo'),
		opt('layerViewInfo', 'LayerViewInfo'),
		opt('videoInfo', 'VideoInfo'),
	],
	AssetArray: [items('Asset')],
	SystemFieldCondition: [
		req('field'),
		req('op'),
		opt('value'),
		opt('boolVal', 'boolean'),
		opt('longVal', 'long'),
		opt('minLong', 'long'),
		opt('maxLong', 'long'),
		opt('doubleVal', 'double'),
		opt('minDouble', 'double'),
		opt('maxDouble', 'double'),
		opt('dateVal', 'dateTime'),
		opt('minDate', 'dateTime'),
		opt('maxDate', 'dateTime'),
	],
	SystemFieldConditionArray: [items('SystemFieldCondition')],
	TagCondition: [req('fieldHandle'), req('op'), opt('value'), opt('valueArray', 'StringArray')],
	TagConditionArray: [items('TagCondition')],
	MetadataCondition: [
		req('fieldHandle'),
		req('op'),
		opt('caseSensitive', 'boolean'),
		opt('value'),
		opt('values', 'StringArray'),
		opt('boolVal', 'boolean'),
		opt('longVal', 'long'),
		opt('minLong', 'long'),
		opt('maxLong', 'long'),
		opt('doubleVal', 'double'),
		opt('minDouble', 'double'),
		opt('maxDouble', 'double'),
		opt('dateVal', 'dateTime'),
		opt('minDate', 'dateTime'),
		opt('maxDate', 'dateTime'),
	],
	MetadataConditionArray: [items('MetadataCondition')],
	ExcludeByproductCondition: [req('engine'), req('generatedAssetType')],
	ExcludeByproductArray: [items('ExcludeByproductCondition')],
	Permission: [
		opt('groupHandle'),
		opt('groupName'),
		opt('permissionType'),
		opt('isAllowed', 'boolean'),
		opt('isOverride', 'boolean'),
	],
	PermissionArray: [items('Permission')],
	PermissionSet: [opt('permissionSetHandle'), opt('permissionArray', 'PermissionArray')],
	PermissionSetArray: [items('PermissionSet')],
};

export interface OperationSchema {
	/** Also the SOAPAction value. */
	name: string;
	param: Field[];
	result: Field[];
}

const accessFields = [opt('accessUserHandle'), opt('accessGroupHandle')];
const fieldSelection = [
	opt('responseFieldArray', 'StringArray'),
	opt('excludeFieldArray', 'StringArray'),
];

const OPERATION_LIST: OperationSchema[] = [
	{
		name: 'copyImage',
		param: [
			req('companyHandle'),
			req('assetHandle'),
			req('folderHandle'),
			req('name'),
			req('urlModifier'),
		],
		result: [req('assetHandle')],
	},
	{
		name: 'getCompanyMembership',
		param: [opt('userHandle')],
		result: [req('membershipArray', 'CompanyMembershipArray')],
	},
	{
		name: 'getUserInfo',
		param: [opt('userHandle'), opt('email')],
		result: [req('userInfo', 'User')],
	},
	{
		name: 'getCompanyInfo',
		param: [opt('companyHandle'), opt('companyName'), opt('imsOrgId')],
		result: [req('companyInfo', 'Company')],
	},
	{
		name: 'getAssetsByName',
		param: [
			req('companyHandle'),
			...accessFields,
			req('nameArray', 'StringArray'),
			opt('assetTypeArray', 'StringArray'),
			opt('excludeAssetTypeArray', 'StringArray'),
			opt('assetSubTypeArray', 'StringArray'),
			opt('strictSubTypeCheck', 'boolean'),
			...fieldSelection,
		],
		result: [opt('assetArray', 'AssetArray')],
	},
	{
		name: 'searchAssets',
		param: [
			req('companyHandle'),
			...accessFields,
			opt('folder'),
			req('includeSubfolders', 'boolean'),
			opt('publishState'),
			opt('trashState'),
			opt('conditionMatchMode'),
			opt('keywordArray', 'StringArray'),
			opt('systemFieldMatchMode'),
			opt('systemFieldConditionArray', 'SystemFieldConditionArray'),
			opt('tagMatchMode'),
			opt('tagConditionArray', 'TagConditionArray'),
			opt('metadataMatchMode'),
			opt('metadataConditionArray', 'MetadataConditionArray'),
			opt('assetTypeArray', 'StringArray'),
			opt('excludeAssetTypeArray', 'StringArray'),
			opt('assetSubTypeArray', 'StringArray'),
			opt('strictSubTypeCheck', 'boolean'),
			opt('excludeByproducts', 'boolean'),
			opt('excludeByproductArray', 'ExcludeByproductArray'),
			opt('projectHandle'),
			opt('recordsPerPage', 'int'),
			opt('resultsPage', 'int'),
			opt('sortBy'),
			opt('sortDirection'),
			...fieldSelection,
		],
		result: [opt('totalRows', 'int'), opt('assetArray', 'AssetArray')],
	},
	{
		name: 'getFolderTree',
		param: [
			req('companyHandle'),
			...accessFields,
			opt('folderPath'),
			req('depth', 'int'),
			opt('assetTypeArray', 'StringArray'),
			...fieldSelection,
		],
		result: [opt('folders', 'Folder'), opt('permissionSetArray', 'PermissionSetArray')],
	},
	{
		name: 'getFolders',
		param: [
			req('companyHandle'),
			...accessFields,
			opt('folderPath'),
			opt('assetTypeArray', 'StringArray'),
			...fieldSelection,
		],
		result: [opt('folderArray', 'FolderArray'), opt('permissionSetArray', 'PermissionSetArray')],
	},
	{
		name: 'checkAssetNames',
		param: [req('companyHandle'), req('assetNameArray', 'StringArray')],
		result: [req('inUseNameArray', 'StringArray')],
	},
	{
		name: 'getAssets',
		param: [
			req('companyHandle'),
			...accessFields,
			req('assetHandleArray', 'HandleArray'),
			...fieldSelection,
		],
		result: [opt('assetArray', 'AssetArray')],
	},
	{
		name: 'renameAsset',
		param: [
			req('companyHandle'),
			req('assetHandle'),
			req('newName'),
			req('validateName', 'boolean'),
		],
		result: [],
	},
	{
		name: 'moveAsset',
		param: [req('companyHandle'), req('assetHandle'), req('folderHandle')],
		result: [],
	},
	{
		name: 'deleteAsset',
		param: [req('companyHandle'), req('assetHandle')],
		result: [],
	},
	{
		name: 'replaceImage',
		param: [req('companyHandle'), req('assetHandle'), req('urlModifier')],
		result: [req('assetHandle')],
	},
	{
		name: 'setUrlModifier',
		param: [
			req('companyHandle'),
			req('assetHandle'),
			opt('urlModifier'),
			opt('urlPostApplyModifier'),
		],
		result: [],
	},
	{
		name: 'createDerivedAsset',
		param: [
			req('companyHandle'),
			req('ownerHandle'),
			req('folderHandle'),
			req('name'),
			req('type'),
			opt('urlModifier'),
			opt('urlPostApplyModifier'),
		],
		result: [req('assetHandle')],
	},
	{
		name: 'createFolder',
		param: [req('companyHandle'), req('folderPath')],
		result: [req('folderHandle')],
	},
	{
		name: 'deleteFolder',
		param: [req('companyHandle'), req('folderHandle')],
		result: [],
	},
];

export const OPERATIONS: ReadonlyMap<string, OperationSchema> = new Map(
	OPERATION_LIST.map((op) => [op.name, op]),
);

/**
 * authHeader as each namespace declares it. The 2014-04-03 header makes appName/appVersion
 * mandatory; older versioned headers (per the docs) and the version-free one (an xsd:all) do not.
 * user/password stay optional in the schema so that a header without them is an authentication
 * fault (10000), not a schema fault.
 */
export function authHeaderFields(version: ApiVersion | 'base'): Field[] {
	const appRequired = version === '2014-04-03';
	const app = (name: string) => (appRequired ? req(name) : opt(name));
	const withToken = version === '2014-04-03' || version === 'base';
	return [
		opt('user'),
		opt('password'),
		...(withToken ? [opt('accessToken')] : []),
		opt('locale'),
		app('appName'),
		app('appVersion'),
		opt('gzipResponse', 'boolean'),
		opt('faultHttpStatusCode', 'int'),
	];
}

export const FAULT_ELEMENTS = ['ipsApiFault', 'authenticationFault', 'authorizationFault'] as const;
export type FaultElement = (typeof FAULT_ELEMENTS)[number];
