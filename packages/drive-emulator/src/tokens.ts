import { TokenRecords } from '@rsyncish/emulator-kit';
import type { TokenSnapshot as KitSnapshot } from '@rsyncish/emulator-kit';
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

interface GoogleRefresh {
  clientId: string;
  scope: string;
}

export type TokenSnapshot = KitSnapshot<GoogleRefresh>;

const CODE_TTL_MS = 10 * 60_000;

/**
 * Google OAuth grants: one-use authorization codes (with their PKCE challenge) on top of the
 * kit's access and refresh tokens. Refresh tokens carry the scope granted.
 */
export class TokenStore extends TokenRecords<GoogleRefresh> {
  private readonly codes = new Map<string, AuthCode>();

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
    this.addAccess(accessToken, clientId, ttlMs);
    const reply: TokenReply = { access_token: accessToken, expires_in: Math.round(ttlMs / 1000), scope, token_type: 'Bearer' };
    if (withRefresh) {
      const refresh = `1//${newOpaque(75)}`;
      this.refresh.set(refresh, { clientId, scope });
      reply.refresh_token = refresh;
    }
    this.onChange();
    return reply;
  }

  refreshGrant(refreshToken: string): GoogleRefresh | undefined {
    return this.refresh.get(refreshToken);
  }
}
