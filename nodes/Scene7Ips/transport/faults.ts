import { MAX_RESPONSE_BYTES } from './body';
import type { SoapFault, UnreadableKind } from './response';

export interface Explanation {
	message: string;
	description: string;
}

const said = (fault: SoapFault) => (fault.reason ? ` Scene7 said: "${fault.reason}"` : '');

/** A Scene7 fault in plain words: what happened (message) and how to fix it (description). */
export function explainFault(fault: SoapFault, operation: string): Explanation {
	const code = fault.code === undefined ? '' : ` (${fault.code})`;
	switch (fault.type) {
		case 'authenticationFault':
			if (fault.code === 10000) {
				return {
					message: `Scene7 received no user name or password${code}`,
					description: 'Fill in User and Password in the Scene7 IPS API credential.',
				};
			}
			return {
				message: `Scene7 rejected the user name or password${code}`,
				description:
					"Check User (the IPS user's e-mail address) and Password in the Scene7 IPS API credential, " +
					`and that its Region or Service URL is your company's IPS server.${said(fault)}`,
			};
		case 'authorizationFault':
			if (fault.code === 20003) {
				return {
					message: `Your Scene7 user's role may not use ${operation}${code}`,
					description:
						'Use a credential of a user with a role that allows it (for example IPS User or Company ' +
						`Administrator), or ask a Scene7 administrator to change the role.${said(fault)}`,
				};
			}
			return {
				message: `Scene7 refused access: ${fault.reason}${code}`,
				description:
					'Check that the company, folder and asset belong to a company this user is a member of, ' +
					"and that the user's role allows the operation.",
			};
		case 'ipsApiFault':
			if (fault.code === 30003) {
				return {
					message: `Scene7 could not read the ${operation} request${code}`,
					description:
						"If the credential's API Version is newer than your IPS server, choose an older one." +
						said(fault),
				};
			}
			return {
				message: `Scene7 could not run ${operation}: ${fault.reason}${code}`,
				description: "Check the values of the fields named in Scene7's reason.",
			};
		default:
			return {
				message: `Scene7 answered ${operation} with a SOAP fault: ${fault.faultstring || fault.faultcode}`,
				description: "The fault carried no IPS code. Check the node's fields and the credential.",
			};
	}
}

const CHECK_ENDPOINT =
	'Check the Region or Service URL of the Scene7 IPS API credential; if it is right, Scene7 or a proxy on the way may be down, so try again later.';

/** A body that is not a usable SOAP answer, in plain words. */
export function explainUnreadable(kind: UnreadableKind, status: number, detail: string): Explanation {
	const http = `HTTP ${status}`;
	switch (kind) {
		case 'empty':
			return { message: `Scene7 sent an empty response (${http})`, description: CHECK_ENDPOINT };
		case 'html':
			return {
				message: `Scene7 answered with a web page instead of a SOAP response (${http})`,
				description: `A web server, gateway or proxy answered instead of the IPS API. ${CHECK_ENDPOINT}`,
			};
		case 'doctype':
			return {
				message: `Scene7's response contains a DOCTYPE declaration, which is refused for safety (${http})`,
				description: `IPS never sends DOCTYPE declarations, so this answer did not come from the IPS API. ${CHECK_ENDPOINT}`,
			};
		case 'truncated':
			return {
				message: `Scene7's response ended before the SOAP envelope was complete (${http})`,
				description: `The connection probably broke while the answer was being sent. Try again.`,
			};
		case 'tooLarge':
			return {
				message: `Scene7's response is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB and was not read (${http})`,
				description: `No IPS answer this node asks for is that large, so it did not come from the IPS API. ${CHECK_ENDPOINT}`,
			};
		case 'unexpected':
			return {
				message: `Scene7's response has no result for this operation (${http}): ${detail}`,
				description: `Check the API Version of the Scene7 IPS API credential. ${CHECK_ENDPOINT}`,
			};
		case 'notSoap':
		case 'notXml':
		default:
			return {
				message: `Scene7's response is not a SOAP envelope (${http})`,
				description: `${CHECK_ENDPOINT}${detail ? ` Details: ${detail}` : ''}`,
			};
	}
}
