import { cleanRemotePath, type NameCodec } from '@rsyncish/core';

/** Where a remote path lives: bucket '' is the list of buckets, key '' the bucket itself. */
export interface Location {
  bucket: string;
  key: string;
}

/**
 * The bucket is the first segment of the remote's root joined with the path;
 * each segment is the engine's name encoded as S3 stores it (`names`).
 */
export function locate(root: string, path: string, names?: NameCodec): Location {
  const clean = cleanRemotePath([root, path].filter((p) => p !== '').join('/'));
  const full = names ? names.fromStandardPath(clean) : clean;
  const slash = full.indexOf('/');
  return slash < 0 ? { bucket: full, key: '' } : { bucket: full.slice(0, slash), key: full.slice(slash + 1) };
}

/** `bucket/key` for messages. */
export function describe(loc: Location): string {
  return loc.key ? `${loc.bucket}/${loc.key}` : loc.bucket;
}

/** RFC 3986 encoding of one path segment or query value, as SigV4 canonicalises it. */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A key on the wire: every segment encoded, slashes kept. */
export function encodeKey(key: string): string {
  return key.split('/').map(encodeRfc3986).join('/');
}
