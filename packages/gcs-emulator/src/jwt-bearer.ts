import { createPublicKey, createVerify, type KeyObject } from 'node:crypto';

/** A service account the emulator trusts: its email and the public half of its key. */
export interface ServiceAccount {
  email: string;
  key: KeyObject;
}

/**
 * A service account from what a user has: Google's JSON key file (its
 * `client_email` and `private_key`), or `{client_email, public_key}`.
 */
export function serviceAccountFrom(json: unknown): ServiceAccount {
  const o = (json ?? {}) as Record<string, unknown>;
  const email = o['client_email'];
  const pem = o['public_key'] ?? o['private_key'];
  if (typeof email !== 'string' || !email || typeof pem !== 'string') {
    throw new RangeError('a service account needs client_email and public_key (or a key file with private_key)');
  }
  return { email, key: createPublicKey(pem) };
}

export interface JwtClaims {
  iss: string;
  scope?: string;
  aud: string;
  exp: number;
  iat: number;
  sub?: string;
}

/**
 * Check a JWT bearer assertion as Google's token endpoint does: RS256 signed
 * by the key of a known service account named in `iss`, `aud` this token
 * endpoint, issued no more than an hour before it expires, not expired.
 * Throws an Error whose message is the `error_description`.
 */
export function verifyAssertion(assertion: string, accounts: ReadonlyMap<string, ServiceAccount>, tokenPath: string, now = Date.now()): JwtClaims {
  const parts = assertion.split('.');
  if (parts.length !== 3) throw new Error('Invalid JWT: not three segments');
  const [h, p, s] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let claims: JwtClaims;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    throw new Error('Invalid JWT: header or claims are not JSON');
  }
  if (header['alg'] !== 'RS256') throw new Error(`Invalid JWT: alg ${String(header['alg'])} is not RS256`);
  const account = accounts.get(claims.iss);
  if (!account) throw new Error(`Invalid JWT Signature: no service account ${JSON.stringify(claims.iss)}`);
  const ok = createVerify('RSA-SHA256').update(`${h}.${p}`).verify(account.key, Buffer.from(s, 'base64url'));
  if (!ok) throw new Error('Invalid JWT Signature.');
  let audPath = '';
  try {
    audPath = new URL(claims.aud).pathname;
  } catch {
    // not a URL: refused below
  }
  if (audPath !== tokenPath) throw new Error(`Invalid JWT: aud ${JSON.stringify(claims.aud)} is not this token endpoint`);
  const nowSec = Math.floor(now / 1000);
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') throw new Error('Invalid JWT: exp and iat are required');
  if (claims.exp - claims.iat > 3600) throw new Error('Invalid JWT: Token must be a short-lived token (60 minutes)');
  if (claims.exp < nowSec - 60 || claims.iat > nowSec + 60) throw new Error('Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.');
  return claims;
}
