import { constants, promises as fsp, type BigIntStats, type Stats } from 'node:fs';
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
import { replaceAtomically, SMALL_FILE_BYTES, writeAtomically, writeSmallAtomically } from './atomic-write.js';
import { BlockingIo } from './blocking-io.js';
import { localCapabilities } from './capabilities.js';
import { entryFromStats } from './entry.js';
import { DirectoryNotEmptyError, IsADirectoryError, NotADirectoryError, NotAFileOrDirectoryError, SourceChangedError } from './errors.js';
import { describeSpecialFile } from './file-kind.js';
import { mapFsError } from './fs-errors.js';
import { resolveRoot, toFsPath } from './fs-paths.js';
import { fdClose, pathCopyFile, pathStat, pathUtimes } from './fd-io.js';
import { hashFile, LOCAL_HASHES } from './hash-file.js';
import { listDirectory, type Listing } from './list-dir.js';
import { modTimeOfStats, needsNanoseconds, type ModTime, utimesSeconds, writeMicroseconds, writeNanoseconds } from './mod-time.js';
import { platformEncoding, platformIsCaseInsensitive, type LocalOptions } from './options.js';
import { openRegularFile } from './open-regular-file.js';
import { openForRead } from './read-file.js';
import { realRoot } from './real-root.js';
import { filesystemUsage } from './filesystem-usage.js';
import { copySmallFileSync } from './small-file-sync.js';
import { linkContent, linkHash, linkPathOf, readLink, writeLink } from './rclonelink.js';

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
  /** Small files with blocking calls where the filesystem is fast (see BlockingIo); tests turn it off to cover the pooled paths. */
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
  private readonly blocking: BlockingIo;

  constructor(init: LocalBackendInit) {
    this.blocking = new BlockingIo(init.blockingIo ?? true);
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
      return await listDirectory(fsDir, dir, { options: this.options, names: this.options.names, logger: this.logger, blocking: this.blocking });
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
    const found = await readLink(fsPath);
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
    return openForRead(this.fsPath(path), { ...options, checkUpdated: !this.options.noCheckUpdated });
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
      const made = await writeLink(fsPath, content, { ...options, modTime: this.options.noSetModTime ? undefined : options.modTime });
      const entry: Entry = { path, kind: 'file', size: made.bytes, ...modTimeOfStats(await fsp.lstat(fsPath, { bigint: true })) };
      return Object.keys(made.hashes).length > 0 ? { ...entry, hashes: made.hashes } : entry;
    }
    const modTime = options.modTime === undefined || this.options.noSetModTime ? undefined : Math.floor(options.modTime);
    const nanos = modTime === undefined ? 0 : options.modTimeNanos ?? 0;
    const hashes = (options.computeHashes ?? []).filter((h) => LOCAL_HASHES.includes(h));
    const small = options.size >= 0 && options.size <= SMALL_FILE_BYTES;
    const written = small
      ? await writeSmallAtomically(fsPath, content, {
        size: options.size, hashes, expectedHashes: options.hashes, signal: options.signal, modTime, utimesSeconds: (ms) => utimesSeconds(ms, nanos), blocking: this.blocking,
      })
      : await writeAtomically(fsPath, content, {
        size: options.size,
        hashes,
        expectedHashes: options.hashes,
        signal: options.signal,
        beforeRename: modTime === undefined ? undefined : (temp) => this.writeModTime(temp, modTime, nanos),
      });
    // The small-file path renames inside one blocking call: the digits below
    // the microsecond follow on the complete file.
    if (small && modTime !== undefined && needsNanoseconds(nanos)) await this.finishNanoseconds(fsPath, modTime, nanos);
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
      await fsp.unlink(fsPath);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Linux says EISDIR, macOS EPERM, for unlink() of a directory.
      if ((code === 'EISDIR' || code === 'EPERM') && (await isDirectory(fsPath))) {
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
      await fsp.mkdir(fsPath, { recursive: true });
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
      await fsp.rmdir(fsPath);
    } catch (err) {
      // POSIX lets rmdir() of a non-empty directory fail with EEXIST as well.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new DirectoryNotEmptyError(`${JSON.stringify(fsPath)}: directory not empty`, { cause: err });
      }
      // rmdir() of a symlink to a directory says ENOTDIR, which reads as if a parent were a file.
      if ((err as NodeJS.ErrnoException).code === 'ENOTDIR' && (await isSymlink(fsPath))) {
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
      await fsp.lutimes(l.fsPath, modTime / 1000, modTime / 1000).catch((err: unknown) => {
        throw mapFsError(err, l.fsPath);
      });
      return;
    }
    const fsPath = this.fsPath(path);
    const ms = Math.floor(modTime);
    try {
      await this.writeModTime(fsPath, ms, modTimeNanos);
      const stored = modTimeOfStats(await fsp.stat(fsPath, { bigint: true }));
      this.checkStoredModTime(fsPath, { modTime: ms, modTimeNanos: this.storedNanos(modTimeNanos) }, stored);
    } catch (err) {
      throw mapFsError(err, fsPath);
    }
  }

  async hash(path: string, type: HashType): Promise<string | undefined> {
    const l = await this.link(path);
    if (l) return linkHash(l.target, type);
    return hashFile(this.fsPath(path), type, { blocking: this.blocking });
  }

  /**
   * A file from another local remote: the kernel copies it (copy_file_range, or
   * a reflink where the filesystem can) into a temp name, then rename. Four
   * calls instead of the ten a streamed small file costs.
   */
  async copyFrom(src: Backend, srcPath: string, dstPath: string, options: { size: number; modTime?: number; modTimeNanos?: number; signal?: AbortSignal }): Promise<Entry | undefined> {
    // Only another local backend, and only when symlink handling agrees (copyFile follows links).
    if (!(src instanceof LocalBackend) || src.options.copyLinks !== this.options.copyLinks) return undefined;
    // A link's content is its target: streamed, and made a link again by put().
    if ((await src.link(srcPath)) || (this.options.links && linkPathOf(dstPath) !== undefined)) return undefined;
    options.signal?.throwIfAborted();
    const srcFs = src.fsPath(srcPath);
    const dstFs = this.fsPath(dstPath);
    await this.makeParents(dstFs);
    const modTime = options.modTime === undefined || this.options.noSetModTime ? undefined : Math.floor(options.modTime);
    const nanos = modTime === undefined ? 0 : options.modTimeNanos ?? 0;
    const copiedEntry = (size: number): Entry => {
      const e: Entry = { path: dstPath, kind: 'file', size, modTime: modTime ?? Date.now() };
      if (modTime !== undefined && nanos !== 0) e.modTimeNanos = this.storedNanos(nanos);
      return e;
    };
    if (this.blocking.allows(options.size)) {
      const checkUpdated = !src.options.noCheckUpdated;
      const mtimeSeconds = modTime === undefined ? undefined : utimesSeconds(modTime, nanos);
      const copied = this.blocking.run(() => copySmallFileSync(srcFs, dstFs, { expected: options.size, checkUpdated, mtimeSeconds }));
      if (copied !== undefined) {
        if (modTime !== undefined && needsNanoseconds(nanos)) await this.finishNanoseconds(dstFs, modTime, nanos);
        return copiedEntry(copied);
      }
    }
    // copyFile opens the source itself, blocking on a FIFO: check first that
    // it is still a regular file (the moment between the two is all it could
    // still be swapped in).
    const { fd } = await openRegularFile(srcFs);
    await fdClose(fd).catch(() => {});
    let size = 0;
    await replaceAtomically(dstFs, async (temp) => {
      try {
        await pathCopyFile(srcFs, temp, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
      } catch (err) {
        throw copyError(err, srcFs);
      }
      if (modTime !== undefined) {
        const t = utimesSeconds(modTime, nanos);
        await pathUtimes(temp, t, t);
        if (needsNanoseconds(nanos)) await this.finishNanoseconds(temp, modTime, nanos);
      }
      // The kernel's copy cannot be stopped midway; an abort that came
      // meanwhile drops it here, before the rename, as an aborted put would.
      options.signal?.throwIfAborted();
      size = (await pathStat(temp)).size;
      // Checked before the rename: the real name keeps its previous version.
      // Without the update check, a file that grew is cut to the size it was
      // listed with, as get() reads it (rclone's no_check_updated).
      if (options.size >= 0 && size > options.size && src.options.noCheckUpdated) {
        await fsp.truncate(temp, options.size);
        size = options.size;
      }
      if (options.size >= 0 && size !== options.size) {
        throw new SourceChangedError(`${JSON.stringify(srcFs)}: can't copy - source file is being updated (size changed from ${options.size} to ${size}); the previous version was kept`);
      }
    });
    return copiedEntry(size);
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
      await fsp.rename(srcFs, dstFs);
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
    const there = await fsp.lstat(dstFs).then(() => true, (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw mapFsError(err, dstFs);
    });
    // rclone's words (fs.ErrorDirExists).
    if (there) return { moved: false, why: "can't copy directory - destination already exists" };
    await this.makeParents(dstFs);
    try {
      await fsp.rename(srcFs, dstFs);
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
    let st: Stats;
    try {
      st = await fsp.lstat(fsPath);
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
      await fsp.rm(fsPath, { recursive: true });
    } catch (err) {
      throw mapFsError(err, fsPath);
    }
  }

  /** Every local path is one store, compared by real path: `./a`, `x/../a` and a link to `a` are all `a`. */
  async locate(): Promise<RootLocation> {
    return { store: 'local', path: await realRoot(this.rootFs), caseInsensitive: this.options.caseInsensitive };
  }

  /** The filesystem holding the root, from statfs: what `df` shows. */
  async about(): Promise<Usage> {
    return filesystemUsage(this.rootFs);
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
      const big = { bigint: true } as const;
      st = path === '' || this.options.copyLinks ? await fsp.stat(fsPath, big) : await fsp.lstat(fsPath, big);
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
      await fsp.mkdir(parent, { recursive: true });
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

  /** Set atime and mtime to `ms` + `nanos`, as rclone does. Callers stat to see what was stored. */
  private async writeModTime(fsPath: string, ms: number, nanos: number): Promise<void> {
    await writeMicroseconds(fsPath, ms, nanos);
    if (needsNanoseconds(nanos)) await this.finishNanoseconds(fsPath, ms, nanos);
  }

  /**
   * The digits below the microsecond, on a file whose data is complete. A
   * failure costs precision, not data: noticed once, the microsecond time stays.
   */
  private async finishNanoseconds(fsPath: string, ms: number, nanos: number): Promise<void> {
    try {
      await writeNanoseconds(fsPath, ms, nanos);
    } catch (err) {
      if (this.nanosNoticed) return;
      this.nanosNoticed = true;
      this.logger.notice(`${JSON.stringify(fsPath)}: modification time kept to the microsecond only: ${(err as Error).message}`);
    }
  }
}

/**
 * The error of a kernel copy, naming the side it is about: a full disk, a
 * quota, a file too big or a read-only filesystem is the destination's, left
 * for replaceAtomically to name by the real name (not the temp one); anything
 * else is the source's.
 */
function copyError(err: unknown, srcFs: string): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  const destinationSide = code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG' || code === 'EROFS';
  return destinationSide ? err : mapFsError(err, srcFs);
}

function partialListing(fsDir: string, entries: Entry[], failures: EntryFailure[]): PartialListingError {
  const count = failures.length === 1 ? '1 entry' : `${failures.length} entries`;
  return new PartialListingError(`${JSON.stringify(fsDir)}: ${count} could not be listed`, entries, failures);
}

async function isSymlink(fsPath: string): Promise<boolean> {
  return (await fsp.lstat(fsPath).catch(() => undefined))?.isSymbolicLink() ?? false;
}

async function isDirectory(fsPath: string): Promise<boolean> {
  return (await fsp.lstat(fsPath).catch(() => undefined))?.isDirectory() ?? false;
}
