import type { Entry, HttpResponse } from '@rsyncish/core';
import { META_MTIME, parseMtime, parseMtimeNanos } from './metadata.js';

export interface ObjectHead {
  size: number;
  etag?: string;
  contentType?: string;
  /** X-Object-Manifest of a Dynamic Large Object (URL-encoded `container/prefix`). */
  manifest?: string;
  /** A Static Large Object manifest. */
  slo: boolean;
  /** Every `x-object-meta-*` header, lower-case names. */
  meta: Record<string, string>;
  lastModified?: number;
}

export function readHead(res: HttpResponse): ObjectHead {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (name.startsWith('x-object-meta-') && value !== undefined) meta[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const modified = res.header('last-modified');
  return {
    size: Number(res.header('content-length') ?? '-1'),
    etag: res.header('etag'),
    contentType: res.header('content-type'),
    manifest: res.header('x-object-manifest'),
    slo: (res.header('x-static-large-object') ?? '').toLowerCase() === 'true',
    meta,
    lastModified: modified ? Date.parse(modified) : undefined,
  };
}

/** Segmented objects' ETags are not the MD5 of the content: they get no hash. */
export function md5Of(head: ObjectHead): string | undefined {
  if (head.manifest || head.slo) return undefined;
  const t = head.etag?.replace(/"/g, '').trim().toLowerCase();
  return t && /^[0-9a-f]{32}$/.test(t) ? t : undefined;
}

export function entryFromHead(path: string, head: ObjectHead): Entry {
  const entry: Entry = { path, kind: 'file', size: head.size };
  const modTime = parseMtime(head.meta[META_MTIME]) ?? head.lastModified;
  if (modTime !== undefined && !Number.isNaN(modTime)) entry.modTime = modTime;
  const nanos = parseMtime(head.meta[META_MTIME]) === undefined ? 0 : parseMtimeNanos(head.meta[META_MTIME]);
  if (nanos) entry.modTimeNanos = nanos;
  const md5 = md5Of(head);
  if (md5) entry.hashes = { md5 };
  if (head.contentType) entry.mimeType = head.contentType;
  return entry;
}
