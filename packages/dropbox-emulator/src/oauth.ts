import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestContext } from './context.js';
import { DropboxError } from './errors.js';
import { readSmallBody, sendJson } from './http-io.js';

/** OAuth errors use the RFC 6749 body, not the API's. */
function oauthError(status: number, error: string, description: string): DropboxError {
  return new DropboxError(status, { error, error_description: description }, { 'Cache-Control': 'no-store' });
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(ctx: RequestContext, html: string): void {
  ctx.res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
  ctx.res.end(html);
}

interface AuthorizeRequest {
  clientId: string;
  redirectUri?: string;
  state: string | null;
  responseType: string | null;
  offline: boolean;
  challenge?: { value: string; method: 'S256' | 'plain' };
}

/** Checks what must hold before we dare redirect anywhere; mistakes are a 400 page, no redirect. */
function authorizeRequest(ctx: RequestContext, params: URLSearchParams): AuthorizeRequest {
  const clientId = params.get('client_id');
  if (!clientId) throw oauthError(400, 'invalid_request', 'client_id is required');
  const wanted = ctx.app.oauth.clientId;
  if (wanted !== undefined && clientId !== wanted) throw oauthError(400, 'invalid_client', `Invalid client_id: "${clientId}"`);
  const redirectUri = params.get('redirect_uri') ?? undefined;
  if (redirectUri !== undefined && (!URL.canParse(redirectUri) || !/^https?:$/.test(new URL(redirectUri).protocol))) {
    throw oauthError(400, 'invalid_request', 'redirect_uri must be an absolute http(s) URL');
  }
  const method = params.get('code_challenge_method') ?? 'plain';
  const challenge = params.get('code_challenge');
  if (challenge !== null && method !== 'S256' && method !== 'plain') {
    throw oauthError(400, 'invalid_request', 'code_challenge_method must be S256 or plain');
  }
  const ar: AuthorizeRequest = {
    clientId,
    state: params.get('state'),
    responseType: params.get('response_type'),
    offline: params.get('token_access_type') === 'offline',
  };
  if (redirectUri !== undefined) ar.redirectUri = redirectUri;
  if (challenge !== null) ar.challenge = { value: challenge, method: method as 'S256' | 'plain' };
  return ar;
}

/** Sends the user back with a code (or shows it, when there is nowhere to send them). */
function grant(ctx: RequestContext, ar: AuthorizeRequest, allow: boolean): void {
  const back = new Map<string, string>();
  if (ar.responseType !== 'code') back.set('error', 'unsupported_response_type');
  else if (!allow) back.set('error', 'access_denied');
  else {
    const code = ctx.app.tokens.issueCode({ clientId: ar.clientId, redirectUri: ar.redirectUri, offline: ar.offline, challenge: ar.challenge });
    if (ar.redirectUri === undefined) {
      page(ctx, `<!doctype html><html><body><h1>Enter this code into the app</h1><p><code id="code">${escapeHtml(code)}</code></p></body></html>\n`);
      return;
    }
    back.set('code', code);
  }
  if (ar.state !== null) back.set('state', ar.state);
  if (ar.redirectUri === undefined) throw oauthError(400, back.get('error') ?? 'invalid_request', 'Access was not granted');
  const url = new URL(ar.redirectUri);
  for (const [k, v] of back) url.searchParams.set(k, v);
  ctx.res.writeHead(302, { Location: url.toString(), 'Content-Length': 0 });
  ctx.res.end();
}

/** GET /oauth2/authorize: redirect back at once (--auto-approve) or show the consent page. */
export function authorize(ctx: RequestContext): void {
  const params = ctx.url.searchParams;
  const ar = authorizeRequest(ctx, params);
  if (ctx.app.oauth.autoApprove) return grant(ctx, ar, true);
  const hidden = [...params.entries()]
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n    ');
  page(ctx, `<!doctype html>
<html><head><meta charset="utf-8"><title>Dropbox emulator - allow access</title></head>
<body>
  <h1>Allow <code>${escapeHtml(ar.clientId)}</code> to access the emulated Dropbox?</h1>
  <form method="post" action="/oauth2/authorize/approve">
    ${hidden}
    <button type="submit" name="decision" value="allow">Allow</button>
    <button type="submit" name="decision" value="deny">Cancel</button>
  </form>
</body></html>
`);
}

/** GET or POST /oauth2/authorize/approve: the consent page's buttons. */
export async function approve(ctx: RequestContext): Promise<void> {
  const params = ctx.req.method === 'POST' ? new URLSearchParams((await readSmallBody(ctx.req)).toString('utf8')) : ctx.url.searchParams;
  grant(ctx, authorizeRequest(ctx, params), params.get('decision') !== 'deny');
}

interface ClientCredentials {
  id?: string;
  secret?: string;
}

function credentials(ctx: RequestContext, params: URLSearchParams): ClientCredentials {
  const header = ctx.req.headers.authorization;
  if (header && /^basic\s+/i.test(header)) {
    const decoded = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // RFC 6749 2.3.1: both halves are form-urlencoded before Basic encoding (Go's oauth2 does this).
    const unescape = (s: string): string => {
      try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; }
    };
    if (colon >= 0) return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
  }
  return { id: params.get('client_id') ?? undefined, secret: params.get('client_secret') ?? undefined };
}

/** The client named in the request; with --client-id, only that one, and with --client-secret, its secret. */
function authenticateClient(ctx: RequestContext, creds: ClientCredentials, secretNeeded: boolean): string {
  const { clientId, clientSecret } = ctx.app.oauth;
  if (creds.id === undefined) throw oauthError(400, 'invalid_request', 'No auth function available for given request');
  if (clientId !== undefined && !sameText(creds.id, clientId)) throw oauthError(400, 'invalid_client', 'Invalid client_id or client_secret');
  if (secretNeeded && clientSecret !== undefined && (creds.secret === undefined || !sameText(creds.secret, clientSecret))) {
    throw oauthError(400, 'invalid_client', 'Invalid client_id or client_secret');
  }
  return creds.id;
}

function verifierMatches(verifier: string, challenge: { value: string; method: 'S256' | 'plain' }): boolean {
  const computed = challenge.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return sameText(computed, challenge.value);
}

/**
 * POST /oauth2/token: authorization_code (with a secret or a PKCE code_verifier) and
 * refresh_token grants. Parameters may come in the query string (Dropbox's SDK) or a form body
 * (Go's oauth2).
 */
export async function token(ctx: RequestContext): Promise<void> {
  const params = new URLSearchParams(ctx.url.searchParams);
  const body = (await readSmallBody(ctx.req)).toString('utf8');
  if (!/json/i.test(ctx.req.headers['content-type'] ?? '')) for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
  const creds = credentials(ctx, params);
  const { tokens, oauth, account } = ctx.app;
  let reply;
  switch (params.get('grant_type')) {
    case 'authorization_code': {
      const code = params.get('code');
      if (!code) throw oauthError(400, 'invalid_request', 'No code provided');
      const verifier = params.get('code_verifier');
      const clientId = authenticateClient(ctx, creds, verifier === null);
      const granted = tokens.takeCode(code);
      if (!granted || granted.clientId !== clientId) throw oauthError(400, 'invalid_grant', "code doesn't exist or has expired");
      if ((granted.redirectUri ?? null) !== (params.get('redirect_uri') ?? null)) throw oauthError(400, 'invalid_grant', 'redirect_uri mismatch');
      if (granted.challenge) {
        if (verifier === null || !verifierMatches(verifier, granted.challenge)) throw oauthError(400, 'invalid_grant', 'invalid code verifier');
      } else if (verifier !== null) {
        throw oauthError(400, 'invalid_grant', 'code_verifier given, but the code was issued without a code_challenge');
      }
      reply = {
        ...tokens.issue(clientId, oauth.tokenTtlMs, granted.offline ? { pkce: granted.challenge !== undefined } : undefined),
        scope: 'account_info.read files.content.read files.content.write files.metadata.read files.metadata.write',
        uid: account.uid,
        account_id: account.accountId,
      };
      break;
    }
    case 'refresh_token': {
      const refresh = params.get('refresh_token');
      if (!refresh) throw oauthError(400, 'invalid_request', 'No refresh_token provided');
      const rec = tokens.refreshRecord(refresh);
      const clientId = authenticateClient(ctx, creds, !rec?.pkce);
      if (!rec || rec.clientId !== clientId) throw oauthError(400, 'invalid_grant', 'refresh token is invalid or revoked');
      // Dropbox hands back only a new access token: the refresh token stays as it was.
      reply = tokens.issue(clientId, oauth.tokenTtlMs);
      break;
    }
    default:
      throw oauthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
  }
  // A token the client will keep must outlive a crash of the emulator.
  await ctx.app.commit();
  sendJson(ctx.res, 200, reply, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}
