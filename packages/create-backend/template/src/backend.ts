import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat, unlink, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AlreadyExistsError,
  IsADirectoryError,
  NotFoundError,
  RetryableError,
  type Backend,
  type Entry,
  type GetOptions,
  type PutOptions,
} from '@rsyncish/core';
import { __TYPE__Capabilities } from './capabilities.js';
import { typedError } from './fs-errors.js';
import { utimesSeconds } from './mod-time.js';
import { isTempName, tempName } from './temp-name.js';

export interface __CLASS__Init {
  /** The folder named by the remote's root_dir option. */
  rootDir: string;
  /** Path below it the remote was opened at (`backup` of `remote:backup`). */
  root: string;
  /** For logs and errors, e.g. `remote:backup`. */
  name: string;
}

/**
 * Remote paths are files under <root_dir>/<root>. Replace the file system
 * calls with your storage's API; keep the promises the testkit checks.
 */
export class __CLASS__ implements Backend {
  readonly capabilities = __TYPE__Capabilities;
  readonly name: string;
  private readonly top: string;

  constructor(init: __CLASS__Init) {
    this.top = init.root === '' ? init.rootDir : join(init.rootDir, ...init.root.split('/'));
    this.name = init.name;
  }

  async *list(dir: string): AsyncIterable<Entry> {
    let names: string[];
    try {
      names = await readdir(this.file(dir));
    } catch (err) {
      throw typedError(err, dir, true);
    }
    for (const name of names) {
      if (isTempName(name)) continue;
      const path = dir === '' ? name : `${dir}/${name}`;
      try {
        yield await this.stat(path);
      } catch (err) {
        // Deleted since readdir: it is simply not there any more.
        if (!(err instanceof NotFoundError)) throw err;
      }
    }
  }

  async stat(path: string): Promise<Entry> {
    try {
      // bigint: whole milliseconds exactly, where a float could round 123 ms down to 122.
      const st = await stat(this.file(path), { bigint: true });
      const modTime = Number(st.mtimeNs / 1_000_000n);
      return st.isDirectory() ? { path, kind: 'dir', size: -1, modTime } : { path, kind: 'file', size: Number(st.size), modTime };
    } catch (err) {
      throw typedError(err, path);
    }
  }

  async get(path: string, options: GetOptions = {}): Promise<Readable> {
    let handle;
    try {
      handle = await open(this.file(path), 'r');
      if ((await handle.stat()).isDirectory()) throw new NotFoundError(`${JSON.stringify(path)}: is a directory, not a file`);
    } catch (err) {
      await handle?.close();
      throw err instanceof NotFoundError ? err : typedError(err, path);
    }
    const start = options.range?.start ?? 0;
    const end = options.range?.end;
    if (end !== undefined && end <= start) {
      await handle.close();
      return Readable.from([]);
    }
    // createReadStream's end is inclusive; ours is exclusive.
    return handle.createReadStream({ start, end: end === undefined ? undefined : end - 1, signal: options.signal });
  }

  async put(path: string, content: Readable, options: PutOptions): Promise<Entry> {
    options.signal?.throwIfAborted();
    const target = this.file(path);
    if (path === '' || (await this.isDir(target))) {
      content.destroy();
      throw new AlreadyExistsError(`${JSON.stringify(path)}: a directory is in the way`);
    }
    try {
      await mkdir(dirname(target), { recursive: true });
    } catch (err) {
      content.destroy();
      throw typedError(err, path);
    }
    const temp = join(dirname(target), tempName());
    try {
      await pipeline(content, createWriteStream(temp), { signal: options.signal });
      const written = (await stat(temp)).size;
      if (options.size >= 0 && written !== options.size) {
        // A short stream means the source went wrong; keep the previous version.
        throw new RetryableError(`${JSON.stringify(path)}: received ${written} bytes, expected ${options.size}`);
      }
      if (options.modTime !== undefined) await utimes(temp, utimesSeconds(options.modTime), utimesSeconds(options.modTime));
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      if (err instanceof RetryableError || (err as Error).name === 'AbortError') throw err;
      throw typedError(err, path);
    }
    return this.stat(path);
  }

  async delete(path: string): Promise<void> {
    const file = this.file(path);
    // unlink(2) of a directory fails on Linux but may not elsewhere: never try.
    if (await this.isDir(file)) throw new IsADirectoryError(`${JSON.stringify(path)}: is a directory, not a file`);
    try {
      await unlink(file);
    } catch (err) {
      throw typedError(err, path);
    }
  }

  async mkdir(path: string): Promise<void> {
    try {
      await mkdir(this.file(path), { recursive: true });
    } catch (err) {
      throw typedError(err, path, true);
    }
  }

  async rmdir(path: string): Promise<void> {
    try {
      await rmdir(this.file(path));
    } catch (err) {
      throw typedError(err, path, true);
    }
  }

  async setModTime(path: string, modTime: number): Promise<void> {
    try {
      await utimes(this.file(path), utimesSeconds(modTime), utimesSeconds(modTime));
    } catch (err) {
      throw typedError(err, path);
    }
  }

  async close(): Promise<void> {
    // Nothing held open between calls.
  }

  private file(path: string): string {
    return path === '' ? this.top : join(this.top, ...path.split('/'));
  }

  private async isDir(file: string): Promise<boolean> {
    try {
      return (await stat(file)).isDirectory();
    } catch {
      return false;
    }
  }
}
