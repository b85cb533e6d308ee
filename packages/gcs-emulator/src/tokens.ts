import { randomBytes } from 'node:crypto';

export interface IssuedToken {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  scope: string;
  refresh_token?: string;
}

/** Access tokens, refresh tokens and authorization codes, in memory: a restart logs everyone out, as a revoked grant would. */
export class TokenStore {
  private readonly access = new Map<string, { expires: number; who: string }>();
  private readonly refresh = new Map<string, { clientId: string; scope: string }>();
  private readonly codes = new Map<string, { clientId: string; redirectUri: string; scope: string }>();
  issued = 0;

  constructor(public ttlMs: number) {}

  /** A new access token for `who` (a client id or a service account), with a refresh token when asked. */
  issue(who: string, scope: string, withRefresh: boolean): IssuedToken {
    const token = `ya29.emu-${randomBytes(24).toString('base64url')}`;
    this.access.set(token, { expires: Date.now() + this.ttlMs, who });
    this.issued++;
    const out: IssuedToken = { access_token: token, expires_in: Math.max(1, Math.floor(this.ttlMs / 1000)), token_type: 'Bearer', scope };
    if (withRefresh) {
      const r = `1//emu-${randomBytes(24).toString('base64url')}`;
      this.refresh.set(r, { clientId: who, scope });
      out.refresh_token = r;
    }
    return out;
  }

  isValid(token: string): boolean {
    const t = this.access.get(token);
    if (!t) return false;
    if (t.expires <= Date.now()) {
      this.access.delete(token);
      return false;
    }
    return true;
  }

  newCode(clientId: string, redirectUri: string, scope: string): string {
    const code = `4/emu-${randomBytes(16).toString('base64url')}`;
    this.codes.set(code, { clientId, redirectUri, scope });
    return code;
  }

  /** A code works once. */
  takeCode(code: string): { clientId: string; redirectUri: string; scope: string } | undefined {
    const c = this.codes.get(code);
    this.codes.delete(code);
    return c;
  }

  refreshGrant(token: string): { clientId: string; scope: string } | undefined {
    return this.refresh.get(token);
  }

  /** Every access token stops working (the control endpoint's way to test a refresh). */
  expireAll(): void {
    this.access.clear();
  }
}
