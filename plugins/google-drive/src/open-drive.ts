// The implementation of the drive backend, loaded only when a drive remote is
// opened or configured: the hook that lists backends must stay cheap.
import {
  HttpClient,
  httpClientFor,
  OAuthTokenSource,
  pacerFor,
  parseToken,
  runAuthCodeFlow,
  serializeToken,
  UnauthorizedError,
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
  if (!options.token) {
    throw new UnauthorizedError(`remote "${remote}" has no token: it was never authorized`, {
      hint: `run "rsyncish config reconnect ${remote}:"`,
    });
  }
  const tokenHttp = httpClientFor(ctx, { userAgent: USER_AGENT });
  const tokenSource = new OAuthTokenSource({
    token: parseToken(options.token, remote),
    tokenUrl: options.tokenUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    remote,
    http: tokenHttp,
    logger: ctx.logger,
    now: () => ctx.now(),
    save: (token) => ctx.saveOptions({ token }),
  });
  const http = httpClientFor(ctx, { userAgent: USER_AGENT, tokenSource, mapError: driveErrorMapper(remote) });
  const api = new DriveApi(http, pacerFor(ctx, { settings: { ...drivePacer(options.pacerMinSleepMs), ...pacer } }), options.endpoint, options.listChunk);
  return new DriveBackend({
    api,
    options,
    logger: ctx.logger,
    root: ctx.root,
    account: `${remote}\n${options.endpoint}\n${options.rootFolderId}`,
    name: `${remote}:${ctx.root}`,
    close: async () => {
      await http.close();
      await tokenHttp.close();
    },
  });
}

/**
 * The OAuth step of `rsyncish config`: a pasted token (from `rsyncish
 * authorize drive`) is kept; otherwise the browser flow runs on 127.0.0.1:53682.
 */
export async function setupDrive(ctx: SetupContext, port = REDIRECT_PORT): Promise<Record<string, string>> {
  const v = ctx.values;
  if (v['token']) return { token: serializeToken(parseToken(v['token'], ctx.remoteName)) };
  const http = new HttpClient({ userAgent: USER_AGENT, transport: ctx.http });
  const token = await runAuthCodeFlow({
    http,
    authUrl: v['auth_url'] || DEFAULT_AUTH_URL,
    tokenUrl: v['token_url'] || DEFAULT_TOKEN_URL,
    clientId: v['client_id'] ?? '',
    clientSecret: v['client_secret'] ?? '',
    scopes: driveScopes(v['scope'] ?? ''),
    // Google gives a refresh token only to offline access.
    extraParams: { access_type: 'offline' },
    port,
    print: (line) => ctx.print(line),
  }).finally(() => http.close());
  return { token: serializeToken(token) };
}
