import type { Readable } from 'node:stream';
import type { Capabilities } from './capabilities.js';
import type { Entry, HashType } from './entry.js';
import type { RootLocation } from './root-location.js';
import type { Usage } from './usage.js';

export interface GetOptions {
  /** Inclusive start and exclusive end byte offsets; end omitted = to the end of file. */
  range?: { start: number; end?: number };
  signal?: AbortSignal;
}

export interface PutOptions {
  /** Exact size of the stream in bytes, or -1 when unknown. */
  size: number;
  modTime?: number;
  /** Nanoseconds past modTime's millisecond, for a backend that keeps them (Entry.modTimeNanos). */
  modTimeNanos?: number;
  mimeType?: string;
  /** Hashes of the content when the caller already knows them. */
  hashes?: Partial<Record<HashType, string>>;
  /**
   * Hashes the caller wants in the returned Entry. A backend whose server
   * reports hashes ignores this; a local one computes them while writing.
   */
  computeHashes?: HashType[];
  signal?: AbortSignal;
}

/** What moveDirFrom did: moved, or why it could not (the engine falls back to moving each file). */
export type DirMoveResult = { moved: true } | { moved: false; why: string };

/**
 * One opened remote. Paths are relative to the remote's root, `/`-separated,
 * with '' meaning the root itself. Errors are the typed errors of core.
 */
export interface Backend {
  readonly capabilities: Capabilities;
  /** A short description for logs and errors, e.g. `remote:backup` or `/tmp/x`. */
  readonly name: string;

  /**
   * One directory's entries (not recursive). NotFound (isDir) when it does not
   * exist. Entries that could not be read fail alone: after the good ones,
   * throw PartialListingError naming them, never fail the whole directory.
   */
  list(dir: string): AsyncIterable<Entry>;
  /**
   * Optional: the same entries as `list`, all at once. A backend that reads a
   * directory whole anyway (a local readdir) spares the engine an async
   * iteration step per entry, which is most of the per-entry cost of a large
   * no-op sync; the engine calls it instead of `list` when present.
   */
  listAll?(dir: string): Promise<Entry[]>;
  /**
   * Optional (rclone's ListR): every file and directory below `dir`, at any
   * depth, in as few requests as the storage allows (an object store's
   * listing without delimiter, paged like `list`). Paths are relative to the
   * root, as `list` gives them, and in no particular order; directories that
   * exist only as a prefix of object keys are yielded too, once each. The
   * entries are exactly those a walk of `list` from `dir` would give. NotFound
   * (isDir) when `dir` does not exist, like `list`. The engine calls it for
   * --fast-list; declare `listRecursive: true` in the capabilities with it.
   */
  listRecursive?(dir: string, options?: { signal?: AbortSignal }): AsyncIterable<Entry>;
  /** The entry at path, file or directory. NotFound when absent. */
  stat(path: string): Promise<Entry>;
  /** The file's content as a stream. */
  get(path: string, options?: GetOptions): Promise<Readable>;
  /**
   * Store a file, replacing any previous version atomically: an interrupted put
   * leaves the old version or nothing, never a truncated file. Creates parents.
   * A content stream that errors, even after its last byte was read, means
   * nothing is committed: the engine fails a copy that does not verify that
   * way. Returns the stored entry, with server-computed hashes where the server gives them.
   */
  put(path: string, content: Readable, options: PutOptions): Promise<Entry>;
  delete(path: string): Promise<void>;
  /** Create a directory and its parents; succeeds when it already exists. */
  mkdir(path: string): Promise<void>;
  /** Remove an empty directory. */
  rmdir(path: string): Promise<void>;

  /** modTime in ms, modTimeNanos as in Entry: a backend keeps what its precision allows. */
  setModTime?(path: string, modTime: number, modTimeNanos?: number): Promise<void>;
  /** Compute or fetch a hash; undefined when the backend cannot give this type. */
  hash?(path: string, type: HashType): Promise<string | undefined>;
  /**
   * The one server-side copy: a file from another opened remote of the same
   * storage system, or from this one (`src` is then this backend), without
   * the bytes passing through rsyncish (local to local: the kernel's
   * copy_file_range). Resolves undefined when `src` is not one this backend
   * can copy from, and the engine then streams the file as usual. Like put,
   * the result replaces `dstPath` atomically and carries `modTime`; a copy
   * whose size is not `size` is refused before it replaces `dstPath`; an abort
   * through `signal` leaves the previous version, as for put.
   */
  copyFrom?(src: Backend, srcPath: string, dstPath: string, options: { size: number; modTime?: number; modTimeNanos?: number; signal?: AbortSignal }): Promise<Entry | undefined>;
  /**
   * The one server-side move: a file from another opened remote of the same storage system (or
   * from this one) without the bytes passing through rsyncish: a rename.
   * Resolves undefined when it can't (another account, another filesystem),
   * and the engine then copies and deletes. An existing file at `dstPath` is
   * replaced; the source's modtime is kept. rclone logs it "Moved (server-side)".
   */
  moveFrom?(src: Backend, srcPath: string, dstPath: string, options: { signal?: AbortSignal }): Promise<Entry | undefined>;
  /**
   * Move a whole directory from another opened remote of the same storage
   * system in one operation (ACD: one request; local: one rename), when
   * `dstDir` does not exist yet. Resolves `{ moved: false, why }` when it
   * can't, and the engine then moves file by file.
   */
  moveDirFrom?(src: Backend, srcDir: string, dstDir: string): Promise<DirMoveResult>;
  /**
   * Remove a directory and everything in it in one call, when the backend can
   * (ACD trashes a folder at once). The engine falls back to deleting each file.
   */
  purge?(path: string): Promise<void>;
  /**
   * Optional: where this remote's root really is, when its spelling can hide
   * it (a local path through `..` or a symlink). Without it the root is located
   * by remote name, type and path as typed.
   */
  locate?(): Promise<RootLocation>;
  /**
   * Optional: the storage's size, use and free space (the `about` command).
   * A backend that cannot tell leaves it out and `about` says so.
   */
  about?(): Promise<Usage>;
  /** Release connections, timers, temp files. */
  close?(): Promise<void>;
}
