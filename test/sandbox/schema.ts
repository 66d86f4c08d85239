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
	/**
	 * Declared so that a request following Adobe's WSDL is recognised, but not modelled: present in a
	 * request, it is refused with 30001 instead of being ignored (validate.ts).
	 */
	unsupported?: boolean;
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
const uns = (name: string, type = 'string'): Field => ({ ...opt(name, type), unsupported: true });
const items = (type: string): Field => ({ name: 'items', type, required: false, repeated: true });

// The options UploadUrlsJob and UploadPostJob share, in their xsd:sequence order: the head ends
// with emailSetting, the tail follows each type's own post-job elements.
const uploadJobOptions = [
	req('overwrite', 'boolean'),
	req('readyForPublish', 'boolean'),
	opt('preservePublishState', 'boolean'),
	req('createMask', 'boolean'),
	opt('preserveCrop', 'boolean'),
	uns('knockoutBackgroundOptions', 'KnockoutBackgroundOptions'),
	uns('manualCropOptions', 'ManualCropOptions'),
	uns('autoColorCropOptions', 'AutoColorCropOptions'),
	uns('autoTransparentCropOptions', 'AutoTransparentCropOptions'),
	uns('photoshopOptions', 'PhotoshopOptions'),
	uns('postScriptOptions', 'PostScriptOptions'),
	uns('pdfOptions', 'PDFOptions'),
	uns('illustratorOptions', 'IllustratorOptions'),
	uns('colorManagementOptions', 'ColorManagementOptions'),
	uns('autoSetCreationOptions', 'AutoSetCreationOptions'),
	uns('projectHandleArray', 'HandleArray'),
	req('emailSetting'),
];
const uploadJobTail = [
	uns('mediaOptions', 'MediaOptions'),
	uns('inDesignOptions', 'InDesignOptions'),
	opt('xmpKeywords'),
	uns('unsharpMaskOptions', 'UnsharpMaskOptions'),
	uns('unCompressOptions', 'UnCompressOptions'),
	opt('excludeMasterVideoFromAVS', 'boolean'),
];

// The typed values and ranges SystemFieldCondition and MetadataCondition end with, in that order.
const conditionValues = [
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
];

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
		opt('metadataArray', 'MetadataArray'),
		opt('imageInfo', 'ImageInfo'),
		opt('layerViewInfo', 'LayerViewInfo'),
		opt('videoInfo', 'VideoInfo'),
	],
	AssetArray: [items('Asset')],
	SystemFieldCondition: [
		req('field'),
		req('op'),
		opt('value'),
		...conditionValues,
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
		...conditionValues,
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
	// Metadata (getMetadataFields, setAssetMetadata, batchSetAssetMetadata, Asset.metadataArray).
	Metadata: [
		req('name'),
		req('value'),
		opt('boolVal', 'boolean'),
		opt('longVal', 'long'),
		opt('doubleVal', 'double'),
		opt('dateVal', 'dateTime'),
		opt('valueArray', 'StringArray'),
	],
	MetadataArray: [items('Metadata')],
	MetadataField: [
		req('fieldHandle'),
		req('name'),
		req('type'),
		req('defaultValue'),
		req('isRequired', 'boolean'),
		req('isUserDefined', 'boolean'),
		req('isHidden', 'boolean'),
		req('isEnforced', 'boolean'),
		opt('initialTagValue'),
	],
	MetadataFieldArray: [items('MetadataField')],
	MetadataUpdate: [
		req('fieldHandle'),
		opt('value'),
		opt('boolVal', 'boolean'),
		opt('longVal', 'long'),
		opt('doubleVal', 'double'),
		opt('dateVal', 'dateTime'),
		opt('addTagValueArray', 'StringArray'),
		opt('setTagValueArray', 'StringArray'),
		opt('deleteTagValueArray', 'StringArray'),
	],
	MetadataUpdateArray: [items('MetadataUpdate')],
	BatchMetadataUpdate: [
		req('assetHandleArray', 'HandleArray'),
		req('updateArray', 'MetadataUpdateArray'),
	],
	BatchMetadataUpdateArray: [items('BatchMetadataUpdate')],
	SetMetadataFault: [req('assetHandle'), req('fieldHandle'), req('code', 'int'), req('reason')],
	SetMetadataFaultArray: [items('SetMetadataFault')],
	// Jobs (submitJob, getActiveJobs, getJobLogs, getJobLogDetails).
	ImageServingPublishJob: [
		req('publishType'),
		req('emailSetting'),
		opt('httpCompletionUrl'),
		opt('contextHandle'),
	],
	UploadUrl: [req('sourceUrl'), req('destPath')],
	UploadUrlArray: [items('UploadUrl')],
	UploadUrlsJob: [
		opt('urlArray', 'UploadUrlArray'),
		opt('numUrls', 'int'),
		...uploadJobOptions,
		opt('postJobOnlyIfFiles', 'boolean'),
		uns('postHttpUrl'),
		opt('postImageServingPublishJob', 'ImageServingPublishJob'),
		uns('postImageRenderingPublishJob', 'ImageRenderingPublishJob'),
		uns('postVideoPublishJob', 'VideoPublishJob'),
		...uploadJobTail,
	],
	// The UploadFile servlet's job options (uploadPostParam/uploadParams; ActiveJob/uploadPostJob). Same
	// policy as UploadUrlsJob: processing options are declared and refused; createMask=true is refused.
	UploadPostJob: [
		...uploadJobOptions,
		uns('postHttpUrl'),
		...uploadJobTail,
	],
	// Trimmed to nothing: the sandbox reports no per-task progress.
	TaskProgressArray: [],
	ActiveJob: [
		req('companyHandle'),
		req('jobHandle'),
		req('name'),
		req('originalName'),
		req('type'),
		req('state'),
		req('submitUserEmail'),
		opt('locale'),
		opt('description'),
		req('serverName'),
		req('startDate', 'dateTime'),
		req('triggerTime', 'dateTime'),
		req('totalSize', 'int'),
		req('progress', 'int'),
		req('progressMessage'),
		req('lastProgressUpdate', 'dateTime'),
		req('taskProgressArray', 'TaskProgressArray'),
		opt('imageServingPublishJob', 'ImageServingPublishJob'),
		opt('uploadUrlsJob', 'UploadUrlsJob'),
		opt('uploadPostJob', 'UploadPostJob'),
	],
	ActiveJobArray: [items('ActiveJob')],
	JobLogDetail: [
		req('logMessage'),
		req('logType'),
		req('dateCreated', 'dateTime'),
		opt('assetName'),
		opt('assetType'),
		opt('assetHandle'),
	],
	JobLogDetailArray: [items('JobLogDetail')],
	JobLog: [
		req('companyHandle'),
		req('jobHandle'),
		req('jobName'),
		req('originalJobName'),
		req('submitUserEmail'),
		req('logType'),
		req('jobSubType'),
		opt('startDate', 'dateTime'),
		opt('endDate', 'dateTime'),
		req('description'),
		req('fileSuccessCount', 'int'),
		req('fileErrorCount', 'int'),
		req('fileWarningCount', 'int'),
		req('fileDuplicateCount', 'int'),
		req('fileUpdateCount', 'int'),
		req('totalFileCount', 'int'),
		req('transferSuccessCount', 'int'),
		req('transferErrorCount', 'int'),
		req('transferWarningCount', 'int'),
		req('fatalError', 'boolean'),
		opt('detailTotalRows', 'int'),
		opt('detailArray', 'JobLogDetailArray'),
	],
	JobLogArray: [items('JobLog')],
	// Job types and upload options the sandbox does not run: declared empty, refused when sent.
	...Object.fromEntries(
		[
			'ImageRenderingPublishJob',
			'VideoPublishJob',
			'ServerDirectoryPublishJob',
			'MetadataPublishJob',
			'UploadDirectoryJob',
			'OptimizeImagesJob',
			'RipPdfsJob',
			'ReprocessAssetsJob',
			'CreateVideoSitemapJob',
			'ExportJob',
			'AutomatedSetGenerationJob',
			'KnockoutBackgroundOptions',
			'ManualCropOptions',
			'AutoColorCropOptions',
			'AutoTransparentCropOptions',
			'PhotoshopOptions',
			'PostScriptOptions',
			'PDFOptions',
			'IllustratorOptions',
			'ColorManagementOptions',
			'AutoSetCreationOptions',
			'MediaOptions',
			'InDesignOptions',
			'UnsharpMaskOptions',
			'UnCompressOptions',
		].map((name) => [name, [] as Field[]]),
	),
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

const JOB_OPERATIONS: OperationSchema[] = [
	{
		name: 'submitJob',
		param: [
			req('companyHandle'),
			uns('userHandle'),
			req('jobName'),
			opt('locale'),
			uns('execTime', 'dateTime'),
			uns('execSchedule'),
			opt('description'),
			opt('imageServingPublishJob', 'ImageServingPublishJob'),
			uns('imageRenderingPublishJob', 'ImageRenderingPublishJob'),
			uns('videoPublishJob', 'VideoPublishJob'),
			uns('serverDirectoryPublishJob', 'ServerDirectoryPublishJob'),
			uns('metadataPublishJob', 'MetadataPublishJob'),
			uns('uploadDirectoryJob', 'UploadDirectoryJob'),
			opt('uploadUrlsJob', 'UploadUrlsJob'),
			uns('optimizeImagesJob', 'OptimizeImagesJob'),
			uns('ripPdfsJob', 'RipPdfsJob'),
			uns('reprocessAssetsJob', 'ReprocessAssetsJob'),
			uns('createVideoSitemapJob', 'CreateVideoSitemapJob'),
			uns('exportJob', 'ExportJob'),
			uns('automatedSetGenerationJob', 'AutomatedSetGenerationJob'),
		],
		result: [req('jobHandle')],
	},
	{
		name: 'getActiveJobs',
		param: [
			opt('companyHandle'),
			opt('jobHandle'),
			opt('originalName'),
			opt('includeWaitingJobs', 'boolean'),
		],
		result: [req('jobArray', 'ActiveJobArray')],
	},
	{
		name: 'getJobLogs',
		param: [
			opt('companyHandle'),
			opt('userHandle'),
			uns('sortBy'),
			uns('sortDirection'),
			opt('startDate', 'dateTime'),
			opt('endDate', 'dateTime'),
			opt('numRows', 'int'),
		],
		result: [req('jobLogArray', 'JobLogArray')],
	},
	{
		name: 'getJobLogDetails',
		param: [
			req('companyHandle'),
			opt('jobHandle'),
			opt('originalName'),
			opt('logTypeArray', 'StringArray'),
			opt('recordsPerPage', 'int'),
			opt('resultsPage', 'int'),
			uns('sortBy'),
			uns('sortDirection'),
		],
		result: [req('jobLogArray', 'JobLogArray')],
	},
	{
		name: 'stopJob',
		param: [req('companyHandle'), req('jobHandle')],
		result: [],
	},
	{
		name: 'getProperty',
		param: [req('name')],
		result: [req('value')],
	},
	{
		name: 'getMetadataFields',
		param: [req('companyHandle'), req('assetType')],
		result: [req('fieldArray', 'MetadataFieldArray')],
	},
	{
		name: 'setAssetMetadata',
		param: [req('companyHandle'), req('assetHandle'), req('updateArray', 'MetadataUpdateArray')],
		result: [],
	},
	{
		name: 'batchSetAssetMetadata',
		param: [req('companyHandle'), req('updateArray', 'BatchMetadataUpdateArray')],
		result: [
			req('successCount', 'int'),
			req('warningCount', 'int'),
			req('errorCount', 'int'),
			opt('warningDetailArray', 'SetMetadataFaultArray'),
			opt('errorDetailArray', 'SetMetadataFaultArray'),
		],
	},
	{
		name: 'setAssetPublishState',
		param: [
			req('companyHandle'),
			req('assetHandle'),
			req('publishState'),
			uns('contextHandleArray', 'HandleArray'),
		],
		result: [],
	},
];

export const OPERATIONS: ReadonlyMap<string, OperationSchema> = new Map(
	[...OPERATION_LIST, ...JOB_OPERATIONS].map((op) => [op.name, op]),
);

/**
 * The UploadFile servlet's documents (not SOAP: an HTTP POST of multipart/form-data, see
 * upload-servlet.ts). The `uploadParams` form part holds an `uploadPostParam` element, the success
 * answer is an `uploadPostReturn` element; both are declared in the WSDL's types (no operation uses
 * them here), in the namespace of the API version.
 */
export const UPLOAD_POST_PARAM: Field[] = [
	req('companyHandle'),
	opt('jobName'),
	opt('jobHandle'),
	opt('locale'),
	opt('description'),
	opt('destFolder'),
	opt('fileName'),
	opt('endJob', 'boolean'),
	opt('uploadParams', 'UploadPostJob'),
];
export const UPLOAD_POST_RETURN: Field[] = [req('jobHandle')];

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
