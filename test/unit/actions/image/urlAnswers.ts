// Scripted IPS answers for the lookups behind imageUrl: Scene7's Image Server URL and the company's root.
import { soapResult } from '../support';

export const IMAGE_SERVER = 'https://s7d1.scene7.com/is/image/';

export const urlLookups = {
	getProperty: [soapResult('getProperty', `<value>${IMAGE_SERVER}</value>`)],
	getCompanyInfo: [
		soapResult('getCompanyInfo', '<companyInfo><companyHandle>c|6</companyHandle><name>ApiTestCo</name><rootPath>ApiTestCo/</rootPath></companyInfo>'),
	],
};
