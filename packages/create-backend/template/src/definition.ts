import { BACKEND_API_VERSION, FatalBackendError, type BackendDefinition } from '@rsyncish/core';
import { __TYPE__Capabilities } from './capabilities.js';
import { __TYPE__Options } from './options.js';

/** The `__TYPE__` backend type: `type = __TYPE__` in the config file. */
export const __TYPE__Backend: BackendDefinition = {
  apiVersion: BACKEND_API_VERSION,
  type: '__TYPE__',
  description: 'Files kept in a folder (root_dir)',
  options: __TYPE__Options,
  capabilities: __TYPE__Capabilities,
  async create(ctx) {
    const rootDir = ctx.options.root_dir;
    if (typeof rootDir !== 'string' || rootDir === '') {
      throw new FatalBackendError(`${ctx.remoteName}: root_dir is not set`, {
        hint: `set it with: rsyncish config update ${ctx.remoteName} root_dir=/some/folder`,
      });
    }
    // Loaded only when a remote is opened: the hook runs at every rsyncish start.
    const { __CLASS__ } = await import('./backend.js');
    return new __CLASS__({ rootDir, root: ctx.root, name: `${ctx.remoteName}:${ctx.root}` });
  },
};
