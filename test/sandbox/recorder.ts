// What the sandbox remembers about each POST, for tests to assert on.

export type RequestOutcome = 'ok' | 'fault' | 'injected';

/** What is kept of an UploadFile POST: no file bytes, and not the auth part (it holds the password). */
export interface RecordedUpload {
	/** Every form part in order: name, filename, Content-Type and size in bytes. */
	parts: Array<{ name: string; filename?: string; contentType?: string; size: number }>;
	/** The uploadParams part (the uploadPostParam document) as sent, when it was readable UTF-8. */
	uploadPostParam?: string;
	/** The job the POST went to, when it was taken. */
	jobHandle?: string;
}

export interface RecordedRequest {
	/** SOAPAction without quotes; '' when the header is missing. 'UploadFile' for a POST to the UploadFile servlet. */
	operation: string;
	/** The SOAPAction header exactly as sent; undefined when missing. */
	soapAction: string | undefined;
	contentType: string | undefined;
	headers: Record<string, string | string[] | undefined>;
	/** The body as received, decoded as UTF-8 (after gunzip if Content-Encoding: gzip); '' for UploadFile (see `upload`). */
	rawBody: string;
	/** authHeader user (or HTTP Basic user) as sent, whether or not it authenticated. */
	user: string | undefined;
	/** Namespace of the body element, when it was readable. */
	namespace?: string;
	/** node-soap's parse of the body element, when the request got that far. */
	args?: unknown;
	outcome: RequestOutcome;
	faultCode?: number;
	faultReason?: string;
	/** HTTP status sent (undefined for reset/hang). */
	status?: number;
	/** Injected action kind, when the injector acted. */
	injected?: string;
	/** True when the operation ran and changed state although the reply failed (injected). */
	committed?: boolean;
	/** UploadFile POSTs: the parts (names, filenames, sizes), the uploadPostParam document and the job. */
	upload?: RecordedUpload;
	at: Date;
}
