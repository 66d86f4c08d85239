/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
// 7. Upload Files (issue #23), in the real n8n of the e2e suite (test/e2e/lib: the host, the package
// installed from its tarball into a fresh user folder, `n8n execute`) against the IPS sandbox's
// UploadFile servlet, with n8n's binary data on the filesystem (N8N_DEFAULT_BINARY_DATA_MODE=filesystem):
//   1. one PNG of about 100 MB: Manual Trigger → Read/Write Files from Disk (read; n8n streams the
//      file into its filesystem store, so the item only refers to it) → Job → Upload Files. The same
//      workflow with a tiny PNG is the idle baseline. Peak RSS of the n8n process, its RSS just before
//      Upload Files starts and the most while it runs; the target: what the upload adds stays below
//      the file's size (the file is streamed, never held whole). The sandbox must hold the asset with
//      the file's exact bytes, and the row say 'Uploaded' with its handle.
//   2. 200 PNGs of about 1 MB in one run (read by one Read/Write Files node, a glob): files/s from
//      n8n's run data (Upload Files' executionTime, which includes waiting for the job), peak RSS,
//      every row its own asset, one UploadPostJob.
// No side-by-side run: users have no practical equivalent of Upload Files with n8n's own nodes (see
// the note printed). Every run is a fresh `n8n execute` sampled as in scale.ts (lib.ts executeSampled).
// The PNGs are noisy 16-bit RGBA images stored with non-compressing deflate blocks (so their size is
// their pixel count × 8), written once in a streaming way and cached in UPLOAD_CACHE_DIR.
// Settings: UPLOAD_BIG_SIZE (5000x2500: 100.0 MB), UPLOAD_MANY (200), UPLOAD_MANY_SIZE (500x250:
// 1.0 MB), UPLOAD_ROUNDS (2), UPLOAD_JOB_STEP_MS (50), UPLOAD_TIMEOUT_S (1800, each `n8n execute`),
// UPLOAD_PARTS (big,many), UPLOAD_CACHE_DIR (<tmp>/scene7-bench-upload). Validate with small sizes:
//   UPLOAD_BIG_SIZE=1000x500 UPLOAD_MANY=10 UPLOAD_ROUNDS=1 npx tsx bench/run.ts upload
import './preferTs';

import { createHash, randomFillSync } from 'node:crypto';
import { copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';

import { assertBuilt, hostPaths } from '../test/e2e/lib/host';
import { packPackage, TARBALL_ENV } from '../test/e2e/lib/package';
import { CREDENTIAL_TYPE, N8n, NODE_TYPE, type WorkflowJson, type WorkflowNodeJson } from '../test/e2e/lib/n8n';
import { connect, manualTriggerNode, rl, scene7Credential, workflow } from '../test/e2e/lib/workflows';
import { EncodedImage } from '../test/sandbox/image-store';
import { MAX_PIXELS } from '../test/sandbox/images';
import { DEMO, SEED, startSandbox, UPLOAD_OPERATION, type Sandbox } from '../test/sandbox/server';

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

const PARTS = ['big', 'many'] as const;
type Part = (typeof PARTS)[number];

interface Settings {
	big: Size;
	tiny: Size;
	many: number;
	manySize: Size;
	rounds: number;
	jobStepMs: number;
	timeoutMs: number;
	parts: Set<Part>;
	cacheDir: string;
}

function size(name: string, fallback: Size): Size {
	const raw = process.env[name]?.trim();
	if (!raw) return fallback;
	const m = /^(\d+)x(\d+)$/i.exec(raw);
	const [width, height] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
	if (!m || width < 1 || height < 1 || width > 20_000 || height > 20_000 || width * height > MAX_PIXELS) {
		throw new Error(`${name}=${raw}: expected WIDTHxHEIGHT, each 1..20000, at most ${MAX_PIXELS} pixels (the sandbox's limit)`);
	}
	return { width, height };
}

function settings(): Settings {
	const parts = (process.env.UPLOAD_PARTS?.trim() || PARTS.join(',')).split(',').map((p) => p.trim());
	const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
	if (unknown.length > 0) throw new Error(`UPLOAD_PARTS: unknown part ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
	return {
		big: size('UPLOAD_BIG_SIZE', { width: 5000, height: 2500 }),
		tiny: { width: 64, height: 48 },
		many: whole('UPLOAD_MANY', 200, 1, 5000),
		manySize: size('UPLOAD_MANY_SIZE', { width: 500, height: 250 }),
		rounds: whole('UPLOAD_ROUNDS', 2, 1, 10),
		jobStepMs: whole('UPLOAD_JOB_STEP_MS', 50, 1, 10_000),
		timeoutMs: whole('UPLOAD_TIMEOUT_S', 1800, 10, 7200) * 1000,
		parts: new Set(parts as Part[]),
		cacheDir: process.env.UPLOAD_CACHE_DIR?.trim() || join(tmpdir(), 'scene7-bench-upload'),
	};
}

// ---- the PNGs ----

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** RGBA, 16 bits a channel. */
const BYTES_PER_PIXEL = 8;

function pngChunk(type: string, data: Buffer): Buffer {
	const chunk = Buffer.alloc(12 + data.length);
	chunk.writeUInt32BE(data.length, 0);
	chunk.write(type, 4, 'latin1');
	data.copy(chunk, 8);
	chunk.writeUInt32BE(zlib.crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
	return chunk;
}

/**
 * A noisy 16-bit RGBA PNG of `size`, its image data in stored (non-compressing) deflate blocks, so
 * the file is about width × height × 8 bytes. Written as a stream (a row at a time) to a temporary
 * name, then renamed: a cached file is always whole.
 */
async function writeNoisyPng(path: string, { width, height }: Size): Promise<void> {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 16; // bit depth
	ihdr[9] = 6; // RGBA; compression, filter and interlace 0
	const rowBytes = width * BYTES_PER_PIXEL;
	async function* rows() {
		for (let y = 0; y < height; y++) {
			const row = Buffer.allocUnsafe(1 + rowBytes);
			row[0] = 0; // filter None
			randomFillSync(row, 1);
			yield row;
		}
	}
	async function* chunks(deflated: AsyncIterable<Buffer>) {
		yield Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr)]);
		for await (const data of deflated) yield pngChunk('IDAT', data);
		yield pngChunk('IEND', Buffer.alloc(0));
	}
	const partial = `${path}.${process.pid}.partial`;
	await pipeline(Readable.from(rows()), zlib.createDeflate({ level: 0, chunkSize: 1024 * 1024 }), chunks, createWriteStream(partial));
	renameSync(partial, path);
}

/** The cached PNG of `size` (written on first use). */
async function cachedPng(s: Settings, { width, height }: Size): Promise<string> {
	const dir = join(s.cacheDir, 'png');
	mkdirSync(dir, { recursive: true });
	const path = join(dir, `noise_${width}x${height}_rgba16_stored.png`);
	if (!existsSync(path)) {
		const started = Date.now();
		await writeNoisyPng(path, { width, height });
		console.log(`  wrote ${path} (${fmt(statSync(path).size / 1e6, 2)} MB) in ${fmt((Date.now() - started) / 1000, 1)} s`);
	}
	return path;
}

async function sha256Of(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** One file the n8n run reads: where, its name, size and digest. */
interface InputFile {
	path: string;
	fileName: string;
	bytes: number;
	sha256: string;
}

/** `source` copied (so that Read/Write Files gives it this name) into `dir` as `fileName`. */
function inputFile(source: string, sha256: string, dir: string, fileName: string): InputFile {
	const path = join(dir, fileName);
	copyFileSync(source, path);
	return { path, fileName, bytes: statSync(path).size, sha256 };
}

// ---- the workflows ----

const CREDENTIAL = { id: 'uploadBenchCred1', name: 'Scene7 sandbox (upload bench)' };
const READ = 'Read Files from Disk';
const UPLOAD = 'Upload Files';
const FOLDER = SEED.folders.uploads;
const IDS = { big: 'uploadBig0000001', tiny: 'uploadTiny000001', many: 'uploadMany000001' };

type Kind = keyof typeof IDS;

/** Manual Trigger → Read/Write Files from Disk (read `fileSelector`) → Upload Files (defaults, the binary's own name). */
function uploadWorkflow(kind: Kind, fileSelector: string, label: string): WorkflowJson {
	const read: WorkflowNodeJson = {
		id: `upload-bench-read-${kind}`,
		name: READ,
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1.1,
		position: [220, 0],
		parameters: { operation: 'read', fileSelector, options: {} },
	};
	const upload: WorkflowNodeJson = {
		id: `upload-bench-upload-${kind}`,
		name: UPLOAD,
		type: NODE_TYPE,
		typeVersion: 2,
		position: [440, 0],
		parameters: {
			resource: 'job',
			operation: 'uploadFiles',
			companyHandle: rl(DEMO.companyHandle),
			binaryPropertyName: 'data',
			folderHandle: { __rl: true, mode: 'path', value: FOLDER },
			fileName: '',
			options: {},
		},
		credentials: { [CREDENTIAL_TYPE]: { ...CREDENTIAL } },
		// A failed row is an item with its error, counted, instead of a stopped run.
		onError: 'continueRegularOutput',
	};
	return workflow(IDS[kind], `upload bench: ${label}`, [manualTriggerNode(), read, upload], connect(['Manual Trigger', READ], [READ, UPLOAD]));
}

// ---- one run ----

const assetNameOf = (fileName: string) => fileName.replace(/\.[^.]*$/, '');

interface UploadRun {
	kind: Kind;
	round: number;
	files: number;
	fileBytes: number;
	status: string;
	error?: string;
	/** The first row's error, if any. */
	rowError?: string;
	/** Upload Files' executionTime, ms (its POSTs and the wait for the job). */
	nodeMs: number;
	/** Read/Write Files from Disk's executionTime, ms (the files streamed into n8n's store). */
	readMs: number;
	/** From the first UploadFile POST's arrival to the last one's (endJob), ms. */
	postMs: number;
	processMs: number;
	rss: RssPeaks;
	/** VmRSS of the n8n process in the last sample before Upload Files started, KiB. */
	beforeNodeKb: number;
	/** The most VmRSS sampled while Upload Files ran, KiB. */
	duringNodeKb: number;
	/** Read's items whose binary data is a file of n8n's filesystem store of the input file's size. */
	stored: number;
	binaryIds: string;
	/** Rows 'Uploaded' with the handle of the sandbox's asset of their file, which holds exactly the file's bytes. */
	ownAsset: number;
	distinctAssets: number;
	errorRows: number;
	states: string;
	/** Files in each UploadPostJob of the run. */
	jobs: number[];
	uploadPosts: number;
	calls: Record<string, number>;
	example?: Record<string, unknown>;
}

function rssAround(executed: Executed): { beforeNodeKb: number; duringNodeKb: number } {
	const node = firstRun(executed.run, UPLOAD);
	const timeline = executed.rss.timeline ?? [];
	if (node?.startTime === undefined || node.executionTime === undefined) return { beforeNodeKb: NaN, duringNodeKb: NaN };
	const start = node.startTime;
	const end = start + node.executionTime;
	const before = timeline.filter((s) => s.at < start).pop();
	const during = timeline.filter((s) => s.at >= start && s.at <= end).map((s) => s.mainKb);
	return { beforeNodeKb: before?.mainKb ?? NaN, duringNodeKb: during.length > 0 ? Math.max(...during) : NaN };
}

async function uploadRun(n8n: N8n, sandbox: Sandbox, s: Settings, kind: Kind, inputs: InputFile[], round: number): Promise<UploadRun> {
	sandbox.reset();
	const executed = await executeSampled(n8n, IDS[kind], s.timeoutMs, { timeline: true });
	const { run } = executed;

	// What n8n kept: the Read node's binary data, a file of its filesystem store each.
	const storage = join(n8n.userFolder, '.n8n', 'storage');
	const bySize = new Map(inputs.map((f) => [f.fileName, f.bytes]));
	let stored = 0;
	const ids = new Set<string>();
	for (const item of itemsOf(run, READ)) {
		const binary = item.binary?.data as { id?: string; fileName?: string } | undefined;
		const id = binary?.id ?? '';
		ids.add(STORAGE_ID.exec(id)?.[0] ?? (id ? 'other' : 'none'));
		if (!STORAGE_ID.test(id)) continue;
		try {
			if (statSync(join(storage, id.replace(STORAGE_ID, ''))).size === bySize.get(binary?.fileName ?? '')) stored++;
		} catch {
			// not stored
		}
	}
	rmSync(join(storage, 'workflows'), { recursive: true, force: true });

	// What Scene7 (the sandbox) got, and what each row says.
	const byName = new Map(inputs.map((f) => [assetNameOf(f.fileName), f]));
	const assets = new Map(
		sandbox.state.assets.filter((a) => a.companyHandle === DEMO.companyHandle && a.folderHandle === FOLDER && byName.has(a.name)).map((a) => [a.name, a]),
	);
	const rows = itemsOf(run, UPLOAD);
	const digests = new Map<string, string>();
	const sameBytes = (assetHandle: string) => {
		const source = sandbox.images.sources.get(assetHandle);
		if (!(source instanceof EncodedImage)) return undefined;
		let digest = digests.get(assetHandle);
		if (digest === undefined) {
			digest = createHash('sha256').update(source.bytes).digest('hex');
			digests.set(assetHandle, digest);
		}
		return digest;
	};
	const handles = new Set<string>();
	let ownAsset = 0;
	for (const row of rows) {
		const file = byName.get(assetNameOf(String(row.json.fileName ?? '')));
		const asset = file && assets.get(assetNameOf(file.fileName));
		if (!file || !asset || row.json.state !== 'Uploaded' || row.json.assetHandle !== asset.assetHandle) continue;
		if (sameBytes(asset.assetHandle) !== file.sha256) continue;
		handles.add(asset.assetHandle);
		ownAsset++;
	}
	const uploads = sandbox.requests.filter((r) => r.operation === UPLOAD_OPERATION);
	const times = uploads.map((r) => r.at.getTime());
	const jobs = sandbox.state.jobs.filter((j) => j.type === 'UploadPostJob').map((j) => j.uploadPost?.files.length ?? 0);
	const calls = callsOf(sandbox.requests);
	// The sandbox keeps what it got (100 MB for the big file) until the next reset: free it now.
	sandbox.reset();

	const uploadNode = firstRun(run, UPLOAD);
	const errorRows = rows.filter((row) => 'error' in row.json);
	const m: UploadRun = {
		kind,
		round,
		files: inputs.length,
		fileBytes: inputs.reduce((sum, f) => sum + f.bytes, 0),
		status: run?.status ?? 'no run data',
		error: failure(executed, UPLOAD),
		rowError: errorRows[0] ? String(errorRows[0].json.error) : undefined,
		nodeMs: uploadNode?.executionTime ?? NaN,
		readMs: firstRun(run, READ)?.executionTime ?? NaN,
		postMs: times.length > 1 ? Math.max(...times) - Math.min(...times) : NaN,
		processMs: executed.processMs,
		rss: { ...executed.rss, timeline: undefined },
		...rssAround(executed),
		stored,
		binaryIds: [...ids].join(' '),
		ownAsset,
		distinctAssets: handles.size,
		errorRows: errorRows.length,
		states: Object.entries(
			rows.reduce<Record<string, number>>((counts, row) => {
				const state = 'error' in row.json ? 'error' : String(row.json.state);
				counts[state] = (counts[state] ?? 0) + 1;
				return counts;
			}, {}),
		)
			.map(([state, count]) => `${state} ${count}`)
			.join(', '),
		jobs,
		uploadPosts: uploads.length,
		calls,
		example: rows[0]?.json,
	};
	console.log(
		`  round ${round + 1}, ${kind} (${inputs.length} × ${fmt(m.fileBytes / inputs.length / 1e6, 2)} MB): ${m.error ?? m.status}, ` +
			`Upload Files ${fmt(m.nodeMs / 1000, 2)} s, ${m.ownAsset}/${inputs.length} uploaded with their bytes, ${jobs.length} job(s), ` +
			`RSS ${fmt(mib(m.beforeNodeKb), 0)} MiB before the node, ${fmt(mib(m.duringNodeKb), 0)} MiB at most while it ran, ` +
			`peak ${fmt(mib(m.rss.mainKb), 0)} MiB (with children ${fmt(mib(m.rss.treeKb), 0)}), process ${fmt(m.processMs / 1000, 1)} s` +
			(m.rowError ? `; first row error: ${m.rowError}` : ''),
	);
	return m;
}

// ---- the benchmark ----

const NO_PEER_NOTE =
	'No side-by-side run: there is no equivalent users could easily build with n8n\'s HTTP Request node. The UploadFile servlet takes a multipart ' +
	'body whose first part is an XML authHeader holding the password and whose second is an uploadPostParam document, one POST per file ' +
	'(the first naming the job, the others its handle), a last POST with endJob, then polling the job (getActiveJobs/getJobLogs) for each file\'s asset.';

export async function run(): Promise<BenchResult> {
	let version: string;
	try {
		version = hostPaths().version;
	} catch (error) {
		const skipped = `skipped: ${(error as Error).message}`;
		console.log(`\n== 7. Upload == ${skipped}`);
		return { name: 'upload', checks: [], notes: [skipped] };
	}
	const s = settings();
	console.log(
		`\n== 7. Upload Files: one ${s.big.width}×${s.big.height} PNG (~${fmt((s.big.width * s.big.height * BYTES_PER_PIXEL) / 1e6, 0)} MB) and ` +
			`${s.many} PNGs of ~${fmt((s.manySize.width * s.manySize.height * BYTES_PER_PIXEL) / 1e6, 1)} MB in n8n ${version}, filesystem binary mode ==`,
	);
	console.log(
		`load average ${loadavg().map((l) => fmt(l, 2)).join(' ')}; each run is a fresh \`n8n execute\`; sandbox job step ${s.jobStepMs} ms; ` +
			`${s.rounds} round(s), order reversed every other round; parts: ${[...s.parts].join(', ')}; files cached in ${s.cacheDir}`,
	);
	assertBuilt();
	const packed = process.env[TARBALL_ENV];
	let packDir: string | undefined;
	let inputDir: string | undefined;
	let sandbox: Sandbox | undefined;
	let n8n: N8n | undefined;
	try {
		// The input files: cached PNGs, copied under the names the rows upload.
		mkdirSync(s.cacheDir, { recursive: true });
		inputDir = mkdtempSync(join(s.cacheDir, 'run-'));
		const inputs: Partial<Record<Kind, InputFile[]>> = {};
		if (s.parts.has('big')) {
			const big = await cachedPng(s, s.big);
			const tiny = await cachedPng(s, s.tiny);
			mkdirSync(join(inputDir, 'big'));
			mkdirSync(join(inputDir, 'tiny'));
			inputs.big = [inputFile(big, await sha256Of(big), join(inputDir, 'big'), 'bench_upload_big.png')];
			inputs.tiny = [inputFile(tiny, await sha256Of(tiny), join(inputDir, 'tiny'), 'bench_upload_tiny.png')];
		}
		if (s.parts.has('many')) {
			const one = await cachedPng(s, s.manySize);
			const digest = await sha256Of(one);
			mkdirSync(join(inputDir, 'many'));
			inputs.many = Array.from({ length: s.many }, (_, i) => inputFile(one, digest, join(inputDir as string, 'many'), `bench_upload_${String(i).padStart(4, '0')}.png`));
		}

		if (!packed || !existsSync(packed)) {
			packDir = mkdtempSync(join(tmpdir(), 'scene7-bench-pack-'));
			process.env[TARBALL_ENV] = await packPackage(packDir);
		}
		sandbox = await startSandbox({ jobStepMs: s.jobStepMs });
		n8n = await N8n.create({
			label: 'bench-upload',
			// Read/Write Files from Disk reads only below N8N_RESTRICT_FILE_ACCESS_TO (n8n 2: ~/.n8n-files by default).
			env: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', N8N_RESTRICT_FILE_ACCESS_TO: inputDir },
		});
		return await measure(n8n, sandbox, s, version, inputDir, inputs);
	} finally {
		await n8n?.dispose();
		await sandbox?.close();
		if (inputDir) rmSync(inputDir, { recursive: true, force: true });
		if (packDir) {
			rmSync(packDir, { recursive: true, force: true });
			if (process.env[TARBALL_ENV]?.startsWith(packDir)) delete process.env[TARBALL_ENV];
		}
	}
}

async function measure(
	n8n: N8n,
	sandbox: Sandbox,
	s: Settings,
	version: string,
	inputDir: string,
	inputs: Partial<Record<Kind, InputFile[]>>,
): Promise<BenchResult> {
	const checks: Check[] = [];
	const notes: string[] = [];
	const results: Record<string, unknown> = {};
	const kinds = (Object.keys(IDS) as Kind[]).filter((kind) => inputs[kind]);
	await n8n.importCredentials([scene7Credential({ ...CREDENTIAL, serviceUrl: sandbox.serviceUrl, user: DEMO.user, password: DEMO.password })]);
	await n8n.importWorkflows(
		kinds.map((kind) =>
			uploadWorkflow(kind, kind === 'many' ? `${join(inputDir, 'many')}/*.png` : (inputs[kind] as InputFile[])[0].path, `Read Files from Disk → Upload Files (${kind})`),
		),
	);

	const runs: UploadRun[] = [];
	for (let round = 0; round < s.rounds; round++) {
		const order = round % 2 ? [...kinds].reverse() : kinds;
		for (const kind of order) runs.push(await uploadRun(n8n, sandbox, s, kind, inputs[kind] as InputFile[], round));
	}
	const of = (kind: Kind) => runs.filter((r) => r.kind === kind);
	const med = (kind: Kind, value: (r: UploadRun) => number) => median(of(kind).map(value));
	const outcome = (r: UploadRun) => r.error ?? (r.rowError ? `${r.status}; ${r.errorRows} error rows: ${r.rowError.slice(0, 120)}` : r.status);

	// 1. One large file.
	if (inputs.big && inputs.tiny) {
		const big = inputs.big[0];
		const tiny = inputs.tiny[0];
		const fileMiB = big.bytes / 1024 / 1024;
		const row = (kind: 'big' | 'tiny', file: InputFile) => [
			kind === 'big' ? `${fmt(file.bytes / 1e6, 1)} MB PNG` : `tiny PNG (${fmt(file.bytes / 1024, 1)} KiB), the idle baseline`,
			fmt(med(kind, (r) => r.nodeMs) / 1000, 2),
			fmt(med(kind, (r) => r.postMs) / 1000, 2),
			fmt(med(kind, (r) => r.readMs) / 1000, 2),
			fmt(med(kind, (r) => r.processMs) / 1000, 1),
			fmt(mib(med(kind, (r) => r.beforeNodeKb)), 0),
			fmt(mib(med(kind, (r) => r.duringNodeKb)), 0),
			`${fmt(mib(med(kind, (r) => r.rss.mainKb)), 0)} / ${fmt(mib(med(kind, (r) => r.rss.treeKb)), 0)}`,
			of(kind)
				.map((r) => `${r.ownAsset}/${r.files}`)
				.join(', '),
			of(kind).map(outcome).join('; '),
		];
		printTable(
			`1. One PNG read from disk (Read/Write Files from Disk, into n8n's filesystem store) and uploaded by Upload Files (defaults), median of ${s.rounds} round(s)`,
			[
				'file',
				'Upload Files s',
				'POSTs s',
				'Read s',
				'n8n execute s',
				'RSS before Upload Files MiB',
				'most RSS while it ran MiB',
				'peak RSS MiB (n8n / with children)',
				'uploaded with its bytes, per round',
				'outcome',
			],
			[row('tiny', tiny), row('big', big)],
		);
		const idleKb = med('tiny', (r) => r.rss.mainKb);
		const peakKb = med('big', (r) => r.rss.mainKb);
		const added = mib(peakKb - idleKb);
		// Per round: the most RSS while the node ran over the RSS just before it started.
		const growth = mib(median(of('big').map((r) => r.duringNodeKb - r.beforeNodeKb)));
		printTable(
			`Peak RSS of the n8n process against the file's size (${fmt(big.bytes / 1e6, 1)} MB = ${fmt(fileMiB, 1)} MiB; target: below it)`,
			['measure', 'idle MiB', 'with the file MiB', 'difference MiB', 'file MiB', 'difference / file'],
			[
				[
					"peak RSS (VmHWM): the tiny file's run vs the large file's run",
					fmt(mib(idleKb), 0),
					fmt(mib(peakKb), 0),
					fmt(added, 1),
					fmt(fileMiB, 1),
					`${fmt((100 * added) / fileMiB, 0)} %`,
				],
				[
					'RSS just before Upload Files (the file read into the store): the tiny file\'s run vs the large file\'s',
					fmt(mib(med('tiny', (r) => r.beforeNodeKb)), 0),
					fmt(mib(med('big', (r) => r.beforeNodeKb)), 0),
					fmt(mib(med('big', (r) => r.beforeNodeKb) - med('tiny', (r) => r.beforeNodeKb)), 1),
					fmt(fileMiB, 1),
					`${fmt((100 * mib(med('big', (r) => r.beforeNodeKb) - med('tiny', (r) => r.beforeNodeKb))) / fileMiB, 0)} %`,
				],
				[
					'the large file\'s run: RSS just before Upload Files vs the most while it ran',
					fmt(mib(med('big', (r) => r.beforeNodeKb)), 0),
					fmt(mib(med('big', (r) => r.duringNodeKb)), 0),
					fmt(growth, 1),
					fmt(fileMiB, 1),
					`${fmt((100 * growth) / fileMiB, 0)} %`,
				],
			],
		);
		console.log(
			'Upload Files s: its executionTime (n8n\'s run data): the POSTs and the wait for the job (polled after 1 s, 1.5 s, …). POSTs s: the first UploadFile POST to the last (endJob) as the sandbox received them.\n' +
				"Read s: Read/Write Files from Disk's executionTime (the file streamed into n8n's store). RSS: the `n8n execute` process (VmRSS sampled every 50 ms; peak = VmHWM) / with its children.\n" +
				`binary data of the read files: ${[...new Set(runs.map((r) => r.binaryIds))].join(', ')}; stored with the file's size: ${of('big')
					.map((r) => `${r.stored}/${r.files}`)
					.join(', ')} (large file, per round).`,
		);
		console.log(`One output row (large file): ${JSON.stringify(of('big')[0]?.example)}`);
		checks.push(
			check(`upload: one ${fmt(big.bytes / 1e6, 0)} MB file: n8n peak RSS over the tiny file's run (target: below the file's size)`, added, 'max', fileMiB, ' MiB'),
			check(`upload: one ${fmt(big.bytes / 1e6, 0)} MB file: n8n RSS growth while Upload Files ran (target: below the file's size)`, growth, 'max', fileMiB, ' MiB'),
			check(
				`upload: one ${fmt(big.bytes / 1e6, 0)} MB file: runs without the asset (same bytes) in the sandbox and the row 'Uploaded' with its handle`,
				of('big').filter((r) => r.ownAsset !== 1).length,
				'max',
				0,
			),
		);
		notes.push(
			`Upload Files, one ${fmt(big.bytes / 1e6, 1)} MB file: ${fmt(med('big', (r) => r.nodeMs) / 1000, 2)} s, peak RSS ${fmt(mib(peakKb), 0)} MiB ` +
				`(+${fmt(added, 1)} MiB over the tiny file's run; +${fmt(growth, 1)} MiB while the node ran)`,
		);
		results.big = { file: { bytes: big.bytes, width: s.big.width, height: s.big.height }, tinyBytes: tiny.bytes, idleKb, peakKb, addedMiB: added, growthMiB: growth };
	}

	// 2. Many files in one run.
	if (inputs.many) {
		const files = inputs.many.length;
		const each = inputs.many[0].bytes;
		const nodeMs = med('many', (r) => r.nodeMs);
		const postMs = med('many', (r) => r.postMs);
		printTable(
			`2. ${files} PNGs of ${fmt(each / 1e6, 2)} MB in one run (one Read/Write Files from Disk glob → Upload Files, defaults), median of ${s.rounds} round(s)`,
			[
				'files',
				'with their own asset (per round)',
				'error rows',
				'UploadPostJobs (files each)',
				'UploadFile POSTs',
				'Upload Files s',
				'files/s',
				'POSTs s',
				'files/s while posting',
				'MB/s while posting',
				'n8n execute s',
				'peak RSS MiB (n8n / with children)',
				'RSS growth while it ran MiB',
				'outcome',
			],
			[
				[
					String(files),
					of('many')
						.map((r) => `${r.ownAsset}`)
						.join(', '),
					of('many')
						.map((r) => String(r.errorRows))
						.join(', '),
					of('many')
						.map((r) => `${r.jobs.length} (${r.jobs.join(', ')})`)
						.join('; '),
					of('many')
						.map((r) => String(r.uploadPosts))
						.join(', '),
					fmt(nodeMs / 1000, 2),
					fmt(perSecond(files, nodeMs)),
					fmt(postMs / 1000, 2),
					fmt(perSecond(files, postMs)),
					fmt(perSecond((files * each) / 1e6, postMs)),
					fmt(med('many', (r) => r.processMs) / 1000, 1),
					`${fmt(mib(med('many', (r) => r.rss.mainKb)), 0)} / ${fmt(mib(med('many', (r) => r.rss.treeKb)), 0)}`,
					fmt(mib(med('many', (r) => r.duringNodeKb - r.beforeNodeKb)), 1),
					of('many').map(outcome).join('; '),
				],
			],
		);
		console.log(
			`files/s: files over Upload Files' executionTime (n8n's run data; it includes waiting for the job). files/s while posting: over the first to the last UploadFile POST the sandbox received.\n` +
				`calls made (first round): ${describeCalls(of('many')[0]?.calls ?? {})}; row states: ${of('many')
					.map((r) => r.states)
					.join(' | ')}`,
		);
		checks.push(
			check(`upload: ${files} files in one run: rows without their own asset (worst run)`, Math.max(...of('many').map((r) => files - r.ownAsset)), 'max', 0),
			check(`upload: ${files} files in one run: runs not in exactly one UploadPostJob`, of('many').filter((r) => r.jobs.length !== 1).length, 'max', 0),
		);
		notes.push(
			`Upload Files, ${files} × ${fmt(each / 1e6, 1)} MB in one run: ${fmt(perSecond(files, nodeMs))} files/s (${fmt(perSecond(files, postMs))} while posting), ` +
				`peak RSS ${fmt(mib(med('many', (r) => r.rss.mainKb)), 0)} MiB`,
		);
		results.many = { files, bytesEach: each, nodeMs, postMs, filesPerSecond: perSecond(files, nodeMs), filesPerSecondPosting: perSecond(files, postMs) };
	}

	console.log(`\n${NO_PEER_NOTE}`);
	notes.push('no side-by-side: no HTTP Request node equivalent users could easily build (multipart servlet, password in a part)');
	console.log(`load average now ${loadavg().map((l) => fmt(l, 2)).join(' ')}`);
	writeResult('upload', {
		n8n: version,
		settings: { ...s, parts: [...s.parts] },
		input: "Read/Write Files from Disk (read) into n8n's filesystem binary store",
		...results,
		runs,
		checks,
	});
	return { name: 'upload', checks, notes };
}
