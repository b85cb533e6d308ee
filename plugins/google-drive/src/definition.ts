import { BACKEND_API_VERSION, type BackendDefinition } from '@rsyncish/core';
import { driveCapabilities } from './capabilities.js';
import { DRIVE_OPTIONS } from './options.js';

/** The OAuth redirect server port rclone uses (oauthutil.RedirectURL). */
export const REDIRECT_PORT = 53682;

/**
 * The `drive` backend type. Only the description is loaded with the hook; the
 * HTTP, OAuth and backend code is imported when a remote is opened or set up.
 */
export const driveBackend: BackendDefinition = {
  apiVersion: BACKEND_API_VERSION,
  type: 'drive',
  description: 'Google Drive',
  options: DRIVE_OPTIONS,
  capabilities: driveCapabilities(),
  setup: async (ctx) => (await import('./open-drive.js')).setupDrive(ctx, ctx.redirectPort ?? REDIRECT_PORT),
  create: async (ctx) => (await import('./open-drive.js')).createDriveBackend(ctx),
};
