import { promises as fsp, type BigIntStats } from 'node:fs';
import type { Readable } from 'node:stream';
import type { HashType, PutOptions, Usage } from '@rsyncish/core';
import { gatherWhole, hashWhole, writeStreamed, writeWholeSync, type Written } from './atomic-write.js';
import { copyByKernel, copyWholeSync, type CopyCheck } from './copy-file.js';
import { checkExpectedHashes } from './expected-hashes.js';
import { filesystemUsage } from './filesystem-usage.js';
import { hashFile } from './hash-file.js';
import { IoPolicy } from './io-policy.js';
import { listDirectory, type ListContext, type Listing } from './list-dir.js';
import { needsNanoseconds, utimesSeconds, writeMicroseconds, writeNanoseconds } from './mod-time.js';
import { readLink, writeLink } from './rclonelink.js';
import { openForRead, type ReadOptions } from './read-file.js';
import { realRoot } from './real-root.js';

/** A modification time to set: whole milliseconds and the nanoseconds past them. */
export interface FileTimes {
  ms: number;
  nanos: number;
}

export type { Written };

export interface WriteOptions {
  /** Expected byte count, or -1 when unknown. Content of another length is refused. */
  size: number;
  /** Hashes to compute from the bytes as they are written. */
  hashes: HashType[];
  /** Hashes the content must have: one computed that differs fails the write before the rename. */
  expectedHashes?: Partial<Record<HashType, string>>;
  /** Set on the new file (atime and mtime), before it is renamed into place where the way allows. */
  times?: FileTimes;
  signal?: AbortSignal;
}

export interface CopyOptions extends CopyCheck {
  times?: FileTimes;
  signal?: AbortSignal;
}

/**
 * Every filesystem operation the local backend makes. The file operations
 * (read, write, copy, hash) choose their way by the size of the file through
 * one IoPolicy, never leave a partial file under a real name, and fail with
 * typed errors naming the path; the others are single calls that fail with
 * Node's errno errors, for the backend to classify.
 */
export interface LocalIo {
  /** lstat, or stat when `follow`; bigint, for the exact nanoseconds. */
  stat(fsPath: string, follow: boolean): Promise<BigIntStats>;
  /** One directory read whole. */
  list(fsDir: string, dir: string, ctx: Omit<ListContext, 'policy'>): Promise<Listing>;
  /** The symlink at fsPath, when it is one: its target and lstat. */
  readLink(fsPath: string): Promise<{ target: string; stats: BigIntStats } | undefined>;
  /** statfs of the filesystem holding fsPath. */
  usage(fsPath: string): Promise<Usage>;
  /** The real path of fsPath, or of its nearest existing parent plus the missing names. */
  realPath(fsPath: string): Promise<string>;

  /** A stream of the file (or a range of it); opened, and checked to be a regular file, before it resolves. */
  read(fsPath: string, options: ReadOptions): Promise<Readable>;
  /** The file's hash, undefined for a type this backend does not compute. */
  hash(fsPath: string, type: HashType): Promise<string | undefined>;
  /** `content` as the file at fsPath, atomically: the previous version or the complete new one. */
  write(fsPath: string, content: Readable, options: WriteOptions): Promise<Written>;
  /** A symlink from a `.rclonelink` content, atomically. */
  writeLink(fsPath: string, content: Readable, options: PutOptions): Promise<Written>;
  /** Another local file as the file at dstFs, atomically; the bytes copied. */
  copy(srcFs: string, dstFs: string, options: CopyOptions): Promise<number>;
  /** atime and mtime; the digits below the microsecond where they can be set. */
  setTimes(fsPath: string, times: FileTimes): Promise<void>;
  /** A symlink's own atime and mtime, to the millisecond. */
  setLinkTimes(fsPath: string, ms: number): Promise<void>;

  /** mkdir -p. */
  makeDir(fsPath: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** unlink. */
  remove(fsPath: string): Promise<void>;
  /** rmdir of an empty directory. */
  removeDir(fsPath: string): Promise<void>;
  /** rm -r, unlinking symlinks inside rather than following them. */
  removeTree(fsPath: string): Promise<void>;
}

export interface FileSystemIoInit {
  policy?: IoPolicy;
  /** Setting the digits below the microsecond failed; the microsecond time stays. */
  nanosecondsLost?: (fsPath: string, err: Error) => void;
}

/** LocalIo on Node's fs, by the ways an IoPolicy chooses. */
export class FileSystemIo implements LocalIo {
  readonly policy: IoPolicy;
  private readonly nanosecondsLost: (fsPath: string, err: Error) => void;

  constructor(init: FileSystemIoInit = {}) {
    this.policy = init.policy ?? new IoPolicy();
    this.nanosecondsLost = init.nanosecondsLost ?? (() => {});
  }

  stat(fsPath: string, follow: boolean): Promise<BigIntStats> {
    return follow ? fsp.stat(fsPath, { bigint: true }) : fsp.lstat(fsPath, { bigint: true });
  }

  list(fsDir: string, dir: string, ctx: Omit<ListContext, 'policy'>): Promise<Listing> {
    return listDirectory(fsDir, dir, { ...ctx, policy: this.policy });
  }

  readLink(fsPath: string): Promise<{ target: string; stats: BigIntStats } | undefined> {
    return readLink(fsPath);
  }

  usage(fsPath: string): Promise<Usage> {
    return filesystemUsage(fsPath);
  }

  realPath(fsPath: string): Promise<string> {
    return realRoot(fsPath);
  }

  read(fsPath: string, options: ReadOptions): Promise<Readable> {
    return openForRead(fsPath, options, this.policy);
  }

  hash(fsPath: string, type: HashType): Promise<string | undefined> {
    return hashFile(fsPath, type, this.policy);
  }

  async write(fsPath: string, content: Readable, options: WriteOptions): Promise<Written> {
    const { size, times } = options;
    const way = this.policy.writeWay(size, options.hashes.length > 0);
    if (way !== 'whole-blocking') {
      return writeStreamed(fsPath, content, {
        ...options,
        hashOnWorker: way === 'stream-hash-on-worker',
        writeBuffer: this.policy.writeBuffer(size, way),
        beforeRename: times && ((temp) => this.setTimes(temp, times)),
      });
    }
    const data = await gatherWhole(fsPath, content, size, options.signal);
    const hashes = hashWhole(data, options.hashes);
    checkExpectedHashes(fsPath, hashes, options.expectedHashes);
    const mtimeSeconds = times && utimesSeconds(times.ms, times.nanos);
    this.policy.run(() => writeWholeSync(fsPath, data, mtimeSeconds));
    // futimes stops at the microsecond: the rest follows on the complete file.
    if (times) await this.finishNanoseconds(fsPath, times);
    return { bytes: data.length, hashes };
  }

  async writeLink(fsPath: string, content: Readable, options: PutOptions): Promise<Written> {
    const { bytes, hashes } = await writeLink(fsPath, content, options);
    return { bytes, hashes };
  }

  async copy(srcFs: string, dstFs: string, options: CopyOptions): Promise<number> {
    const { times } = options;
    const mtimeSeconds = times && utimesSeconds(times.ms, times.nanos);
    if (this.policy.copyWay(options.expected) === 'whole-blocking') {
      const copied = this.policy.run(() => copyWholeSync(srcFs, dstFs, options, mtimeSeconds));
      if (copied !== undefined) {
        if (times) await this.finishNanoseconds(dstFs, times);
        return copied;
      }
    }
    return copyByKernel(srcFs, dstFs, options, async (temp) => {
      if (times) await this.setTimes(temp, times);
    }, options.signal);
  }

  async setTimes(fsPath: string, times: FileTimes): Promise<void> {
    await writeMicroseconds(fsPath, times.ms, times.nanos);
    await this.finishNanoseconds(fsPath, times);
  }

  setLinkTimes(fsPath: string, ms: number): Promise<void> {
    return fsp.lutimes(fsPath, ms / 1000, ms / 1000);
  }

  async makeDir(fsPath: string): Promise<void> {
    await fsp.mkdir(fsPath, { recursive: true });
  }

  rename(from: string, to: string): Promise<void> {
    return fsp.rename(from, to);
  }

  remove(fsPath: string): Promise<void> {
    return fsp.unlink(fsPath);
  }

  removeDir(fsPath: string): Promise<void> {
    return fsp.rmdir(fsPath);
  }

  removeTree(fsPath: string): Promise<void> {
    return fsp.rm(fsPath, { recursive: true });
  }

  /**
   * The digits below the microsecond, on a file whose data is complete. A
   * failure costs precision, not data: reported, the microsecond time stays.
   */
  private async finishNanoseconds(fsPath: string, times: FileTimes): Promise<void> {
    if (!needsNanoseconds(times.nanos)) return;
    try {
      await writeNanoseconds(fsPath, times.ms, times.nanos);
    } catch (err) {
      this.nanosecondsLost(fsPath, err as Error);
    }
  }
}
