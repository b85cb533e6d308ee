import type { Entry } from '@rsyncish/core';
import type { FileMetadata, Metadata } from './api/types.js';

/** Dropbox metadata as a core Entry at `path`: modTime from client_modified, the content_hash as the `dropbox` hash. */
export function metadataToEntry(meta: Metadata, path: string): Entry {
  if (meta['.tag'] !== 'file') return { path, kind: 'dir', size: -1, ...('id' in meta ? { id: meta.id } : {}) };
  return fileToEntry(meta, path);
}

export function fileToEntry(meta: FileMetadata, path: string): Entry {
  const entry: Entry = { path, kind: 'file', size: meta.size, id: meta.id };
  const modTime = Date.parse(meta.client_modified);
  if (!Number.isNaN(modTime)) entry.modTime = modTime;
  if (meta.content_hash) entry.hashes = { dropbox: meta.content_hash.toLowerCase() };
  return entry;
}
