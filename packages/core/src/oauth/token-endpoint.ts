import { RetryableError, UnauthorizedError } from '../errors/index.js';
import { HttpClient, readText } from '../http/http-client.js';
import { summarize } from '../http/http-failure.js';
import { maskUrl } from '../http/mask.js';
import { reconnectHint, type OAuthToken } from './token.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

type AuthStyle = 'header' | 'params';

/** Which credential style worked per token URL, as Go's oauth2 remembers it. */
const learnedStyle = new Map<string, AuthStyle>();

interface TokenReply {
  access_token?: unknown;
  token_type?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
  error_description?: unknown;
}

/**
 * POST a grant to the token endpoint. Client credentials go as HTTP Basic
 * first; when the server answers 401 (or `invalid_client`) they are sent again
 * as form fields, like Go's oauth2 auto-detection. OAuth errors (400/401 with
 * `error`) are UnauthorizedError with a reconnect hint; 5xx and network
 * failures are RetryableError.
 */
export async function requestToken(
  http: HttpClient,
  tokenUrl: string,
  grant: Record<string, string>,
  credentials: ClientCredentials,
  options: { remote?: string; now?: () => number } = {},
): Promise<OAuthToken> {
  const known = learnedStyle.get(tokenUrl);
  const styles: AuthStyle[] = known ? [known] : ['header', 'params'];
  let last: { status: number; text: string } | undefined;
  for (const style of styles) {
    const form = new URLSearchParams(grant);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (style === 'header') {
      const basic = Buffer.from(`${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`).toString('base64');
      headers['authorization'] = `Basic ${basic}`;
    } else {
      form.set('client_id', credentials.clientId);
      if (credentials.clientSecret) form.set('client_secret', credentials.clientSecret);
    }
    const res = await http.request({
      method: 'POST', url: tokenUrl, headers, body: form.toString(), auth: false, expect: allStatuses,
    });
    const text = await readText(res.body, 64 * 1024);
    if (res.status >= 200 && res.status < 300) {
      learnedStyle.set(tokenUrl, style);
      return toToken(text, tokenUrl, grant, options);
    }
    last = { status: res.status, text };
    const error = errorCode(text);
    if (!(res.status === 401 || error === 'invalid_client')) break;
  }
  throw tokenError(tokenUrl, last!.status, last!.text, options.remote ?? '');
}

const allStatuses = Array.from({ length: 500 }, (_, i) => i + 100);

function errorCode(text: string): string | undefined {
  try {
    const e = (JSON.parse(text) as TokenReply).error;
    return typeof e === 'string' ? e : undefined;
  } catch {
    return undefined;
  }
}

function toToken(
  text: string,
  tokenUrl: string,
  grant: Record<string, string>,
  options: { remote?: string; now?: () => number },
): OAuthToken {
  let reply: TokenReply;
  try {
    reply = JSON.parse(text) as TokenReply;
  } catch {
    throw new RetryableError(`POST ${maskUrl(tokenUrl)}: token reply is not JSON`);
  }
  if (typeof reply.access_token !== 'string' || reply.access_token === '') {
    throw new UnauthorizedError(`POST ${maskUrl(tokenUrl)}: token reply has no access_token`, {
      hint: reconnectHint(options.remote ?? ''),
    });
  }
  const token: OAuthToken = {
    accessToken: reply.access_token,
    tokenType: typeof reply.token_type === 'string' && reply.token_type ? reply.token_type : 'bearer',
    // Go's oauth2 keeps the old refresh token when the reply carries none.
    refreshToken: typeof reply.refresh_token === 'string' && reply.refresh_token ? reply.refresh_token : grant['refresh_token'] ?? '',
  };
  const expiresIn = Number(reply.expires_in);
  if (Number.isFinite(expiresIn) && expiresIn > 0) token.expiry = (options.now ?? Date.now)() + expiresIn * 1000;
  return token;
}

function tokenError(tokenUrl: string, status: number, text: string, remote: string): Error {
  const what = `POST ${maskUrl(tokenUrl)}: HTTP ${status}${text ? `: ${summarize(text)}` : ''}`;
  const code = errorCode(text);
  if (code || status === 400 || status === 401 || status === 403) {
    return new UnauthorizedError(`cannot get an access token: ${code ?? `HTTP ${status}`} (${what})`, {
      hint: reconnectHint(remote),
    });
  }
  return new RetryableError(`cannot get an access token: ${what}`);
}
