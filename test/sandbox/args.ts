// Typed reads of the argument object node-soap builds from a request body. The strict check in
// validate.ts has already run, so types are right; these only undo node-soap's representation
// (an empty complex element arrives as null, a repeated element as an array).

export type Args = Record<string, unknown>;

export function asArgs(value: unknown): Args {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as Args)
		: {};
}

export function optString(args: Args, name: string): string | undefined {
	const v = args[name];
	if (v === undefined || v === null) return undefined;
	return typeof v === 'string' ? v : String(v);
}

export function reqString(args: Args, name: string): string {
	return optString(args, name) ?? '';
}

export function optBoolean(args: Args, name: string): boolean | undefined {
	const v = args[name];
	return typeof v === 'boolean' ? v : undefined;
}

export function optInt(args: Args, name: string): number | undefined {
	const v = args[name];
	return typeof v === 'number' ? v : undefined;
}

/** The `items` of an array-typed element; undefined when the element is absent. */
export function optItems(args: Args, name: string): unknown[] | undefined {
	if (!(name in args)) return undefined;
	const items = asArgs(args[name]).items;
	if (items === undefined || items === null) return [];
	return Array.isArray(items) ? items : [items];
}

export function optStringItems(args: Args, name: string): string[] | undefined {
	return optItems(args, name)?.map((v) => (v === null || v === undefined ? '' : String(v)));
}
