import { BACKEND_API_VERSION, type BackendDefinition } from '@rsyncish/core';
import { dropboxCapabilities } from './capabilities.js';
import { DROPBOX_OPTIONS } from './options.js';

/**
 * The `dropbox` backend type. Only the description is loaded with the hook;
 * the HTTP, OAuth and backend code is imported when a remote is opened or set up.
 */
export const dropboxBackend: BackendDefinition = {
  apiVersion: BACKEND_API_VERSION,
  type: 'dropbox',
  description: 'Dropbox',
  options: DROPBOX_OPTIONS,
  capabilities: dropboxCapabilities(),
  setup: async (ctx) => {
    const { setupDropbox, DEFAULT_REDIRECT_PORT } = await import('./open-dropbox.js');
    return setupDropbox(ctx, ctx.redirectPort ?? DEFAULT_REDIRECT_PORT);
  },
  create: async (ctx) => (await import('./open-dropbox.js')).createDropboxBackend(ctx),
};
