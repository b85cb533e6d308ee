import { ConfigError } from '../errors/index.js';

/** An OAuth2 token as rsyncish keeps it; `expiry` in ms since the epoch, absent = never expires. */
export interface OAuthToken {
  accessToken: string;
  tokenType: string;
  refreshToken: string;
  expiry?: number;
}

/**
 * Read the `token` config value: rclone's blob
 * `{"access_token","token_type","refresh_token","expiry"}` as is, or the legacy
 * `{"AccessToken","TokenType","RefreshToken","Expiry"}`. Unknown keys are ignored.
 */
export function parseToken(text: string, remote = ''): OAuthToken {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not an object');
  } catch {
    throw new ConfigError(`the token of ${remote ? `remote "${remote}"` : 'this remote'} is not valid JSON`, {
      hint: reconnectHint(remote),
    });
  }
  const str = (...keys: string[]): string => {
    for (const k of keys) if (typeof raw[k] === 'string') return raw[k] as string;
    return '';
  };
  const expiryText = str('expiry', 'Expiry');
  const token: OAuthToken = {
    accessToken: str('access_token', 'AccessToken'),
    tokenType: str('token_type', 'TokenType') || 'bearer',
    refreshToken: str('refresh_token', 'RefreshToken'),
  };
  const expiry = expiryText ? parseRfc3339(expiryText) : undefined;
  if (expiry !== undefined) token.expiry = expiry;
  if (!token.accessToken && !token.refreshToken) {
    throw new ConfigError(`the token of ${remote ? `remote "${remote}"` : 'this remote'} has neither an access nor a refresh token`, {
      hint: reconnectHint(remote),
    });
  }
  return token;
}

/** The blob rclone writes: RFC 3339 expiry with nanoseconds, UTC. */
export function serializeToken(token: OAuthToken): string {
  return JSON.stringify({
    access_token: token.accessToken,
    token_type: token.tokenType,
    refresh_token: token.refreshToken,
    expiry: token.expiry === undefined ? '0001-01-01T00:00:00Z' : formatRfc3339Nano(token.expiry),
  });
}

/** `2015-09-06T15:07:39.658000000Z` */
export function formatRfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:\d{2})$/;

/**
 * Parse an RFC 3339 time keeping millisecond precision (Go writes up to nine
 * fractional digits). Go's zero time (year 1) means "no expiry": undefined.
 */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (Number(y) <= 1) return undefined;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone!.startsWith('-') ? -1 : 1;
    const [zh, zm] = zone!.slice(1).split(':').map(Number);
    t -= sign * ((zh! * 60 + zm!) * 60_000);
  }
  return t;
}

/** What to tell a user whose login no longer works. */
export function reconnectHint(remote: string): string {
  return `run "rsyncish config reconnect ${remote || '<remote>'}:"`;
}
