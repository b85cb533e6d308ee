import { createHash } from 'node:crypto';
import type { HashType } from '../contract/index.js';
import { Crc32Hash } from './crc32.js';
import { DropboxContentHash } from './dropbox-content-hash.js';

/** What every computable hash offers: feed bytes, then read lowercase hex once. */
export interface Hasher {
  update(data: Uint8Array): unknown;
  digest(encoding: 'hex'): string;
}

/** Hash types Node can compute, Dropbox's block hash built on SHA-256, and CRC-32; others a backend may only report. */
export const COMPUTABLE_HASHES: ReadonlySet<string> = new Set(['md5', 'sha1', 'sha256', 'dropbox', 'crc32']);

/** A fresh hasher for a computable type (see COMPUTABLE_HASHES). */
export function hasherFor(type: HashType): Hasher {
  if (type === 'dropbox') return new DropboxContentHash();
  if (type === 'crc32') return new Crc32Hash();
  return createHash(type);
}
