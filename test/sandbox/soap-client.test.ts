// An independent SOAP stack (node-soap's client, driven by the sandbox's WSDL) talks to the sandbox.
import * as soap from 'soap';

import { authHeaderXml } from './raw-soap';
import { DEMO, SEED } from './server';
import { useSandbox } from './useSandbox';

const sandbox = useSandbox();

async function client(
	version = '2014-04-03',
	header = authHeaderXml({}, `http://www.scene7.com/IpsApi/xsd/${version}`),
) {
	const c = await soap.createClientAsync(`${sandbox().url}/scene7/webservice/IpsApi-${version}.wsdl`);
	if (header) c.addSoapHeader(header);
	return c;
}

interface SoapFaultError {
	root?: {
		Envelope?: {
			Body?: {
				Fault?: {
					faultcode?: string;
					faultstring?: string;
					detail?: Record<string, { code?: number | string; reason?: string }>;
				};
			};
		};
	};
	response?: { status?: number };
}

describe('node-soap client against the sandbox WSDL', () => {
	it('reads arrays and nested types back', async () => {
		const c = await client();
		const [membership] = await c.getCompanyMembershipAsync({});
		expect(
			membership.membershipArray.items.map(
				(m: { company: { companyHandle: string } }) => m.company.companyHandle,
			),
		).toEqual(['c|6', 'c|7']);
		expect(membership.membershipArray.items[0].isActive).toBe(true);
		const [search] = await c.searchAssetsAsync({
			companyHandle: 'c|6',
			folder: SEED.folders.summer,
			includeSubfolders: true,
			assetTypeArray: { items: ['Image'] },
			sortBy: 'Name',
		});
		expect(search.totalRows).toBe(2);
		expect(search.assetArray.items.map((a: { name: string }) => a.name)).toEqual([
			'sale-banner',
			'summer-hero',
		]);
		expect(search.assetArray.items[1].imageInfo.width).toBe(2400);
	});

	it('receives a fault it can read: code and reason from the detail', async () => {
		const c = await client();
		const error = (await c
			.copyImageAsync({
				companyHandle: 'c|6',
				assetHandle: DEMO.assetHandle,
				folderHandle: 'ApiTestCo/',
				name: 'summer-hero',
				urlModifier: '',
			})
			.then(
				() => undefined,
				(e: unknown) => e,
			)) as SoapFaultError;
		expect(error?.response?.status).toBe(500);
		const fault = error?.root?.Envelope?.Body?.Fault;
		expect(fault?.faultcode).toBe('soapenv:Server');
		expect(fault?.faultstring).toBe('ipsApiFault');
		expect(fault?.detail?.ipsApiFault).toEqual({
			code: '30000',
			reason: "Asset ID 'summer-hero' is already in use.",
		});
	});

	it('works with the 2008-01-15 WSDL and the version-free authHeader', async () => {
		const c = await client('2008-01-15', authHeaderXml());
		const [result] = await c.copyImageAsync({
			companyHandle: 'c|6',
			assetHandle: DEMO.assetHandle,
			folderHandle: 'ApiTestCo/summer/',
			name: 'old-api-copy',
			urlModifier: 'wid=100',
		});
		expect(result.assetHandle).toMatch(/^a\|/);
		expect(sandbox().requests[0].namespace).toBe('http://www.scene7.com/IpsApi/xsd/2008-01-15');
	});
});
