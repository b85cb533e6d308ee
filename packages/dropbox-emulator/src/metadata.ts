import { lower } from './paths.js';
import type { Entry, Tombstone } from './store/entry.js';

/** Dropbox timestamps: UTC to the second, `2015-05-12T15:50:38Z`. */
export function dropboxTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Parses a client_modified argument; undefined when it is not in Dropbox's one format. */
export function parseDropboxTime(text: string): number | undefined {
  if (!TIME_RE.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** FileMetadata or FolderMetadata as a struct (create_folder_v2, upload, download results). */
export function entryJson(e: Entry): Record<string, unknown> {
  const base = { name: e.name, path_lower: lower(e.display), path_display: e.display, id: e.id };
  if (e.kind === 'folder' || !e.file) return base;
  const f = e.file;
  return {
    ...base,
    client_modified: dropboxTime(f.clientModified),
    server_modified: dropboxTime(f.serverModified),
    rev: f.rev,
    size: f.size,
    is_downloadable: true,
    content_hash: f.contentHash,
  };
}

/** Metadata as a union (listings, get_metadata, delete/copy/move results): `.tag` first. */
export function taggedJson(e: Entry): Record<string, unknown> {
  return { '.tag': e.kind, ...entryJson(e) };
}

export function deletedJson(t: Tombstone): Record<string, unknown> {
  return { '.tag': 'deleted', name: t.name, path_lower: lower(t.display), path_display: t.display };
}
