/* eslint-disable no-console */
// 2. Parsing: a searchAssets answer of 1,000 image assets (about 1 MB, every Asset and ImageInfo
// field IPS sends) read the way the node reads it (parseSoapResponse, then the asset mapping of
// Image > Get Many or of the image search behind the editor's list), versus fast-xml-parser alone
// on the same text.
import { XMLParser } from 'fast-xml-parser';
import type { IDataObject } from 'n8n-workflow';

import { toAssetOutput } from '../nodes/Scene7Ips/helpers/output';
import { itemsOf, Scene7Client } from '../nodes/Scene7Ips/client/lookups';
import { parseSoapResponse } from '../nodes/Scene7Ips/transport/response';
import { fakeExecuteContext } from '../test/support/executeContext';
import { type BenchResult, check, describeCheck, fmt, interleave, medianOf, pairedRatio, printTable, type Timing, writeResult } from './lib';
import { soapResult } from './server';

const ASSETS = 1000;
const ROUNDS = 15;
const TARGET_RATIO = 1.2;

/** One asset as IPS writes it in an assetArray, about 1 kB. */
function assetXml(n: number): string {
	const id = String(n).padStart(4, '0');
	const folder = `ApiTestCo/summer-2024/set-${n % 7}/`;
	const file = `SUMMER24_LB_${id}_front.tif`;
	const fields: Array<[string, string]> = [
		['assetHandle', `a|739|1|${10_000 + n}`],
		['type', 'Image'],
		['name', `SUMMER24_LB_${id}`],
		['fileName', file],
		['folder', folder],
		['folderHandle', `f|${folder}`],
		['readyForPublish', n % 5 === 0 ? 'false' : 'true'],
		['trashState', 'NotInTrash'],
		['created', `2024-05-${String(1 + (n % 28)).padStart(2, '0')}T09:21:33.000-07:00`],
		['createUser', 'ips-company-admin@example.com'],
		['lastModified', '2024-06-12T16:02:11.000-07:00'],
		['lastModifyUser', 'web-service-user@example.com'],
	];
	const imageInfo: Array<[string, string]> = [
		['originalPath', folder],
		['originalFile', file],
		['optimizedPath', folder],
		['optimizedFile', file.replace(/\.tif$/, '.ptif')],
		['width', String(4000 + n)],
		['height', '3000'],
		['fileSize', String(36_000_000 + n * 17)],
		['resolution', '300.0'],
		['sku', `SKU-24-${id}`],
		['description', `Look ${id}: beach &amp; pier, front &lt;v2&gt;`],
		['anchorX', '2000'],
		['anchorY', '1500'],
		['urlModifier', 'op_sharpen=1&amp;qlt=85'],
		['urlPostApplyModifier', ''],
	];
	const element = ([name, value]: [string, string]) => (value === '' ? `<${name}/>` : `<${name}>${value}</${name}>`);
	return `<items>${fields.map(element).join('')}<imageInfo>${imageInfo.map(element).join('')}</imageInfo></items>`;
}

export function searchAssetsAnswer(count: number): string {
	const items = Array.from({ length: count }, (_, n) => assetXml(n)).join('');
	return soapResult('searchAssets', `<totalRows>${count * 3}</totalRows><assetArray>${items}</assetArray>`);
}

/** The options of the node's own parser (transport/response.ts), so both sides parse alike. */
const NODE_PARSER_OPTIONS = {
	ignoreAttributes: true,
	removeNSPrefix: true,
	parseTagValue: false,
	ignoreDeclaration: true,
	ignorePiTags: true,
	processEntities: true,
	htmlEntities: {} as unknown as boolean,
	isArray: (name: string) => name === 'items',
};

export async function run(): Promise<BenchResult> {
	console.log(`\n== 2. Parsing a searchAssets answer of ${ASSETS} assets ==`);
	const text = searchAssetsAnswer(ASSETS);
	const bytes = Buffer.byteLength(text);
	const sameOptions = new XMLParser(NODE_PARSER_OPTIONS);
	const defaults = new XMLParser();
	const { loadOptionsContext } = fakeExecuteContext({ parameters: {}, respond: () => ({ statusCode: 200, body: text }) });

	const expectAll = (assets: unknown[]) => {
		if (assets.length !== ASSETS) throw new Error(`Parsed ${assets.length} assets, expected ${ASSETS}`);
	};
	const labels = {
		fxp: "fast-xml-parser alone, the node's parser options",
		fxpDefaults: 'fast-xml-parser alone, default options',
		parseOnly: 'node: parseSoapResponse',
		getMany: 'node: parseSoapResponse + Get Many mapping (toAssetOutput)',
		searchPage: 'node: searchImagesPage (request + parse + asset summaries)',
	};
	const timings = await interleave(
		{
			fxp: async () => sameOptions.parse(text),
			fxpDefaults: async () => defaults.parse(text),
			parseOnly: async () => parseSoapResponse(text, 'searchAssets'),
			getMany: async () => {
				const outcome = parseSoapResponse(text, 'searchAssets');
				if (outcome.kind !== 'result') throw new Error(`Not a result: ${outcome.kind}`);
				expectAll(itemsOf(outcome.result.assetArray).map((asset: IDataObject) => toAssetOutput(asset, 'c|6')));
			},
			searchPage: async () => expectAll((await new Scene7Client(loadOptionsContext).searchImagesPage('c|6', '', 1)).assets),
		},
		{ rounds: ROUNDS, warmups: 3 },
	);
	const names = Object.keys(labels) as Array<keyof typeof labels>;
	const ms = Object.fromEntries(names.map((name) => [name, medianOf(timings[name])])) as Record<keyof typeof labels, Timing>;
	printTable(
		`${fmt(bytes / 1e6, 2)} MB (${bytes.toLocaleString('en-US')} bytes), ${ASSETS} assets; medians of ${ROUNDS} interleaved rounds`,
		['variant', 'wall ms', 'CPU ms', 'MB/s', 'vs fast-xml-parser (paired, wall)', '(CPU)'],
		names.map((name) => [
			labels[name],
			fmt(ms[name].wallMs, 2),
			fmt(ms[name].cpuMs, 2),
			fmt(bytes / 1e6 / (ms[name].wallMs / 1000)),
			`${fmt(pairedRatio(timings[name], timings.fxp), 2)}x`,
			`${fmt(pairedRatio(timings[name], timings.fxp, 'cpuMs'), 2)}x`,
		]),
	);
	const checks = [
		check('parsing: parseSoapResponse + Get Many mapping / fast-xml-parser', pairedRatio(timings.getMany, timings.fxp), 'max', TARGET_RATIO, 'x'),
		check('parsing: searchImagesPage / fast-xml-parser', pairedRatio(timings.searchPage, timings.fxp), 'max', TARGET_RATIO, 'x'),
	];
	for (const c of checks) console.log(`${c.name}: ${describeCheck(c)}`);
	writeResult('parse', {
		assets: ASSETS,
		bytes,
		rounds: ROUNDS,
		medians: ms,
		mbPerSecond: Object.fromEntries(names.map((name) => [name, bytes / 1e6 / (ms[name].wallMs / 1000)])),
		runs: timings,
		checks,
	});
	return { name: 'parse', checks };
}
