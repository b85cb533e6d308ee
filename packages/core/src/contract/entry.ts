/** Hash types the project knows by name; backends may declare others. */
export type HashType = 'md5' | 'sha1' | (string & {});

/** One file or directory as a backend reports it. */
export interface Entry {
  /** Relative to the remote's root, `/`-separated, no leading or trailing slash. */
  path: string;
  kind: 'file' | 'dir';
  /** Bytes; -1 when unknown (directories are usually -1 or 0). */
  size: number;
  /** Milliseconds since the epoch. */
  modTime?: number;
  /** Lowercase hex digests by hash type, only when the backend knows them cheaply. */
  hashes?: Partial<Record<HashType, string>>;
  mimeType?: string;
  /** The backend's own id for this object (e.g. an ACD node id). */
  id?: string;
}
