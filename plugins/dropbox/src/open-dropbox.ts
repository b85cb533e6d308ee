// The implementation of the dropbox backend, loaded only when a dropbox remote is opened
// or configured: the hook that lists backends must stay cheap for every command.
import {
  authorizedHttpFor,
  pacerFor,
  setupOAuthRemote,
  type BackendContext,
  type SetupContext,
} from '@rsyncish/core';
import { DropboxApi } from './api/dropbox-api.js';
import { dropboxErrorMapper } from './api/error-mapper.js';
import { DropboxBackend } from './backend.js';
import { batchSettings } from './batch-settings.js';
import { DEFAULT_AUTH_URL, DEFAULT_TOKEN_URL, readDropboxOptions } from './options.js';
import { DROPBOX_PACER } from './pacer-settings.js';
import { DROPBOX_SCOPES } from './scopes.js';
import { CommitBatcher } from './upload/commit-batcher.js';
import { Uploader } from './upload/uploader.js';

const USER_AGENT = 'rsyncish/0.1.0';
export const DEFAULT_REDIRECT_PORT = 53682;

/** Open one `dropbox` remote. */
export async function createDropboxBackend(ctx: BackendContext): Promise<DropboxBackend> {
  const options = readDropboxOptions(ctx);
  const remote = ctx.remoteName;
  const { http, close } = authorizedHttpFor(ctx, options, { userAgent: USER_AGENT, mapError: dropboxErrorMapper(remote) });
  const pacer = pacerFor(ctx, { settings: DROPBOX_PACER });
  const api = new DropboxApi(http, pacer, options.apiEndpoint, options.contentEndpoint);
  const name = `${remote}:${ctx.root}`;
  const batch = batchSettings(options, ctx.globals.transfers ?? 4);
  const batcher = batch
    ? new CommitBatcher(
      batch,
      (entries) => (options.batchMode === 'async' ? api.finishBatchAsync(entries, options.batchCommitTimeoutMs) : api.finishBatch(entries)),
      ctx.logger,
      name,
    )
    : undefined;
  const attempts = Math.max(1, ctx.globals.lowLevelRetries);
  const uploader = new Uploader({ api, pacer, chunkSize: options.chunkSize, batcher, attempts, logger: ctx.logger });
  return new DropboxBackend({
    api,
    uploader,
    batcher,
    options,
    logger: ctx.logger,
    root: ctx.root,
    account: `${remote}\n${options.apiEndpoint}`,
    name,
    close,
  });
}

/**
 * The OAuth step of `rsyncish config`: a pasted token (from `rsyncish
 * authorize dropbox`) is kept; otherwise the browser flow runs on
 * 127.0.0.1:53682, asking for a refresh token (token_access_type=offline) as rclone does.
 */
export async function setupDropbox(ctx: SetupContext, port = DEFAULT_REDIRECT_PORT): Promise<Record<string, string>> {
  return setupOAuthRemote(ctx, {
    userAgent: USER_AGENT,
    authUrl: DEFAULT_AUTH_URL,
    tokenUrl: DEFAULT_TOKEN_URL,
    scopes: DROPBOX_SCOPES,
    extraParams: { token_access_type: 'offline' },
    port,
  });
}
