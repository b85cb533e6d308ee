import type { Readable } from 'node:stream';
import {
  AlreadyExistsError,
  cleanRemotePath,
  DirectoryNotEmptyError,
  IsADirectoryError,
  NotADirectoryError,
  NotFoundError,
  VerificationFailedError,
  VerifyingStream,
  type Backend,
  type Capabilities,
  type DirMoveResult,
  type Entry,
  type GetOptions,
  type HashType,
  type Logger,
  type PutOptions,
  type Usage,
} from '@rsyncish/core';
import type { DropboxApi } from './api/dropbox-api.js';
import { summaryOf } from './api/error-mapper.js';
import type { FileMetadata, Metadata } from './api/types.js';
import { dropboxCapabilities } from './capabilities.js';
import { clientModified } from './client-modified.js';
import { fileToEntry, metadataToEntry } from './entry.js';
import { DropboxRefusedError } from './errors.js';
import { isIgnoredName, MAX_NAME_LENGTH, tooLongElement } from './ignored-names.js';
import type { DropboxOptions } from './options.js';
import type { CommitBatcher } from './upload/commit-batcher.js';
import type { Uploader } from './upload/uploader.js';

export interface DropboxBackendDeps {
  api: DropboxApi;
  uploader: Uploader;
  batcher?: CommitBatcher;
  options: DropboxOptions;
  logger: Logger;
  /** Path inside the account this remote is rooted at, in standard names. */
  root: string;
  /** Which account this remote reaches (remote name and API endpoint): server-side copy and move only within it. */
  account: string;
  name: string;
  close: () => Promise<void>;
}

/**
 * One Dropbox remote. Dropbox addresses everything by path, so there is no
 * id cache: each call names the file, and parents of an upload, copy or move
 * are created by Dropbox itself.
 */
export class DropboxBackend implements Backend {
  readonly capabilities: Capabilities;
  readonly name: string;
  private readonly api: DropboxApi;

  constructor(private readonly deps: DropboxBackendDeps) {
    this.api = deps.api;
    this.name = deps.name;
    this.capabilities = { ...dropboxCapabilities(), nameEncoding: deps.options.names.text };
  }

  // ---- paths -------------------------------------------------------------

  private full(path: string): string {
    return cleanRemotePath(this.deps.root === '' ? path : `${this.deps.root}/${path}`);
  }

  /** The server path of a full standard path: `/`-rooted, each name encoded; '' for the root. */
  private server(full: string): string {
    if (full === '') return '';
    return `/${full.split('/').map((name) => this.deps.options.names.fromStandard(name)).join('/')}`;
  }

  private describe(full: string): string {
    return `${this.name.split(':')[0]}:${full}`;
  }

  /** A lookup's failure in the words of the contract. */
  private lookupError(err: unknown, full: string, dir: boolean): unknown {
    if (err instanceof NotFoundError) {
      return new NotFoundError(`${this.describe(full)}: ${dir ? 'directory' : 'file'} not found`, { isDir: dir, cause: err });
    }
    if (err instanceof DropboxRefusedError && err.summary.includes('not_folder')) {
      return new NotADirectoryError(`${this.describe(full)}: is a file, not a directory`, { cause: err });
    }
    if (err instanceof DropboxRefusedError && err.summary.includes('not_file')) {
      return new IsADirectoryError(`${this.describe(full)}: is a directory, not a file`, { cause: err });
    }
    return err;
  }

  private async metadata(full: string, dir = false): Promise<Metadata> {
    try {
      return await this.api.getMetadata(this.server(full));
    } catch (err) {
      throw this.lookupError(err, full, dir);
    }
  }

  // ---- Backend -----------------------------------------------------------

  async *list(dir: string): AsyncIterable<Entry> {
    const full = this.full(dir);
    let entries: Metadata[];
    try {
      entries = await this.api.listFolder(this.server(full));
    } catch (err) {
      throw this.lookupError(err, full, true);
    }
    const prefix = dir === '' ? '' : `${cleanRemotePath(dir)}/`;
    for (const meta of entries) {
      if (meta['.tag'] === 'deleted') continue;
      const name = this.deps.options.names.toStandard(meta.name);
      if (name === '' || name === '.' || name === '..' || name.includes('/')) continue;
      yield metadataToEntry(meta, prefix + name);
    }
  }

  async stat(path: string): Promise<Entry> {
    const rel = cleanRemotePath(path);
    const full = this.full(path);
    // Dropbox has no metadata for the root folder: it always exists.
    if (full === '') return { path: '', kind: 'dir', size: -1 };
    const meta = await this.metadata(full);
    if (meta['.tag'] === 'deleted') throw new NotFoundError(`${this.describe(full)}: not found`);
    return metadataToEntry(meta, rel);
  }

  /**
   * The file's bytes. A whole file is checked against the size and
   * content_hash Dropbox sends with it: the last bytes are released only once
   * they match, so a download damaged on the way fails instead of being
   * stored (a range cannot be checked).
   */
  async get(path: string, options: GetOptions = {}): Promise<Readable> {
    const full = this.full(path);
    let reply: Awaited<ReturnType<DropboxApi['download']>>;
    try {
      reply = await this.api.download(this.server(full), options.range, options.signal);
    } catch (err) {
      throw this.lookupError(err, full, false);
    }
    const meta = reply.metadata;
    const whole = !options.range || (options.range.start === 0 && options.range.end === undefined);
    if (!whole || !meta?.content_hash || typeof meta.size !== 'number') return reply.body;
    const checked = new VerifyingStream({ size: meta.size, hash: { type: 'dropbox', value: meta.content_hash } }, []);
    checked.feedFrom(reply.body);
    checked.once('close', () => {
      if (!reply.body.destroyed) reply.body.destroy();
    });
    return checked;
  }

  async put(path: string, content: Readable, options: PutOptions): Promise<Entry> {
    const rel = cleanRemotePath(path);
    const full = this.full(path);
    const refused = this.refusedName(full);
    if (refused) {
      content.destroy();
      throw refused;
    }
    let meta: FileMetadata;
    try {
      meta = await this.deps.uploader.upload({
        commit: {
          path: this.server(full),
          mode: { '.tag': 'overwrite' },
          autorename: false,
          mute: true,
          ...(options.modTime !== undefined ? { client_modified: clientModified(options.modTime) } : {}),
        },
        content,
        size: options.size,
        statedHash: options.hashes?.['dropbox'],
        signal: options.signal,
      });
    } catch (err) {
      content.destroy();
      throw this.writeError(err, full);
    }
    return fileToEntry(meta, rel);
  }

  /** Why Dropbox would refuse this name, before any byte is read; undefined when it would not. */
  private refusedName(full: string): Error | undefined {
    if (isIgnoredName(full)) {
      return new DropboxRefusedError(`${this.describe(full)}: file name is disallowed by Dropbox - not uploading`, 'disallowed_name');
    }
    const long = tooLongElement(full);
    if (long) {
      return new DropboxRefusedError(`${this.describe(full)}: a name is longer than ${MAX_NAME_LENGTH} characters`, 'malformed_path');
    }
    return undefined;
  }

  /** A write's conflict in the words of the contract: a folder in the way, or a file where a parent folder should be. */
  private writeError(err: unknown, full: string): unknown {
    if (err instanceof AlreadyExistsError) {
      const summary = summaryOf(err.cause as never);
      if (summary.includes('conflict/folder')) return new IsADirectoryError(`${this.describe(full)}: is a directory; cannot replace it with a file`, { cause: err });
      if (summary.includes('conflict/file')) return new NotADirectoryError(`${this.describe(full)}: a parent is a file, not a directory`, { cause: err });
    }
    return err;
  }

  async delete(path: string): Promise<void> {
    const full = this.full(path);
    const meta = await this.metadata(full);
    if (meta['.tag'] !== 'file') throw new IsADirectoryError(`${this.describe(full)}: is a directory, not a file`);
    // parent_rev: delete this file only, never a folder that took its name meanwhile.
    await this.api.delete(this.server(full), meta.rev);
  }

  async mkdir(path: string): Promise<void> {
    const full = this.full(path);
    if (full === '') return;
    try {
      await this.api.createFolder(this.server(full));
    } catch (err) {
      if (!(err instanceof AlreadyExistsError)) throw err;
      let there: Metadata | undefined;
      try {
        there = await this.metadata(full, true);
      } catch {
        there = undefined;
      }
      if (there?.['.tag'] !== 'folder') throw new NotADirectoryError(`${this.describe(full)}: is a file, or under one, not a directory`, { cause: err });
    }
  }

  async rmdir(path: string): Promise<void> {
    const full = this.full(path);
    if (full === '') throw new AlreadyExistsError(`${this.name}: cannot remove the root folder of the account`);
    let children: Metadata[];
    try {
      children = await this.api.listFolder(this.server(full));
    } catch (err) {
      throw this.lookupError(err, full, true);
    }
    if (children.some((m) => m['.tag'] !== 'deleted')) throw new DirectoryNotEmptyError(`${this.describe(full)}: directory not empty`);
    await this.api.delete(this.server(full));
  }

  async purge(path: string): Promise<void> {
    const full = this.full(path);
    if (full === '') throw new AlreadyExistsError(`${this.name}: cannot purge the root folder of the account`);
    const meta = await this.metadata(full, true);
    if (meta['.tag'] !== 'folder') throw new NotADirectoryError(`${this.describe(full)}: is a file, not a directory`);
    await this.api.delete(this.server(full));
  }

  async hash(path: string, type: HashType): Promise<string | undefined> {
    if (type !== 'dropbox') return undefined;
    const entry = await this.stat(path);
    if (entry.kind !== 'file') throw new IsADirectoryError(`${this.describe(this.full(path))}: is a directory, not a file`);
    return entry.hashes?.['dropbox'];
  }

  /** The account's quota and use, whatever the remote's folder (rclone adds individual and team allocations). */
  async about(): Promise<Usage> {
    const q = await this.api.spaceUsage();
    const total = q.allocation?.allocated ?? 0;
    return { total, used: q.used, free: Math.max(0, total - q.used) };
  }

  /**
   * copy_v2 within the account. Dropbox will not copy over an existing file,
   * and deleting it first would leave a moment with no file: then the file
   * is uploaded again instead, which replaces it in one commit.
   */
  async copyFrom(src: Backend, srcPath: string, dstPath: string, options: { size: number; signal?: AbortSignal }): Promise<Entry | undefined> {
    if (!this.sameAccount(src)) return undefined;
    options.signal?.throwIfAborted();
    const srcFull = src.full(srcPath);
    const dstFull = this.full(dstPath);
    let meta: Metadata;
    try {
      meta = await this.api.copy(src.server(srcFull), this.server(dstFull));
    } catch (err) {
      if (isDestinationConflict(err)) return (await this.reupload(src, srcPath, dstPath, options.signal, options.size)).entry;
      throw src.lookupError(err, srcFull, false);
    }
    if (meta['.tag'] !== 'file') throw new IsADirectoryError(`${src.describe(srcFull)}: is a directory, not a file`);
    if (meta.size !== options.size) {
      // Nothing was replaced (the destination did not exist): take the copy back.
      await this.api.delete(this.server(dstFull), meta.rev).catch(() => {});
      throw new VerificationFailedError({ kind: 'size', detail: `${src.describe(srcFull)}: copied ${meta.size} bytes, expected ${options.size}` });
    }
    return fileToEntry(meta, cleanRemotePath(dstPath));
  }

  /**
   * move_v2 within the account: a rename, client_modified kept. Over an
   * existing file Dropbox refuses: the file is then uploaded again (one
   * commit replaces the target) and the source deleted after, so no moment
   * is without either.
   */
  async moveFrom(src: Backend, srcPath: string, dstPath: string, options: { signal?: AbortSignal } = {}): Promise<Entry | undefined> {
    if (!this.sameAccount(src)) return undefined;
    options.signal?.throwIfAborted();
    const srcFull = src.full(srcPath);
    const dstFull = this.full(dstPath);
    let meta: Metadata;
    try {
      meta = await this.api.move(src.server(srcFull), this.server(dstFull));
    } catch (err) {
      if (!isDestinationConflict(err)) throw src.lookupError(err, srcFull, false);
      const { entry, source } = await this.reupload(src, srcPath, dstPath, options.signal);
      await this.api.delete(src.server(srcFull), source.rev);
      return entry;
    }
    return metadataToEntry(meta, cleanRemotePath(dstPath));
  }

  /** Upload `src`'s file over `dstPath`, checked against its content_hash (and the size the caller states) and keeping its modtime. */
  private async reupload(src: DropboxBackend, srcPath: string, dstPath: string, signal?: AbortSignal, size?: number): Promise<{ entry: Entry; source: FileMetadata }> {
    const srcFull = src.full(srcPath);
    const source = await src.metadata(srcFull);
    if (source['.tag'] !== 'file') throw new IsADirectoryError(`${src.describe(srcFull)}: is a directory, not a file`);
    if (src.server(srcFull).toLowerCase() === this.server(this.full(dstPath)).toLowerCase()) {
      throw new AlreadyExistsError(`${this.describe(this.full(dstPath))}: is ${src.describe(srcFull)} under another case; Dropbox refused the rename`);
    }
    this.deps.logger.debug(`${this.describe(this.full(dstPath))}: exists; Dropbox cannot copy over it, so the file is uploaded again`);
    const content = await src.get(srcPath, { signal });
    const entry = await this.put(dstPath, content, {
      size: size ?? source.size,
      modTime: Date.parse(source.client_modified),
      ...(source.content_hash ? { hashes: { dropbox: source.content_hash } } : {}),
      signal,
    });
    return { entry, source };
  }

  /** A whole folder in one move_v2, when the destination does not exist yet (rclone's DirMove). */
  async moveDirFrom(src: Backend, srcDir: string, dstDir: string): Promise<DirMoveResult> {
    if (!this.sameAccount(src)) return { moved: false, why: "can't move directory to another account" };
    const srcFull = src.full(srcDir);
    const dstFull = this.full(dstDir);
    if (srcFull === '' || dstFull === '') return { moved: false, why: "can't move the root folder of the account" };
    try {
      await this.metadata(dstFull, true);
      // rclone's words (fs.ErrorDirExists).
      return { moved: false, why: "can't copy directory - destination already exists" };
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    try {
      await this.api.move(src.server(srcFull), this.server(dstFull));
    } catch (err) {
      if (err instanceof AlreadyExistsError) return { moved: false, why: "can't copy directory - destination already exists" };
      throw src.lookupError(err, srcFull, true);
    }
    return { moved: true };
  }

  private sameAccount(src: Backend): src is DropboxBackend {
    return src instanceof DropboxBackend && src.deps.account === this.deps.account;
  }

  async close(): Promise<void> {
    await this.deps.batcher?.close();
    await this.deps.close();
  }
}

/** copy_v2 / move_v2 refused because something is at the destination (`to/conflict/...`). */
function isDestinationConflict(err: unknown): boolean {
  return err instanceof AlreadyExistsError && summaryOf(err.cause as never).startsWith('to/');
}
