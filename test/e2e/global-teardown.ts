/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// Removes the tarball folder the global setup packed into.
import { rmSync } from 'node:fs';
import path from 'node:path';

import { TARBALL_ENV } from './lib/package';

export default function globalTeardown(): void {
	const tarball = process.env[TARBALL_ENV];
	if (tarball && path.basename(path.dirname(tarball)).startsWith('scene7-e2e-pack-')) {
		rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
}
