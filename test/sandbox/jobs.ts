/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error */
// Jobs that move over time. A submitted job is New; one step later it is Running (an upload fetches
// its URLs then); one step after its work it is Done, and only the job logs show it from then on.
// Every timer and every fetch is tracked so that reset() and close() leave nothing running.
import type { ImageStore } from './image-store';
import { decodeImage, MAX_PIXELS } from './images';
import type { AssetRecord, CompanyRecord, JobLogDetailRecord, JobRecord, SandboxState } from './model';
import { checkAssetName, normaliseFolderPath } from './operations/context';

export const DEFAULT_JOB_STEP_MS = 400;
/** Upload sources are fetched from these hosts only: the sandbox never reaches the internet. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
const FETCH_TIMEOUT_MS = 10_000;
const MAX_SOURCE_BYTES = 50 * 1024 * 1024;

export interface JobRunnerOptions {
	state: SandboxState;
	images: ImageStore;
	stepMs: number;
	newAssetHandle(): string;
}

export class JobRunner {
	private readonly timers = new Map<string, NodeJS.Timeout>();
	private readonly fetches = new Map<string, AbortController>();
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
		this.seq = 0;
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
		const timer = this.timers.get(job.jobHandle);
		if (timer) clearTimeout(timer);
		this.timers.delete(job.jobHandle);
		this.fetches.get(job.jobHandle)?.abort();
		this.fetches.delete(job.jobHandle);
		job.stopped = true;
		this.log(job, 'Info', `Job stopped by ${by}`);
		this.end(job);
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
		const { state, images } = this.options;
		const company = state.companies.find((c) => c.companyHandle === job.companyHandle) as CompanyRecord;
		const slash = item.destPath.lastIndexOf('/');
		const fileName = item.destPath.slice(slash + 1);
		const dot = fileName.lastIndexOf('.');
		const name = dot > 0 ? fileName.slice(0, dot) : fileName;
		const fail = (message: string, extra: Partial<JobLogDetailRecord> = {}) => {
			job.counts.error += 1;
			this.log(job, 'UploadError', message, { assetName: name, sourceUrl: item.sourceUrl, ...extra });
		};
		try {
			checkAssetName(name, 'destPath');
		} catch (error) {
			return fail((error as Error).message);
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
			return fail(message);
		}
		if (job.stopped) return;
		const upload = job.upload!;
		const folderPath = normaliseFolderPath(company, item.destPath.slice(0, slash + 1));
		this.ensureFolder(company, folderPath);
		const now = this.now();
		const { width, height } = decoded.pixels;
		const imageInfo = {
			originalPath: folderPath,
			originalFile: fileName,
			width,
			height,
			fileSize: width * height,
			resolution: 72,
			urlModifier: '',
			urlPostApplyModifier: '',
		};
		const wanted = name.toLowerCase();
		const existing = state.assets.find(
			(a) => a.companyHandle === company.companyHandle && a.name.toLowerCase() === wanted,
		);
		const uploadedFrom = { sourceUrl: item.sourceUrl, format: decoded.format, jobHandle: job.jobHandle };
		if (existing && !upload.overwrite) {
			job.counts.duplicate += 1;
			this.log(job, 'DuplicateSkipped', `Asset '${existing.name}' already exists; not overwritten`, {
				assetName: existing.name,
				assetType: existing.type,
				assetHandle: existing.assetHandle,
				sourceUrl: item.sourceUrl,
			});
			return;
		}
		if (existing) {
			if (existing.type !== 'Image' || existing.trashState !== 'NotInTrash') {
				return fail(`Asset '${existing.name}' (${existing.type}, ${existing.trashState}) cannot be overwritten by an image`, {
					assetHandle: existing.assetHandle,
				});
			}
			existing.fileName = fileName;
			existing.folderHandle = folderPath;
			existing.imageInfo = { ...imageInfo, urlModifier: existing.imageInfo?.urlModifier ?? '', urlPostApplyModifier: existing.imageInfo?.urlPostApplyModifier ?? '' };
			existing.readyForPublish = upload.readyForPublish;
			existing.lastModified = now;
			existing.lastModifyUser = job.submitUserEmail;
			existing.uploadedFrom = uploadedFrom;
			images.pixels.set(existing.assetHandle, decoded.pixels);
			job.counts.success += 1;
			job.counts.update += 1;
			this.log(job, 'FileUpdated', `Updated asset '${existing.name}' from '${item.sourceUrl}'`, {
				assetName: existing.name,
				assetType: 'Image',
				assetHandle: existing.assetHandle,
				sourceUrl: item.sourceUrl,
			});
			return;
		}
		const asset: AssetRecord = {
			assetHandle: this.options.newAssetHandle(),
			companyHandle: company.companyHandle,
			type: 'Image',
			name,
			fileName,
			folderHandle: folderPath,
			readyForPublish: upload.readyForPublish,
			trashState: 'NotInTrash',
			created: now,
			createUser: job.submitUserEmail,
			lastModified: now,
			lastModifyUser: job.submitUserEmail,
			imageInfo,
			uploadedFrom,
		};
		state.assets.push(asset);
		images.pixels.set(asset.assetHandle, decoded.pixels);
		job.counts.success += 1;
		this.log(job, 'UploadSuccess', `Uploaded '${fileName}' from '${item.sourceUrl}'`, {
			assetName: name,
			assetType: 'Image',
			assetHandle: asset.assetHandle,
			sourceUrl: item.sourceUrl,
		});
	}

	/** Uploads create the folders of their destPath, as Scene7 uploads do. */
	private ensureFolder(company: CompanyRecord, path: string): void {
		const { state } = this.options;
		let at = company.rootPath;
		for (const segment of path.slice(company.rootPath.length).split('/').filter((s) => s !== '')) {
			at += `${segment}/`;
			if (!state.folders.some((f) => f.companyHandle === company.companyHandle && f.path === at)) {
				state.folders.push({
					folderHandle: at,
					companyHandle: company.companyHandle,
					path: at,
					lastModified: this.now(),
				});
			}
		}
	}
}
