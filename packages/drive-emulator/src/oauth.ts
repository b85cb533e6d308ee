import { clientCredentials, consentPage as consentPageHtml, escapeHtml, redirectBack, sameText, sendHtml } from '@rsyncish/emulator-kit';
import type { ClientCredentials } from '@rsyncish/emulator-kit';
import type { RequestContext } from './context.js';
import { ApiError, oauthError } from './errors.js';
import { readForm } from './http-io.js';
import { verifierMatches } from './pkce.js';
import type { TokenReply } from './tokens.js';

/** Redirect URI of installed apps that show the code instead of receiving it (rclone's title-bar flow). */
const OOB = 'urn:ietf:wg:oauth:2.0:oob';
const DEFAULT_SCOPE = 'https://www.googleapis.com/auth/drive';

/** Before a redirect target is trusted Google shows an error page, never redirects. */
function errorPage(status: number, error: string, detail: string): ApiError {
  const err = new ApiError(status, { error, error_description: detail });
  err.html = `<!doctype html><html><head><title>Error ${status}: ${escapeHtml(error)}</title></head><body><h1>Error ${status}: ${escapeHtml(error)}</h1><p>${escapeHtml(detail)}</p></body></html>\n`;
  return err;
}

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | null;
  responseType: string | null;
  offline: boolean;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
}

function authorizeRequest(ctx: RequestContext, params: URLSearchParams): AuthorizeRequest {
  const clientId = params.get('client_id');
  const redirectUri = params.get('redirect_uri');
  if (!clientId) throw errorPage(400, 'invalid_request', 'Missing required parameter: client_id');
  const wanted = ctx.app.oauth.clientId;
  if (wanted !== undefined && clientId !== wanted) throw errorPage(401, 'invalid_client', 'The OAuth client was not found.');
  if (!redirectUri) throw errorPage(400, 'invalid_request', 'Missing required parameter: redirect_uri');
  if (redirectUri !== OOB && (!URL.canParse(redirectUri) || !/^https?:$/.test(new URL(redirectUri).protocol))) {
    throw errorPage(400, 'redirect_uri_mismatch', `Invalid redirect_uri: ${redirectUri}`);
  }
  const ar: AuthorizeRequest = {
    clientId,
    redirectUri,
    scope: params.get('scope') ?? DEFAULT_SCOPE,
    state: params.get('state'),
    responseType: params.get('response_type'),
    offline: params.get('access_type') === 'offline',
  };
  const challenge = params.get('code_challenge');
  const method = params.get('code_challenge_method') ?? 'plain';
  if (challenge !== null) {
    if (method !== 'S256' && method !== 'plain') throw errorPage(400, 'invalid_request', `Invalid code_challenge_method: ${method}`);
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(challenge)) throw errorPage(400, 'invalid_request', 'Invalid code_challenge');
    ar.codeChallenge = challenge;
    ar.codeChallengeMethod = method;
  } else if (params.get('code_challenge_method') !== null) {
    throw errorPage(400, 'invalid_request', 'code_challenge_method without code_challenge');
  }
  return ar;
}

function grant(ctx: RequestContext, ar: AuthorizeRequest, allow: boolean): void {
  const back: Record<string, string> = {};
  if (ar.responseType !== 'code') back['error'] = 'unsupported_response_type';
  else if (!allow) back['error'] = 'access_denied';
  else {
    back['code'] = ctx.app.tokens.issueCode({
      clientId: ar.clientId,
      redirectUri: ar.redirectUri,
      scope: ar.scope,
      offline: ar.offline,
      ...(ar.codeChallenge !== undefined ? { codeChallenge: ar.codeChallenge, codeChallengeMethod: ar.codeChallengeMethod! } : {}),
    });
    back['scope'] = ar.scope;
  }
  if (ar.state !== null) back['state'] = ar.state;
  if (ar.redirectUri === OOB) {
    const html = `<!doctype html><html><head><title>${back['code'] ? `Success code=${escapeHtml(back['code'])}` : `Denied error=${escapeHtml(back['error'] ?? '')}`}</title></head><body><p>Copy this code into your application:</p><textarea readonly>${escapeHtml(back['code'] ?? back['error'] ?? '')}</textarea></body></html>\n`;
    sendHtml(ctx.res, html);
    return;
  }
  redirectBack(ctx.res, ar.redirectUri, Object.entries(back));
}

function consentPage(ar: AuthorizeRequest, params: URLSearchParams): string {
  return consentPageHtml({
    title: 'Google Drive emulator - allow access',
    question: `<h1>Allow access to the emulated Google Drive?</h1>
  <p>Application <code>${escapeHtml(ar.clientId)}</code> asks for <code>${escapeHtml(ar.scope)}</code>.</p>`,
    action: '/o/oauth2/approve',
    params,
  });
}

/** GET /o/oauth2/auth (and /o/oauth2/v2/auth): redirect back with a code at once (--auto-approve) or show a consent page. */
export function authorize(ctx: RequestContext): void {
  const params = ctx.url.searchParams;
  const ar = authorizeRequest(ctx, params);
  if (ctx.app.oauth.autoApprove) {
    grant(ctx, ar, true);
    return;
  }
  sendHtml(ctx.res, consentPage(ar, params));
}

/** GET or POST /o/oauth2/approve: the consent page's buttons. `decision=deny` refuses. */
export async function approve(ctx: RequestContext): Promise<void> {
  const params = ctx.req.method === 'POST' ? await readForm(ctx.req) : ctx.url.searchParams;
  grant(ctx, authorizeRequest(ctx, params), params.get('decision') !== 'deny');
}

/** The client id, enforcing --client-id/--client-secret when they were given. */
function authenticateClient(ctx: RequestContext, creds: ClientCredentials): string {
  const { clientId, clientSecret } = ctx.app.oauth;
  if (creds.id === undefined) throw oauthError(400, 'invalid_request', 'Could not determine client ID from request.');
  if (clientId === undefined) return creds.id;
  if (!sameText(creds.id, clientId)) throw oauthError(401, 'invalid_client', 'The OAuth client was not found.');
  if (clientSecret !== undefined && (creds.secret === undefined || !sameText(creds.secret, clientSecret))) {
    throw oauthError(401, 'invalid_client', 'Unauthorized');
  }
  return clientId;
}

function redeemCode(ctx: RequestContext, form: URLSearchParams, clientId: string): TokenReply {
  const { tokens, oauth } = ctx.app;
  const code = form.get('code');
  if (!code) throw oauthError(400, 'invalid_request', 'Missing required parameter: code');
  const granted = tokens.takeCode(code);
  if (!granted) throw oauthError(400, 'invalid_grant', 'Bad Request');
  if (granted.clientId !== clientId) throw oauthError(400, 'invalid_grant', 'Bad Request');
  if (form.get('redirect_uri') !== granted.redirectUri) throw oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
  if (granted.codeChallenge !== undefined) {
    const verifier = form.get('code_verifier');
    if (!verifier) throw oauthError(400, 'invalid_grant', 'Missing code verifier.');
    if (!verifierMatches(verifier, granted.codeChallenge, granted.codeChallengeMethod!)) throw oauthError(400, 'invalid_grant', 'Invalid code verifier.');
  }
  return tokens.issue(clientId, granted.scope, oauth.tokenTtlMs, granted.offline);
}

/** POST /token (and /oauth2/v4/token): authorization_code and refresh_token grants. */
export async function token(ctx: RequestContext): Promise<void> {
  const form = await readForm(ctx.req);
  const clientId = authenticateClient(ctx, clientCredentials(ctx.req.headers.authorization, form));
  let reply: TokenReply;
  const grantType = form.get('grant_type');
  switch (grantType) {
    case 'authorization_code':
      reply = redeemCode(ctx, form, clientId);
      break;
    case 'refresh_token': {
      const refresh = form.get('refresh_token');
      if (!refresh) throw oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
      const owner = ctx.app.tokens.refreshGrant(refresh);
      if (owner === undefined || owner.clientId !== clientId) throw oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
      // Google hands back no new refresh token on refresh: the client keeps the one it has.
      reply = ctx.app.tokens.issue(owner.clientId, owner.scope, ctx.app.oauth.tokenTtlMs, false);
      break;
    }
    case null:
      throw oauthError(400, 'unsupported_grant_type', 'Invalid grant_type: ');
    default:
      throw oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
  }
  const text = JSON.stringify(reply);
  ctx.res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
    Pragma: 'no-cache',
  });
  ctx.res.end(text);
}
