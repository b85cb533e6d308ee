import { BACKEND_API_VERSION, type BackendDefinition } from '@rsyncish/core';
import { localCapabilities } from './capabilities.js';
import { LOCAL_OPTIONS, readLocalOptions } from './options.js';

/** The `local` backend type: plain paths on the command line, or `type = local` remotes. */
export const localBackend: BackendDefinition = {
  apiVersion: BACKEND_API_VERSION,
  type: 'local',
  description: 'Local Disk',
  options: LOCAL_OPTIONS,
  capabilities: localCapabilities(),
  async create(ctx) {
    // Loaded here, not at the top: a start reads the definitions of every
    // backend and the implementation of those it opens (scripts/bundles.cjs).
    const { LocalBackend } = await import('./local-backend.js');
    return new LocalBackend({
      // A local remote's path is a filesystem path: `backup:/mnt/x` is absolute.
      root: ctx.rawRoot ?? ctx.root,
      options: readLocalOptions(ctx),
      logger: ctx.logger,
      name: ctx.remoteName ? `${ctx.remoteName}:${ctx.rawRoot ?? ctx.root}` : undefined,
    });
  },
};
