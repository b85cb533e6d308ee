import { BACKEND_API_VERSION, type BackendDefinition } from '@rsyncish/core';
import { gcsCapabilities } from './capabilities.js';
import { GCS_OPTIONS } from './options.js';

/**
 * The `gcs` backend type. Only the description is loaded with the hook; the
 * HTTP, auth and backend code is imported when a remote is opened or set up.
 */
export const gcsBackend: BackendDefinition = {
  apiVersion: BACKEND_API_VERSION,
  type: 'gcs',
  // rclone's name for this backend: an rclone.conf says `type = google cloud storage`.
  aliases: ['google cloud storage'],
  description: 'Google Cloud Storage (this is not Google Drive)',
  options: GCS_OPTIONS,
  capabilities: gcsCapabilities(),
  setup: async (ctx) => (await import('./open-gcs.js')).setupGcs(ctx),
  create: async (ctx) => (await import('./open-gcs.js')).openGcs(ctx),
};
