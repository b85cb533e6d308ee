import { badRequest } from './errors.js';
import type { ObjectFields } from './store.js';

const TEXT_FIELDS = ['contentType', 'contentEncoding', 'contentDisposition', 'contentLanguage', 'cacheControl', 'storageClass'] as const;

export type FieldsPatch = Omit<ObjectFields, 'metadata'> & { metadata?: Record<string, string | null> };

/** The settable fields of an object resource a client sent (upload metadata, copy or patch body); a metadata key set to null is one to remove. */
export function fieldsFrom(json: Record<string, unknown> | undefined): FieldsPatch {
  const out: FieldsPatch = {};
  if (!json) return out;
  for (const k of TEXT_FIELDS) {
    const v = json[k];
    if (typeof v === 'string') out[k] = v;
  }
  const meta = json['metadata'];
  if (meta !== undefined && meta !== null) {
    if (typeof meta !== 'object' || Array.isArray(meta)) throw badRequest('metadata must be an object of strings');
    out.metadata = {};
    for (const [k, v] of Object.entries(meta)) out.metadata[k] = v === null ? null : String(v);
  }
  return out;
}

/** Metadata as stored: keys set to null by a client are left out. */
export function plainMetadata(meta: Record<string, string | null> | undefined): Record<string, string> | undefined {
  if (!meta) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta)) if (v !== null) out[k] = v;
  return out;
}

/**
 * The hashes a client asked the server to check (`md5Hash`/`crc32c` in the
 * metadata, or an `X-Goog-Hash: crc32c=…,md5=…` header): GCS refuses an
 * upload whose bytes do not match and keeps nothing.
 */
export function expectedHashes(json: Record<string, unknown> | undefined, header: string | string[] | undefined): { md5?: string; crc32c?: string } {
  const out: { md5?: string; crc32c?: string } = {};
  if (typeof json?.['md5Hash'] === 'string') out.md5 = json['md5Hash'];
  if (typeof json?.['crc32c'] === 'string') out.crc32c = json['crc32c'];
  for (const h of [header ?? []].flat()) {
    for (const part of h.split(',')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      const name = part.slice(0, eq).trim().toLowerCase();
      const value = part.slice(eq + 1).trim();
      if (name === 'md5') out.md5 = value;
      if (name === 'crc32c') out.crc32c = value;
    }
  }
  return out;
}

export function checkHashes(expected: { md5?: string; crc32c?: string }, got: { md5Hash: string; crc32c: string }): void {
  if (expected.md5 !== undefined && expected.md5 !== got.md5Hash) {
    throw badRequest(`Provided MD5 hash "${expected.md5}" doesn't match calculated MD5 hash "${got.md5Hash}".`);
  }
  if (expected.crc32c !== undefined && expected.crc32c !== got.crc32c) {
    throw badRequest(`Provided CRC32C "${expected.crc32c}" doesn't match calculated CRC32C "${got.crc32c}".`);
  }
}
