import { newOpaque } from './ids.js';

/** The token endpoint's success body, as Google sends it. */
export interface TokenReply {
  access_token: string;
  expires_in: number;
  /** Only from an authorization code granted with access_type=offline. */
  refresh_token?: string;
  scope: string;
  token_type: 'Bearer';
}

interface AccessRecord {
  expiresAt: number;
  clientId: string;
}

interface RefreshRecord {
  clientId: string;
  scope: string;
}

/** A pending authorization code and what redeeming it must prove. */
export interface AuthCode {
  clientId: string;
  redirectUri: string;
  scope: string;
  offline: boolean;
  /** PKCE (RFC 7636): the challenge and its method, when the client sent one. */
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  expiresAt: number;
}

export interface TokenSnapshot {
  access: Record<string, AccessRecord>;
  refresh: Record<string, RefreshRecord>;
}

export type AccessCheck = { ok: true; clientId: string } | { ok: false; reason: 'unknown' | 'expired' };

const CODE_TTL_MS = 10 * 60_000;

/**
 * Google OAuth grants: one-use authorization codes, access tokens with a lifetime, refresh tokens
 * that last until revoked. Tokens are persisted with the drive so a restarted emulator still
 * honours the token a client saved in its config.
 */
export class TokenStore {
  private access = new Map<string, AccessRecord>();
  private refresh = new Map<string, RefreshRecord>();
  private readonly codes = new Map<string, AuthCode>();

  constructor(
    private readonly onChange: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  load(snapshot: TokenSnapshot | undefined): void {
    if (!snapshot) return;
    this.access = new Map(Object.entries(snapshot.access));
    this.refresh = new Map(Object.entries(snapshot.refresh));
  }

  snapshot(): TokenSnapshot {
    const now = this.now();
    const access: Record<string, AccessRecord> = {};
    for (const [k, v] of this.access) if (v.expiresAt > now) access[k] = v;
    return { access, refresh: Object.fromEntries(this.refresh) };
  }

  issueCode(grant: Omit<AuthCode, 'expiresAt'>): string {
    const code = `4/${newOpaque(45)}`;
    this.codes.set(code, { ...grant, expiresAt: this.now() + CODE_TTL_MS });
    return code;
  }

  /** Takes a code (codes are single-use, even when the redemption then fails) if it exists and is fresh. */
  takeCode(code: string): AuthCode | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAt <= this.now()) return undefined;
    return grant;
  }

  /** A new access token, and with `withRefresh` a new refresh token. */
  issue(clientId: string, scope: string, ttlMs: number, withRefresh: boolean): TokenReply {
    const accessToken = `ya29.${newOpaque(90)}`;
    this.pruneExpired();
    this.access.set(accessToken, { expiresAt: this.now() + ttlMs, clientId });
    const reply: TokenReply = { access_token: accessToken, expires_in: Math.round(ttlMs / 1000), scope, token_type: 'Bearer' };
    if (withRefresh) {
      const refresh = `1//${newOpaque(75)}`;
      this.refresh.set(refresh, { clientId, scope });
      reply.refresh_token = refresh;
    }
    this.onChange();
    return reply;
  }

  refreshGrant(refreshToken: string): RefreshRecord | undefined {
    return this.refresh.get(refreshToken);
  }

  checkAccess(token: string): AccessCheck {
    const rec = this.access.get(token);
    if (!rec) return { ok: false, reason: 'unknown' };
    if (rec.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, clientId: rec.clientId };
  }

  /** Revokes one refresh token, or all of them; returns how many went. */
  revokeRefresh(token?: string): number {
    let n = 0;
    if (token === undefined) {
      n = this.refresh.size;
      this.refresh.clear();
    } else if (this.refresh.delete(token)) n = 1;
    this.onChange();
    return n;
  }

  /** Makes every current access token (or one) expired, as if its hour had passed. */
  expireAccess(token?: string): number {
    let n = 0;
    const past = this.now() - 1;
    for (const [k, rec] of this.access) {
      if ((token === undefined || k === token) && rec.expiresAt > past) {
        rec.expiresAt = past;
        n++;
      }
    }
    this.onChange();
    return n;
  }

  private pruneExpired(): void {
    const horizon = this.now() - 86_400_000;
    for (const [k, v] of this.access) if (v.expiresAt < horizon) this.access.delete(k);
  }
}
