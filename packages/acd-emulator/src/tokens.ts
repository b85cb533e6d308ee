import { TokenRecords } from '@rsyncish/emulator-kit';
import type { TokenSnapshot as KitSnapshot } from '@rsyncish/emulator-kit';
import { newOpaque } from './ids.js';

export interface TokenReply {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  scope: string;
  expiresAt: number;
}

export type TokenSnapshot = KitSnapshot;

const CODE_TTL_MS = 5 * 60_000;

/**
 * Login-with-Amazon grants: one-use authorization codes on top of the kit's access and refresh
 * tokens. A refresh hands back the same refresh token, as Amazon did.
 */
export class TokenStore extends TokenRecords {
  private readonly codes = new Map<string, AuthCode>();

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
    this.addAccess(accessToken, clientId, ttlMs);
    const refresh = refreshToken ?? `Atzr|${newOpaque(60)}`;
    this.refresh.set(refresh, { clientId });
    this.onChange();
    return { access_token: accessToken, refresh_token: refresh, token_type: 'bearer', expires_in: Math.round(ttlMs / 1000) };
  }

  refreshClient(refreshToken: string): string | undefined {
    return this.refresh.get(refreshToken)?.clientId;
  }
}
