// A batch with good and bad rows through the engine with the node's error settings: one output per
// input, errors that name the field and the item, good rows copied, and no call for rows the node
// refuses before sending.
import type { IDataObject, OnError } from 'n8n-workflow';

import { DEMO, SEED } from '../sandbox/server';
import { copyFromItem, SCENE7, type Scene7NodeSettings } from '../support/workflows';
import { createdAssets, runCopy, useSandbox } from './operations/harness';

const row = (overrides: IDataObject): IDataObject => ({
	company: DEMO.companyHandle,
	asset: DEMO.assetHandle,
	folder: DEMO.folderHandle,
	...overrides,
});

interface BatchRow {
	input: IDataObject;
	/** The error message, or undefined for a row that is copied. */
	error?: string;
	/** Whether the row reaches Scene7. */
	sent: boolean;
}

const BATCH: BatchRow[] = [
	{ input: row({ name: 'Good_1' }), sent: true },
	{ input: row({ name: '' }), error: 'New Name is empty [item 1]', sent: false },
	{ input: row({ name: 'Unknown_source', asset: 'a|999|9|999' }), error: "Scene7 could not run copyImage: Invalid assetHandle 'a|999|9|999' (30001)", sent: true },
	{ input: row({ name: 'Wrong_kind', asset: 'c|6' }), error: "Image 'c|6' is a company handle, not an asset handle [item 3]", sent: false },
	{ input: row({ name: 'Good_2', folder: SEED.folders.summer, urlModifier: 'wid=100' }), sent: true },
	{ input: row({ name: '   ' }), error: 'New Name is empty [item 5]', sent: false },
	{ input: row({ name: 'Folder_is_asset', folder: DEMO.assetHandle }), error: "Folder 'a|739|1|537' is an asset handle, not a folder handle [item 6]", sent: false },
	{ input: row({ name: 'Nul\u0000in name' }), error: 'New Name contains the character U+0000 at position 4, which XML cannot carry [item 7]', sent: false },
	{ input: row({ name: 'Good_1' }), error: "Scene7 could not run copyImage: Asset ID 'Good_1' is already in use. (30000)", sent: true },
	{ input: row({ name: 'Good_3', company: 'c|6', asset: SEED.assets.summerHero }), sent: true },
];

const sandbox = useSandbox();

const runBatch = async (settings: Scene7NodeSettings) => await runCopy(sandbox(), BATCH.map(({ input }) => input), copyFromItem(), settings);

const good = BATCH.map((entry, index) => ({ ...entry, index })).filter(({ error }) => error === undefined);
const bad = BATCH.map((entry, index) => ({ ...entry, index })).filter(({ error }) => error !== undefined);

function expectGoodRowsCopied(handles: unknown[]) {
	const created = createdAssets(sandbox());
	expect(created.map(({ assetHandle, name, folderHandle }) => ({ assetHandle, name, folderHandle }))).toEqual(
		good.map(({ input }, i) => ({ assetHandle: handles[i], name: input.name, folderHandle: input.folder })),
	);
}

function expectOnlyValidRowsSent() {
	// The copies; the image URL's lookups (getProperty, getCompanyInfo) come after the first one made.
	const copies = sandbox().requests.filter(({ operation }) => operation === 'copyImage');
	expect(copies.map(({ args }) => (args as { name: string }).name)).toEqual(
		BATCH.filter(({ sent }) => sent).map(({ input }) => input.name),
	);
}

describe('a batch with good and bad rows', () => {
	it.each<[string, Scene7NodeSettings]>([
		['continueOnFail: true', { continueOnFail: true }],
		["onError: 'continueRegularOutput'", { onError: 'continueRegularOutput' }],
	])('with %s gives one output per input, in order', async (_label, settings) => {
		const result = await runBatch(settings);

		expect(result.status).toBe('success');
		const output = result.outputOf(SCENE7);
		expect(output).toHaveLength(BATCH.length);
		output.forEach(({ json, pairedItem }, i) => {
			expect(pairedItem).toEqual({ item: i });
			const { input, error } = BATCH[i];
			if (error === undefined) {
				expect(json).toMatchObject({ name: input.name, sourceAssetHandle: input.asset, folderHandle: input.folder });
				expect(json.assetHandle).toMatch(/^a\|\d+\|\d+\|\d+$/);
			} else {
				expect(json).toEqual({ error, description: expect.any(String) });
			}
		});

		expectGoodRowsCopied(good.map(({ index }) => output[index].json.assetHandle));
		expectOnlyValidRowsSent();
	});

	it('without an error setting stops at the first bad row, before any row running beside it sends', async () => {
		const result = await runBatch({});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(BATCH[1].error);
		expect(result.error?.context).toMatchObject({ itemIndex: 1 });
		// Row 1 is refused before sending, so the stop reaches row 0 before its call goes out.
		expect(sandbox().requests).toEqual([]);
	});

	// n8n-core moves an item to the error output only when the item carries `error` or its json is
	// just { error } / { error, message }; the router's items also hold a description.
	it("with onError: 'continueErrorOutput' sends good rows to the main output and bad rows to the error output", async () => {
		const onError: OnError = 'continueErrorOutput';
		const result = await runBatch({ onError });

		expect(result.status).toBe('success');
		expect(result.outputOf(SCENE7, 0).map(({ json, pairedItem }) => [pairedItem, json.name])).toEqual(
			good.map(({ index, input }) => [{ item: index }, input.name]),
		);
		expect(result.outputOf(SCENE7, 1).map(({ json, pairedItem }) => [pairedItem, json.error])).toEqual(
			bad.map(({ index, error }) => [{ item: index }, error]),
		);
		expectOnlyValidRowsSent();
	});
});
