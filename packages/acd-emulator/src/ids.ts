import { randomBytes, randomUUID } from 'node:crypto';

/** 16 random bytes in base64url are exactly 22 chars of [A-Za-z0-9_-], the shape of real node ids. */
export function newNodeId(): string {
  return randomBytes(16).toString('base64url');
}

export function newLogref(): string {
  return randomUUID();
}

export function newOpaque(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}
