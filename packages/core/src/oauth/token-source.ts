import { UnauthorizedError } from '../errors/index.js';
import type { AccessTokenSource } from '../http/http-client.js';
import { HttpClient } from '../http/http-client.js';
import type { Logger } from '../logging/logger.js';
import { requestToken } from './token-endpoint.js';
import { reconnectHint, serializeToken, type OAuthToken } from './token.js';

export interface OAuthTokenSourceOptions {
  token: OAuthToken;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The remote's name, for the reconnect hint. */
  remote?: string;
  /** Persist a refreshed token (the `token` option as rclone's JSON blob). Failures are logged, not thrown. */
  save?: (serialized: string) => Promise<void>;
  /** Client for the token endpoint; it must carry no token source itself. */
  http?: HttpClient;
  logger?: Logger;
  now?: () => number;
  /**
   * Refresh this long before the expiry. Default 10 s, as Go's oauth2; at most
   * half the lifetime of a token this source obtained itself.
   */
  expiryMarginMs?: number;
}

/**
 * Hands out a valid access token: refreshes when `now >= expiry - 10 s` or after
 * `invalidate()`, with one refresh in flight shared by all concurrent callers,
 * and saves every refreshed token. Tokens never appear in logs or errors.
 *
 * Unlike Go's oauth2 (and so rclone), the 10 s margin shrinks to half the
 * lifetime of a token issued for less than 20 s: with the fixed margin such a
 * token counts as expired the moment it arrives, and every request would
 * refresh it and rewrite the config file.
 */
export class OAuthTokenSource implements AccessTokenSource {
  private current: OAuthToken;
  private refreshing?: Promise<OAuthToken>;
  private readonly http: HttpClient;
  private readonly ownsHttp: boolean;
  private readonly now: () => number;
  private readonly margin: number;
  /** How long the current token was issued for, when this source refreshed it (ms). */
  private lifetime?: number;
  /** How many refreshes reached the server (for logs and tests). */
  refreshCount = 0;

  constructor(private readonly options: OAuthTokenSourceOptions) {
    this.current = { ...options.token };
    this.ownsHttp = !options.http;
    this.http = options.http ?? new HttpClient();
    this.now = options.now ?? Date.now;
    this.margin = options.expiryMarginMs ?? 10_000;
  }

  /** The token as it stands now (for `rsyncish authorize` and tests). */
  get snapshot(): OAuthToken {
    return { ...this.current };
  }

  async token(): Promise<string> {
    if (this.isValid(this.current)) return this.current.accessToken;
    return (await this.refresh()).accessToken;
  }

  invalidate(rejected: string): void {
    // Only the token the server refused: another caller may already have a fresh one.
    if (this.current.accessToken === rejected) this.current = { ...this.current, accessToken: '' };
  }

  async close(): Promise<void> {
    if (this.ownsHttp) await this.http.close();
  }

  private isValid(t: OAuthToken): boolean {
    if (!t.accessToken) return false;
    if (t.expiry === undefined) return true;
    const margin = this.lifetime === undefined ? this.margin : Math.min(this.margin, this.lifetime / 2);
    return this.now() < t.expiry - margin;
  }

  private refresh(): Promise<OAuthToken> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<OAuthToken> {
    const remote = this.options.remote ?? '';
    if (!this.current.refreshToken) {
      throw new UnauthorizedError('the access token has expired and there is no refresh token', { hint: reconnectHint(remote) });
    }
    this.options.logger?.debug(`${remote || 'oauth'}: refreshing the access token`);
    const fresh = await requestToken(
      this.http,
      this.options.tokenUrl,
      { grant_type: 'refresh_token', refresh_token: this.current.refreshToken },
      { clientId: this.options.clientId, clientSecret: this.options.clientSecret },
      { remote, now: this.now },
    );
    this.refreshCount++;
    this.current = fresh;
    this.lifetime = fresh.expiry === undefined ? undefined : fresh.expiry - this.now();
    if (this.options.save) {
      try {
        await this.options.save(serializeToken(fresh));
      } catch (err) {
        this.options.logger?.error(`${remote}: could not save the refreshed token: ${(err as Error).message}`);
      }
    }
    return fresh;
  }
}
