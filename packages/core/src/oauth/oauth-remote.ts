// What every OAuth backend does to open a remote and to log it in: the token
// check, the refreshing token source that saves to the config, the two HTTP
// clients, and the `rsyncish config` browser step.
import type { BackendContext } from '../contract/context.js';
import type { SetupContext } from '../contract/definition.js';
import { UnauthorizedError } from '../errors/index.js';
import { HttpClient, type HttpClientOptions } from '../http/http-client.js';
import { httpClientFor } from '../http/http-client-for.js';
import { runAuthCodeFlow } from './auth-code-flow.js';
import { OAuthTokenSource } from './token-source.js';
import { parseToken, serializeToken, type OAuthToken } from './token.js';

/** The OAuth client a remote refreshes its token with. */
export interface OAuthClientOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

/** A token source for an opened remote: refreshes through `http` and saves each new token to the remote's config. */
export function remoteTokenSource(ctx: BackendContext, client: OAuthClientOptions, token: OAuthToken, http: HttpClient): OAuthTokenSource {
  return new OAuthTokenSource({
    token,
    tokenUrl: client.tokenUrl,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    remote: ctx.remoteName,
    http,
    logger: ctx.logger,
    now: () => ctx.now(),
    save: (serialized) => ctx.saveOptions({ token: serialized }),
  });
}

export interface AuthorizedHttp {
  /** Sends the remote's bearer token, refreshed as needed. */
  http: HttpClient;
  /** Closes it and the token endpoint's client. */
  close(): Promise<void>;
}

/**
 * The API client of a remote that logs in with OAuth. The token endpoint gets a
 * client of its own: it must not carry the token source it feeds.
 */
export function authorizedHttpFor(
  ctx: BackendContext,
  options: OAuthClientOptions & { token?: string },
  http: Omit<HttpClientOptions, 'transport' | 'tokenSource'>,
): AuthorizedHttp {
  const remote = ctx.remoteName;
  if (!options.token) {
    throw new UnauthorizedError(`remote "${remote}" has no token: it was never authorized`, {
      hint: `run "rsyncish config reconnect ${remote}:"`,
    });
  }
  const tokenHttp = httpClientFor(ctx, { userAgent: http.userAgent });
  const tokenSource = remoteTokenSource(ctx, options, parseToken(options.token, remote), tokenHttp);
  const api = httpClientFor(ctx, { ...http, tokenSource });
  return {
    http: api,
    close: async () => {
      await api.close();
      await tokenHttp.close();
    },
  };
}

/** How a backend's browser login goes. */
export interface BrowserLogin {
  userAgent: string;
  /** Used when the remote sets no auth_url / token_url. */
  authUrl: string;
  tokenUrl: string;
  scopes: string[];
  /** What makes the service hand out a refresh token (Google: access_type=offline). */
  extraParams: Record<string, string>;
  port: number;
}

/**
 * The OAuth step of `rsyncish config`: a pasted token (from `rsyncish authorize`)
 * is kept; otherwise the browser flow runs against auth_url and token_url.
 */
export async function setupOAuthRemote(ctx: SetupContext, login: BrowserLogin): Promise<Record<string, string>> {
  const v = ctx.values;
  if (v['token']) return { token: serializeToken(parseToken(v['token'], ctx.remoteName)) };
  const http = new HttpClient({ userAgent: login.userAgent, transport: ctx.http });
  const token = await runAuthCodeFlow({
    http,
    authUrl: v['auth_url'] || login.authUrl,
    tokenUrl: v['token_url'] || login.tokenUrl,
    clientId: v['client_id'] ?? '',
    clientSecret: v['client_secret'] ?? '',
    scopes: login.scopes,
    extraParams: login.extraParams,
    port: login.port,
    print: (line) => ctx.print(line),
  }).finally(() => http.close());
  return { token: serializeToken(token) };
}
