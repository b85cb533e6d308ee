import { BACKEND_API_VERSION, type BackendDefinition } from '@rsyncish/core';
import { acdCapabilities } from './capabilities.js';
import { DEFAULT_INTERNALS } from './internals.js';
import { ACD_OPTIONS } from './options.js';

/**
 * The `acd` backend type. Only the description is loaded with the hook; the
 * HTTP, OAuth and backend code is imported when a remote is opened or set up.
 */
export const acdBackend: BackendDefinition = {
  apiVersion: BACKEND_API_VERSION,
  type: 'acd',
  // rclone's name for this backend: an rclone.conf says `type = amazon cloud drive`.
  aliases: ['amazon cloud drive'],
  description: 'Amazon Cloud Drive',
  options: ACD_OPTIONS,
  capabilities: acdCapabilities(),
  setup: async (ctx) => (await import('./open-acd.js')).setupAcd(ctx, ctx.redirectPort ?? DEFAULT_INTERNALS.redirectPort),
  create: async (ctx) => (await import('./open-acd.js')).createAcdBackend(ctx),
};
