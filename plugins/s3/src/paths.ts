import type { NameCodec } from '@rsyncish/core';
import { describeStoreLocation, locateInStore } from '@rsyncish/object-store';

/** Where a remote path lives: bucket '' is the list of buckets, key '' the bucket itself. */
export interface Location {
  bucket: string;
  key: string;
}

/** The bucket is the first segment of the remote's root joined with the path (locateInStore). */
export function locate(root: string, path: string, names?: NameCodec): Location {
  const { store, key } = locateInStore(root, path, names);
  return { bucket: store, key };
}

/** `bucket/key` for messages. */
export function describe(loc: Location): string {
  return describeStoreLocation({ store: loc.bucket, key: loc.key });
}

/** RFC 3986 encoding of one path segment or query value, as SigV4 canonicalises it. */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A key on the wire: every segment encoded, slashes kept. */
export function encodeKey(key: string): string {
  return key.split('/').map(encodeRfc3986).join('/');
}
