import { randomBytes } from 'node:crypto';
import { HttpClient } from '../http/http-client.js';
import { buildAuthorizeUrl } from './authorize-url.js';
import { startRedirectServer } from './redirect-server.js';
import { requestToken } from './token-endpoint.js';
import type { OAuthToken } from './token.js';

export interface AuthCodeFlowOptions {
  authUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  extraParams?: Record<string, string>;
  /** Redirect server port; default 53682, 0 = any free port (tests). */
  port?: number;
  /** Try to open a browser on the local /auth URL; false or a throw = the user opens it. */
  openBrowser?: (url: string) => Promise<boolean> | boolean;
  print: (line: string) => void;
  /** Cancels the wait for the browser. */
  signal?: AbortSignal;
  http?: HttpClient;
}

/**
 * The authorization-code flow as `rclone config` runs it: start the local
 * redirect server, send the user to it, wait for the code, exchange it for a
 * token. The server is gone when this returns.
 */
export async function runAuthCodeFlow(o: AuthCodeFlowOptions): Promise<OAuthToken> {
  const state = randomBytes(16).toString('base64url');
  const server = await startRedirectServer({
    port: o.port,
    state,
    authorizeUrl: (redirectUri) => buildAuthorizeUrl({
      authUrl: o.authUrl, clientId: o.clientId, scopes: o.scopes, redirectUri, state, extraParams: o.extraParams,
    }),
  });
  const http = o.http ?? new HttpClient();
  try {
    if (o.openBrowser) {
      try {
        await o.openBrowser(server.authUrl);
      } catch {
        // no browser: the printed link is enough
      }
    }
    o.print(`If your browser doesn't open automatically go to the following link: ${server.authUrl}`);
    o.print('Log in and authorize rsyncish for access');
    o.print('Waiting for code...');
    const code = await abortable(server.code, o.signal);
    o.print('Got code');
    return await requestToken(
      http,
      o.tokenUrl,
      { grant_type: 'authorization_code', code, redirect_uri: server.redirectUri },
      { clientId: o.clientId, clientSecret: o.clientSecret },
    );
  } finally {
    await server.close();
    if (!o.http) await http.close();
  }
}

function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
