import type { BigIntStats } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import {
  NameCodec,
  NotFoundError,
  AlreadyExistsError,
  ExitCode,
  silentLogger,
  type Backend,
  type Capabilities,
  type DirMoveResult,
  PartialListingError,
  type Entry,
  type EntryFailure,
  type GetOptions,
  type HashType,
  type Logger,
  type PutOptions,
  type RootLocation,
  type Usage,
} from '@rsyncish/core';
import { localCapabilities } from './capabilities.js';
import { entryFromStats } from './entry.js';
import { DirectoryNotEmptyError, IsADirectoryError, NotADirectoryError, NotAFileOrDirectoryError } from './errors.js';
import { describeSpecialFile } from './file-kind.js';
import { mapFsError } from './fs-errors.js';
import { resolveRoot, toFsPath } from './fs-paths.js';
import { CRYPTO_HASHES } from './local-hashes.js';
import { IoPolicy } from './io-policy.js';
import type { Listing } from './list-dir.js';
import { FileSystemIo, type FileTimes, type LocalIo } from './local-io.js';
import { modTimeOfStats, needsNanoseconds, type ModTime } from './mod-time.js';
import { platformEncoding, platformIsCaseInsensitive, type LocalOptions } from './options.js';
import { linkContent, linkHash, linkPathOf } from './rclonelink.js';

export const DEFAULT_LOCAL_OPTIONS: LocalOptions = {
  copyLinks: false,
  skipLinks: false,
  links: false,
  noCheckUpdated: false,
  oneFileSystem: false,
  noSetModTime: false,
  caseInsensitive: platformIsCaseInsensitive(),
  names: NameCodec.parse(platformEncoding()),
};

export interface LocalBackendInit {
  /** A filesystem path; relative paths resolve against the current directory. */
  root: string;
  options?: Partial<LocalOptions>;
  logger?: Logger;
  /** For messages; defaults to the absolute root path. */
  name?: string;
  /** Small files with blocking calls while the filesystem is fast (io-policy.ts); tests turn it off to cover the pooled ways. */
  blockingIo?: boolean;
}

/**
 * The local filesystem as a Backend. Remote-relative `/` paths map below one
 * root directory; the root may also be a single file, or not exist yet (a copy
 * destination, created by the first put or mkdir).
 */
export class LocalBackend implements Backend {
  readonly capabilities: Capabilities;
  readonly name: string;
  /** Absolute filesystem path of the root. */
  readonly rootFs: string;
  readonly options: LocalOptions;
  private readonly logger: Logger;
  private precisionNoticed = false;
  private modTimeVerified = false;
  private nanosNoticed = false;
  /** Parent directories this backend made or saw, so each put does not mkdir again. */
  private readonly knownDirs = new Set<string>();
  /** Every filesystem call goes through here. */
  private readonly io: LocalIo;

  constructor(init: LocalBackendInit) {
    this.io = new FileSystemIo({
      policy: new IoPolicy({ blocking: init.blockingIo ?? true }),
      nanosecondsLost: (fsPath, err) => this.noticeNanosecondsLost(fsPath, err),
    });
    this.rootFs = resolveRoot(init.root);
    this.name = init.name ?? this.rootFs;
    this.options = { ...DEFAULT_LOCAL_OPTIONS, ...init.options };
    this.logger = init.logger ?? silentLogger;
    const caps = localCapabilities(this.options.caseInsensitive);
    // A destination whose modtimes we may not set is compared by size, not time.
    this.capabilities = { ...caps, modTime: { ...caps.modTime, write: !this.options.noSetModTime }, nameEncoding: this.options.names.text };
  }

  /** The filesystem path of a remote-relative path. */
  fsPath(path: string): string {
    return toFsPath(this.rootFs, path, this.options.names);
  }

  async *list(dir: string): AsyncIterable<Entry> {
    const { entries, failures } = await this.listing(dir);
    yield* entries;
    if (failures.length > 0) throw partialListing(this.fsPath(dir), entries, failures);
  }

  async listAll(dir: string): Promise<Entry[]> {
    const { entries, failures } = await this.listing(dir);
    if (failures.length > 0) throw partialListing(this.fsPath(dir), entries, failures);
    return entries;
  }

  private async listing(dir: string): Promise<Listing> {
    const fsDir = this.fsPath(dir);
    try {
      return await this.io.list(fsDir, dir, { options: this.options, names: this.options.names, logger: this.logger });
    } catch (err) {
      if (dir === '' && err instanceof NotADirectoryError) {
        throw new NotADirectoryError(`${JSON.stringify(this.rootFs)}: is a file, not a directory`, {
          hint: 'a file root can be read (stat, cat, copy) but not listed; name its directory to list it',
          cause: err,
        });
      }
      throw err;
    }
  }

  /** -l: the symlink a `.rclonelink` path stands for, when there is one. */
  private async link(path: string): Promise<{ fsPath: string; target: string; stats: BigIntStats } | undefined> {
    const linkPath = this.options.links ? linkPathOf(path) : undefined;
    if (linkPath === undefined) return undefined;
    const fsPath = this.fsPath(linkPath);
    const found = await this.io.readLink(fsPath);
    return found && { fsPath, ...found };
  }

  async stat(path: string): Promise<Entry> {
    const l = await this.link(path);
    if (l) return { path, kind: 'file', size: Buffer.byteLength(l.target), ...modTimeOfStats(l.stats) };
    const fsPath = this.fsPath(path);
    return entryFromStats(path, await this.statFs(path, fsPath));
  }

  async get(path: string, options: GetOptions = {}): Promise<Readable> {
    const l = await this.link(path);
    if (l) return linkContent(l.target, options.range);
    return this.io.read(this.fsPath(path), { ...options, checkUpdated: !this.options.noCheckUpdated });
  }

  async put(path: string, content: Readable, options: PutOptions): Promise<Entry> {
    const linkPath = this.options.links ? linkPathOf(path) : undefined;
    const fsPath = this.fsPath(linkPath ?? path);
    try {
      await this.makeParents(fsPath);
    } catch (err) {
      content.destroy();
      throw err;
    }
    if (linkPath !== undefined) {
      const made = await this.io.writeLink(fsPath, content, { ...options, modTime: this.options.noSetModTime ? undefined : options.modTime });
      const entry: Entry = { path, kind: 'file', size: made.bytes, ...modTimeOfStats(await this.io.stat(fsPath, false)) };
      return Object.keys(made.hashes).length > 0 ? { ...entry, hashes: made.hashes } : entry;
    }
    const times = this.timesToSet(options.modTime, options.modTimeNanos);
    const modTime = times?.ms;
    const nanos = times?.nanos ?? 0;
    // Hashed while written on a worker thread: the node:crypto ones (hashesOnPut asks for no other).
    const hashes = (options.computeHashes ?? []).filter((h) => CRYPTO_HASHES.includes(h));
    const written = await this.io.write(fsPath, content, { size: options.size, hashes, expectedHashes: options.hashes, signal: options.signal, times });
    let entry: Entry;
    if (this.modTimeVerified || modTime === undefined) {
      // What was written is known; a stat per file would only repeat it.
      entry = { path, kind: 'file', size: written.bytes, modTime: modTime ?? Date.now() };
      if (modTime !== undefined && nanos !== 0) entry.modTimeNanos = this.storedNanos(nanos);
    } else {
      // Once per remote, read back what the filesystem stored (FAT keeps 2 s).
      entry = entryFromStats(path, await this.statFs(path, fsPath));
      this.modTimeVerified = true;
      this.checkStoredModTime(fsPath, { modTime, modTimeNanos: this.storedNanos(nanos) }, entry);
    }
    return Object.keys(written.hashes).length > 0 ? { ...entry, hashes: written.hashes } : entry;
  }

  async delete(path: string): Promise<void> {
    const l = await this.link(path);
    const fsPath = l?.fsPath ?? this.fsPath(path);
    try {
      await this.io.remove(fsPath);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Linux says EISDIR, macOS EPERM, for unlink() of a directory.
      if ((code === 'EISDIR' || code === 'EPERM') && (await this.isDirectory(fsPath))) {
        throw new IsADirectoryError(`${JSON.stringify(fsPath)}: is a directory, not a file`, {
          hint: 'use rmdir for an empty directory, or purge for a directory with its contents',
        });
      }
      throw mapFsError(err, fsPath);
    }
  }

  async mkdir(path: string): Promise<void> {
    const fsPath = this.fsPath(path);
    try {
      await this.io.makeDir(fsPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new AlreadyExistsError(`${JSON.stringify(fsPath)}: exists and is not a directory`, { cause: err });
      }
      throw mapFsError(err, fsPath, { isDir: true });
    }
  }

  async rmdir(path: string): Promise<void> {
    const fsPath = this.fsPath(path);
    try {
      await this.io.removeDir(fsPath);
    } catch (err) {
      // POSIX lets rmdir() of a non-empty directory fail with EEXIST as well.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new DirectoryNotEmptyError(`${JSON.stringify(fsPath)}: directory not empty`, { cause: err });
      }
      // rmdir() of a symlink to a directory says ENOTDIR, which reads as if a parent were a file.
      if ((err as NodeJS.ErrnoException).code === 'ENOTDIR' && (await this.isSymlink(fsPath))) {
        throw new NotADirectoryError(`${JSON.stringify(fsPath)}: is a symlink, not a directory; not removing it or what it points to`, {
          hint: 'name the directory itself, or remove the link with rm',
          cause: err,
        });
      }
      throw mapFsError(err, fsPath, { isDir: true });
    }
  }

  async setModTime(path: string, modTime: number, modTimeNanos = 0): Promise<void> {
    if (this.options.noSetModTime) {
      this.logger.debug(`${path}: not setting modification time (no_set_modtime)`);
      return;
    }
    const l = await this.link(path);
    if (l) {
      await this.io.setLinkTimes(l.fsPath, modTime).catch((err: unknown) => {
        throw mapFsError(err, l.fsPath);
      });
      return;
    }
    const fsPath = this.fsPath(path);
    const ms = Math.floor(modTime);
    try {
      await this.io.setTimes(fsPath, { ms, nanos: modTimeNanos });
      const stored = modTimeOfStats(await this.io.stat(fsPath, true));
      this.checkStoredModTime(fsPath, { modTime: ms, modTimeNanos: this.storedNanos(modTimeNanos) }, stored);
    } catch (err) {
      throw mapFsError(err, fsPath);
    }
  }

  async hash(path: string, type: HashType): Promise<string | undefined> {
    const l = await this.link(path);
    if (l) return linkHash(l.target, type);
    return this.io.hash(this.fsPath(path), type);
  }

  /**
   * A file from another local remote, copied by this side's I/O layer (by the
   * kernel, or read whole and written for a small file) into a temp name, then
   * renamed into place: nothing streams through the engine.
   */
  async copyFrom(src: Backend, srcPath: string, dstPath: string, options: { size: number; modTime?: number; modTimeNanos?: number; signal?: AbortSignal }): Promise<Entry | undefined> {
    // Only another local backend, and only when symlink handling agrees (copyFile follows links).
    if (!(src instanceof LocalBackend) || src.options.copyLinks !== this.options.copyLinks) return undefined;
    // A link's content is its target: streamed, and made a link again by put().
    if ((await src.link(srcPath)) || (this.options.links && linkPathOf(dstPath) !== undefined)) return undefined;
    options.signal?.throwIfAborted();
    const dstFs = this.fsPath(dstPath);
    await this.makeParents(dstFs);
    const times = this.timesToSet(options.modTime, options.modTimeNanos);
    const size = await this.io.copy(src.fsPath(srcPath), dstFs, {
      expected: options.size,
      checkUpdated: !src.options.noCheckUpdated,
      times,
      signal: options.signal,
    });
    const e: Entry = { path: dstPath, kind: 'file', size, modTime: times?.ms ?? Date.now() };
    if (times && times.nanos !== 0) e.modTimeNanos = this.storedNanos(times.nanos);
    return e;
  }

  /**
   * A file from another local remote (or this one), by rename(2): atomic, it
   * replaces a file at the destination and keeps the modtime. Across
   * filesystems, or when -L asks for the target of a link rather than the
   * link, it can't, and the engine copies instead.
   */
  async moveFrom(src: Backend, srcPath: string, dstPath: string, options: { signal?: AbortSignal } = {}): Promise<Entry | undefined> {
    if (!(src instanceof LocalBackend) || src.options.copyLinks || this.options.copyLinks) return undefined;
    options.signal?.throwIfAborted();
    // -l: a `.rclonelink` name is a symlink on disk, renamed as the link itself.
    const l = await src.link(srcPath);
    if (l) {
      const dstLink = this.options.links ? linkPathOf(dstPath) : undefined;
      if (dstLink === undefined) return undefined;
      return this.renameInto(l.fsPath, this.fsPath(dstLink), dstPath);
    }
    return this.renameInto(src.fsPath(srcPath), this.fsPath(dstPath), dstPath);
  }

  /** rename(2) with the destination's parents made; undefined across filesystems (EXDEV), where only a copy can. */
  private async renameInto(srcFs: string, dstFs: string, dstPath: string): Promise<Entry | undefined> {
    await this.makeParents(dstFs);
    try {
      await this.io.rename(srcFs, dstFs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EXDEV') return undefined;
      throw mapFsError(err, srcFs);
    }
    return this.stat(dstPath);
  }

  /** A whole tree from another local remote, by one rename(2), when the destination does not exist yet. */
  async moveDirFrom(src: Backend, srcDir: string, dstDir: string): Promise<DirMoveResult> {
    if (!(src instanceof LocalBackend)) return { moved: false, why: "can't move directory from another backend" };
    if (src.options.copyLinks || this.options.copyLinks) return { moved: false, why: "can't move directory when following symlinks" };
    const srcFs = src.fsPath(srcDir);
    const dstFs = this.fsPath(dstDir);
    const there = await this.io.stat(dstFs, false).then(() => true, (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw mapFsError(err, dstFs);
    });
    // rclone's words (fs.ErrorDirExists).
    if (there) return { moved: false, why: "can't copy directory - destination already exists" };
    await this.makeParents(dstFs);
    try {
      await this.io.rename(srcFs, dstFs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EXDEV') return { moved: false, why: "can't move directory - incompatible remotes" };
      // Created meanwhile: moving file by file merges, as for any existing destination.
      if (code === 'ENOTEMPTY' || code === 'EEXIST') return { moved: false, why: "can't copy directory - destination already exists" };
      throw mapFsError(err, srcFs, { isDir: true });
    }
    return { moved: true };
  }

  /**
   * The directory and everything in it, in one recursive removal that unlinks
   * symlinks inside rather than following them. A path that is itself a
   * symlink is refused, as rclone does: purging through it would empty the
   * directory it points to and then fail to remove the link.
   */
  async purge(path: string): Promise<void> {
    const fsPath = this.fsPath(path);
    let st: BigIntStats;
    try {
      st = await this.io.stat(fsPath, false);
    } catch (err) {
      throw mapFsError(err, fsPath, { isDir: true });
    }
    if (!st.isDirectory()) {
      const link = st.isSymbolicLink();
      throw new NotADirectoryError(`can't purge non directory: ${JSON.stringify(fsPath)}${link ? ' is a symlink' : ''}`, {
        hint: link
          ? 'purge the directory it points to by its own path, or remove only the link with rm'
          : 'purge removes a directory; use delete for a file',
        exitCode: ExitCode.UsageError,
      });
    }
    try {
      await this.io.removeTree(fsPath);
    } catch (err) {
      throw mapFsError(err, fsPath);
    }
  }

  /** Every local path is one store, compared by real path: `./a`, `x/../a` and a link to `a` are all `a`. */
  async locate(): Promise<RootLocation> {
    return { store: 'local', path: await this.io.realPath(this.rootFs), caseInsensitive: this.options.caseInsensitive };
  }

  /** The filesystem holding the root, from statfs: what `df` shows. */
  async about(): Promise<Usage> {
    return this.io.usage(this.rootFs);
  }

  /** Nothing is held open between calls: every stream closes its own file. */
  async close(): Promise<void> {}

  /**
   * stat() or lstat() as the options say (the root itself is always followed,
   * as the user named it). Only files and directories are visible.
   */
  private async statFs(path: string, fsPath: string): Promise<BigIntStats> {
    let st: BigIntStats;
    try {
      st = await this.io.stat(fsPath, path === '' || this.options.copyLinks);
    } catch (err) {
      throw mapFsError(err, fsPath);
    }
    if (st.isSymbolicLink()) {
      throw new NotFoundError(`${JSON.stringify(fsPath)}: is a symlink, not followed without -L/--copy-links`);
    }
    if (path === '' && !st.isFile() && !st.isDirectory()) {
      throw new NotAFileOrDirectoryError(`${JSON.stringify(fsPath)}: is ${describeSpecialFile(st)}, not a file or directory`);
    }
    if (!st.isFile() && !st.isDirectory()) {
      throw new NotFoundError(`${JSON.stringify(fsPath)}: is not a file or directory`);
    }
    return st;
  }

  private async makeParents(fsPath: string): Promise<void> {
    const parent = dirname(fsPath);
    if (this.knownDirs.has(parent)) return;
    try {
      await this.io.makeDir(parent);
      this.knownDirs.add(parent);
    } catch (err) {
      // mkdir -p through a file says EEXIST or ENOTDIR: either way a parent is a file.
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTDIR') {
        throw new NotADirectoryError(`${JSON.stringify(parent)}: cannot create directory, a file is in the way`, { cause: err });
      }
      throw mapFsError(err, parent, { isDir: true });
    }
  }

  /** Say once per remote when the filesystem rounds modtimes (FAT keeps 2 s). */
  private checkStoredModTime(fsPath: string, wanted: ModTime, stored: Partial<ModTime>): void {
    if ((stored.modTime === wanted.modTime && (stored.modTimeNanos ?? 0) === wanted.modTimeNanos) || this.precisionNoticed) return;
    this.precisionNoticed = true;
    const text = (t: Partial<ModTime>) => `${t.modTime} ms + ${t.modTimeNanos ?? 0} ns`;
    this.logger.notice(
      `${JSON.stringify(fsPath)}: the filesystem stored modification time ${text(stored)} instead of ${text(wanted)}; ` +
        'it keeps times with less precision than declared',
    );
  }

  /** The nanoseconds a time we set keeps here: those below the microsecond only where they can be set. */
  private storedNanos(nanos: number): number {
    return needsNanoseconds(nanos) || nanos % 1000 === 0 ? nanos : nanos - (nanos % 1000);
  }

  /** The time put() and copyFrom() set on a new file: none without one, or with no_set_modtime. */
  private timesToSet(modTime: number | undefined, modTimeNanos: number | undefined): FileTimes | undefined {
    if (modTime === undefined || this.options.noSetModTime) return undefined;
    return { ms: Math.floor(modTime), nanos: modTimeNanos ?? 0 };
  }

  /** Said once per remote: the digits below the microsecond could not be set. */
  private noticeNanosecondsLost(fsPath: string, err: Error): void {
    if (this.nanosNoticed) return;
    this.nanosNoticed = true;
    this.logger.notice(`${JSON.stringify(fsPath)}: modification time kept to the microsecond only: ${err.message}`);
  }

  private async isSymlink(fsPath: string): Promise<boolean> {
    return (await this.io.stat(fsPath, false).catch(() => undefined))?.isSymbolicLink() ?? false;
  }

  private async isDirectory(fsPath: string): Promise<boolean> {
    return (await this.io.stat(fsPath, false).catch(() => undefined))?.isDirectory() ?? false;
  }
}

function partialListing(fsDir: string, entries: Entry[], failures: EntryFailure[]): PartialListingError {
  const count = failures.length === 1 ? '1 entry' : `${failures.length} entries`;
  return new PartialListingError(`${JSON.stringify(fsDir)}: ${count} could not be listed`, entries, failures);
}
