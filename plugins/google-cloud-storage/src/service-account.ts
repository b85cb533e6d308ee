import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import { ConfigError, UnauthorizedError, type AccessTokenSource, type HttpClient } from '@rsyncish/core';
import { GOOGLE_TOKEN_URL } from './options.js';

/** The scope rclone asks for: read and write objects and buckets. */
export const STORAGE_SCOPE = 'https://www.googleapis.com/auth/devstorage.read_write';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** What a Google service-account key file holds, as far as a token needs it. */
export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: KeyObject;
  privateKeyId?: string;
  /** Where to exchange the signed assertion; Google's unless the key file says otherwise. */
  tokenUri: string;
}

/** Read a key file's JSON; every mistake is a ConfigError naming `where`. */
export function parseServiceAccountKey(text: string, where: string): ServiceAccountKey {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ConfigError(`${where} is not JSON`, { hint: 'give the JSON key file Google made for the service account' });
  }
  const email = json['client_email'];
  const pem = json['private_key'];
  if (typeof email !== 'string' || !email || typeof pem !== 'string' || !pem) {
    throw new ConfigError(`${where} has no client_email and private_key`, { hint: 'give a service account key of type "service_account", as Google\'s console downloads it' });
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (err) {
    throw new ConfigError(`${where}: private_key is not a PEM private key (${(err as Error).message})`, { hint: 'download a new key for the service account' });
  }
  const tokenUri = typeof json['token_uri'] === 'string' && json['token_uri'] ? json['token_uri'] : GOOGLE_TOKEN_URL;
  return { clientEmail: email, privateKey, privateKeyId: typeof json['private_key_id'] === 'string' ? json['private_key_id'] : undefined, tokenUri };
}

/** A JWT bearer assertion (RFC 7523) signed with the service account's key, RS256, valid for an hour. */
export function signAssertion(key: ServiceAccountKey, scope: string, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const header: Record<string, string> = { alg: 'RS256', typ: 'JWT' };
  if (key.privateKeyId) header['kid'] = key.privateKeyId;
  const claims = { iss: key.clientEmail, scope, aud: key.tokenUri, iat, exp: iat + 3600 };
  const unsigned = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key.privateKey, 'base64url')}`;
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * Access tokens for a service account: a signed assertion exchanged at the
 * key's token_uri, kept until 10 s before it expires, one exchange in flight
 * for all callers. No Google library: node:crypto signs.
 */
export class ServiceAccountTokenSource implements AccessTokenSource {
  private current?: { token: string; expiry: number };
  private pending?: Promise<string>;
  exchanges = 0;

  constructor(private readonly key: ServiceAccountKey, private readonly http: HttpClient, private readonly now: () => number = Date.now) {}

  async token(): Promise<string> {
    if (this.current && this.now() < this.current.expiry - 10_000) return this.current.token;
    this.pending ??= this.exchange().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidate(rejected: string): void {
    if (this.current?.token === rejected) this.current = undefined;
  }

  private async exchange(): Promise<string> {
    this.exchanges++;
    const form = new URLSearchParams({ grant_type: JWT_BEARER, assertion: signAssertion(this.key, STORAGE_SCOPE, this.now()) });
    let reply: { access_token?: string; expires_in?: number };
    try {
      reply = await this.http.json({
        method: 'POST',
        url: this.key.tokenUri,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        auth: false,
      });
    } catch (err) {
      throw new UnauthorizedError(`service account ${this.key.clientEmail}: the token endpoint refused the key: ${(err as Error).message}`, {
        cause: err,
        hint: 'check that the key is current and the service account is enabled',
      });
    }
    if (!reply.access_token) throw new UnauthorizedError(`service account ${this.key.clientEmail}: the token endpoint gave no access_token`);
    this.current = { token: reply.access_token, expiry: this.now() + (reply.expires_in ?? 3600) * 1000 };
    return reply.access_token;
  }
}
