import { BACKEND_API_VERSION, type BackendDefinition } from '@rsyncish/core';
import { localCapabilities } from './capabilities.js';
import { LocalBackend } from './local-backend.js';
import { LOCAL_OPTIONS, readLocalOptions } from './options.js';

/** The `local` backend type: plain paths on the command line, or `type = local` remotes. */
export const localBackend: BackendDefinition = {
  apiVersion: BACKEND_API_VERSION,
  type: 'local',
  description: 'Local Disk',
  options: LOCAL_OPTIONS,
  capabilities: localCapabilities(),
  create(ctx) {
    return new LocalBackend({
      root: ctx.root,
      options: readLocalOptions(ctx),
      logger: ctx.logger,
      name: ctx.remoteName ? `${ctx.remoteName}:${ctx.root}` : undefined,
    });
  },
};
