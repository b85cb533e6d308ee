import { baseName, type Backend, type Entry, type HashType } from '@rsyncish/core';
import { entryHash } from './entry-hash.js';
import type { GoJsonValue } from './go-json.js';
import { rfc3339 } from './go-time.js';
import { DIRECTORY_MIME_TYPE, mimeTypeOfName } from './mime-type.js';

export interface ItemOptions {
  noModTime: boolean;
  noMimeType: boolean;
  /** Hashes to show: those named (--hash-type), all the backend has (--hash), or none. */
  hashes?: HashType[] | 'backend';
}

/**
 * One entry as rclone's lsjson item, fields in rclone's order: Path, Name,
 * Size, MimeType, ModTime, IsDir, Hashes, ID. Empty MimeType, Hashes and ID
 * are left out as rclone's `omitempty` leaves them; ModTime is "" with
 * --no-modtime, as rclone prints a zero time. `at` is where the backend
 * finds the entry (a file root is '' there, and named by its file name in the item).
 */
export async function lsjsonItem(backend: Backend, e: Entry, opt: ItemOptions, now: number, at = e.path): Promise<Record<string, GoJsonValue>> {
  const isDir = e.kind === 'dir';
  const item: Record<string, GoJsonValue> = { Path: e.path, Name: e.path === '' ? '' : baseName(e.path), Size: e.size };
  if (!opt.noMimeType) item.MimeType = isDir ? DIRECTORY_MIME_TYPE : e.mimeType || mimeTypeOfName(e.path);
  const precision = backend.capabilities.modTime.write ? backend.capabilities.modTime.precisionMs : undefined;
  item.ModTime = opt.noModTime ? '' : rfc3339(e.modTime ?? now, e.modTime === undefined ? 0 : e.modTimeNanos ?? 0, precision);
  item.IsDir = isDir;
  if (!isDir && opt.hashes) {
    const hashes: Record<string, string> = {};
    const types = opt.hashes === 'backend' ? backend.capabilities.hashes : opt.hashes;
    for (const type of [...types].sort()) {
      const value = await entryHash(backend, e, at, type);
      if (value) hashes[type] = value;
    }
    if (Object.keys(hashes).length > 0) item.Hashes = hashes;
  }
  if (e.id) item.ID = e.id;
  return item;
}
