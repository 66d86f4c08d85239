// Pixels and published renditions, kept beside the state (not in it) so that /__sandbox/state stays
// small JSON. Publishing takes a snapshot: Image Serving serves an asset as it was when it was last
// published, whatever has happened to the catalog record since.
import type { AssetRecord, CompanyRecord, SandboxState } from './model';
import {
	decodeImage,
	encodeImage,
	resize,
	syntheticImage,
	targetSize,
	type ImageFormat,
	type Pixels,
} from './images';

/**
 * An uploaded file kept as its bytes (the UploadFile servlet takes files of hundreds of MB): its size
 * comes from its header (probeImage), its pixels are decoded the first time Image Serving needs them
 * and then kept.
 */
export class EncodedImage {
	private decoded?: Pixels;

	constructor(
		readonly bytes: Buffer,
		readonly format: ImageFormat,
		readonly width: number,
		readonly height: number,
	) {}

	get isDecoded(): boolean {
		return this.decoded !== undefined;
	}

	pixels(): Pixels {
		this.decoded ??= decodeImage(this.bytes).pixels;
		return this.decoded;
	}
}

/** What the store keeps of an uploaded image: decoded pixels (upload from URLs) or the file (UploadFile). */
export type ImageSource = Pixels | EncodedImage;

export function pixelsOf(source: ImageSource): Pixels {
	return source instanceof EncodedImage ? source.pixels() : source;
}

export interface PublishedImage {
	assetHandle: string;
	companyHandle: string;
	/** The asset name at publish time: the object name in /is/image/<root><name>. */
	name: string;
	width: number;
	height: number;
	/** Uploaded pixels (or file); undefined for seeded and copied assets, which get a synthetic picture. */
	source?: ImageSource;
	publishedAt: string;
}

/** Image Serving's usual ceiling for one reply (attribute::MaxPix is 2000,2000 by default: assumed). */
export const MAX_REPLY_SIDE = 4000;

export class ImageStore {
	/** Uploaded images by asset handle. */
	readonly sources = new Map<string, ImageSource>();
	readonly published = new Map<string, PublishedImage>();

	clear(): void {
		this.sources.clear();
		this.published.clear();
	}

	/** An asset's own image, or that of the asset it was copied from. */
	sourceOf(asset: AssetRecord): ImageSource | undefined {
		return (
			this.sources.get(asset.assetHandle) ??
			(asset.copiedFrom ? this.sources.get(asset.copiedFrom.assetHandle) : undefined)
		);
	}

	publish(asset: AssetRecord, now: string): void {
		asset.publishedAt = now;
		this.published.set(asset.assetHandle, {
			assetHandle: asset.assetHandle,
			companyHandle: asset.companyHandle,
			name: asset.name,
			width: asset.imageInfo?.width ?? 1600,
			height: asset.imageInfo?.height ?? 1200,
			source: this.sourceOf(asset),
			publishedAt: now,
		});
	}

	unpublish(assetHandle: string, state: SandboxState): void {
		this.published.delete(assetHandle);
		const asset = state.assets.find((a) => a.assetHandle === assetHandle);
		if (asset) delete asset.publishedAt;
	}

	/** Object names are matched without regard to case, like catalog IDs. */
	find(company: CompanyRecord, name: string): PublishedImage | undefined {
		const wanted = name.toLowerCase();
		return [...this.published.values()].find(
			(p) => p.companyHandle === company.companyHandle && p.name.toLowerCase() === wanted,
		);
	}

	render(
		image: PublishedImage,
		options: { wid?: number; hei?: number; format: ImageFormat; quality?: number },
	): Buffer {
		const size = targetSize(image, options.wid, options.hei);
		const pixels = image.source
			? resize(pixelsOf(image.source), size.width, size.height)
			: syntheticImage(image.assetHandle, size.width, size.height);
		return encodeImage(pixels, options.format, options.quality);
	}
}
