import { randomBytes } from 'node:crypto';
import { TokenRecords } from '@rsyncish/emulator-kit';
import type { RefreshRecord, TokenSnapshot as KitTokenSnapshot } from '@rsyncish/emulator-kit';

export interface TokenReply {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token?: string;
  scope?: string;
  uid?: string;
  account_id?: string;
}

interface DropboxRefresh extends RefreshRecord {
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

export type TokenSnapshot = KitTokenSnapshot<DropboxRefresh>;

const CODE_TTL_MS = 10 * 60_000;
const opaque = (bytes: number): string => randomBytes(bytes).toString('base64url');

/**
 * Dropbox's grants: one-use codes, short-lived access tokens (`sl.…`), and refresh tokens that
 * last until revoked (only for `token_access_type=offline`). Tokens are saved with the files,
 * so a restarted emulator honours the ones a client kept in its config.
 */
export class TokenStore extends TokenRecords<DropboxRefresh> {
  private readonly codes = new Map<string, AuthCode>();

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
    this.addAccess(accessToken, clientId, ttlMs);
    const reply: TokenReply = { access_token: accessToken, token_type: 'bearer', expires_in: Math.round(ttlMs / 1000) };
    if (newRefresh) {
      reply.refresh_token = opaque(48);
      this.refresh.set(reply.refresh_token, { clientId, pkce: newRefresh.pkce });
    }
    this.onChange();
    return reply;
  }

  refreshRecord(refreshToken: string): DropboxRefresh | undefined {
    return this.refresh.get(refreshToken);
  }
}
