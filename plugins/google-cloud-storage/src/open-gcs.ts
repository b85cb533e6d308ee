// The implementation of the gcs backend, loaded only when a gcs remote is opened
// or configured: the hook that lists backends must stay cheap for every command.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import {
  cleanRemotePath,
  ConfigError,
  HttpClient,
  httpClientFor,
  pacerFor,
  parseToken,
  remoteTokenSource,
  serializeToken,
  setupOAuthRemote,
  UnauthorizedError,
  type AccessTokenSource,
  type BackendContext,
  type SetupContext,
} from '@rsyncish/core';
import { gcsErrorMapper } from './api/error-mapper.js';
import { GcsApi } from './api/gcs-api.js';
import { GcsBackend } from './gcs-backend.js';
import { GOOGLE_AUTH_URL, GOOGLE_TOKEN_URL, readGcsOptions, type GcsOptions } from './options.js';
import { parseServiceAccountKey, ServiceAccountTokenSource, STORAGE_SCOPE } from './service-account.js';

const USER_AGENT = 'rsyncish/0.1.0';
/** Port of the local redirect server of the browser login, as rclone's. */
const REDIRECT_PORT = 53682;

/** Open one `gcs` remote: options, credentials (anonymous, service account or OAuth), HTTP client and pacer. */
export async function openGcs(ctx: BackendContext): Promise<GcsBackend> {
  const options = readGcsOptions(ctx);
  const remote = ctx.remoteName;
  const tokenHttp = httpClientFor(ctx, { userAgent: USER_AGENT });
  const auth = await tokenSourceFor(options, ctx, tokenHttp);
  const http = httpClientFor(ctx, { userAgent: USER_AGENT, tokenSource: auth.source, mapError: gcsErrorMapper(remote) });
  // rclone's gcs pacer (lib/pacer S3 with a 10 ms minimum): doubling on failure up to 2 s.
  const pacer = pacerFor(ctx, { settings: { minSleepMs: 10, maxSleepMs: 2000, decayConstant: 2, attackConstant: 1 } });
  const objectAcl = options.bucketPolicyOnly ? undefined : options.objectAcl || 'private';
  const bucketAcl = options.bucketPolicyOnly ? undefined : options.bucketAcl || 'private';
  const api = new GcsApi(http, pacer, options.endpoint, { object: objectAcl, bucket: bucketAcl });
  const root = cleanRemotePath(ctx.root);
  return new GcsBackend({
    name: `${remote}:${root}`,
    remoteName: remote,
    root,
    options,
    api,
    logger: ctx.logger,
    now: ctx.now,
    account: `${options.endpoint.href}\n${auth.identity}`,
    close: async () => {
      await http.close();
      await tokenHttp.close();
    },
  });
}

/** Who the remote acts as, in rclone's order: anonymous, a service account (credentials, then file), else the OAuth token. */
async function tokenSourceFor(options: GcsOptions, ctx: BackendContext, http: HttpClient): Promise<{ source?: AccessTokenSource; identity: string }> {
  const remote = ctx.remoteName;
  if (options.anonymous) return { identity: 'anonymous' };
  let credentials = options.serviceAccountCredentials;
  let where = `service_account_credentials of remote "${remote}"`;
  if (!credentials && options.serviceAccountFile) {
    const path = expandPath(options.serviceAccountFile);
    where = `service account file ${path}`;
    try {
      credentials = await readFile(path, 'utf8');
    } catch (err) {
      throw new ConfigError(`error opening service account credentials file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
        hint: `check service_account_file of remote "${remote}"`,
      });
    }
  }
  if (credentials) {
    const key = parseServiceAccountKey(credentials, where);
    return { source: new ServiceAccountTokenSource(key, http, ctx.now), identity: `sa:${key.clientEmail}` };
  }
  if (!options.token) {
    throw new UnauthorizedError(`remote "${remote}" has no token and no service account: it was never authorized`, {
      hint: `run "rsyncish config reconnect ${remote}:", or set service_account_file or anonymous = true`,
    });
  }
  const token = parseToken(options.token, remote);
  const source = remoteTokenSource(ctx, options, token, http);
  return { source, identity: `oauth:${options.clientId}\n${token.refreshToken}` };
}

/** `~/x` and `$VAR/x` as rclone's env.ShellExpand reads a key file path. */
function expandPath(path: string): string {
  const home = path === '~' || path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path;
  return home.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => process.env[(a ?? b)!] ?? '');
}

/**
 * The login step of `rsyncish config`: nothing for anonymous access or a
 * service account; a pasted token is kept; otherwise the browser flow runs on
 * 127.0.0.1:53682 against auth_url and token_url.
 */
export async function setupGcs(ctx: SetupContext): Promise<Record<string, string>> {
  const v = ctx.values;
  if (v['anonymous'] === 'true' || v['service_account_file'] || v['service_account_credentials']) return {};
  if (v['token']) return { token: serializeToken(parseToken(v['token'], ctx.remoteName)) };
  if (!v['client_id']) {
    throw new ConfigError(`remote "${ctx.remoteName}": client_id is needed for the browser login`, {
      hint: 'give the OAuth client id and secret of your Google Cloud project, or use service_account_file',
    });
  }
  return setupOAuthRemote(ctx, {
    userAgent: USER_AGENT,
    authUrl: GOOGLE_AUTH_URL,
    tokenUrl: GOOGLE_TOKEN_URL,
    scopes: [STORAGE_SCOPE],
    extraParams: { access_type: 'offline' },
    port: ctx.redirectPort ?? REDIRECT_PORT,
  });
}
