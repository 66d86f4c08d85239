import { connectionRefused, connectionReset, imageParameters, param, paramOf, refusal, run, scripted, soapResult } from '../support';

const parameters = imageParameters('replace', { urlModifier: 'wid=800&fmt=jpg' });

const replaced = soapResult('replaceImage', '<assetHandle>a|739|1|537</assetHandle>');

describe('Image > Replace', () => {
	it('sends replaceImage and outputs the handle Scene7 returned', async () => {
		const { json, sent } = await run(parameters(), scripted({ replaceImage: [replaced] }));
		expect(sent.map(paramOf)).toEqual([
			param(
				'replaceImage',
				'<companyHandle>c|6</companyHandle><assetHandle>a|739|1|537</assetHandle><urlModifier>wid=800&amp;fmt=jpg</urlModifier>',
			),
		]);
		expect(json).toEqual([{ assetHandle: 'a|739|1|537', companyHandle: 'c|6', urlModifier: 'wid=800&fmt=jpg' }]);
	});

	it('checks the URL Modifier unless turned off', async () => {
		const refused = await run(parameters({ urlModifier: 'wid=abc' }), scripted({}));
		expect(refused.error?.message).toMatch(/^URL Modifier is not valid Image Serving syntax: .+ \[item 0\]$/);
		expect(refused.sent).toHaveLength(0);

		const sent = await run(
			parameters({ urlModifier: 'wid=abc', options: { validateUrlModifier: false } }),
			scripted({ replaceImage: [replaced] }),
		);
		expect(sent.operations).toEqual(['replaceImage']);
	});

	it('refuses an empty URL Modifier', async () => {
		expect(await refusal(parameters({ urlModifier: '' }))).toBe('URL Modifier is empty [item 0]');
	});

	it('never sends a replacement twice when its outcome is unknown', async () => {
		const { error, operations } = await run(parameters(), scripted({ replaceImage: [connectionReset, replaced] }));
		expect(operations).toEqual(['replaceImage']);
		expect(error?.message).toBe('Could not reach Scene7 for replaceImage: the connection was reset');
	});

	it('tries again when the call certainly did not arrive', async () => {
		const { json, operations } = await run(parameters(), scripted({ replaceImage: [connectionRefused, replaced] }));
		expect(operations).toEqual(['replaceImage', 'replaceImage']);
		expect(json?.[0]).toMatchObject({ assetHandle: 'a|739|1|537' });
	});

	it('reports an answer without a handle', async () => {
		const { error } = await run(parameters(), scripted({ replaceImage: [soapResult('replaceImage', '')] }));
		expect(error?.message).toBe("Scene7 answered the replacement without the image's handle");
	});
});
