import { newOpaque } from './ids.js';

export interface TokenReply {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
}

interface AccessRecord {
  expiresAt: number;
  clientId: string;
}

interface RefreshRecord {
  clientId: string;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  scope: string;
  expiresAt: number;
}

export interface TokenSnapshot {
  access: Record<string, AccessRecord>;
  refresh: Record<string, RefreshRecord>;
}

export type AccessCheck = { ok: true; clientId: string } | { ok: false; reason: 'unknown' | 'expired' };

const CODE_TTL_MS = 5 * 60_000;

/**
 * Login-with-Amazon grants: one-use authorization codes, access tokens with a lifetime, refresh
 * tokens that last until revoked. Tokens are persisted with the drive so a restarted emulator
 * still honours the token a client saved in its config.
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

  issueCode(clientId: string, redirectUri: string, scope: string): string {
    const code = newOpaque(15);
    this.codes.set(code, { clientId, redirectUri, scope, expiresAt: this.now() + CODE_TTL_MS });
    return code;
  }

  /** Takes a code (codes are single-use) if it exists, is fresh, and was issued for this redirect URI. */
  redeemCode(code: string, redirectUri: string): AuthCode | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAt <= this.now() || grant.redirectUri !== redirectUri) return undefined;
    return grant;
  }

  /** A new access token; with `refreshToken`, the existing refresh token is handed back unchanged. */
  issue(clientId: string, ttlMs: number, refreshToken?: string): TokenReply {
    const accessToken = `Atza|${newOpaque(60)}`;
    this.pruneExpired();
    this.access.set(accessToken, { expiresAt: this.now() + ttlMs, clientId });
    const refresh = refreshToken ?? `Atzr|${newOpaque(60)}`;
    this.refresh.set(refresh, { clientId });
    this.onChange();
    return { access_token: accessToken, refresh_token: refresh, token_type: 'bearer', expires_in: Math.round(ttlMs / 1000) };
  }

  refreshClient(refreshToken: string): string | undefined {
    return this.refresh.get(refreshToken)?.clientId;
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
    // Keep expired tokens for a day so they keep answering "expired" rather than "unknown".
    const horizon = this.now() - 86_400_000;
    for (const [k, v] of this.access) if (v.expiresAt < horizon) this.access.delete(k);
  }
}
