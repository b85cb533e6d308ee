import { clientCredentials, consentPage as consentPageHtml, escapeHtml, redirectBack, sameText, sendHtml } from '@rsyncish/emulator-kit';
import type { ClientCredentials } from '@rsyncish/emulator-kit';
import type { RequestContext } from './context.js';
import { ApiError } from './errors.js';
import { readForm } from './http-io.js';

/** OAuth errors use the RFC 6749 body, not the Drive API's. */
function oauthError(status: number, error: string, description: string): ApiError {
  return new ApiError(status, { error, error_description: description }, { 'Cache-Control': 'no-store' });
}

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | null;
  responseType: string | null;
}

/** Checks what can be checked before we dare redirect anywhere. */
function authorizeRequest(ctx: RequestContext, params: URLSearchParams): AuthorizeRequest {
  const clientId = params.get('client_id');
  const redirectUri = params.get('redirect_uri');
  if (!clientId) throw oauthError(400, 'invalid_request', 'client_id is required');
  if (!redirectUri || !URL.canParse(redirectUri) || !/^https?:$/.test(new URL(redirectUri).protocol)) {
    throw oauthError(400, 'invalid_request', 'redirect_uri must be an absolute http(s) URL');
  }
  const wanted = ctx.app.oauth.clientId;
  if (wanted !== undefined && clientId !== wanted) throw oauthError(400, 'invalid_client', `Unknown client_id ${clientId}`);
  return {
    clientId,
    redirectUri,
    scope: params.get('scope') ?? 'clouddrive:read_all clouddrive:write',
    state: params.get('state'),
    responseType: params.get('response_type'),
  };
}

function grant(ctx: RequestContext, ar: AuthorizeRequest, allow: boolean): void {
  const back: Record<string, string> = {};
  if (ar.responseType !== 'code') back['error'] = 'unsupported_response_type';
  else if (!allow) back['error'] = 'access_denied';
  else {
    back['code'] = ctx.app.tokens.issueCode(ar.clientId, ar.redirectUri, ar.scope);
    back['scope'] = ar.scope;
  }
  if (ar.state !== null) back['state'] = ar.state;
  redirectBack(ctx.res, ar.redirectUri, Object.entries(back));
}

function consentPage(ar: AuthorizeRequest, params: URLSearchParams): string {
  return consentPageHtml({
    title: 'Amazon Drive emulator - allow access',
    question: `<h1>Allow access to the emulated Amazon Drive?</h1>
  <p>Application <code>${escapeHtml(ar.clientId)}</code> asks for <code>${escapeHtml(ar.scope)}</code>.</p>`,
    action: '/ap/oa/approve',
    params,
  });
}

/** GET /ap/oa: redirect back with a code at once (--auto-approve) or show the consent page. */
export function authorize(ctx: RequestContext): void {
  const params = ctx.url.searchParams;
  const ar = authorizeRequest(ctx, params);
  if (ctx.app.oauth.autoApprove) {
    grant(ctx, ar, true);
    return;
  }
  sendHtml(ctx.res, consentPage(ar, params));
}

/** GET or POST /ap/oa/approve: the consent page's buttons. `decision=deny` refuses. */
export async function approve(ctx: RequestContext): Promise<void> {
  const params = ctx.req.method === 'POST' ? await readForm(ctx.req) : ctx.url.searchParams;
  grant(ctx, authorizeRequest(ctx, params), params.get('decision') !== 'deny');
}

/** Returns the client id, enforcing --client-id/--client-secret when they were given. */
function authenticateClient(ctx: RequestContext, creds: ClientCredentials): string {
  const { clientId, clientSecret } = ctx.app.oauth;
  if (clientId === undefined) return creds.id ?? 'anonymous-client';
  const idOk = creds.id !== undefined && sameText(creds.id, clientId);
  const secretOk = clientSecret === undefined || (creds.secret !== undefined && sameText(creds.secret, clientSecret));
  if (!idOk || !secretOk) {
    const err = oauthError(401, 'invalid_client', 'Client authentication failed');
    if (creds.viaBasic) err.headers['WWW-Authenticate'] = 'Basic realm="acd-emulator"';
    throw err;
  }
  return clientId;
}

/** POST /auth/o2/token: authorization_code and refresh_token grants. */
export async function token(ctx: RequestContext): Promise<void> {
  const form = await readForm(ctx.req);
  const clientId = authenticateClient(ctx, clientCredentials(ctx.req.headers.authorization, form));
  const { tokens, oauth } = ctx.app;
  let reply;
  switch (form.get('grant_type')) {
    case 'authorization_code': {
      const code = form.get('code');
      const redirectUri = form.get('redirect_uri');
      if (!code || !redirectUri) throw oauthError(400, 'invalid_request', 'code and redirect_uri are required');
      const granted = tokens.redeemCode(code, redirectUri);
      if (!granted) throw oauthError(400, 'invalid_grant', 'The authorization code is invalid, expired, used, or was issued for another redirect_uri');
      if (oauth.clientId === undefined && granted.clientId !== clientId && clientId !== 'anonymous-client') {
        throw oauthError(400, 'invalid_grant', 'The authorization code was issued to another client');
      }
      reply = tokens.issue(granted.clientId, oauth.tokenTtlMs);
      break;
    }
    case 'refresh_token': {
      const refresh = form.get('refresh_token');
      if (!refresh) throw oauthError(400, 'invalid_request', 'refresh_token is required');
      const owner = tokens.refreshClient(refresh);
      if (owner === undefined) throw oauthError(400, 'invalid_grant', 'The refresh token is invalid or has been revoked');
      reply = tokens.issue(owner, oauth.tokenTtlMs, refresh);
      break;
    }
    default:
      throw oauthError(400, 'unsupported_grant_type', `grant_type must be authorization_code or refresh_token`);
  }
  const text = JSON.stringify(reply);
  ctx.res.writeHead(200, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  });
  ctx.res.end(text);
}
