import { createHash } from 'node:crypto';
import { clientCredentials, consentPage, escapeHtml, redirectBack, sameText, sendHtml } from '@rsyncish/emulator-kit';
import type { ClientCredentials } from '@rsyncish/emulator-kit';
import type { RequestContext } from './context.js';
import { DropboxError } from './errors.js';
import { readSmallBody, sendJson } from './http-io.js';

/** OAuth errors use the RFC 6749 body, not the API's. */
function oauthError(status: number, error: string, description: string): DropboxError {
  return new DropboxError(status, { error, error_description: description }, { 'Cache-Control': 'no-store' });
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
      sendHtml(ctx.res, `<!doctype html><html><body><h1>Enter this code into the app</h1><p><code id="code">${escapeHtml(code)}</code></p></body></html>\n`);
      return;
    }
    back.set('code', code);
  }
  if (ar.state !== null) back.set('state', ar.state);
  if (ar.redirectUri === undefined) throw oauthError(400, back.get('error') ?? 'invalid_request', 'Access was not granted');
  redirectBack(ctx.res, ar.redirectUri, back);
}

/** GET /oauth2/authorize: redirect back at once (--auto-approve) or show the consent page. */
export function authorize(ctx: RequestContext): void {
  const params = ctx.url.searchParams;
  const ar = authorizeRequest(ctx, params);
  if (ctx.app.oauth.autoApprove) return grant(ctx, ar, true);
  sendHtml(ctx.res, consentPage({
    title: 'Dropbox emulator - allow access',
    question: `<h1>Allow <code>${escapeHtml(ar.clientId)}</code> to access the emulated Dropbox?</h1>`,
    action: '/oauth2/authorize/approve',
    params,
  }));
}

/** GET or POST /oauth2/authorize/approve: the consent page's buttons. */
export async function approve(ctx: RequestContext): Promise<void> {
  const params = ctx.req.method === 'POST' ? new URLSearchParams((await readSmallBody(ctx.req)).toString('utf8')) : ctx.url.searchParams;
  grant(ctx, authorizeRequest(ctx, params), params.get('decision') !== 'deny');
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
  const creds = clientCredentials(ctx.req.headers.authorization, params);
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
      // Without --client-id any client is accepted, so any may refresh (a token from the control
      // endpoint is then refreshed by whatever client id the user's config names).
      if (!rec || (ctx.app.oauth.clientId !== undefined && rec.clientId !== clientId)) {
        throw oauthError(400, 'invalid_grant', 'refresh token is invalid or revoked');
      }
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
