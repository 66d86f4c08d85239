/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Under tsx, `import … from '…/Scene7Ips.node'` (as test/support/engine.ts has it) finds
// Scene7Ips.node.json: Node tries .json before the .ts extension tsx adds. Jest tries .ts first.
// Import this module before anything else so the benchmarks load the node's class, as the tests do.
import Module from 'node:module';

const extensions = (Module as unknown as { _extensions: Record<string, unknown> })._extensions;
const json = extensions['.json'];
delete extensions['.json'];
extensions['.json'] = json;
