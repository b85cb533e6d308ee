/** Hash types the project knows by name; backends may declare others. */
export type HashType = 'md5' | 'sha1' | (string & {});

/** One file or directory as a backend reports it. */
export interface Entry {
  /** Relative to the remote's root, `/`-separated, no leading or trailing slash. */
  path: string;
  kind: 'file' | 'dir';
  /** Bytes; -1 when unknown (directories are usually -1 or 0). */
  size: number;
  /** Milliseconds since the epoch, whole (rounded down). */
  modTime?: number;
  /**
   * Nanoseconds past modTime's millisecond (0-999999), when the backend knows
   * them; absent means 0. Kept apart from modTime so the common comparisons
   * stay plain number arithmetic (a bigint per entry would slow big listings).
   */
  modTimeNanos?: number;
  /** Lowercase hex digests by hash type, only when the backend knows them cheaply. */
  hashes?: Partial<Record<HashType, string>>;
  mimeType?: string;
  /** The backend's own id for this object (e.g. an ACD node id). */
  id?: string;
}
