export interface AccessRecord {
  expiresAt: number;
  clientId: string;
}

/** What a refresh token stands for: at least the client it was issued to. */
export interface RefreshRecord {
  clientId: string;
}

export interface TokenSnapshot<R extends RefreshRecord = RefreshRecord> {
  access: Record<string, AccessRecord>;
  refresh: Record<string, R>;
}

export type AccessCheck = { ok: true; clientId: string } | { ok: false; reason: 'unknown' | 'expired' };

/**
 * An OAuth server's grants: access tokens with a lifetime, refresh tokens that last until
 * revoked. Persisted with the drive (snapshot/load) so a restarted emulator still honours the
 * token a client saved in its config. Each service's store adds its codes and token shapes.
 */
export class TokenRecords<R extends RefreshRecord = RefreshRecord> {
  protected access = new Map<string, AccessRecord>();
  protected refresh = new Map<string, R>();

  constructor(
    protected readonly onChange: () => void,
    protected readonly now: () => number = Date.now,
  ) {}

  load(snapshot: TokenSnapshot<R> | undefined): void {
    if (!snapshot) return;
    this.access = new Map(Object.entries(snapshot.access));
    this.refresh = new Map(Object.entries(snapshot.refresh));
  }

  snapshot(): TokenSnapshot<R> {
    const now = this.now();
    const access: Record<string, AccessRecord> = {};
    for (const [k, v] of this.access) if (v.expiresAt > now) access[k] = v;
    return { access, refresh: Object.fromEntries(this.refresh) };
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

  /** Records a new access token (and forgets ones expired for a day). */
  protected addAccess(token: string, clientId: string, ttlMs: number): void {
    // Expired tokens are kept for a day so they keep answering "expired" rather than "unknown".
    const horizon = this.now() - 86_400_000;
    for (const [k, v] of this.access) if (v.expiresAt < horizon) this.access.delete(k);
    this.access.set(token, { expiresAt: this.now() + ttlMs, clientId });
  }
}
