/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error */
// Jobs that move over time. A submitted job is New; one step later it is Running (an upload fetches
// its URLs then); one step after its work it is Done, and only the job logs show it from then on.
// Every timer and every fetch is tracked so that reset() and close() leave nothing running.
import { EncodedImage, type ImageSource, type ImageStore } from './image-store';
import { decodeImage, MAX_PIXELS, probeImage, type ImageFormat } from './images';
import { folderRecord, newAsset, newImageInfo, type AssetRecord, type CompanyRecord, type JobLogDetailRecord, type JobRecord, type SandboxState } from './model';
import { checkAssetName, normaliseFolderPath } from './operations/context';

export const DEFAULT_JOB_STEP_MS = 400;
/** An UploadFile servlet job with no POST for this long ends on its own (Scene7: 30 minutes, c-http-post.md). */
export const DEFAULT_UPLOAD_JOB_IDLE_MS = 30 * 60 * 1000;
/** Upload sources are fetched from these hosts only: the sandbox never reaches the internet. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
const FETCH_TIMEOUT_MS = 10_000;
const MAX_SOURCE_BYTES = 50 * 1024 * 1024;

export interface JobRunnerOptions {
	state: SandboxState;
	images: ImageStore;
	stepMs: number;
	/** UploadFile servlet jobs end on their own after this long without a POST. */
	uploadJobIdleMs?: number;
	newAssetHandle(): string;
}

/** One file of an UploadFile POST, waiting in its open job (bytes are kept here, never in the state). */
export interface PostedFile {
	partName: string;
	/** The part's filename, or uploadPostParam/fileName. */
	fileName: string;
	/** destFolder + fileName: resolved like an UploadUrl destPath when the job runs. */
	destPath: string;
	bytes: Buffer;
}

/** The name of the asset a file becomes: the file name without its extension, as upload jobs derive it. */
export function assetNameOf(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/**
 * Where an upload puts a file: `destPath` is a folder path (relative to the company root or starting
 * with it) and a file name; repeated slashes count as one (the docs' UploadFile example has `//`).
 */
export function uploadTarget(
	company: CompanyRecord,
	destPath: string,
): { folderPath: string; fileName: string; name: string } {
	const path = destPath.replace(/\/{2,}/g, '/');
	const slash = path.lastIndexOf('/');
	const fileName = path.slice(slash + 1);
	return { folderPath: normaliseFolderPath(company, path.slice(0, slash + 1)), fileName, name: assetNameOf(fileName) };
}

/** The object without its undefined properties (records stay as they were before UploadFile added fields). */
function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export class JobRunner {
	private readonly timers = new Map<string, NodeJS.Timeout>();
	private readonly fetches = new Map<string, AbortController>();
	/** Files of open UploadFile jobs, by job handle, until the job runs. */
	private readonly posted = new Map<string, PostedFile[]>();
	private seq = 0;

	constructor(private readonly options: JobRunnerOptions) {}

	get stepMs(): number {
		return this.options.stepMs;
	}

	/** Clears every timer and aborts every fetch (reset, close). */
	stopAll(): void {
		for (const t of this.timers.values()) clearTimeout(t);
		this.timers.clear();
		for (const c of this.fetches.values()) c.abort();
		this.fetches.clear();
		this.posted.clear();
		this.seq = 0;
	}

	get uploadJobIdleMs(): number {
		return this.options.uploadJobIdleMs ?? DEFAULT_UPLOAD_JOB_IDLE_MS;
	}

	/**
	 * A new UploadFile job (the first POST, with jobName): listed as WaitingClient, taking POSTs until
	 * one has endJob=true or none comes for the idle timeout; then it runs like an upload job.
	 */
	openPostJob(job: JobRecord): void {
		job.state = 'WaitingClient';
		job.progressMessage = 'Waiting for files';
		this.options.state.jobs.push(job);
		this.posted.set(job.jobHandle, []);
		this.armIdle(job);
	}

	/** Whether the job still takes POSTs (open and not stopped). */
	isOpenPostJob(job: JobRecord): boolean {
		return job.uploadPost !== undefined && job.state === 'WaitingClient' && this.posted.has(job.jobHandle);
	}

	/** The files of one POST; with endJob the job stops taking POSTs and runs. */
	addPosted(job: JobRecord, files: PostedFile[], endJob: boolean): void {
		const spec = job.uploadPost!;
		this.posted.get(job.jobHandle)?.push(...files);
		spec.posts += 1;
		spec.files.push(...files.map((f) => ({ partName: f.partName, fileName: f.fileName, destPath: f.destPath, size: f.bytes.length })));
		job.counts.total = spec.files.length;
		this.progress(job, 0, `${spec.files.length} files received`);
		if (endJob) this.closePostJob(job, 'endJob');
		else this.armIdle(job);
	}

	/** (Re)starts the idle timeout of an open UploadFile job. */
	private armIdle(job: JobRecord): void {
		this.clearTimer(job);
		const timer = setTimeout(() => {
			this.timers.delete(job.jobHandle);
			this.closePostJob(job, 'idle');
		}, this.uploadJobIdleMs);
		timer.unref();
		this.timers.set(job.jobHandle, timer);
	}

	/**
	 * An UploadFile job stops taking POSTs: New, then one step later Running (its files are stored),
	 * then Done, like an upload from URLs. A job that idled out runs the files it received, and its log
	 * says it timed out (Scene7 only says the job "times out"; what happens to its files is an assumption).
	 */
	private closePostJob(job: JobRecord, endedBy: 'endJob' | 'idle'): void {
		this.clearTimer(job);
		job.uploadPost!.endedBy = endedBy;
		if (endedBy === 'idle') {
			this.log(
				job,
				'Warning',
				`Upload job timed out: no POST for ${this.uploadJobIdleMs} ms and no endJob; the ${job.uploadPost!.files.length} files received are processed`,
			);
		}
		job.state = 'New';
		job.progressMessage = 'Waiting to start';
		this.later(job, () => void this.start(job));
	}

	newJobHandle(company: CompanyRecord): string {
		this.seq += 1;
		return `j|${company.companyHandle.replace(/^c\|/, '')}|${1000 + this.seq}`;
	}

	submit(job: JobRecord): void {
		this.options.state.jobs.push(job);
		if (job.publish && this.publishAhead(job)) {
			// One Image Serving publish of a company at a time: this one waits for the one ahead.
			job.state = 'WaitingCoordinator';
			job.progressMessage = 'Waiting for another publish of the company';
			return;
		}
		this.later(job, () => void this.start(job));
	}

	/** Another publish of the job's company that is not done yet, submitted before it. */
	private publishAhead(job: JobRecord): JobRecord | undefined {
		return this.options.state.jobs.find(
			(other) => other !== job && other.publish && other.companyHandle === job.companyHandle && other.state !== 'Done',
		);
	}

	/** When a publish ends, the first one queued behind it in its company starts. */
	private startQueued(companyHandle: string): void {
		const next = this.options.state.jobs.find((j) => j.companyHandle === companyHandle && j.state === 'WaitingCoordinator');
		if (next) {
			next.state = 'New';
			next.progressMessage = 'Waiting to start';
			this.later(next, () => void this.start(next));
		}
	}

	/** stopJob: the job ends now; what an upload already stored stays. */
	stop(job: JobRecord, by: string): void {
		this.clearTimer(job);
		this.fetches.get(job.jobHandle)?.abort();
		this.fetches.delete(job.jobHandle);
		// Files of an UploadFile job that has not run yet are dropped with it.
		this.posted.delete(job.jobHandle);
		job.stopped = true;
		this.log(job, 'Info', `Job stopped by ${by}`);
		this.end(job);
	}

	private clearTimer(job: JobRecord): void {
		clearTimeout(this.timers.get(job.jobHandle));
		this.timers.delete(job.jobHandle);
	}

	private later(job: JobRecord, fn: () => void): void {
		const timer = setTimeout(() => {
			this.timers.delete(job.jobHandle);
			fn();
		}, this.options.stepMs);
		// Belt and braces: a forgotten job never holds the process open.
		timer.unref();
		this.timers.set(job.jobHandle, timer);
	}

	private now(): string {
		return new Date().toISOString();
	}

	private log(
		job: JobRecord,
		logType: JobLogDetailRecord['logType'],
		logMessage: string,
		extra: Partial<JobLogDetailRecord> = {},
	): void {
		job.details.push({ logMessage, logType, dateCreated: this.now(), ...extra });
	}

	private progress(job: JobRecord, progress: number, message: string): void {
		job.progress = progress;
		job.progressMessage = message;
		job.lastProgressUpdate = this.now();
	}

	private async start(job: JobRecord): Promise<void> {
		if (job.stopped) return;
		job.state = 'Running';
		job.startDate = this.now();
		this.progress(job, 0, 'Running');
		if (job.upload) await this.upload(job);
		if (job.uploadPost) this.storePosted(job);
		if (job.stopped) return;
		this.later(job, () => this.finish(job));
	}

	private finish(job: JobRecord): void {
		if (job.stopped) return;
		const publish = job.publish ?? job.upload?.postPublish;
		if (publish) {
			const count = this.publishCompany(job.companyHandle, publish.publishType);
			if (job.publish) {
				job.counts.total = count;
				job.counts.success = count;
			}
			this.log(job, 'Info', `Image Serving publish (${publish.publishType}): ${count} assets published`);
		}
		this.log(job, 'Info', 'Job completed');
		this.end(job);
	}

	private end(job: JobRecord): void {
		job.state = 'Done';
		job.endDate = this.now();
		this.progress(job, 100, job.stopped ? 'Stopped' : 'Done');
		if (job.publish) this.startQueued(job.companyHandle);
	}

	/**
	 * The publish rule: every Image of the company that is not in the trash and is marked for publish
	 * (readyForPublish) goes live as it is now. Full and FullWithSearch also take down what was live
	 * but is no longer eligible (unmarked, trashed, deleted); Incremental only adds and refreshes.
	 */
	publishCompany(companyHandle: string, publishType: string): number {
		const { state, images } = this.options;
		const now = this.now();
		const eligible = state.assets.filter(
			(a) =>
				a.companyHandle === companyHandle &&
				a.type === 'Image' &&
				a.trashState === 'NotInTrash' &&
				a.readyForPublish,
		);
		if (publishType !== 'Incremental') {
			const keep = new Set(eligible.map((a) => a.assetHandle));
			for (const p of [...images.published.values()]) {
				if (p.companyHandle === companyHandle && !keep.has(p.assetHandle))
					images.unpublish(p.assetHandle, state);
			}
		}
		for (const a of eligible) images.publish(a, now);
		return eligible.length;
	}

	private async upload(job: JobRecord): Promise<void> {
		const urls = job.upload?.urls ?? [];
		job.counts.total = urls.length;
		const controller = new AbortController();
		this.fetches.set(job.jobHandle, controller);
		try {
			for (const [i, item] of urls.entries()) {
				if (job.stopped) return;
				await this.uploadOne(job, item, controller.signal);
				this.progress(job, Math.round(((i + 1) * 100) / urls.length), `${i + 1} of ${urls.length} files`);
			}
		} finally {
			this.fetches.delete(job.jobHandle);
		}
	}

	private async fetchSource(sourceUrl: string, signal: AbortSignal): Promise<Buffer> {
		let url: URL;
		try {
			url = new URL(sourceUrl);
		} catch {
			throw new Error(`Invalid URL '${sourceUrl}'`);
		}
		if (url.protocol !== 'http:' && url.protocol !== 'https:')
			throw new Error(`Unsupported URL scheme '${url.protocol}' in '${sourceUrl}'`);
		if (!LOOPBACK_HOSTS.includes(url.hostname.toLowerCase())) {
			throw new Error(
				`Host '${url.hostname}' is not allowed: the IPS sandbox only fetches from loopback hosts (127.0.0.1, ::1, localhost)`,
			);
		}
		const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
		// A redirect could lead off the machine, so it is not followed: 3xx is a failed fetch.
		const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.any([signal, timeout]) });
		if (res.status < 200 || res.status > 299) {
			await res.body?.cancel();
			throw new Error(`Could not fetch '${sourceUrl}': HTTP ${res.status}`);
		}
		const bytes = Buffer.from(await res.arrayBuffer());
		if (bytes.length > MAX_SOURCE_BYTES) throw new Error(`File at '${sourceUrl}' is too large`);
		return bytes;
	}

	private async uploadOne(
		job: JobRecord,
		item: { sourceUrl: string; destPath: string },
		signal: AbortSignal,
	): Promise<void> {
		const company = this.companyOf(job);
		const target = uploadTarget(company, item.destPath);
		const origin = { sourceUrl: item.sourceUrl, from: ` from '${item.sourceUrl}'` };
		try {
			checkAssetName(target.name, 'destPath');
		} catch (error) {
			return this.uploadError(job, target.name, (error as Error).message, origin);
		}
		let decoded: ReturnType<typeof decodeImage>;
		try {
			const bytes = await this.fetchSource(item.sourceUrl, signal);
			try {
				decoded = decodeImage(bytes);
			} catch (error) {
				throw new Error(`File from '${item.sourceUrl}' is not a valid image: ${(error as Error).message}`);
			}
			if (decoded.pixels.width * decoded.pixels.height > MAX_PIXELS)
				throw new Error(`Image from '${item.sourceUrl}' is too large`);
		} catch (error) {
			if (job.stopped) return;
			const message = (error as Error).name === 'TimeoutError' ? `Timed out fetching '${item.sourceUrl}'` : (error as Error).message;
			return this.uploadError(job, target.name, message, origin);
		}
		if (job.stopped) return;
		const { width, height } = decoded.pixels;
		this.storeImage(job, company, target, { width, height, fileSize: width * height, format: decoded.format, source: decoded.pixels }, origin);
	}

	/** An UploadFile job runs: each file received is checked (not decoded) and stored, in order. */
	private storePosted(job: JobRecord): void {
		const files = this.posted.get(job.jobHandle) ?? [];
		this.posted.delete(job.jobHandle);
		const company = this.companyOf(job);
		job.counts.total = files.length;
		for (const [i, file] of files.entries()) {
			const target = uploadTarget(company, file.destPath);
			const origin = { partName: file.partName, fileName: file.fileName, from: '' };
			try {
				checkAssetName(target.name, 'fileName');
				let header: ReturnType<typeof probeImage>;
				try {
					header = probeImage(file.bytes);
				} catch (error) {
					throw new Error(`File '${file.fileName}' is not a valid image: ${(error as Error).message}`);
				}
				const source = new EncodedImage(file.bytes, header.format, header.width, header.height);
				this.storeImage(job, company, target, { ...header, fileSize: file.bytes.length, source }, origin);
			} catch (error) {
				this.uploadError(job, target.name, (error as Error).message, origin);
			}
			this.progress(job, Math.round(((i + 1) * 100) / files.length), `${i + 1} of ${files.length} files`);
		}
	}

	private companyOf(job: JobRecord): CompanyRecord {
		return this.options.state.companies.find((c) => c.companyHandle === job.companyHandle) as CompanyRecord;
	}

	private uploadError(
		job: JobRecord,
		assetName: string,
		message: string,
		origin: { sourceUrl?: string; partName?: string },
		extra: Partial<JobLogDetailRecord> = {},
	): void {
		job.counts.error += 1;
		this.log(job, 'UploadError', message, {
			assetName,
			...definedOnly({ sourceUrl: origin.sourceUrl, partName: origin.partName }),
			...extra,
		});
	}

	/**
	 * One uploaded image into the catalog, for both kinds of upload job: a new asset (UploadSuccess);
	 * an existing name (case-insensitive, trash included) with overwrite=false: kept (DuplicateSkipped);
	 * with overwrite=true: replaced (FileUpdated, counted as a success and an update).
	 */
	private storeImage(
		job: JobRecord,
		company: CompanyRecord,
		target: { folderPath: string; fileName: string; name: string },
		image: { width: number; height: number; fileSize: number; format: ImageFormat; source: ImageSource },
		origin: { sourceUrl?: string; partName?: string; fileName?: string; from: string },
	): void {
		const { state, images } = this.options;
		const { folderPath, fileName, name } = target;
		const spec = (job.upload ?? job.uploadPost)!;
		const where = definedOnly({ sourceUrl: origin.sourceUrl, partName: origin.partName });
		const logAsset = (logType: JobLogDetailRecord['logType'], message: string, asset: AssetRecord) =>
			this.log(job, logType, message, { assetName: asset.name, assetType: asset.type, assetHandle: asset.assetHandle, ...where });
		const wanted = name.toLowerCase();
		const existing = state.assets.find(
			(a) => a.companyHandle === company.companyHandle && a.name.toLowerCase() === wanted,
		);
		this.ensureFolder(company, folderPath);
		if (existing && !spec.overwrite) {
			job.counts.duplicate += 1;
			logAsset('DuplicateSkipped', `Asset '${existing.name}' already exists; not overwritten`, existing);
			return;
		}
		if (existing && (existing.type !== 'Image' || existing.trashState !== 'NotInTrash')) {
			return this.uploadError(job, name, `Asset '${existing.name}' (${existing.type}, ${existing.trashState}) cannot be overwritten by an image`, origin, {
				assetHandle: existing.assetHandle,
			});
		}
		const now = this.now();
		const imageInfo = newImageInfo(folderPath, fileName, image.width, image.height, image.fileSize);
		const uploadedFrom = {
			...definedOnly({ sourceUrl: origin.sourceUrl, fileName: origin.fileName, partName: origin.partName }),
			format: image.format,
			jobHandle: job.jobHandle,
		};
		if (existing) {
			existing.fileName = fileName;
			existing.folderHandle = folderPath;
			existing.imageInfo = { ...imageInfo, urlModifier: existing.imageInfo?.urlModifier ?? '', urlPostApplyModifier: existing.imageInfo?.urlPostApplyModifier ?? '' };
			existing.readyForPublish = spec.readyForPublish;
			existing.lastModified = now;
			existing.lastModifyUser = job.submitUserEmail;
			existing.uploadedFrom = uploadedFrom;
			images.sources.set(existing.assetHandle, image.source);
			job.counts.success += 1;
			job.counts.update += 1;
			// existing is an Image (any other type was refused above).
			logAsset('FileUpdated', `Updated asset '${existing.name}'${origin.from}`, existing);
			return;
		}
		const fields = { assetHandle: this.options.newAssetHandle(), companyHandle: company.companyHandle, type: 'Image', name, fileName, folderHandle: folderPath, readyForPublish: spec.readyForPublish };
		const asset = newAsset(fields, now, job.submitUserEmail, { imageInfo, uploadedFrom });
		state.assets.push(asset);
		images.sources.set(asset.assetHandle, image.source);
		job.counts.success += 1;
		logAsset('UploadSuccess', `Uploaded '${fileName}'${origin.from}`, asset);
	}

	/** Uploads create the folders of their destPath, as Scene7 uploads do. */
	private ensureFolder(company: CompanyRecord, path: string): void {
		const { state } = this.options;
		let at = company.rootPath;
		for (const segment of path.slice(company.rootPath.length).split('/').filter((s) => s !== '')) {
			at += `${segment}/`;
			if (!state.folders.some((f) => f.companyHandle === company.companyHandle && f.path === at)) {
				state.folders.push(folderRecord(company.companyHandle, at, this.now()));
			}
		}
	}
}
