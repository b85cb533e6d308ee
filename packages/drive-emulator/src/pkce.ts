import { createHash } from 'node:crypto';

/** RFC 7636 4.1: 43 to 128 characters of [A-Za-z0-9-._~]. */
const VERIFIER_RE = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Whether `verifier` proves `challenge` under `method` (S256: base64url(SHA-256(verifier))). */
export function verifierMatches(verifier: string, challenge: string, method: 'S256' | 'plain'): boolean {
  if (!VERIFIER_RE.test(verifier)) return false;
  const derived = method === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;
  return derived === challenge;
}
