// The implementation of the acd backend, loaded only when an acd remote is opened
// or configured: the hook that lists backends must stay cheap for every command.
import {
  authorizedHttpFor,
  pacerFor,
  setupOAuthRemote,
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
  const { http, close } = authorizedHttpFor(ctx, options, { userAgent: USER_AGENT, mapError: acdErrorMapper(remote) });
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
    close,
  });
}

/**
 * The OAuth step of `rsyncish config`: a pasted token (from `rsyncish
 * authorize acd`) is kept; otherwise the browser flow runs on 127.0.0.1:53682.
 */
export async function setupAcd(ctx: SetupContext, port = DEFAULT_INTERNALS.redirectPort): Promise<Record<string, string>> {
  return setupOAuthRemote(ctx, {
    userAgent: USER_AGENT,
    authUrl: DEFAULT_AUTH_URL,
    tokenUrl: DEFAULT_TOKEN_URL,
    scopes: ACD_SCOPES,
    extraParams: { access_type: 'offline' },
    port,
  });
}

