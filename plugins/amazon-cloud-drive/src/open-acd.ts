// The implementation of the acd backend, loaded only when an acd remote is opened
// or configured: the hook that lists backends must stay cheap for every command.
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
  type SetupContext,
} from '@rsyncish/core';
import { AcdApi } from './api/acd-api.js';
import { acdErrorMapper } from './api/error-mapper.js';
import { AcdBackend } from './backend.js';
import { DEFAULT_INTERNALS, type AcdInternals } from './internals.js';
import { DEFAULT_AUTH_URL, DEFAULT_TOKEN_URL, readAcdOptions } from './options.js';
import { ACD_PACER } from './pacer-settings.js';
import { ACD_SCOPES } from './scopes.js';

const USER_AGENT = 'rsyncish/0.1.0';

/** Open one `acd` remote; `internals` shortens rclone's fixed timings for tests. */
export async function createAcdBackend(ctx: BackendContext, internals: Partial<AcdInternals> = {}): Promise<AcdBackend> {
  const tune: AcdInternals = { ...DEFAULT_INTERNALS, ...internals };
  const options = readAcdOptions(ctx);
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
  const http = httpClientFor(ctx, { userAgent: USER_AGENT, tokenSource, mapError: acdErrorMapper(remote) });
  const pacer = pacerFor(ctx, { settings: { ...ACD_PACER, ...tune.pacer }, ...tune.pacerClock });
  const api = new AcdApi(http, pacer, options.endpoint, ctx.logger);
  return new AcdBackend({
    api,
    options,
    internals: tune,
    logger: ctx.logger,
    root: ctx.root,
    account: `${remote}\n${options.endpoint}`,
    name: `${remote}:${ctx.root}`,
    lowLevelRetries: Math.max(1, ctx.globals.lowLevelRetries),
    checkpoint: typeof ctx.options['checkpoint'] === 'string' && ctx.options['checkpoint'] ? ctx.options['checkpoint'] : undefined,
    saveCheckpoint: (checkpoint) => ctx.saveOptions({ checkpoint }),
    close: async () => {
      await http.close();
      await tokenHttp.close();
    },
  });
}

/**
 * The OAuth step of `rsyncish config`: a pasted token (from `rsyncish
 * authorize acd`) is kept; otherwise the browser flow runs on 127.0.0.1:53682.
 */
export async function setupAcd(ctx: SetupContext, port = DEFAULT_INTERNALS.redirectPort): Promise<Record<string, string>> {
  const v = ctx.values;
  if (v['token']) return { token: serializeToken(parseToken(v['token'], ctx.remoteName)) };
  const http = new HttpClient({ userAgent: USER_AGENT, transport: ctx.http });
  const token = await runAuthCodeFlow({
    http,
    authUrl: v['auth_url'] || DEFAULT_AUTH_URL,
    tokenUrl: v['token_url'] || DEFAULT_TOKEN_URL,
    clientId: v['client_id'] ?? '',
    clientSecret: v['client_secret'] ?? '',
    scopes: ACD_SCOPES,
    extraParams: { access_type: 'offline' },
    port,
    print: (line) => ctx.print(line),
  }).finally(() => http.close());
  return { token: serializeToken(token) };
}

