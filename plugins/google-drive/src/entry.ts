import type { Entry } from '@rsyncish/core';
import { FOLDER_MIME_TYPE, GOOGLE_APPS_PREFIX, type DriveFile } from './api/types.js';
import type { ExportFormat } from './export-formats.js';

/** What one Drive file is to rsyncish. */
export type FileKind = 'dir' | 'file' | 'document';

export function kindOf(file: DriveFile): FileKind {
  if (file.mimeType === FOLDER_MIME_TYPE) return 'dir';
  // As rclone: an MD5 means stored bytes; a Google type without one is a document.
  if (!file.md5Checksum && file.mimeType.startsWith(GOOGLE_APPS_PREFIX)) return 'document';
  return 'file';
}

/**
 * A file as a core Entry at `path`. A Google Doc is listed under its export
 * name with size -1: its size is only known once exported.
 */
export function fileToEntry(file: DriveFile, path: string, exported?: ExportFormat): Entry {
  const kind = kindOf(file);
  const entry: Entry = { path, kind: kind === 'dir' ? 'dir' : 'file', size: -1, id: file.id };
  if (kind === 'file') entry.size = file.size !== undefined ? Number(file.size) : 0;
  const modTime = file.modifiedTime ? Date.parse(file.modifiedTime) : NaN;
  if (!Number.isNaN(modTime)) entry.modTime = modTime;
  if (kind === 'file' && file.md5Checksum) entry.hashes = { md5: file.md5Checksum.toLowerCase() };
  if (kind === 'file') entry.mimeType = file.mimeType;
  if (kind === 'document' && exported) entry.mimeType = exported.mimeType;
  return entry;
}

/** RFC 3339 with milliseconds, as Drive stores modifiedTime. */
export function driveTime(ms: number): string {
  return new Date(ms).toISOString();
}
