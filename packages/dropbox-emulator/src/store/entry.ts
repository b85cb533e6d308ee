/** What a file entry holds besides its place: its bytes are the blob named by content_hash. */
export interface FileContent {
  size: number;
  contentHash: string;
  rev: string;
  /** Milliseconds, whole seconds: what the client said (or the upload time when it said nothing). */
  clientModified: number;
  /** Milliseconds, whole seconds: when this revision was stored. Clients cannot set it. */
  serverModified: number;
}

export interface Entry {
  /** `id:` and 22 characters; kept by moves and renames, new for copies. */
  id: string;
  kind: 'file' | 'folder';
  /** The last component as it was first written (case preserved). */
  name: string;
  /** `/A/b.txt` with each component as stored; `path_lower` is its lower-case form. */
  display: string;
  /** Position in the change order: list_folder/continue reports what changed after a cursor's. */
  seq: number;
  file?: FileContent;
}

/** What continue reports for a path whose entry went away. */
export interface Tombstone {
  name: string;
  display: string;
  seq: number;
}
