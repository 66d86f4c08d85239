import { connectionReset, emptyAnswer, imageParameters, param, paramOf, refusal, run, scripted } from '../support';

const parameters = imageParameters('setUrlModifier', { urlModifier: 'op_sharpen=1', urlPostApplyModifier: 'fmt=jpg&qlt=85' });

describe('Image > Set URL Modifier', () => {
	it('sends both modifiers and outputs what the image now has', async () => {
		const { json, sent } = await run(parameters(), scripted({ setUrlModifier: [emptyAnswer('setUrlModifier')] }));
		expect(sent.map(paramOf)).toEqual([
			param(
				'setUrlModifier',
				'<companyHandle>c|6</companyHandle><assetHandle>a|739|1|537</assetHandle><urlModifier>op_sharpen=1</urlModifier>' +
					'<urlPostApplyModifier>fmt=jpg&amp;qlt=85</urlPostApplyModifier>',
			),
		]);
		expect(json).toEqual([
			{ assetHandle: 'a|739|1|537', companyHandle: 'c|6', urlModifier: 'op_sharpen=1', urlPostApplyModifier: 'fmt=jpg&qlt=85' },
		]);
	});

	it('sends an empty element to clear a modifier', async () => {
		const { sent } = await run(parameters({ urlPostApplyModifier: '' }), scripted({ setUrlModifier: [emptyAnswer('setUrlModifier')] }));
		expect(paramOf(sent[0])).toContain('<urlModifier>op_sharpen=1</urlModifier><urlPostApplyModifier/></setUrlModifierParam>');
	});

	it('checks both modifiers, naming the one that is wrong', async () => {
		expect(await refusal(parameters({ urlPostApplyModifier: 'qlt=abc' }))).toMatch(/^URL Post-Apply Modifier is not valid Image Serving syntax: .+ \[item 0\]$/);
	});

	it('sends an unknown command, listing it in urlModifierWarnings, unless Block Unknown Commands is on', async () => {
		const unknown = parameters({ urlPostApplyModifier: 'frobnicate=1' });
		const { json, sent } = await run(unknown, scripted({ setUrlModifier: [emptyAnswer('setUrlModifier')] }));
		expect(sent).toHaveLength(1);
		expect(json?.[0].urlModifierWarnings).toEqual([expect.stringMatching(/^URL Post-Apply Modifier: .*frobnicate.* \(not refused: sent as written\)$/)]);

		const blocked = await run({ ...unknown, options: { blockUnknownCommands: true } }, scripted({}));
		expect(blocked.error?.message).toMatch(/^URL Post-Apply Modifier is not valid Image Serving syntax: .*frobnicate.* \[item 0\]$/);
		expect(blocked.sent).toHaveLength(0);

		const unchecked = await run({ ...unknown, options: { validateUrlModifier: false } }, scripted({ setUrlModifier: [emptyAnswer('setUrlModifier')] }));
		expect(unchecked.json?.[0]).not.toHaveProperty('urlModifierWarnings');
	});

	it('is safe to send again after a lost answer', async () => {
		const { operations, json } = await run(
			parameters(),
			scripted({ setUrlModifier: [connectionReset, emptyAnswer('setUrlModifier')] }),
		);
		expect(operations).toEqual(['setUrlModifier', 'setUrlModifier']);
		expect(json?.[0]).toMatchObject({ urlModifier: 'op_sharpen=1' });
	});
});
