import { BACKEND_API_VERSION, defineOptions, type BackendDefinition } from '@rsyncish/core';
import { memoryCapabilities } from './capabilities.js';
import { MemoryBackend } from './memory-backend.js';
import { MemoryTree } from './tree.js';

/**
 * One tree per remote name for the life of the process, so `mem:a` and `mem:b`
 * in one command see the same storage. Everything is gone when the process
 * exits: useful in tests and as an example, not for keeping files.
 */
const trees = new Map<string, MemoryTree>();

/** The `memory` backend type: `[mem]` / `type = memory` in the config file. */
export const memoryBackend: BackendDefinition = {
  apiVersion: BACKEND_API_VERSION,
  type: 'memory',
  description: 'In-memory storage (lost when the process exits)',
  // No options. A backend with settings declares them with defineOptions and reads them with its
  // reader in create(): see plugins/s3/src/options.ts.
  options: defineOptions({}).specs,
  capabilities: memoryCapabilities,
  create(ctx) {
    let tree = trees.get(ctx.remoteName);
    if (!tree) trees.set(ctx.remoteName, (tree = new MemoryTree(ctx.now())));
    return new MemoryBackend({ tree, root: ctx.root, name: `${ctx.remoteName}:${ctx.root}`, now: ctx.now });
  },
};
