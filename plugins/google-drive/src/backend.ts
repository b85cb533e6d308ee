import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  AlreadyExistsError,
  baseName,
  byteSlice,
  cleanRemotePath,
  DirectoryNotEmptyError,
  FatalBackendError,
  FolderIdCache,
  HashMismatchError,
  IsADirectoryError,
  NotADirectoryError,
  NotFoundError,
  parentOf,
  RetryableError,
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
import type { DriveApi, FileMetadata } from './api/drive-api.js';
import { childrenQuery } from './api/query.js';
import { FOLDER_MIME_TYPE, type DriveFile } from './api/types.js';
import { driveCapabilities } from './capabilities.js';
import { contentTypeFor } from './content-type.js';
import { driveTime, fileToEntry, kindOf } from './entry.js';
import { chooseExport, type ExportFormat } from './export-formats.js';
import type { DriveOptions } from './options.js';
import { resumableUpload } from './resumable-upload.js';
import { driveUsage } from './usage.js';

export interface DriveBackendDeps {
  api: DriveApi;
  options: DriveOptions;
  logger: Logger;
  /** Path below the root folder this remote is rooted at. */
  root: string;
  /** Which drive this remote reaches: remotes of one drive copy and move server-side. */
  account: string;
  name: string;
  close: () => Promise<void>;
}

/** A child of a folder under the name rsyncish shows for it. */
interface Named {
  file: DriveFile;
  name: string;
  exported?: ExportFormat;
}

/** One Google Drive remote: paths map to file ids through name queries and a folder cache. */
export class DriveBackend implements Backend {
  readonly capabilities: Capabilities;
  readonly name: string;
  private readonly api: DriveApi;
  private readonly dirs = new FolderIdCache();
  /** One mkdir per folder path at a time, so concurrent puts never create twin folders. */
  private readonly creating = new Map<string, Promise<string>>();
  private rootIdPromise?: Promise<string>;
  private exportsPromise?: Promise<Record<string, string[]>>;

  constructor(private readonly deps: DriveBackendDeps) {
    this.api = deps.api;
    this.name = deps.name;
    this.capabilities = { ...driveCapabilities(deps.options.useTrash), nameEncoding: deps.options.names.text };
  }

  get account(): string {
    return this.deps.account;
  }

  // ---- names -------------------------------------------------------------

  private full(path: string): string {
    return cleanRemotePath(this.deps.root === '' ? path : `${this.deps.root}/${path}`);
  }

  private rel(full: string): string {
    return this.deps.root === '' ? full : full.slice(this.deps.root.length + 1);
  }

  private describe(full: string): string {
    return `${this.name.split(':')[0]}:${full}`;
  }

  /** What each Google type exports to (about.get), asked once, the first time a document is seen. */
  private exportFormats(): Promise<Record<string, string[]>> {
    this.exportsPromise ??= this.api.about('exportFormats').then((a) => a.exportFormats ?? {}).catch((err: unknown) => {
      this.exportsPromise = undefined;
      throw err;
    });
    return this.exportsPromise;
  }

  /**
   * Files as rsyncish names them: the engine's name for a stored one, a
   * document's name with its export extension; a document left out under
   * skip_gdocs or when none of export_formats is offered for its type.
   */
  private async named(files: DriveFile[]): Promise<Named[]> {
    const formats = files.some((f) => kindOf(f) === 'document') && !this.deps.options.skipGdocs ? await this.exportFormats() : {};
    const out: Named[] = [];
    for (const file of files) {
      if (typeof file.id !== 'string' || typeof file.name !== 'string' || file.trashed) continue;
      const name = this.deps.options.names.toStandard(file.name);
      if (kindOf(file) !== 'document') {
        out.push({ file, name });
        continue;
      }
      if (this.deps.options.skipGdocs) continue;
      const exported = chooseExport(formats[file.mimeType], this.deps.options.exportExtensions);
      if (!exported) {
        this.deps.logger.debug(`${file.name}: no export format for ${file.mimeType} among ${this.deps.options.exportExtensions.join(',')}; ignored`);
        continue;
      }
      out.push({ file, name: name + exported.extension, exported });
    }
    return out;
  }

  /**
   * The children of a folder called `name` (exactly: Drive's `name =` ignores
   * case). A name with an export extension also finds the document it names.
   */
  private async childrenNamed(parentId: string, name: string): Promise<Named[]> {
    const stored = this.deps.options.names.fromStandard(name);
    const queries = [childrenQuery(parentId, stored)];
    if (!this.deps.options.skipGdocs) {
      const ext = this.deps.options.exportExtensions.find((e) => stored.endsWith(e) && stored.length > e.length);
      if (ext) queries.push(childrenQuery(parentId, stored.slice(0, -ext.length)));
    }
    const files = (await Promise.all(queries.map((q) => this.api.list(q)))).flat();
    return (await this.named(files)).filter((n) => n.name === name);
  }

  /**
   * The one child called `name`. Drive lets a folder hold several files of
   * one name; rsyncish never merges them: it reports them, as rclone's dedupe
   * would list them, and goes on with the first.
   */
  private async child(parentId: string, name: string, full: string): Promise<Named | undefined> {
    const found = await this.childrenNamed(parentId, name);
    if (found.length > 1) this.reportDuplicates(full, found);
    return found[0];
  }

  private reportDuplicates(full: string, found: Named[]): void {
    this.deps.logger.notice(
      `${this.describe(full)}: Duplicate object found: ${found.length} items have this name (ids ${found.map((n) => n.file.id).join(', ')}); using the first. Run "rclone dedupe" to resolve`,
    );
  }

  // ---- folders -----------------------------------------------------------

  private rootId(): Promise<string> {
    this.rootIdPromise ??= this.api.getFile(this.deps.options.rootFolderId).then((f) => f.id).catch((err: unknown) => {
      this.rootIdPromise = undefined;
      if (err instanceof NotFoundError) {
        throw new NotFoundError(`${this.name}: root folder "${this.deps.options.rootFolderId}" not found`, {
          isDir: true, cause: err, hint: 'check the root_folder_id option',
        });
      }
      throw err;
    });
    return this.rootIdPromise;
  }

  /** The id of the folder at a full path; with `create`, missing levels are made. */
  private async dirId(full: string, create: boolean): Promise<string> {
    if (full === '') return this.rootId();
    const cached = this.dirs.get(full);
    if (cached) return cached;
    const parentId = await this.dirId(parentOf(full), create);
    const found = await this.lookupFolder(parentId, full);
    if (found) return found;
    if (!create) throw new NotFoundError(`${this.describe(full)}: directory not found`, { isDir: true });
    return this.createFolder(parentId, full);
  }

  private async lookupFolder(parentId: string, full: string): Promise<string | undefined> {
    const found = await this.childrenNamed(parentId, baseName(full));
    const folders = found.filter((n) => n.file.mimeType === FOLDER_MIME_TYPE);
    if (folders.length === 0) {
      if (found.length > 0) throw new NotADirectoryError(`${this.describe(full)}: is a file, not a directory`);
      return undefined;
    }
    if (folders.length > 1) this.reportDuplicates(full, folders);
    this.dirs.set(full, folders[0]!.file.id);
    return folders[0]!.file.id;
  }

  private createFolder(parentId: string, full: string): Promise<string> {
    let pending = this.creating.get(full);
    if (!pending) {
      pending = this.doCreateFolder(parentId, full).finally(() => this.creating.delete(full));
      this.creating.set(full, pending);
    }
    return pending;
  }

  private async doCreateFolder(parentId: string, full: string): Promise<string> {
    // Another mkdir of ours may have finished while we waited for the lookup.
    const again = this.dirs.get(full) ?? (await this.lookupFolder(parentId, full));
    if (again) return again;
    const name = this.deps.options.names.fromStandard(baseName(full));
    const folder = await this.api.create({ name, mimeType: FOLDER_MIME_TYPE, parents: [parentId] });
    this.dirs.set(full, folder.id);
    return folder.id;
  }

  /** The item at a full path, or undefined; a missing parent folder counts as absent. */
  private async lookup(full: string): Promise<(Named & { parentId: string }) | undefined> {
    let parentId: string;
    try {
      parentId = await this.dirId(parentOf(full), false);
    } catch (err) {
      if (err instanceof NotFoundError || err instanceof NotADirectoryError) return undefined;
      throw err;
    }
    const hit = await this.child(parentId, baseName(full), full);
    return hit ? { ...hit, parentId } : undefined;
  }

  private async lookupFile(full: string): Promise<Named & { parentId: string }> {
    const hit = await this.lookup(full);
    if (!hit) throw new NotFoundError(`${this.describe(full)}: file not found`);
    if (kindOf(hit.file) === 'dir') throw new IsADirectoryError(`${this.describe(full)}: is a directory, not a file`);
    return hit;
  }

  /** Trash or delete one file or folder, as use_trash says. */
  private async remove(id: string): Promise<void> {
    if (this.deps.options.useTrash) await this.api.update(id, { trashed: true });
    else await this.api.delete(id);
  }

  // ---- Backend -----------------------------------------------------------

  async *list(dir: string): AsyncIterable<Entry> {
    const full = this.full(dir);
    const id = await this.dirId(full, false);
    const prefix = dir === '' ? '' : `${cleanRemotePath(dir)}/`;
    const children = await this.named(await this.api.list(childrenQuery(id)));
    const byName = new Map<string, Named[]>();
    for (const n of children) {
      if (n.name === '' || n.name === '.' || n.name === '..' || n.name.includes('/')) continue;
      const same = byName.get(n.name);
      if (same) same.push(n);
      else byName.set(n.name, [n]);
    }
    for (const [name, same] of byName) {
      const childFull = full === '' ? name : `${full}/${name}`;
      if (same.length > 1) this.reportDuplicates(childFull, same);
      const first = same[0]!;
      if (kindOf(first.file) === 'dir') this.dirs.set(childFull, first.file.id);
      yield fileToEntry(first.file, prefix + name, first.exported);
    }
  }

  async stat(path: string): Promise<Entry> {
    const full = this.full(path);
    if (full === '') return fileToEntry(await this.api.getFile(await this.rootId()), '');
    const hit = await this.lookup(full);
    if (!hit) throw new NotFoundError(`${this.describe(full)}: not found`);
    if (kindOf(hit.file) === 'dir') this.dirs.set(full, hit.file.id);
    return fileToEntry(hit.file, cleanRemotePath(path), hit.exported);
  }

  async get(path: string, options: GetOptions = {}): Promise<Readable> {
    const hit = await this.lookupFile(this.full(path));
    if (!hit.exported) return this.api.download(hit.file.id, options.range, options.signal);
    // An export is made whole each time: a range is cut from it here.
    const body = await this.api.export(hit.file.id, hit.exported.mimeType, options.signal);
    const range = options.range;
    return range && (range.start > 0 || range.end !== undefined) ? body.pipe(byteSlice(range.start, range.end)) : body;
  }

  async put(path: string, content: Readable, options: PutOptions): Promise<Entry> {
    const rel = cleanRemotePath(path);
    const full = this.full(path);
    const what = this.describe(full);
    const parentId = await this.dirId(parentOf(full), true);
    const existing = await this.child(parentId, baseName(full), full);
    if (existing && kindOf(existing.file) === 'dir') throw new IsADirectoryError(`${what}: is a directory; cannot replace it with a file`);
    if (existing?.exported) {
      throw new FatalBackendError(`${what}: is a Google document exported as ${existing.exported.extension}; rsyncish does not overwrite documents`, {
        hint: 'use --drive-skip-gdocs to leave documents out, or remove the document first',
      });
    }
    const contentType = options.mimeType || (await contentTypeFor(baseName(full)));
    const meta: FileMetadata = { mimeType: contentType };
    if (options.modTime !== undefined) meta.modifiedTime = driveTime(options.modTime);
    if (!existing) {
      meta.name = this.deps.options.names.fromStandard(baseName(full));
      meta.parents = [parentId];
    }
    const md5 = md5Stream(content);
    const fileId = existing?.file.id;
    const o = this.deps.options;
    const stored = options.size >= 0 && options.size < o.uploadCutoff
      ? await this.api.uploadMultipart(meta, md5.stream, contentType, fileId, options.signal)
      : await resumableUpload(this.api, {
        meta, contentType, content: md5.stream, size: options.size, chunkSize: o.chunkSize, fileId, signal: options.signal, logger: this.deps.logger, what,
      });
    const sent = md5.digest();
    const expected = options.hashes?.md5?.toLowerCase();
    const got = stored.md5Checksum?.toLowerCase();
    if (got && (got !== sent || (expected !== undefined && expected !== got))) {
      // The server holds other bytes than were read: a new file goes; a replaced one keeps the
      // drive's previous revision, and the engine's retry uploads it again.
      if (!existing) await this.api.delete(stored.id).catch(() => {});
      throw new HashMismatchError(`${what}: md5 of the upload is ${got}, expected ${expected ?? sent}`);
    }
    return fileToEntry(stored, rel);
  }

  async delete(path: string): Promise<void> {
    const hit = await this.lookupFile(this.full(path));
    await this.remove(hit.file.id);
  }

  async mkdir(path: string): Promise<void> {
    await this.dirId(this.full(path), true);
  }

  async rmdir(path: string): Promise<void> {
    const full = this.full(path);
    if (full === '') throw new AlreadyExistsError(`${this.name}: cannot remove the root folder of the drive`);
    const id = await this.dirId(full, false);
    if (await this.api.any(childrenQuery(id))) throw new DirectoryNotEmptyError(`${this.describe(full)}: directory not empty`);
    await this.remove(id);
    this.dirs.forget(full);
  }

  /** Trash (or delete) a folder and all it holds in one call, as Drive does for a folder. */
  async purge(path: string): Promise<void> {
    const full = this.full(path);
    if (full === '') throw new AlreadyExistsError(`${this.name}: cannot purge the root folder of the drive`, { hint: 'purge a folder inside it' });
    const id = await this.dirId(full, false);
    await this.remove(id);
    this.dirs.forget(full);
  }

  async setModTime(path: string, modTime: number): Promise<void> {
    const hit = await this.lookupFile(this.full(path));
    await this.api.update(hit.file.id, { modifiedTime: driveTime(modTime) });
  }

  async hash(path: string, type: HashType): Promise<string | undefined> {
    if (type !== 'md5') return undefined;
    return (await this.stat(path)).hashes?.md5;
  }

  async about(): Promise<Usage> {
    return driveUsage(this.api);
  }

  /** Another drive remote of this account, or undefined. */
  private sameDrive(src: Backend): DriveBackend | undefined {
    return src instanceof DriveBackend && src.account === this.account ? src : undefined;
  }

  /** files.copy into the destination folder; a file already there is removed once the copy exists. */
  async copyFrom(src: Backend, srcPath: string, dstPath: string, options: { size: number; modTime?: number; signal?: AbortSignal }): Promise<Entry | undefined> {
    const from = this.sameDrive(src);
    if (!from) return undefined;
    options.signal?.throwIfAborted();
    const hit = await from.lookupFile(from.full(srcPath));
    // A document's bytes are its export: stream it.
    if (hit.exported) return undefined;
    const size = Number(hit.file.size ?? 0);
    if (options.size >= 0 && size !== options.size) {
      throw new RetryableError(`${from.describe(from.full(srcPath))}: is ${size} bytes, listed as ${options.size}; not copied`);
    }
    const dstFull = this.full(dstPath);
    const parentId = await this.dirId(parentOf(dstFull), true);
    const existing = await this.child(parentId, baseName(dstFull), dstFull);
    if (existing && kindOf(existing.file) !== 'file') throw new IsADirectoryError(`${this.describe(dstFull)}: is a directory or document; not replaced`);
    const meta: FileMetadata = { name: this.deps.options.names.fromStandard(baseName(dstFull)), parents: [parentId] };
    // The copy keeps the source's modtime, as rclone's Copy sets it.
    const modTime = options.modTime ?? Date.parse(hit.file.modifiedTime ?? '');
    if (!Number.isNaN(modTime)) meta.modifiedTime = driveTime(modTime);
    const copied = await this.api.copy(hit.file.id, meta);
    if (existing) await this.remove(existing.file.id);
    return fileToEntry(copied, cleanRemotePath(dstPath));
  }

  /** One files.update: new name and parent; a file already at the destination is removed after. */
  async moveFrom(src: Backend, srcPath: string, dstPath: string): Promise<Entry | undefined> {
    const from = this.sameDrive(src);
    if (!from) return undefined;
    const hit = await from.lookupFile(from.full(srcPath));
    if (hit.exported) return undefined;
    const dstFull = this.full(dstPath);
    const parentId = await this.dirId(parentOf(dstFull), true);
    const existing = await this.child(parentId, baseName(dstFull), dstFull);
    if (existing?.file.id === hit.file.id) return fileToEntry(hit.file, cleanRemotePath(dstPath));
    if (existing && kindOf(existing.file) !== 'file') throw new IsADirectoryError(`${this.describe(dstFull)}: is a directory or document; not replaced`);
    const moved = await this.moveItem(hit.file, hit.parentId, parentId, baseName(dstFull));
    if (existing) await this.remove(existing.file.id);
    return fileToEntry(moved, cleanRemotePath(dstPath));
  }

  /** A whole folder in one files.update, when nothing is at the destination yet. */
  async moveDirFrom(src: Backend, srcDir: string, dstDir: string): Promise<DirMoveResult> {
    const from = this.sameDrive(src);
    if (!from) return { moved: false, why: 'not the same drive' };
    const srcFull = from.full(srcDir);
    const dstFull = this.full(dstDir);
    if (srcFull === '') return { moved: false, why: 'the source is the root folder' };
    if (dstFull === '') return { moved: false, why: 'the destination is the root folder' };
    const srcId = await from.dirId(srcFull, false);
    const srcParentId = await from.dirId(parentOf(srcFull), false);
    // rclone's words (fs.ErrorDirExists).
    if (await this.lookup(dstFull)) return { moved: false, why: "can't copy directory - destination already exists" };
    const dstParentId = await this.dirId(parentOf(dstFull), true);
    const folder = await this.api.getFile(srcId);
    await this.moveItem(folder, srcParentId, dstParentId, baseName(dstFull));
    from.dirs.forget(srcFull);
    this.dirs.forget(dstFull);
    this.dirs.set(dstFull, srcId);
    return { moved: true };
  }

  private moveItem(file: DriveFile, srcParentId: string, dstParentId: string, dstName: string): Promise<DriveFile> {
    const name = this.deps.options.names.fromStandard(dstName);
    const meta: FileMetadata = name !== file.name ? { name } : {};
    // As rclone's Move: the modtime goes with the update, which would otherwise stamp it now.
    if (file.modifiedTime) meta.modifiedTime = file.modifiedTime;
    const parents = srcParentId !== dstParentId ? { add: dstParentId, remove: srcParentId } : {};
    return this.api.update(file.id, meta, parents);
  }

  async close(): Promise<void> {
    await this.deps.close();
  }
}

/**
 * The MD5 of what passes through a stream, read once it has ended. Nothing is
 * read before the upload reads: a source that failed while the upload still
 * waited (a folder lookup, the pacer) would fail a stream nobody listened to.
 */
function md5Stream(source: Readable): { stream: Readable; digest(): string } {
  const hash = createHash('md5');
  let digest: string | undefined;
  async function* hashed(): AsyncGenerator<Buffer> {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      hash.update(chunk);
      yield chunk;
    }
  }
  const stream = Readable.from(hashed(), { objectMode: false });
  // An upload that stops reading (an abort) lets the source go too.
  stream.once('close', () => {
    if (!source.destroyed) source.destroy();
  });
  return {
    stream,
    digest: () => (digest ??= hash.digest('hex')),
  };
}
