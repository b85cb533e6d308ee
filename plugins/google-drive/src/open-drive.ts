// The implementation of the drive backend, loaded only when a drive remote is
// opened or configured: the hook that lists backends must stay cheap.
import {
  authorizedHttpFor,
  pacerFor,
  setupOAuthRemote,
  type BackendContext,
  type PacerSettings,
  type SetupContext,
} from '@rsyncish/core';
import { DriveApi } from './api/drive-api.js';
import { driveErrorMapper } from './api/error-mapper.js';
import { DriveBackend } from './backend.js';
import { REDIRECT_PORT } from './definition.js';
import { DEFAULT_AUTH_URL, DEFAULT_TOKEN_URL, driveScopes, readDriveOptions } from './options.js';
import { drivePacer } from './pacer-settings.js';

const USER_AGENT = 'rsyncish/0.1.0';

/** Open one `drive` remote; `pacer` overrides the declared pacing (tests). */
export async function createDriveBackend(ctx: BackendContext, pacer: Partial<PacerSettings> = {}): Promise<DriveBackend> {
  const options = readDriveOptions(ctx);
  const remote = ctx.remoteName;
  const { http, close } = authorizedHttpFor(ctx, options, { userAgent: USER_AGENT, mapError: driveErrorMapper(remote) });
  const api = new DriveApi(http, pacerFor(ctx, { settings: { ...drivePacer(options.pacerMinSleepMs), ...pacer } }), options.endpoint, options.listChunk);
  return new DriveBackend({
    api,
    options,
    logger: ctx.logger,
    root: ctx.root,
    account: `${remote}\n${options.endpoint}\n${options.rootFolderId}`,
    name: `${remote}:${ctx.root}`,
    close,
  });
}

/**
 * The OAuth step of `rsyncish config`: a pasted token (from `rsyncish
 * authorize drive`) is kept; otherwise the browser flow runs on 127.0.0.1:53682.
 */
export async function setupDrive(ctx: SetupContext, port = REDIRECT_PORT): Promise<Record<string, string>> {
  return setupOAuthRemote(ctx, {
    userAgent: USER_AGENT,
    authUrl: DEFAULT_AUTH_URL,
    tokenUrl: DEFAULT_TOKEN_URL,
    scopes: driveScopes(ctx.values['scope'] ?? ''),
    // Google gives a refresh token only to offline access.
    extraParams: { access_type: 'offline' },
    port,
  });
}
