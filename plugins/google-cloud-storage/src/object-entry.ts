import type { Entry } from '@rsyncish/core';
import type { ObjectResource } from './api/types.js';
import { modTimeOf } from './mtime.js';

/** A listed or fetched object as an Entry: size, modtime as rclone reads it, MD5 in hex. */
export function entryFromObject(path: string, o: ObjectResource): Entry {
  const entry: Entry = { path, kind: 'file', size: Number(o.size) };
  const t = modTimeOf(o.metadata, o.updated);
  if (t) {
    entry.modTime = t.ms;
    if (t.nanos) entry.modTimeNanos = t.nanos;
  }
  const md5 = md5Hex(o.md5Hash);
  if (md5) entry.hashes = { md5 };
  if (o.contentType) entry.mimeType = o.contentType;
  if (o.generation) entry.id = o.generation;
  return entry;
}

/** GCS's base64 MD5 as lower-case hex; composite objects have none. */
export function md5Hex(base64: string | undefined): string | undefined {
  if (!base64) return undefined;
  const bytes = Buffer.from(base64, 'base64');
  return bytes.length === 16 ? bytes.toString('hex') : undefined;
}

export function md5Base64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}
