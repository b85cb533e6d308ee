import { randomBytes } from 'node:crypto';

export interface TokenReply {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token?: string;
  scope?: string;
  uid?: string;
  account_id?: string;
}

interface AccessRecord {
  expiresAt: number;
  clientId: string;
}

interface RefreshRecord {
  clientId: string;
  /** Issued to a PKCE client: refreshing needs no secret. */
  pkce: boolean;
}

export interface AuthCode {
  clientId: string;
  /** Absent when the user was shown the code to paste (no redirect_uri). */
  redirectUri?: string;
  offline: boolean;
  challenge?: { value: string; method: 'S256' | 'plain' };
  expiresAt: number;
}

export interface TokenSnapshot {
  access: Record<string, AccessRecord>;
  refresh: Record<string, RefreshRecord>;
}

export type AccessCheck = { ok: true; clientId: string } | { ok: false; reason: 'unknown' | 'expired' };

const CODE_TTL_MS = 10 * 60_000;
const opaque = (bytes: number): string => randomBytes(bytes).toString('base64url');

/**
 * Dropbox's grants: one-use codes, short-lived access tokens (`sl.…`), and refresh tokens that
 * last until revoked (only for `token_access_type=offline`). Tokens are saved with the files,
 * so a restarted emulator honours the ones a client kept in its config.
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
    // Expired tokens are kept a day so they keep answering "expired" rather than "invalid".
    const horizon = this.now() - 86_400_000;
    const access: Record<string, AccessRecord> = {};
    for (const [k, v] of this.access) if (v.expiresAt > horizon) access[k] = v;
    return { access, refresh: Object.fromEntries(this.refresh) };
  }

  issueCode(grant: Omit<AuthCode, 'expiresAt'>): string {
    const code = opaque(32);
    this.codes.set(code, { ...grant, expiresAt: this.now() + CODE_TTL_MS });
    return code;
  }

  /** Takes a code (codes are single-use) if it exists and is fresh. */
  takeCode(code: string): AuthCode | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAt <= this.now()) return undefined;
    return grant;
  }

  /** A new access token, and with `newRefresh` a refresh token too. */
  issue(clientId: string, ttlMs: number, newRefresh?: { pkce: boolean }): TokenReply {
    const accessToken = `sl.${opaque(96)}`;
    this.access.set(accessToken, { expiresAt: this.now() + ttlMs, clientId });
    const reply: TokenReply = { access_token: accessToken, token_type: 'bearer', expires_in: Math.round(ttlMs / 1000) };
    if (newRefresh) {
      reply.refresh_token = opaque(48);
      this.refresh.set(reply.refresh_token, { clientId, pkce: newRefresh.pkce });
    }
    this.onChange();
    return reply;
  }

  refreshRecord(refreshToken: string): RefreshRecord | undefined {
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

  /** Makes every current access token (or one) expired now; the next call answers 401. */
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

  /** Ends one access token at once (token/revoke). */
  revokeAccess(token: string): void {
    this.access.delete(token);
    this.onChange();
  }
}
