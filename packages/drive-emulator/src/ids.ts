import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function randomChars(n: number): string {
  const bytes = randomBytes(n);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 63];
  return out;
}

/** 33 characters starting with "1", the shape of the ids Drive gives new files. */
export function newFileId(): string {
  return `1${randomChars(32)}`;
}

/** The shape of a My Drive root id ("0A...Uk9PVA"). */
export function newRootId(): string {
  return `0A${randomChars(11)}Uk9PVA`;
}

export function newOpaque(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function newRequestId(): string {
  return randomUUID();
}

/** RFC 3339 with milliseconds in UTC, as Drive writes every time. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}
