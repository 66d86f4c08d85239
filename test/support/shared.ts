/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// Reference files read from the shared folder next to the repository (../shared), never copied into it.
// SCENE7_SHARED_DIR points elsewhere (e.g. at a folder without them, to see what skips).
import { existsSync } from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const FROM_ENV = process.env.SCENE7_SHARED_DIR?.trim();

export const SHARED_DIR = FROM_ENV ? path.resolve(FROM_ENV) : path.resolve(REPO_ROOT, '..', 'shared');

/** Adobe's published IPS WSDL (API version 2014-04-03). */
export const ADOBE_WSDL = path.join(SHARED_DIR, 'wsdl', 'IpsApi-2014-04-03.wsdl');

export const hasAdobeWsdl = existsSync(ADOBE_WSDL);

/** Why the tests that read Adobe's WSDL are skipped when it is absent. */
export const NO_ADOBE_WSDL = FROM_ENV
	? `${ADOBE_WSDL} not found (SCENE7_SHARED_DIR=${FROM_ENV})`
	: `${path.relative(REPO_ROOT, ADOBE_WSDL)} not found (Adobe's WSDL, read from outside the repository; SCENE7_SHARED_DIR points elsewhere)`;
