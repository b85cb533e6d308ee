import type { Entry } from '@rsyncish/core';
import type { AcdNode } from './api/types.js';

/** A node as a core Entry at `path`: modTime from modifiedDate, MD5 and MIME type from the server. */
export function nodeToEntry(node: AcdNode, path: string): Entry {
  const isDir = node.kind === 'FOLDER';
  const entry: Entry = { path, kind: isDir ? 'dir' : 'file', size: isDir ? -1 : node.contentProperties?.size ?? 0, id: node.id };
  const modTime = node.modifiedDate ? Date.parse(node.modifiedDate) : NaN;
  if (!Number.isNaN(modTime)) entry.modTime = modTime;
  const md5 = node.contentProperties?.md5;
  // An absent MD5 means "unknown", not an error.
  if (!isDir && md5) entry.hashes = { md5: md5.toLowerCase() };
  if (!isDir && node.contentProperties?.contentType) entry.mimeType = node.contentProperties.contentType;
  return entry;
}

/** What rclone keeps from a listing: AVAILABLE files and folders that really are in this folder. */
export function isListable(node: AcdNode, folderId: string): boolean {
  return (
    typeof node.id === 'string' && node.id !== '' &&
    typeof node.name === 'string' &&
    (node.kind === 'FILE' || node.kind === 'FOLDER') &&
    node.status === 'AVAILABLE' &&
    Array.isArray(node.parents) && node.parents.includes(folderId)
  );
}
