import { AssertionError } from 'node:assert';

/**
 * A broken promise of the contract. Every failure the suite reports goes
 * through here so the message starts with `conformance:` and names the promise.
 */
export function broken(message: string): never {
  throw new AssertionError({ message: `conformance: ${message}` });
}

/** Digests are long; messages show enough to tell two apart. */
export function short(digest: string | undefined): string {
  return digest === undefined ? 'nothing' : digest.length > 12 ? `${digest.slice(0, 12)}…` : digest;
}

/** A name as it appears in messages: quoted, with invisible differences made visible. */
export function show(name: string): string {
  return JSON.stringify(name);
}

/** The error's message and code for a violation report. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return code === undefined ? err.message : `${String(code)}: ${err.message}`;
  }
  return String(err);
}
