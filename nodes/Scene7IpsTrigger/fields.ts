// What the trigger asks searchAssets for (responseFieldArray): what its output shows, the fields of
// Image → Get, which include the dates and handle the scan reads; not the metadata, permissions or
// the info blocks of types it does not watch. Paths are relative to searchAssetsReturn
// (ips-api.md §6, "Common list-shaping params").
/** Asset's own fields (ips-api.md §7), in the WSDL's sequence order. */
const ASSET_FIELDS = [
	'assetHandle',
	'type',
	'subType',
	'name',
	'fileName',
	'folder',
	'folderHandle',
	'readyForPublish',
	'trashState',
	'projects',
	'ipsImageUrl',
	'created',
	'createUser',
	'lastModified',
	'lastModifyUser',
];

/** Asset's per-type info blocks, in the WSDL's sequence order. */
export const INFO_BLOCKS = [
	'imageInfo',
	'layerViewInfo',
	'templateInfo',
	'watermarkInfo',
	'renderSceneInfo',
	'vignetteInfo',
	'cabinetInfo',
	'windowCoveringInfo',
	'iccProfileInfo',
	'fontInfo',
	'xslInfo',
	'viewerPresetInfo',
	'viewerSwfInfo',
	'xmlInfo',
	'svgInfo',
	'fxgInfo',
	'pdfSettingsInfo',
	'zipInfo',
	'videoInfo',
	'acoInfo',
	'pdfInfo',
	'psdInfo',
	'flashInfo',
	'inDesignInfo',
	'postScriptInfo',
	'illustratorInfo',
	'wordInfo',
	'excelInfo',
	'powerPointInfo',
	'rtfInfo',
	'maskInfo',
	'premiereExpressRemixInfo',
	'cuePointInfo',
	'audioInfo',
	'assetSetInfo',
	'masterVideoInfo',
	'animatedGifInfo',
	'swcInfo',
	'cssInfo',
	'javascriptInfo',
	'videoCaptionInfo',
];

/**
 * The info blocks assets of these types can carry. A type's block is named after it (Image →
 * imageInfo, LayerView → layerViewInfo: an inference from the WSDL's names). When a type has no
 * block of its name, or every type is watched, every block is asked for rather than guessing.
 */
function infoBlocksOf(assetTypes: string[]): string[] {
	const named = assetTypes.map((type) => `${type.charAt(0).toLowerCase()}${type.slice(1)}Info`);
	if (named.length === 0 || named.some((block) => !INFO_BLOCKS.includes(block))) return INFO_BLOCKS;
	return INFO_BLOCKS.filter((block) => named.includes(block));
}

/** The responseFieldArray items of the trigger's searches for assets of these types (empty: every type). */
export function responseFieldsFor(assetTypes: string[]): string[] {
	// totalRows is a field of the return too (ips-api.md §6 lists it among the fields a response can
	// be limited to); the scan uses it to notice deletions while it pages.
	return ['totalRows', ...[...ASSET_FIELDS, ...infoBlocksOf(assetTypes)].map((field) => `assetArray/items/${field}`)];
}
