// Pixels and published renditions, kept beside the state (not in it) so that /__sandbox/state stays
// small JSON. Publishing takes a snapshot: Image Serving serves an asset as it was when it was last
// published, whatever has happened to the catalog record since.
import type { AssetRecord, CompanyRecord, SandboxState } from './model';
import {
	encodeImage,
	resize,
	syntheticImage,
	targetSize,
	type ImageFormat,
	type Pixels,
} from './images';

export interface PublishedImage {
	assetHandle: string;
	companyHandle: string;
	/** The asset name at publish time: the object name in /is/image/<root><name>. */
	name: string;
	width: number;
	height: number;
	/** Uploaded pixels; undefined for seeded and copied assets, which get a synthetic picture. */
	pixels?: Pixels;
	publishedAt: string;
}

/** Image Serving's usual ceiling for one reply (attribute::MaxPix is 2000,2000 by default: assumed). */
export const MAX_REPLY_SIDE = 4000;

export class ImageStore {
	/** Uploaded pixels by asset handle. */
	readonly pixels = new Map<string, Pixels>();
	readonly published = new Map<string, PublishedImage>();

	clear(): void {
		this.pixels.clear();
		this.published.clear();
	}

	/** An asset's own pixels, or those of the asset it was copied from. */
	pixelsOf(asset: AssetRecord): Pixels | undefined {
		return (
			this.pixels.get(asset.assetHandle) ??
			(asset.copiedFrom ? this.pixels.get(asset.copiedFrom.assetHandle) : undefined)
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
			pixels: this.pixelsOf(asset),
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
		const pixels = image.pixels
			? resize(image.pixels, size.width, size.height)
			: syntheticImage(image.assetHandle, size.width, size.height);
		return encodeImage(pixels, options.format, options.quality);
	}
}
