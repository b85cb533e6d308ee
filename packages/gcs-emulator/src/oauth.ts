import type { IncomingMessage, ServerResponse } from 'node:http';
import { readForm } from './http-io.js';
import { serviceAccountFrom, verifyAssertion, type ServiceAccount } from './jwt-bearer.js';
import type { TokenStore } from './tokens.js';

export const AUTH_PATH = '/o/oauth2/auth';
export const APPROVE_PATH = '/o/oauth2/approve';
/** oauth2.googleapis.com/token, and the older accounts.google.com/o/oauth2/token. */
export const TOKEN_PATHS = ['/token', '/o/oauth2/token'];
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface OAuthSettings {
  clientId?: string;
  clientSecret?: string;
  autoApprove: boolean;
}

/** Google's OAuth endpoints: consent, authorization code, refresh and the service-account JWT bearer grant. */
export class OAuthServer {
  readonly accounts = new Map<string, ServiceAccount>();

  constructor(private readonly settings: OAuthSettings, private readonly tokens: TokenStore) {}

  addServiceAccount(json: unknown): ServiceAccount {
    const account = serviceAccountFrom(json);
    this.accounts.set(account.email, account);
    return account;
  }

  /** Handles the request when it is one of the OAuth paths; false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === AUTH_PATH && req.method === 'GET') {
      this.authorize(res, url.searchParams);
      return true;
    }
    if (url.pathname === APPROVE_PATH && req.method === 'POST') {
      this.authorize(res, await readForm(req), true);
      return true;
    }
    if (TOKEN_PATHS.includes(url.pathname) && req.method === 'POST') {
      this.token(res, await readForm(req), url.pathname);
      return true;
    }
    return false;
  }

  private authorize(res: ServerResponse, q: URLSearchParams, approved = this.settings.autoApprove): void {
    const clientId = q.get('client_id') ?? '';
    const redirect = q.get('redirect_uri') ?? '';
    if (!clientId || (this.settings.clientId && clientId !== this.settings.clientId)) {
      page(res, 401, 'Error 401: invalid_client', `The OAuth client ${JSON.stringify(clientId)} was not found.`);
      return;
    }
    let target: URL;
    try {
      target = new URL(redirect);
    } catch {
      page(res, 400, 'Error 400: redirect_uri_mismatch', 'redirect_uri is missing or not a URL.');
      return;
    }
    if (!approved) {
      const hidden = [...q.entries()].map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('');
      page(res, 200, 'Sign in - Google Accounts (emulator)',
        `<p>${esc(clientId)} wants to access your Google Cloud Storage data.</p><form method="post" action="${APPROVE_PATH}">${hidden}<button type="submit">Allow</button></form>`);
      return;
    }
    target.searchParams.set('code', this.tokens.newCode(clientId, redirect, q.get('scope') ?? ''));
    if (q.get('state') !== null) target.searchParams.set('state', q.get('state')!);
    res.writeHead(302, { location: target.toString(), 'content-length': 0 });
    res.end();
  }

  private token(res: ServerResponse, f: URLSearchParams, path: string): void {
    const grant = f.get('grant_type');
    if (grant === JWT_BEARER) {
      try {
        const claims = verifyAssertion(f.get('assertion') ?? '', this.accounts, path);
        reply(res, 200, this.tokens.issue(claims.iss, claims.scope ?? '', false));
      } catch (err) {
        reply(res, 400, { error: 'invalid_grant', error_description: (err as Error).message });
      }
      return;
    }
    const [clientId, clientSecret] = clientOf(f, res.req.headers.authorization);
    if (!clientId || (this.settings.clientId && (clientId !== this.settings.clientId || (this.settings.clientSecret !== undefined && clientSecret !== this.settings.clientSecret)))) {
      reply(res, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
      return;
    }
    if (grant === 'authorization_code') {
      const code = this.tokens.takeCode(f.get('code') ?? '');
      if (!code || code.clientId !== clientId || (f.get('redirect_uri') ?? '') !== code.redirectUri) {
        reply(res, 400, { error: 'invalid_grant', error_description: 'Malformed auth code.' });
        return;
      }
      reply(res, 200, this.tokens.issue(clientId, code.scope, true));
      return;
    }
    if (grant === 'refresh_token') {
      const r = this.tokens.refreshGrant(f.get('refresh_token') ?? '');
      if (!r || r.clientId !== clientId) {
        reply(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
        return;
      }
      reply(res, 200, this.tokens.issue(clientId, r.scope, false));
      return;
    }
    reply(res, 400, { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grant ?? ''}` });
  }
}

/** The client's credentials from the form or from HTTP basic auth (Go's oauth2 may use either). */
function clientOf(f: URLSearchParams, authorization: string | undefined): [string, string | undefined] {
  if (authorization?.startsWith('Basic ')) {
    const [id, secret] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
    return [decodeURIComponent(id ?? ''), secret === undefined ? undefined : decodeURIComponent(secret)];
  }
  return [f.get('client_id') ?? '', f.get('client_secret') ?? undefined];
}

function reply(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

function page(res: ServerResponse, status: number, title: string, html: string): void {
  const body = `<!doctype html><title>${esc(title)}</title><h1>${esc(title)}</h1>${html}`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
