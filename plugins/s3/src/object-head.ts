import type { Entry, HttpResponse } from '@rsyncish/core';
import { META_MD5, META_MTIME, md5FromEtag, md5FromMeta, parseMtime, parseMtimeNanos } from './metadata.js';

/** What HEAD tells about one object, kept for copies that must carry its metadata. */
export interface ObjectHead {
  size: number;
  etag?: string;
  contentType?: string;
  /** Every `x-amz-meta-*` header, lower-case names. */
  meta: Record<string, string>;
  lastModified?: number;
}

export function readHead(res: HttpResponse): ObjectHead {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) meta[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const modified = res.header('last-modified');
  return {
    size: Number(res.header('content-length') ?? '-1'),
    etag: res.header('etag'),
    contentType: res.header('content-type'),
    meta,
    lastModified: modified ? Date.parse(modified) : undefined,
  };
}

/** The entry for an object: rclone's mtime metadata when present, else the upload time. */
export function entryFromHead(path: string, head: ObjectHead): Entry {
  const md5 = md5FromEtag(head.etag) ?? md5FromMeta(head.meta[META_MD5]);
  const modTime = parseMtime(head.meta[META_MTIME]) ?? head.lastModified;
  const entry: Entry = { path, kind: 'file', size: head.size };
  if (modTime !== undefined && !Number.isNaN(modTime)) entry.modTime = modTime;
  const nanos = parseMtime(head.meta[META_MTIME]) === undefined ? 0 : parseMtimeNanos(head.meta[META_MTIME]);
  if (nanos) entry.modTimeNanos = nanos;
  if (md5) entry.hashes = { md5 };
  if (head.contentType) entry.mimeType = head.contentType;
  return entry;
}
