/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
// 6. Scale (issue #22 items 10 and 11), in the real n8n of the e2e suite (test/e2e/lib: the host, the
// package installed from its tarball into a fresh user folder, `n8n execute`) against the IPS sandbox,
// with n8n's binary data on the filesystem (N8N_DEFAULT_BINARY_DATA_MODE=filesystem):
//   1. Job → Upload from URLs of 2,500 rows, the sandbox fetching its own small fixture images: rows
//      that came back with their own asset, jobs submitted, calls made, wall time;
//   2. Image → Set Metadata of 10,000 rows (100 a batchSetAssetMetadata): calls, wall time, peak RSS;
//   3. Image → Download of 1,000 and of 250 published images of about 3 MB each (rows cycling through
//      20 noisy 1200×1000 PNGs, uploaded and published through the node first, which the sandbox
//      encodes once and keeps) side by side with n8n's HTTP Request node fetching the same Image
//      Serving URLs as files: images/s, their ratio, and peak RSS of each, rounds interleaved.
// Every run is a fresh `n8n execute` spawned by lib.ts executeSampled (the command N8n.execute runs), so that its process
// can be sampled: peak RSS is the n8n process itself (VmHWM from /proc, the kernel's own peak), and
// beside it the largest sum over it and its children (n8n's JS task runner for the Code node), sampled
// every 50 ms. Speeds come from n8n's own run data (the node's executionTime).
// Sizes (defaults: the issue's figures): SCALE_UPLOAD_ROWS (2500), SCALE_METADATA_ROWS (10000),
// SCALE_DOWNLOADS (250,1000: one to four sizes; RSS growth is from the smallest to the largest),
// SCALE_DISTINCT_IMAGES (20), SCALE_IMAGE_SIZE (1200x1000), SCALE_UPLOAD_IMAGE_SIZE (64x48),
// SCALE_ROUNDS (2, download rounds), SCALE_JOB_STEP_MS (50), SCALE_TIMEOUT_S (1800, each `n8n
// execute`), SCALE_PARTS (upload,metadata,download). Validate with small sizes, e.g.
//   SCALE_UPLOAD_ROWS=50 SCALE_METADATA_ROWS=300 SCALE_DOWNLOADS=20,10 npx tsx bench/run.ts scale
import './preferTs';

import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { assertBuilt, hostPaths } from '../test/e2e/lib/host';
import { packPackage, TARBALL_ENV } from '../test/e2e/lib/package';
import { CREDENTIAL_TYPE, N8n, NODE_TYPE, type WorkflowJson, type WorkflowNodeJson } from '../test/e2e/lib/n8n';
import { codeNode, connect, manualTriggerNode, rl, scene7Credential, workflow } from '../test/e2e/lib/workflows';
import { RENDITION_CACHE_BYTES, renditionCacheOf } from '../test/sandbox/image-serving';
import { DEMO, metadataFieldHandle, startSandbox, type AssetRecord, type Sandbox } from '../test/sandbox/server';

import {
	type BenchResult,
	callsOf,
	type Check,
	check,
	describeCalls,
	type Executed,
	executeSampled,
	failure,
	firstRun,
	fmt,
	itemsOf,
	mb,
	median,
	mib,
	perSecond,
	printTable,
	type RssPeaks,
	STORAGE_ID,
	whole,
	writeResult,
} from './lib';

// ---- settings ----

interface Size {
	width: number;
	height: number;
}

interface Settings {
	uploadRows: number;
	uploadImage: Size;
	metadataRows: number;
	/** Download sizes, ascending; RSS growth is from the first to the last. */
	downloads: number[];
	/** Distinct published images the download rows cycle through. */
	distinctImages: number;
	image: Size;
	rounds: number;
	jobStepMs: number;
	timeoutMs: number;
	parts: Set<Part>;
}

const PARTS = ['upload', 'metadata', 'download'] as const;
type Part = (typeof PARTS)[number];

function wholes(name: string, fallback: number[], max: number): number[] {
	const raw = process.env[name]?.trim();
	const values = raw ? raw.split(',').map((part) => Number(part.trim())) : fallback;
	if (values.length === 0 || values.length > 4 || values.some((v) => !Number.isInteger(v) || v < 1 || v > max)) {
		throw new Error(`${name}=${raw}: expected one to four whole numbers 1..${max}, comma-separated`);
	}
	return [...new Set(values)].sort((a, b) => a - b);
}

function size(name: string, fallback: Size): Size {
	const raw = process.env[name]?.trim();
	if (!raw) return fallback;
	const m = /^(\d+)x(\d+)$/i.exec(raw);
	const [width, height] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
	if (!m || width < 1 || height < 1 || width > 4000 || height > 4000) throw new Error(`${name}=${raw}: expected WIDTHxHEIGHT, each 1..4000`);
	return { width, height };
}

/** The issue's figures unless an env var says otherwise. */
function settings(): Settings {
	const parts = (process.env.SCALE_PARTS?.trim() || PARTS.join(',')).split(',').map((p) => p.trim());
	const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
	if (unknown.length > 0) throw new Error(`SCALE_PARTS: unknown part ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
	return {
		uploadRows: whole('SCALE_UPLOAD_ROWS', 2500, 1, 100_000),
		uploadImage: size('SCALE_UPLOAD_IMAGE_SIZE', { width: 64, height: 48 }),
		metadataRows: whole('SCALE_METADATA_ROWS', 10_000, 1, 1_000_000),
		downloads: wholes('SCALE_DOWNLOADS', [250, 1000], 20_000),
		// All of them must fit the sandbox's rendition cache, or it encodes them again and again.
		distinctImages: whole('SCALE_DISTINCT_IMAGES', 20, 1, 64),
		image: size('SCALE_IMAGE_SIZE', { width: 1200, height: 1000 }),
		rounds: whole('SCALE_ROUNDS', 2, 1, 10),
		jobStepMs: whole('SCALE_JOB_STEP_MS', 50, 1, 10_000),
		timeoutMs: whole('SCALE_TIMEOUT_S', 1800, 10, 7200) * 1000,
		parts: new Set(parts as Part[]),
	};
}

// ---- the workflows ----

const CREDENTIAL = { id: 'scaleBenchCred01', name: 'Scene7 sandbox (scale bench)' };
const ROWS = 'Rows';
const UPLOAD = 'Upload from URLs';
const METADATA = 'Set Metadata';
const DOWNLOAD = 'Download';
const HTTP = 'HTTP Request';
const IDS = { upload: 'scaleUpload00001', metadata: 'scaleMetadata001', setup: 'scaleDlSetup0001' };
const downloadId = (variant: Variant, count: number) => `scaleDl${variant === 'ours' ? 'O' : 'H'}${String(count).padStart(8, '0')}`;

type Variant = 'ours' | 'http';
const VARIANT_LABEL: Record<Variant, string> = {
	ours: 'Scene7 IPS: Image → Download (defaults)',
	http: 'HTTP Request node, Response Format File (defaults)',
};

function scene7Node(name: string, parameters: Record<string, unknown>): WorkflowNodeJson {
	return {
		id: `scale-${name.toLowerCase().replace(/\W+/g, '-')}`,
		name,
		type: NODE_TYPE,
		typeVersion: 2,
		position: [440, 0],
		parameters: { companyHandle: rl(DEMO.companyHandle), ...parameters },
		credentials: { [CREDENTIAL_TYPE]: { ...CREDENTIAL } },
		// A failed row is an item with its error, counted, instead of a stopped run.
		onError: 'continueRegularOutput',
	};
}

/** Manual Trigger → Code (`jsCode` returns the rows) → `node`. */
const rowsWorkflow = (id: string, label: string, jsCode: string, node: WorkflowNodeJson): WorkflowJson =>
	workflow(id, `scale bench: ${label}`, [manualTriggerNode(), codeNode(ROWS, jsCode, [220, 0]), node], connect(['Manual Trigger', ROWS], [ROWS, node.name]));

const uploadName = (i: number) => `scale_up_${String(i).padStart(6, '0')}`;
const UPLOAD_FOLDER = 'ApiTestCo/scale/';

/** Rows of Upload from URLs: a fixture of the sandbox each, one file name each. */
function uploadWorkflow(sandbox: Sandbox, s: Settings): WorkflowJson {
	const code = [
		`const base = ${JSON.stringify(`${sandbox.url}/fixtures/`)};`,
		`return Array.from({ length: ${s.uploadRows} }, (_, i) => {`,
		`  const name = 'scale_up_' + String(i).padStart(6, '0');`,
		`  return { json: { url: base + name + '.png?w=${s.uploadImage.width}&h=${s.uploadImage.height}', file: name + '.png', folder: ${JSON.stringify(UPLOAD_FOLDER)} } };`,
		`});`,
	].join('\n');
	return rowsWorkflow(
		IDS.upload,
		`Upload from URLs, ${s.uploadRows} rows`,
		code,
		scene7Node(UPLOAD, {
			resource: 'job',
			operation: 'uploadFromUrls',
			sourceUrl: '={{ $json.url }}',
			folderHandle: rl('={{ $json.folder }}'),
			fileName: '={{ $json.file }}',
			options: {},
		}),
	);
}

/** Assets the metadata rows set: put straight into the sandbox, no upload needed. */
const metadataHandle = (i: number) => `a|${600_000 + i}|1|${800_000 + i}`;
const PHOTOGRAPHER = metadataFieldHandle(DEMO.companyHandle, 'Photographer');
const APPROVED = metadataFieldHandle(DEMO.companyHandle, 'Approved');

function metadataWorkflow(s: Settings): WorkflowJson {
	const code = [
		`return Array.from({ length: ${s.metadataRows} }, (_, i) => ({`,
		`  json: { asset: 'a|' + (600000 + i) + '|1|' + (800000 + i), photographer: 'Studio ' + i },`,
		`}));`,
	].join('\n');
	return rowsWorkflow(
		IDS.metadata,
		`Set Metadata, ${s.metadataRows} rows`,
		code,
		scene7Node(METADATA, {
			resource: 'image',
			operation: 'setMetadata',
			assetHandle: rl('={{ $json.asset }}'),
			// As the catalogue example sets them: types from the company's fields (Auto).
			fields: {
				fieldValues: [
					{ field: rl(PHOTOGRAPHER), valueType: 'auto', value: '={{ $json.photographer }}' },
					{ field: rl(APPROVED), valueType: 'auto', value: 'true' },
				],
			},
			options: {},
		}),
	);
}

function seedMetadataAssets(sandbox: Sandbox, count: number): void {
	const now = new Date().toISOString();
	for (let i = 0; i < count; i++) {
		const name = `scale_meta_${String(i).padStart(7, '0')}`;
		const asset: AssetRecord = {
			assetHandle: metadataHandle(i),
			companyHandle: DEMO.companyHandle,
			type: 'Image',
			name,
			fileName: `${name}.jpg`,
			folderHandle: UPLOAD_FOLDER,
			readyForPublish: true,
			trashState: 'NotInTrash',
			created: now,
			createUser: DEMO.user,
			lastModified: now,
			lastModifyUser: DEMO.user,
		};
		sandbox.state.assets.push(asset);
	}
}

const bigName = (k: number) => `scale_big_${String(k).padStart(3, '0')}`;
const BIG_FOLDER = 'ApiTestCo/scale-big/';

/** The large images: noisy fixtures, uploaded with an incremental publish when done. */
function setupWorkflow(sandbox: Sandbox, s: Settings): WorkflowJson {
	const code = [
		`const base = ${JSON.stringify(`${sandbox.url}/fixtures/`)};`,
		`return Array.from({ length: ${s.distinctImages} }, (_, k) => {`,
		`  const name = 'scale_big_' + String(k).padStart(3, '0');`,
		`  return { json: { url: base + name + '.png?w=${s.image.width}&h=${s.image.height}&noise=1', file: name + '.png', folder: ${JSON.stringify(BIG_FOLDER)} } };`,
		`});`,
	].join('\n');
	return rowsWorkflow(
		IDS.setup,
		`upload and publish ${s.distinctImages} large images`,
		code,
		scene7Node(UPLOAD, {
			resource: 'job',
			operation: 'uploadFromUrls',
			sourceUrl: '={{ $json.url }}',
			folderHandle: rl('={{ $json.folder }}'),
			fileName: '={{ $json.file }}',
			options: { publishWhenDone: true },
		}),
	);
}

interface BigImage {
	assetHandle: string;
	name: string;
	url: string;
	bytes: number;
}

/** `count` rows cycling through the published images: the asset for our node, the URL for HTTP Request. */
function downloadWorkflow(variant: Variant, count: number, images: BigImage[]): WorkflowJson {
	const code = [
		`const images = ${JSON.stringify(images.map(({ assetHandle, url }) => ({ assetHandle, url })))};`,
		`return Array.from({ length: ${count} }, (_, i) => ({ json: { asset: images[i % images.length].assetHandle, url: images[i % images.length].url } }));`,
	].join('\n');
	const node: WorkflowNodeJson =
		variant === 'ours'
			? scene7Node(DOWNLOAD, { resource: 'image', operation: 'download', assetHandle: rl('={{ $json.asset }}'), urlModifier: 'fmt=png', options: {} })
			: {
					id: 'scale-http-request',
					name: HTTP,
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.4,
					position: [440, 0],
					parameters: { method: 'GET', url: '={{ $json.url }}', options: { response: { response: { responseFormat: 'file' } } } },
				};
	return rowsWorkflow(downloadId(variant, count), `${VARIANT_LABEL[variant]}, ${count} images`, code, node);
}

// ---- the parts ----

interface Measured {
	status: string;
	error?: string;
	/** executionTime of the measured node, ms. */
	nodeMs: number;
	processMs: number;
	rss: RssPeaks;
	calls: Record<string, number>;
}

function measured(executed: Executed, node: string, sandbox: Sandbox, since = 0): Measured {
	return {
		status: executed.run?.status ?? 'no run data',
		error: failure(executed, node),
		nodeMs: firstRun(executed.run, node)?.executionTime ?? NaN,
		processMs: executed.processMs,
		rss: executed.rss,
		calls: callsOf(sandbox.requests.slice(since)),
	};
}

interface UploadFigures extends Measured {
	rows: number;
	/** Rows whose output is 'Uploaded' with the handle of the sandbox's asset of that row's name. */
	ownAsset: number;
	errorRows: number;
	jobs: number[];
}

async function uploadPart(n8n: N8n, sandbox: Sandbox, s: Settings): Promise<UploadFigures> {
	sandbox.reset();
	const executed = await executeSampled(n8n, IDS.upload, s.timeoutMs);
	const items = itemsOf(executed.run, UPLOAD);
	const byName = new Map(sandbox.state.assets.filter((a) => a.companyHandle === DEMO.companyHandle).map((a) => [a.name, a.assetHandle]));
	const ownAsset = items.filter((item, i) => item.json.state === 'Uploaded' && item.json.assetHandle === byName.get(uploadName(i))).length;
	const jobs = sandbox.state.jobs.filter((job) => job.type === 'UploadUrlsJob').map((job) => job.upload?.urls.length ?? 0);
	return {
		...measured(executed, UPLOAD, sandbox),
		rows: s.uploadRows,
		ownAsset,
		errorRows: items.filter((item) => 'error' in item.json).length,
		jobs,
	};
}

interface MetadataFigures extends Measured {
	rows: number;
	/** Rows whose output names their asset and whose asset in the sandbox has both values. */
	set: number;
	errorRows: number;
	batchCalls: number;
}

async function metadataPart(n8n: N8n, sandbox: Sandbox, s: Settings): Promise<MetadataFigures> {
	sandbox.reset();
	seedMetadataAssets(sandbox, s.metadataRows);
	const executed = await executeSampled(n8n, IDS.metadata, s.timeoutMs);
	const items = itemsOf(executed.run, METADATA);
	const byHandle = new Map(sandbox.state.assets.map((a) => [a.assetHandle, a]));
	const set = items.filter((item, i) => {
		const metadata = byHandle.get(metadataHandle(i))?.metadata ?? {};
		return item.json.assetHandle === metadataHandle(i) && !('error' in item.json) && metadata[PHOTOGRAPHER] === `Studio ${i}` && metadata[APPROVED] === true;
	}).length;
	const figures = measured(executed, METADATA, sandbox);
	return {
		...figures,
		rows: s.metadataRows,
		set,
		errorRows: items.filter((item) => 'error' in item.json).length,
		batchCalls: figures.calls.batchSetAssetMetadata ?? 0,
	};
}

/** The published large images, each fetched once (which also fills the sandbox's rendition cache). */
async function setupImages(n8n: N8n, sandbox: Sandbox, s: Settings): Promise<BigImage[]> {
	sandbox.reset();
	const executed = await executeSampled(n8n, IDS.setup, s.timeoutMs);
	const problem = failure(executed, UPLOAD);
	const items = itemsOf(executed.run, UPLOAD);
	const published = items.filter((item) => item.json.state === 'Uploaded');
	if (problem || published.length !== s.distinctImages) {
		throw new Error(`Uploading the ${s.distinctImages} large images failed: ${problem ?? `${published.length} uploaded`}; ${JSON.stringify(items[0]?.json ?? {})}`);
	}
	const images: BigImage[] = [];
	for (let k = 0; k < s.distinctImages; k++) {
		const asset = sandbox.state.assets.find((a) => a.companyHandle === DEMO.companyHandle && a.name === bigName(k));
		if (!asset?.publishedAt) throw new Error(`${bigName(k)} was not uploaded and published`);
		const url = `${sandbox.imageServerUrl}${DEMO.rootPath}${bigName(k)}?fmt=png`;
		const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
		const body = Buffer.from(await res.arrayBuffer());
		const served = body.length > 24 && body.subarray(12, 16).toString('latin1') === 'IHDR' ? [body.readUInt32BE(16), body.readUInt32BE(20)] : [];
		if (res.status !== 200 || served[0] !== s.image.width || served[1] !== s.image.height) {
			throw new Error(`Image Serving answered ${res.status} for ${url} (${served.join('×') || 'not a PNG'})`);
		}
		images.push({ assetHandle: asset.assetHandle, name: bigName(k), url, bytes: body.length });
	}
	return images;
}

interface DownloadRun extends Measured {
	variant: Variant;
	count: number;
	round: number;
	/** Items whose binary data is a file of n8n's filesystem store holding exactly the served image. */
	stored: number;
	storedBytes: number;
	/** For our node: items whose imageUrl is the URL the HTTP Request node fetched for that row. */
	sameUrl: number;
	binaryIds: string;
}

async function downloadRun(n8n: N8n, sandbox: Sandbox, s: Settings, images: BigImage[], variant: Variant, count: number, round: number): Promise<DownloadRun> {
	const since = sandbox.requests.length;
	const node = variant === 'ours' ? DOWNLOAD : HTTP;
	const executed = await executeSampled(n8n, downloadId(variant, count), s.timeoutMs);
	const storage = join(n8n.userFolder, '.n8n', 'storage');
	let stored = 0;
	let storedBytes = 0;
	let sameUrl = 0;
	const ids = new Set<string>();
	for (const [i, item] of itemsOf(executed.run, node).entries()) {
		const image = images[i % images.length];
		if (item.json.imageUrl === image.url) sameUrl++;
		const id = item.binary?.data?.id ?? '';
		ids.add(STORAGE_ID.exec(id)?.[0] ?? (id ? 'other' : 'none'));
		if (!STORAGE_ID.test(id)) continue;
		try {
			const bytes = statSync(join(storage, id.replace(STORAGE_ID, ''))).size;
			if (bytes === image.bytes) {
				stored++;
				storedBytes += bytes;
			}
		} catch {
			// not stored
		}
	}
	// Each run writes count × ~3 MB: the files go once checked.
	rmSync(join(storage, 'workflows'), { recursive: true, force: true });
	const m = measured(executed, node, sandbox, since);
	console.log(
		`  round ${round + 1}, ${count} images, ${variant === 'ours' ? 'Download' : 'HTTP Request'}: ${m.error ?? m.status}, node ${fmt(m.nodeMs / 1000, 2)} s, ` +
			`${stored}/${count} stored, peak RSS ${fmt(mib(m.rss.mainKb), 0)} MiB (with children ${fmt(mib(m.rss.treeKb), 0)} MiB), process ${fmt(m.processMs / 1000, 1)} s`,
	);
	return { ...m, variant, count, round, stored, storedBytes, sameUrl, binaryIds: [...ids].join(' ') };
}

// ---- the benchmark ----

const rssCell = (rss: RssPeaks) => `${fmt(mib(rss.mainKb), 0)} / ${fmt(mib(rss.treeKb), 0)}`;

export async function run(): Promise<BenchResult> {
	let version: string;
	try {
		version = hostPaths().version;
	} catch (error) {
		const skipped = `skipped: ${(error as Error).message}`;
		console.log(`\n== 6. Scale == ${skipped}`);
		return { name: 'scale', checks: [], notes: [skipped] };
	}
	const s = settings();
	console.log(
		`\n== 6. Scale: Upload from URLs ${s.uploadRows} rows, Set Metadata ${s.metadataRows} rows, Download ${s.downloads.join(' and ')} images ` +
			`(${s.image.width}×${s.image.height} noisy PNGs) in n8n ${version}, filesystem binary mode ==`,
	);
	console.log(
		`load average ${loadavg().map((l) => fmt(l, 2)).join(' ')}; each run is a fresh \`n8n execute\`; sandbox job step ${s.jobStepMs} ms; ` +
			`downloads: ${s.rounds} round(s), order reversed every other round; parts: ${[...s.parts].join(', ')}`,
	);
	assertBuilt();
	// Outside the e2e suite (whose global setup packs once) the bench packs the package itself, and
	// removes the tarball at the end.
	const packed = process.env[TARBALL_ENV];
	let packDir: string | undefined;
	let sandbox: Sandbox | undefined;
	let n8n: N8n | undefined;
	try {
		if (!packed || !existsSync(packed)) {
			packDir = mkdtempSync(join(tmpdir(), 'scene7-bench-pack-'));
			process.env[TARBALL_ENV] = await packPackage(packDir);
		}
		sandbox = await startSandbox({ jobStepMs: s.jobStepMs });
		n8n = await N8n.create({ label: 'bench-scale', env: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' } });
		return await measure(n8n, sandbox, s, version);
	} finally {
		await n8n?.dispose();
		await sandbox?.close();
		if (packDir) {
			rmSync(packDir, { recursive: true, force: true });
			if (process.env[TARBALL_ENV]?.startsWith(packDir)) delete process.env[TARBALL_ENV];
		}
	}
}

async function measure(n8n: N8n, sandbox: Sandbox, s: Settings, version: string): Promise<BenchResult> {
	const checks: Check[] = [];
	const notes: string[] = [];
	const results: Record<string, unknown> = {};
	await n8n.importCredentials([scene7Credential({ ...CREDENTIAL, serviceUrl: sandbox.serviceUrl, user: DEMO.user, password: DEMO.password })]);
	await n8n.importWorkflows([uploadWorkflow(sandbox, s), metadataWorkflow(s), setupWorkflow(sandbox, s)]);

	// 1. Upload from URLs.
	if (s.parts.has('upload')) {
		const up = await uploadPart(n8n, sandbox, s);
		printTable(
			`1. Job → Upload from URLs, ${s.uploadRows} rows (${s.uploadImage.width}×${s.uploadImage.height} PNG fixtures the sandbox fetches itself, job step ${s.jobStepMs} ms)`,
			['rows', 'with their own asset', 'error rows', 'jobs (files each)', 'node s', 'rows/s', 'n8n execute s', 'peak RSS MiB (n8n / with children)', 'outcome'],
			[[
				String(up.rows),
				String(up.ownAsset),
				String(up.errorRows),
				`${up.jobs.length} (${up.jobs.join(', ')})`,
				fmt(up.nodeMs / 1000, 2),
				fmt(perSecond(up.rows, up.nodeMs)),
				fmt(up.processMs / 1000, 1),
				rssCell(up.rss),
				up.error ?? up.status,
			]],
		);
		console.log(`calls made: ${describeCalls(up.calls)}`);
		checks.push(check(`scale: Upload from URLs, ${up.rows} rows: rows without their own asset`, up.rows - up.ownAsset, 'max', 0));
		notes.push(`Upload from URLs: ${up.ownAsset}/${up.rows} rows with their own asset, ${up.jobs.length} jobs, ${fmt(up.nodeMs / 1000, 1)} s`);
		results.upload = up;
	}

	// 2. Set Metadata.
	if (s.parts.has('metadata')) {
		const md = await metadataPart(n8n, sandbox, s);
		const expectedBatches = Math.ceil(s.metadataRows / 100);
		printTable(
			`2. Image → Set Metadata, ${s.metadataRows} rows (two fields a row, types Auto)`,
			['rows', 'set (checked in the sandbox)', 'error rows', 'batchSetAssetMetadata calls', 'node s', 'rows/s', 'n8n execute s', 'peak RSS MiB (n8n / with children)', 'outcome'],
			[[
				String(md.rows),
				String(md.set),
				String(md.errorRows),
				`${md.batchCalls} (${expectedBatches} expected)`,
				fmt(md.nodeMs / 1000, 2),
				fmt(perSecond(md.rows, md.nodeMs)),
				fmt(md.processMs / 1000, 1),
				rssCell(md.rss),
				md.error ?? md.status,
			]],
		);
		console.log(`calls made: ${describeCalls(md.calls)}`);
		checks.push(
			check(`scale: Set Metadata, ${md.rows} rows: rows not set`, md.rows - md.set, 'max', 0),
			check(`scale: Set Metadata, ${md.rows} rows: batchSetAssetMetadata calls`, md.batchCalls, 'max', expectedBatches),
		);
		notes.push(`Set Metadata: ${md.set}/${md.rows} rows set in ${md.batchCalls} calls, ${fmt(md.nodeMs / 1000, 1)} s, peak RSS ${fmt(mib(md.rss.mainKb), 0)} MiB`);
		results.metadata = md;
	}

	// 3. Download vs HTTP Request.
	if (s.parts.has('download')) {
		const images = await setupImages(n8n, sandbox, s);
		const sizes = images.map((image) => mb(image.bytes));
		const cache = renditionCacheOf(sandbox.images).size;
		console.log(
			`\n${images.length} published images, served as PNG of ${fmt(Math.min(...sizes), 2)}–${fmt(Math.max(...sizes), 2)} MB (mean ${fmt(sizes.reduce((a, b) => a + b, 0) / sizes.length, 2)} MB); ` +
				`rows cycle through them. The sandbox keeps their encoded answers (${cache.entries} renditions, ${fmt(mb(cache.bytes))} MB of ${fmt(mb(RENDITION_CACHE_BYTES), 0)} MB).`,
		);
		if (cache.entries < images.length) notes.push('download: not every image fits the sandbox rendition cache, so the sandbox encodes during the runs');
		await n8n.importWorkflows(s.downloads.flatMap((count) => (['ours', 'http'] as Variant[]).map((variant) => downloadWorkflow(variant, count, images))));

		const runs: DownloadRun[] = [];
		for (let round = 0; round < s.rounds; round++) {
			for (const count of s.downloads) {
				const order: Variant[] = round % 2 ? ['http', 'ours'] : ['ours', 'http'];
				for (const variant of order) runs.push(await downloadRun(n8n, sandbox, s, images, variant, count, round));
			}
		}
		const of = (variant: Variant, count: number) => runs.filter((r) => r.variant === variant && r.count === count).sort((a, b) => a.round - b.round);
		const rows = s.downloads.flatMap((count) =>
			(['ours', 'http'] as Variant[]).map((variant) => {
				const mine = of(variant, count);
				const other = of(variant === 'ours' ? 'http' : 'ours', count);
				const nodeMs = median(mine.map((r) => r.nodeMs));
				// Each round's ratio to the other variant's run of the same round, then the median.
				const ratio = median(mine.map((r, i) => other[i].nodeMs / r.nodeMs));
				return {
					variant,
					count,
					runs: mine,
					nodeMs,
					imagesPerSecond: perSecond(count, nodeMs),
					ratio,
					mainKb: median(mine.map((r) => r.rss.mainKb)),
					treeKb: median(mine.map((r) => r.rss.treeKb)),
					stored: Math.min(...mine.map((r) => r.stored)),
					processMs: median(mine.map((r) => r.processMs)),
				};
			}),
		);
		printTable(
			`3. ${images.length} published ${s.image.width}×${s.image.height} PNGs downloaded into n8n's filesystem binary store, median of ${s.rounds} round(s)`,
			['variant', 'images', 'images/s', 'vs the other', 'node s', 'peak RSS MiB (n8n / with children)', 'stored (fewest)', 'n8n execute s', 'IPS calls (first round)'],
			rows.map((r) => [
				VARIANT_LABEL[r.variant],
				String(r.count),
				fmt(r.imagesPerSecond),
				`${fmt(r.ratio, 2)}x`,
				fmt(r.nodeMs / 1000, 2),
				`${fmt(mib(r.mainKb), 0)} / ${fmt(mib(r.treeKb), 0)}`,
				`${r.stored}/${r.count}`,
				fmt(r.processMs / 1000, 1),
				describeCalls(r.runs[0]?.calls ?? {}),
			]),
		);
		const first = s.downloads[0];
		const last = s.downloads[s.downloads.length - 1];
		const row = (variant: Variant, count: number) => rows.find((r) => r.variant === variant && r.count === count) as (typeof rows)[number];
		const growth = (variant: Variant) => mib(row(variant, last).mainKb - row(variant, first).mainKb);
		if (first !== last) {
			printTable(
				`Peak RSS of the n8n process from ${first} to ${last} images (filesystem mode; median of the rounds)`,
				['variant', `${first} images MiB`, `${last} images MiB`, 'growth MiB'],
				(['ours', 'http'] as Variant[]).map((variant) => [
					VARIANT_LABEL[variant],
					fmt(mib(row(variant, first).mainKb), 0),
					fmt(mib(row(variant, last).mainKb), 0),
					fmt(growth(variant), 0),
				]),
			);
			checks.push(check(`scale: Download peak RSS growth, ${first} → ${last} images (filesystem mode)`, growth('ours'), 'max', 100, ' MiB'));
		} else {
			notes.push('download: one size only (SCALE_DOWNLOADS), so no growth of peak RSS to check');
		}
		console.log(
			"images/s: images over the downloading node's executionTime (n8n's run data). vs the other: the median over rounds of that round's ratio, ours / HTTP Request for our rows.\n" +
				'peak RSS: the `n8n execute` process (VmHWM) / the largest sampled sum with its children (the task runner of the Code node), every 50 ms.\n' +
				'stored: items whose binary data is a file of n8n\'s store (filesystem mode) of exactly the served image\'s bytes. IPS calls: SOAP calls the sandbox got in that run; Image Serving GETs are not counted there.',
		);
		const ours = rows.filter((r) => r.variant === 'ours');
		checks.push(
			...ours.map((r) => check(`scale: Download vs HTTP Request, ${r.count} images (images/s, filesystem mode)`, r.ratio, 'min', 1, 'x')),
			check('scale: download runs: images not stored as served (both variants, all runs)', Math.max(...runs.map((r) => r.count - r.stored)), 'max', 0),
			check(
				'scale: Download rows whose imageUrl is not the URL the HTTP Request node fetched (worst run)',
				Math.max(...runs.filter((r) => r.variant === 'ours').map((r) => r.count - r.sameUrl)),
				'max',
				0,
			),
		);
		notes.push(
			...ours.map((r) => `Download ${r.count} images: ${fmt(r.imagesPerSecond)} images/s, ${fmt(r.ratio, 2)}x the HTTP Request node, peak RSS ${fmt(mib(r.mainKb), 0)} MiB`),
		);
		results.download = {
			images: images.map(({ name, bytes }) => ({ name, bytes })),
			rows: rows.map((r) => ({ variant: r.variant, count: r.count, imagesPerSecond: r.imagesPerSecond, ratio: r.ratio, nodeMs: r.nodeMs, mainKb: r.mainKb, treeKb: r.treeKb, stored: r.stored })),
			runs,
		};
	}

	console.log(`load average now ${loadavg().map((l) => fmt(l, 2)).join(' ')}`);
	writeResult('scale', { n8n: version, settings: { ...s, parts: [...s.parts] }, ...results, checks });
	return { name: 'scale', checks, notes };
}
