// The operation table the server dispatches on; keys match schema.ts OPERATIONS.
import type { Args } from '../args';
import { getCompanyInfo, getCompanyMembership, getUserInfo } from './account';
import {
	checkAssetNames,
	copyImage,
	createDerivedAsset,
	deleteAsset,
	getAssets,
	getAssetsByName,
	moveAsset,
	renameAsset,
	replaceImage,
	searchAssets,
	setAssetPublishState,
	setUrlModifier,
} from './assets';
import { getActiveJobs, getJobLogDetails, getJobLogs, getProperty, stopJob, submitJob } from './jobs';
import { batchSetAssetMetadata, getMetadataFields, setAssetMetadata } from './metadata';
import type { CallContext } from './context';
import { createFolder, deleteFolder, getFolders, getFolderTree } from './folders';
import type { Out } from './serialize';

export type OperationHandler = (args: Args, ctx: CallContext) => Out;

export const OPERATION_HANDLERS: Record<string, OperationHandler> = {
	copyImage,
	getCompanyMembership,
	getUserInfo,
	getCompanyInfo,
	getAssetsByName,
	searchAssets,
	getFolderTree,
	getFolders,
	checkAssetNames,
	getAssets,
	renameAsset,
	moveAsset,
	deleteAsset,
	replaceImage,
	setUrlModifier,
	createDerivedAsset,
	createFolder,
	deleteFolder,
	submitJob,
	getActiveJobs,
	getJobLogs,
	getJobLogDetails,
	stopJob,
	getProperty,
	getMetadataFields,
	setAssetMetadata,
	batchSetAssetMetadata,
	setAssetPublishState,
};

export type { CallContext } from './context';
