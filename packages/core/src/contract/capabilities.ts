import type { HashType } from './entry.js';

/**
 * What a backend can do, declared statically. The engine reads these and never
 * asks which backend it is talking to.
 */
export interface Capabilities {
  /** Hashes the backend can report (from the server or computed on demand). */
  hashes: HashType[];
  /**
   * Hashes put() computes of what it stores when asked (PutOptions.computeHashes)
   * at no more cost than hashing the stream in flight: a local filesystem hashes
   * a big file on a worker thread as it is written. When the source states one
   * of these, the engine asks the destination for it instead of hashing the
   * bytes itself and passes the source's value in PutOptions.hashes: put()
   * must then compare the two before it commits, and on a mismatch fail with
   * ERR_HASH_MISMATCH leaving any previous version in place.
   */
  hashesOnPut?: HashType[];
  modTime: {
    /** Entries carry a modTime that reflects the file's modification time. */
    read: boolean;
    /** put() stores the given modTime, or setModTime() exists. */
    write: boolean;
    /**
     * Granularity of stored modtimes in milliseconds (1 = ms, 1000 = seconds,
     * 0.000001 = ns): what survives a write and a read back, as rclone's Precision.
     */
    precisionMs: number;
  };
  /** `A` and `a` are the same name in one folder. */
  caseInsensitive: boolean;
  /** `café` in NFC and in NFD are the same name in one folder (macOS filesystems). */
  normalizationInsensitive?: boolean;
  /**
   * How the backend turns engine (rclone "standard") names into the names it
   * stores, as rclone's encoding flags (`Slash,InvalidUtf8,Dot`); absent: it
   * stores them as given. The engine reads it to know which names would be
   * one name there.
   */
  nameEncoding?: string;
  /** delete() moves to a trash instead of destroying. */
  deleteIsTrash: boolean;
  /** Largest file the backend accepts, in bytes. */
  maxFileSize?: number;
  /** Empty directories can exist. */
  emptyDirs: boolean;
  /**
   * The backend implements copyFrom() / moveFrom(). Like listRecursive, these
   * only state the methods' presence for `rsyncish backends`: the engine asks
   * the methods, and capabilitiesOf() fills them in from them.
   */
  serverSideCopy?: boolean;
  serverSideMove?: boolean;
  /**
   * The backend implements listRecursive() (rclone's ListR), so --fast-list
   * lists a whole tree in one paged call. It only states the method's
   * presence, for `rsyncish backends`, which shows a type without opening a
   * remote: the engine asks the method itself, and the testkit fails a
   * declaration that disagrees with it. See capabilitiesOf().
   */
  listRecursive?: boolean;
}

/**
 * An opened backend's capabilities with those that follow from the methods it
 * implements filled in from the methods, whatever it declared.
 */
export function capabilitiesOf(backend: { capabilities: Capabilities; listRecursive?: unknown; copyFrom?: unknown; moveFrom?: unknown }): Capabilities {
  return {
    ...backend.capabilities,
    listRecursive: typeof backend.listRecursive === 'function',
    serverSideCopy: typeof backend.copyFrom === 'function',
    serverSideMove: typeof backend.moveFrom === 'function',
  };
}
