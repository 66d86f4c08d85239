// The sandbox's live state and its seed: the docs' example company (c|6 ApiTestCo, asset
// a|739|1|537 macbookwin1), a second company the demo user also belongs to, and a third it does not.

export const ROLES = [
	'IpsAdmin',
	'IpsCompanyAdmin',
	'IpsUser',
	'WebServiceUser',
	'TrialSiteAdmin',
	'TrialSiteUser',
	'ImagePortalAdmin',
	'ImagePortalUser',
	'ImagePortalContrib',
	'ImagePortalContribUser',
] as const;
export type Role = (typeof ROLES)[number];

export const TRASH_STATES = ['NotInTrash', 'InTrash', 'InEmptiedTrash'] as const;
export type TrashState = (typeof TRASH_STATES)[number];

export interface CompanyRecord {
	companyHandle: string;
	name: string;
	rootPath: string;
	expires?: string;
}

export interface MembershipRecord {
	companyHandle: string;
	role: Role;
	isActive: boolean;
}

export interface UserRecord {
	userHandle: string;
	email: string;
	password: string;
	firstName: string;
	lastName: string;
	isValid: boolean;
	isIpsAdmin: boolean;
	memberships: MembershipRecord[];
}

export interface FolderRecord {
	/** Path form, as in the docs' example: 'ApiTestCo/summer/'. */
	folderHandle: string;
	companyHandle: string;
	path: string;
	lastModified: string;
}

export interface ImageInfoRecord {
	originalPath: string;
	originalFile: string;
	width: number;
	height: number;
	fileSize: number;
	resolution: number;
	urlModifier: string;
	urlPostApplyModifier: string;
}

export interface AssetRecord {
	assetHandle: string;
	companyHandle: string;
	type: string;
	name: string;
	fileName: string;
	folderHandle: string;
	readyForPublish: boolean;
	trashState: TrashState;
	created: string;
	createUser: string;
	lastModified: string;
	lastModifyUser: string;
	imageInfo?: ImageInfoRecord;
	videoInfo?: { originalPath: string; originalFile: string; fileSize: number };
	layerViewInfo?: { urlModifier: string; urlPostApplyModifier: string };
	/** Sandbox bookkeeping, not part of the IPS Asset type. */
	copiedFrom?: { assetHandle: string; urlModifier: string; by: string; at: string };
	derivedFrom?: { ownerHandle: string; type: string };
	replacements?: Array<{ urlModifier: string; by: string; at: string }>;
	/** Metadata values by field handle (setAssetMetadata, batchSetAssetMetadata). */
	metadata?: Record<string, MetadataValue>;
	/** When a publish last took this asset live; Image Serving serves what it was then. */
	publishedAt?: string;
	/**
	 * Where an uploaded asset's pixels came from (upload jobs); pixels themselves live outside the state.
	 * `sourceUrl` for upload from URLs; `fileName` (the part's filename) and `partName` for the UploadFile servlet.
	 */
	uploadedFrom?: {
		sourceUrl?: string;
		fileName?: string;
		partName?: string;
		format: 'png' | 'jpeg';
		jobHandle: string;
	};
}

export type MetadataValue = string | number | boolean | string[];

/** MetadataField/type values from Adobe's "Metadata Field Types" list (the subset seeded). */
export type MetadataFieldType =
	| 'String'
	| 'Boolean'
	| 'Int'
	| 'Float'
	| 'Date'
	| 'MultiTag'
	| 'SingleFixedTag';

export interface MetadataFieldRecord {
	fieldHandle: string;
	companyHandle: string;
	name: string;
	type: MetadataFieldType;
	defaultValue: string;
	isRequired: boolean;
	/** The closed dictionary of a SingleFixedTag field. */
	tagValues?: string[];
}

/**
 * WaitingCoordinator: a publish queued behind another publish of its company (listed with includeWaitingJobs only).
 * WaitingClient: an UploadFile servlet job still open for POSTs (until endJob or its idle timeout).
 */
export const JOB_STATES = ['New', 'WaitingClient', 'WaitingCoordinator', 'Running', 'Done'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobLogDetailRecord {
	logMessage: string;
	/**
	 * Job-level messages are Info, Warning or Error (assumed names); a file's outcome uses the per-file
	 * types ips-api.md §11.1 lists (r-job-log-types.md): UploadSuccess, FileUpdated, DuplicateSkipped, UploadError.
	 */
	logType: 'Info' | 'Warning' | 'Error' | 'UploadSuccess' | 'FileUpdated' | 'DuplicateSkipped' | 'UploadError';
	dateCreated: string;
	assetName?: string;
	assetType?: string;
	assetHandle?: string;
	/** For upload details: the URL the file came from. */
	sourceUrl?: string;
	/** For UploadFile servlet details: the form part the file came in. */
	partName?: string;
}

export interface JobRecord {
	jobHandle: string;
	companyHandle: string;
	name: string;
	originalName: string;
	/** 'UploadPostJob' (UploadFile servlet) is the sandbox's name: the type Scene7 reports for it is not documented. */
	type: 'ImageServingPublishJob' | 'UploadUrlsJob' | 'UploadPostJob';
	state: JobState;
	submitUserEmail: string;
	locale?: string;
	description?: string;
	submitted: string;
	startDate?: string;
	endDate?: string;
	progress: number;
	progressMessage: string;
	lastProgressUpdate: string;
	stopped: boolean;
	fatalError: boolean;
	counts: {
		success: number;
		error: number;
		warning: number;
		duplicate: number;
		update: number;
		total: number;
	};
	details: JobLogDetailRecord[];
	publish?: { publishType: string; emailSetting: string };
	upload?: {
		urls: Array<{ sourceUrl: string; destPath: string }>;
		overwrite: boolean;
		readyForPublish: boolean;
		createMask: boolean;
		emailSetting: string;
		/** postImageServingPublishJob: a publish runs when the upload is done. */
		postPublish?: { publishType: string; emailSetting: string };
	};
	/** An UploadFile servlet job: the first POST's UploadPostJob options and what the POSTs brought (no bytes). */
	uploadPost?: UploadPostSpec;
}

export interface UploadPostSpec {
	overwrite: boolean;
	readyForPublish: boolean;
	preservePublishState?: boolean;
	createMask: boolean;
	emailSetting: string;
	xmpKeywords?: string;
	/** POSTs taken into the job, the first one included. */
	posts: number;
	/** Every file received, in order: the target path (destFolder + name) and the byte size. */
	files: Array<{ partName: string; fileName: string; destPath: string; size: number }>;
	/** Set when the job stops taking POSTs: a POST with endJob=true, or no POST for the idle timeout. */
	endedBy?: 'endJob' | 'idle';
}

export interface SandboxState {
	companies: CompanyRecord[];
	users: UserRecord[];
	folders: FolderRecord[];
	assets: AssetRecord[];
	metadataFields: MetadataFieldRecord[];
	jobs: JobRecord[];
}

export const DEMO_PASSWORD = 'sandbox-demo-password';

/** 'IpsCompanyAdmin' -> 'ips-company-admin@sandbox.test'. */
const roleEmail = (role: Role): string => `${role.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}@sandbox.test`;

export const ROLE_USERS: Record<Role, { email: string; password: string; userHandle: string }> =
	Object.fromEntries(
		ROLES.map((role, i) => [
			role,
			{
				email: roleEmail(role),
				password: DEMO_PASSWORD,
				userHandle: `${3261 + i}|${roleEmail(role)}`,
			},
		]),
	) as Record<Role, { email: string; password: string; userHandle: string }>;

/** An IpsUser whose password needs XML escaping: proves a client escapes the authHeader. */
export const SPECIAL_PASSWORD_USER = {
	email: 'special-chars@sandbox.test',
	password: `p&ss<w>rd"'`,
	userHandle: '3300|special-chars@sandbox.test',
} as const;

/** A user whose account is not valid: authenticating as it gives authenticationFault 10002. */
export const INVALID_USER = {
	email: 'invalid-user@sandbox.test',
	password: DEMO_PASSWORD,
	userHandle: '3301|invalid-user@sandbox.test',
} as const;

export const DEMO = {
	user: ROLE_USERS.IpsUser.email,
	password: DEMO_PASSWORD,
	userHandle: ROLE_USERS.IpsUser.userHandle,
	companyHandle: 'c|6',
	companyName: 'ApiTestCo',
	rootPath: 'ApiTestCo/',
	assetHandle: 'a|739|1|537',
	assetName: 'macbookwin1',
	folderHandle: 'ApiTestCo/',
} as const;

/** Other seed handles tests refer to. */
export const SEED = {
	otherCompany: { companyHandle: 'c|7', name: 'OtherCo', rootPath: 'OtherCo/' },
	foreignCompany: { companyHandle: 'c|8', name: 'ThirdCo', rootPath: 'ThirdCo/' },
	folders: {
		summer: 'ApiTestCo/summer/',
		sale: 'ApiTestCo/summer/sale/',
		uploads: 'ApiTestCo/uploads/',
		withSpace: 'ApiTestCo/Folder With Space/',
	},
	assets: {
		summerHero: 'a|740|1|538',
		saleBanner: 'a|741|1|539',
		saltAndPepper: 'a|742|1|540',
		springLookBook: 'a|743|1|541',
		promoVideo: 'a|744|1|542',
		trashedBanner: 'a|745|1|543',
		productGuide: 'a|746|1|544',
		otherMacbook: 'a|801|1|601',
		otherLogo: 'a|802|1|602',
		foreignSecret: 'a|901|1|701',
	},
} as const;

const SEED_TIME = '2024-03-01T09:00:00.000Z';
const SEED_MODIFIED = '2024-03-15T14:30:00.000Z';

function user(
	login: { email: string; password: string; userHandle: string },
	names: [string, string],
	memberships: MembershipRecord[],
	extra: Partial<UserRecord> = {},
): UserRecord {
	return {
		userHandle: login.userHandle,
		email: login.email,
		password: login.password,
		firstName: names[0],
		lastName: names[1],
		isValid: true,
		isIpsAdmin: false,
		memberships,
		...extra,
	};
}

function both(role: Role): MembershipRecord[] {
	return [
		{ companyHandle: 'c|6', role, isActive: true },
		{ companyHandle: 'c|7', role, isActive: true },
	];
}

/** A folder record (seeded, created by createFolder, or by an upload's destPath). */
export function folderRecord(companyHandle: string, path: string, lastModified = SEED_MODIFIED): FolderRecord {
	return { folderHandle: path, companyHandle, path, lastModified };
}

/** The imageInfo of an image stored as it is (no URL modifiers), at 72 dpi. */
export function newImageInfo(originalPath: string, originalFile: string, width: number, height: number, fileSize: number): ImageInfoRecord {
	return { originalPath, originalFile, width, height, fileSize, resolution: 72, urlModifier: '', urlPostApplyModifier: '' };
}

/**
 * A new asset (seeded, copied, derived or uploaded): not in the trash, created and last modified `at`
 * by `by`. Keys keep the AssetRecord order: `fields` in that order, then `extra` (which may override).
 */
export function newAsset(
	fields: Pick<AssetRecord, 'assetHandle' | 'companyHandle' | 'type' | 'name' | 'fileName' | 'folderHandle' | 'readyForPublish'>,
	at: string,
	by: string,
	extra: Partial<AssetRecord> = {},
): AssetRecord {
	return { ...fields, trashState: 'NotInTrash', created: at, createUser: by, lastModified: at, lastModifyUser: by, ...extra };
}

/** A seeded asset: an Image is 1600×1200 unless `size` says otherwise; a Video has a fixed file size. */
function asset(
	handle: string,
	company: string,
	folder: string,
	name: string,
	type: string,
	file: string,
	more: { size?: [number, number]; trashState?: TrashState; readyForPublish?: boolean } = {},
): AssetRecord {
	const [width, height] = more.size ?? [1600, 1200];
	const fields = { assetHandle: handle, companyHandle: company, type, name, fileName: file, folderHandle: folder, readyForPublish: more.readyForPublish ?? true };
	return newAsset(fields, SEED_TIME, ROLE_USERS.IpsCompanyAdmin.email, {
		trashState: more.trashState ?? 'NotInTrash',
		lastModified: SEED_MODIFIED,
		...(type === 'Image' ? { imageInfo: newImageInfo(folder, file, width, height, width * height) } : {}),
		...(type === 'Video' ? { videoInfo: { originalPath: folder, originalFile: file, fileSize: 48_000_000 } } : {}),
	});
}

export function createSeedState(): SandboxState {
	const roleUsers = ROLES.map((role) => {
		const [first, ...rest] = role.replace(/([a-z])([A-Z])/g, '$1 $2').split(' ');
		return user(ROLE_USERS[role], [first, rest.join(' ')], both(role), { isIpsAdmin: role === 'IpsAdmin' });
	});
	const A = SEED.assets;
	return {
		metadataFields: ['c|6', 'c|7', 'c|8'].flatMap(seedMetadataFields),
		jobs: [],
		companies: [
			{ companyHandle: DEMO.companyHandle, name: DEMO.companyName, rootPath: DEMO.rootPath },
			{ ...SEED.otherCompany, expires: '2099-12-31T23:59:59.000Z' },
			{ ...SEED.foreignCompany },
		],
		users: [
			...roleUsers,
			user(SPECIAL_PASSWORD_USER, ['Special', 'Chars'], [{ companyHandle: 'c|6', role: 'IpsUser', isActive: true }]),
			user(INVALID_USER, ['Invalid', 'User'], both('IpsUser'), { isValid: false }),
		],
		folders: [
			folderRecord('c|6', 'ApiTestCo/'),
			folderRecord('c|6', 'ApiTestCo/summer/'),
			folderRecord('c|6', 'ApiTestCo/summer/sale/'),
			folderRecord('c|6', 'ApiTestCo/uploads/'),
			folderRecord('c|6', 'ApiTestCo/Folder With Space/'),
			folderRecord('c|7', 'OtherCo/'),
			folderRecord('c|7', 'OtherCo/uploads/'),
			folderRecord('c|8', 'ThirdCo/'),
		],
		// handle, company, folder, name, type, file name, what differs from the defaults.
		assets: [
			asset(DEMO.assetHandle, 'c|6', 'ApiTestCo/', 'macbookwin1', 'Image', 'macbookwin1.jpg'),
			asset(A.summerHero, 'c|6', 'ApiTestCo/summer/', 'summer-hero', 'Image', 'summer-hero.jpg', { size: [2400, 1600] }),
			asset(A.saleBanner, 'c|6', 'ApiTestCo/summer/sale/', 'sale-banner', 'Image', 'sale-banner.png', { size: [1200, 400] }),
			asset(A.saltAndPepper, 'c|6', 'ApiTestCo/uploads/', 'Salt & Pepper', 'Image', 'Salt & Pepper.jpg', { size: [800, 800] }),
			asset(A.springLookBook, 'c|6', 'ApiTestCo/Folder With Space/', 'Spring Look Book', 'Image', 'Spring Look Book.tif', { size: [3000, 2000], readyForPublish: false }),
			asset(A.promoVideo, 'c|6', 'ApiTestCo/summer/', 'promo-video', 'Video', 'promo-video.mp4'),
			asset(A.trashedBanner, 'c|6', 'ApiTestCo/uploads/', 'old-banner', 'Image', 'old-banner.jpg', { trashState: 'InTrash' }),
			asset(A.productGuide, 'c|6', 'ApiTestCo/uploads/', 'product-guide', 'Pdf', 'product-guide.pdf'),
			asset(A.otherMacbook, 'c|7', 'OtherCo/', 'macbookwin1', 'Image', 'macbookwin1.jpg'),
			asset(A.otherLogo, 'c|7', 'OtherCo/uploads/', 'other-logo', 'Image', 'other-logo.png', { size: [512, 512] }),
			asset(A.foreignSecret, 'c|8', 'ThirdCo/', 'third-secret', 'Image', 'third-secret.jpg'),
		],
	};
}

/** Puts `state` back to the seed in place, so references held by tests stay live. */
export function resetState(state: SandboxState): void {
	const seed = createSeedState();
	for (const key of Object.keys(seed) as Array<keyof SandboxState>) {
		const list = state[key] as unknown[];
		list.splice(0, list.length, ...seed[key]);
	}
}

/** Handles of the metadata fields every company is seeded with: `m|<company number>|<name>`. */
export function metadataFieldHandle(companyHandle: string, name: string): string {
	return `m|${companyHandle.replace(/^c\|/, '')}|${name}`;
}

export const SEASONS = ['Spring', 'Summer', 'Autumn', 'Winter'];

/** One field per value kind: string, boolean, long, double, date, free tags, a closed tag list. */
function seedMetadataFields(companyHandle: string): MetadataFieldRecord[] {
	const field = (
		name: string,
		type: MetadataFieldType,
		extra: Partial<MetadataFieldRecord> = {},
	): MetadataFieldRecord => ({
		fieldHandle: metadataFieldHandle(companyHandle, name),
		companyHandle,
		name,
		type,
		defaultValue: '',
		isRequired: false,
		...extra,
	});
	return [
		field('Photographer', 'String'),
		field('Approved', 'Boolean', { defaultValue: 'false' }),
		field('ShotCount', 'Int', { defaultValue: '0' }),
		field('Rating', 'Float'),
		field('ShootDate', 'Date'),
		field('Keywords', 'MultiTag'),
		field('Season', 'SingleFixedTag', { tagValues: SEASONS }),
	];
}

/** Fresh asset handles in the a|<n>|1|<m> shape; the steps come from a seeded generator. */
export class HandleAllocator {
	private rng: () => number;
	private n = 0;
	private m = 0;

	constructor(private readonly seed: number) {
		this.rng = mulberry32(seed);
		this.reset();
	}

	reset(): void {
		this.rng = mulberry32(this.seed);
		this.n = 940;
		this.m = 577;
	}

	next(taken: (handle: string) => boolean): string {
		for (;;) {
			this.n += 1 + Math.floor(this.rng() * 5);
			this.m += 1 + Math.floor(this.rng() * 3);
			const handle = `a|${this.n}|1|${this.m}`;
			if (!taken(handle)) return handle;
		}
	}
}

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
