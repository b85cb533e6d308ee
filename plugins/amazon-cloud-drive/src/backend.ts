import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import {
  AlreadyExistsError,
  RetryableError,
  baseName,
  cleanRemotePath,
  FolderIdCache,
  formatSize,
  neverReachedServer,
  NotFoundError,
  parentOf,
  type Backend,
  type Capabilities,
  type DirMoveResult,
  type Entry,
  type GetOptions,
  type HashType,
  type HttpFailure,
  type Logger,
  type PutOptions,
  type Usage,
} from '@rsyncish/core';
import type { AcdApi } from './api/acd-api.js';
import type { AcdConflictBody, AcdNode } from './api/types.js';
import { acdCapabilities, ACD_SIZE_WARNING } from './capabilities.js';
import { contentTypeFor } from './content-type.js';
import { isListable, nodeToEntry } from './entry.js';
import { DirectoryNotEmptyError, IsADirectoryError, NotADirectoryError } from './errors.js';
import type { AcdInternals } from './internals.js';
import { dropInterruptedUpload } from './interrupted-upload.js';
import { moveNode } from './move.js';
import type { AcdOptions } from './options.js';
import { countingStream, uploadCheckTries } from './upload-check.js';
import { driveUsage } from './usage.js';

export interface AcdBackendDeps {
  api: AcdApi;
  options: AcdOptions;
  internals: AcdInternals;
  logger: Logger;
  /** Path inside the account this remote is rooted at. */
  root: string;
  /**
   * Which account this remote reaches (its remote name and endpoint): remotes
   * of one account move nodes between them server-side. Unset: never.
   */
  account?: string;
  name: string;
  lowLevelRetries: number;
  /** The `checkpoint` option; saved again after each poll of the changes feed. */
  checkpoint?: string;
  saveCheckpoint: (checkpoint: string) => Promise<void>;
  close: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One Amazon Drive remote: paths map to node ids through name lookups and a folder cache. */
export class AcdBackend implements Backend {
  readonly capabilities: Capabilities;
  readonly name: string;
  private readonly api: AcdApi;
  private readonly dirs = new FolderIdCache();
  /**
   * File node ids seen in listings, so a download right after the march costs
   * one request, not a name lookup first (rclone keeps the id in its Object).
   * A stale id (the file was replaced since) falls back to a lookup.
   */
  private readonly fileIds = new Map<string, { id: string; size: number }>();
  /**
   * Folder id -> the lower-cased names its children had when this backend
   * listed or created it. A put of a name not among them skips the lookup
   * of what it would replace (rclone knows that from the listing too): half
   * the requests of an upload into a new or listed folder, at ACD's ~50
   * requests a second. A name that appeared since is a 409, and the put is
   * retried with the lookup.
   */
  private readonly childNames = new Map<string, Set<string>>();
  /** One mkdir per folder path at a time, so concurrent puts never create twins. */
  private readonly creating = new Map<string, Promise<string>>();
  private rootIdPromise?: Promise<string>;
  private checkpoint?: string;

  constructor(private readonly deps: AcdBackendDeps) {
    this.api = deps.api;
    this.name = deps.name;
    this.capabilities = { ...acdCapabilities(), nameEncoding: deps.options.names.text };
    this.checkpoint = deps.checkpoint;
  }

  // ---- paths and folders -------------------------------------------------

  private full(path: string): string {
    return cleanRemotePath(this.deps.root === '' ? path : `${this.deps.root}/${path}`);
  }

  /** The server's name for one engine name (the `encoding` option). */
  private stored(name: string): string {
    return this.deps.options.names.fromStandard(name);
  }

  private accountRootId(): Promise<string> {
    this.rootIdPromise ??= this.api.root().then((n) => n.id).catch((err: unknown) => {
      this.rootIdPromise = undefined;
      throw err;
    });
    return this.rootIdPromise;
  }

  /** The node id of the folder at a full path; with `create`, missing levels are made. */
  private async dirId(full: string, create: boolean): Promise<string> {
    if (full === '') return this.accountRootId();
    const cached = this.dirs.get(full);
    if (cached) return cached;
    const parentId = await this.dirId(parentOf(full), create);
    const found = await this.lookupFolder(parentId, full);
    if (found) return found;
    if (!create) throw new NotFoundError(`${this.describe(full)}: directory not found`, { isDir: true });
    return this.createFolder(parentId, full);
  }

  private async lookupFolder(parentId: string, full: string): Promise<string | undefined> {
    const node = await this.api.findChild(parentId, this.stored(baseName(full)));
    if (!node) return undefined;
    if (node.kind !== 'FOLDER') throw new NotADirectoryError(`${this.describe(full)}: is a file, not a directory`);
    if (node.status !== 'AVAILABLE') {
      // rclone: a folder that is not AVAILABLE yet counts as absent, after a short wait.
      await sleep(this.deps.internals.unavailableFolderWaitMs);
      return undefined;
    }
    this.dirs.set(full, node.id);
    return node.id;
  }

  private createFolder(parentId: string, full: string): Promise<string> {
    const key = full.toLowerCase();
    let pending = this.creating.get(key);
    if (!pending) {
      pending = this.doCreateFolder(parentId, full).finally(() => this.creating.delete(key));
      this.creating.set(key, pending);
    }
    return pending;
  }

  private async doCreateFolder(parentId: string, full: string): Promise<string> {
    // Another mkdir of ours may have finished while we waited for the lookup.
    const again = this.dirs.get(full) ?? (await this.lookupFolder(parentId, full));
    if (again) return again;
    let node: AcdNode;
    try {
      node = await this.api.createFolder(parentId, this.stored(baseName(full)));
      this.childNames.set(node.id, new Set());
    } catch (err) {
      // Someone else (another process, or a stale listing) made it first: use theirs.
      const existing = conflictNodeId(err);
      if (!existing) throw err;
      node = await this.api.node(existing);
      if (node.kind !== 'FOLDER') throw new NotADirectoryError(`${this.describe(full)}: is a file, not a directory`, { cause: err });
      this.deps.logger.debug(`${this.describe(full)}: folder already existed (${existing})`);
    }
    this.dirs.set(full, node.id);
    this.childNames.get(parentId)?.add(this.stored(baseName(full)).toLowerCase());
    return node.id;
  }

  /** The node at a full path, or undefined; a missing parent folder counts as absent. */
  private async lookup(full: string): Promise<{ node: AcdNode; parentId: string } | undefined> {
    let parentId: string;
    try {
      parentId = await this.dirId(parentOf(full), false);
    } catch (err) {
      if (err instanceof NotFoundError || err instanceof NotADirectoryError) return undefined;
      throw err;
    }
    const node = await this.api.findChild(parentId, this.stored(baseName(full)));
    return node ? { node, parentId } : undefined;
  }

  private async lookupFile(full: string): Promise<{ node: AcdNode; parentId: string }> {
    const hit = await this.lookup(full);
    if (!hit) throw new NotFoundError(`${this.describe(full)}: file not found`);
    if (hit.node.kind === 'FOLDER') throw new IsADirectoryError(`${this.describe(full)}: is a directory, not a file`);
    return hit;
  }

  private describe(full: string): string {
    return `${this.name.split(':')[0]}:${full}`;
  }

  // ---- Backend -----------------------------------------------------------

  async *list(dir: string): AsyncIterable<Entry> {
    const full = this.full(dir);
    const id = await this.dirId(full, false);
    const nodes = await this.api.children(id);
    this.childNames.set(id, new Set(nodes.map((node) => (node.name ?? '').toLowerCase())));
    const prefix = dir === '' ? '' : `${cleanRemotePath(dir)}/`;
    for (const node of nodes) {
      if (!isListable(node, id)) continue;
      // A standard name never holds `/` and is never `.`/`..`; this guard costs nothing.
      const name = this.deps.options.names.toStandard(node.name as string);
      if (name !== '' && name !== '.' && name !== '..' && !name.includes('/')) {
        const child = full === '' ? name : `${full}/${name}`;
        if (node.kind === 'FOLDER') this.dirs.set(child, node.id);
        else this.fileIds.set(child, { id: node.id, size: node.contentProperties?.size ?? 0 });
      }
      yield nodeToEntry(node, prefix + name);
    }
  }

  async stat(path: string): Promise<Entry> {
    const rel = cleanRemotePath(path);
    const full = this.full(path);
    if (full === '') {
      const root = await this.api.node(await this.accountRootId());
      return nodeToEntry(root, '');
    }
    const hit = await this.lookup(full);
    if (!hit) throw new NotFoundError(`${this.describe(full)}: not found`);
    if (hit.node.kind === 'FOLDER') this.dirs.set(full, hit.node.id);
    return nodeToEntry(hit.node, rel);
  }

  async get(path: string, options: GetOptions = {}): Promise<Readable> {
    const full = this.full(path);
    const known = this.fileIds.get(full);
    if (known) {
      this.fileIds.delete(full); // used once: a later get looks up afresh
      try {
        return await this.download(full, known.id, known.size, options);
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
      }
    }
    const { node } = await this.lookupFile(full);
    return this.download(full, node.id, node.contentProperties?.size ?? 0, options);
  }

  private download(full: string, id: string, size: number, options: GetOptions): Promise<Readable> {
    if (size >= this.deps.options.templinkThreshold) {
      this.deps.logger.debug(`${this.describe(full)}: downloading via tempLink (${formatSize(size)})`);
      return this.api.downloadViaTempLink(id, options.range, options.signal);
    }
    return this.api.download(id, options.range, options.signal);
  }

  async put(path: string, content: Readable, options: PutOptions): Promise<Entry> {
    const rel = cleanRemotePath(path);
    const full = this.full(path);
    this.fileIds.delete(full);
    const name = this.stored(baseName(full));
    const parentId = await this.dirId(parentOf(full), true);
    const key = name.toLowerCase();
    const siblings = this.childNames.get(parentId);
    const surelyNew = siblings !== undefined && !siblings.has(key);
    const existing = surelyNew ? undefined : await this.api.findChild(parentId, name);
    if (existing?.kind === 'FOLDER') throw new IsADirectoryError(`${this.describe(full)}: is a directory; cannot replace it with a file`);
    if (!existing && options.size > ACD_SIZE_WARNING) {
      this.deps.logger.notice(
        `${this.describe(full)}: file is ${formatSize(options.size)}, over the 50000 MiB Amazon Drive is believed to accept; consider --max-size 50000M`,
      );
    }
    const type = options.mimeType || (await contentTypeFor(baseName(full)));
    const counted = countingStream(content);
    try {
      const node = existing
        ? await this.api.overwrite(existing.id, existing.name ?? name, counted.stream, type, options.size, options.signal)
        : await this.api.upload(parentId, name, counted.stream, type, options.size, options.signal);
      siblings?.add(key);
      return nodeToEntry(node, rel);
    } catch (err) {
      if (surelyNew && err instanceof AlreadyExistsError) {
        // Created by someone else since the listing: forget it; the retry looks the name up.
        this.childNames.delete(parentId);
        content.destroy();
        throw new RetryableError(`${this.describe(full)}: appeared in its folder since it was listed`, { cause: err });
      }
      // A small body is read whole before the connection is even tried, so "all read" alone
      // does not mean the server got it: a refused connection cannot have stored anything.
      const fullySent = counted.ended() && (options.size < 0 || counted.sent() === options.size) && !neverReachedServer(err);
      if (!fullySent || options.signal?.aborted) {
        content.destroy();
        if (!existing) await dropInterruptedUpload(this.api, parentId, name, this.deps.logger, this.describe(full));
        throw err;
      }
      const found = await this.waitForUpload(parentId, name, options, full, err);
      if (found) return nodeToEntry(found, rel);
      throw err;
    }
  }

  /**
   * rclone's upload check: Amazon sometimes fails an upload that in fact
   * arrived. Look for the file every poll interval, for size × upload_wait_per_gb
   * / GiB in all, and accept it when the size (and MD5, when we know it) match.
   */
  private async waitForUpload(parentId: string, name: string, options: PutOptions, full: string, err: unknown): Promise<AcdNode | undefined> {
    const { uploadPollMs } = this.deps.internals;
    const tries = uploadCheckTries(options.size, this.deps.options.uploadWaitPerGiBMs, uploadPollMs);
    for (let i = 1; i <= tries; i++) {
      // Ctrl-C: stop waiting; whether the file arrived, the next run will see.
      if (options.signal?.aborted) return undefined;
      let node: AcdNode | undefined;
      try {
        node = await this.api.findChild(parentId, name);
      } catch (lookupErr) {
        this.deps.logger.debug(`${this.describe(full)}: upload check lookup failed (${i}/${tries}): ${(lookupErr as Error).message}`);
      }
      const md5 = options.hashes?.md5;
      if (node && node.kind === 'FILE' && (node.contentProperties?.size ?? 0) === options.size &&
        (!md5 || !node.contentProperties?.md5 || node.contentProperties.md5 === md5)) {
        this.deps.logger.info(`${this.describe(full)}: upload reported "${(err as Error).message}" but the file arrived (${i}/${tries})`);
        return node;
      }
      this.deps.logger.debug(`${this.describe(full)}: upload failed, waiting for the file to appear (${i}/${tries})`);
      await delay(uploadPollMs, undefined, { signal: options.signal }).catch(() => {});
    }
    return undefined;
  }

  async delete(path: string): Promise<void> {
    this.fileIds.delete(this.full(path));
    const { node } = await this.lookupFile(this.full(path));
    await this.api.trash(node.id);
  }

  async mkdir(path: string): Promise<void> {
    await this.dirId(this.full(path), true);
  }

  async rmdir(path: string): Promise<void> {
    const full = this.full(path);
    if (full === '') throw new AlreadyExistsError(`${this.name}: cannot remove the root folder of the drive`);
    const id = await this.dirId(full, false);
    const children = await this.api.children(id);
    if (children.some((n) => isListable(n, id))) {
      throw new DirectoryNotEmptyError(`${this.describe(full)}: directory not empty`);
    }
    await this.api.trash(id);
    this.dirs.forget(full);
  }

  async purge(path: string): Promise<void> {
    const full = this.full(path);
    if (full === '') throw new AlreadyExistsError(`${this.name}: cannot purge the root folder of the drive`);
    const id = await this.dirId(full, false);
    await this.api.trash(id);
    this.dirs.forget(full);
  }

  async hash(path: string, type: HashType): Promise<string | undefined> {
    if (type !== 'md5') return undefined;
    const { node } = await this.lookupFile(this.full(path));
    return node.contentProperties?.md5 || undefined;
  }

  /** The whole drive's quota and use: ACD has one quota per account, whatever the remote's folder. */
  async about(): Promise<Usage> {
    return driveUsage(this.api);
  }

  /**
   * A file of another remote of the same account (the same remote name and
   * endpoint, as rclone's SameConfig), moved by reparenting and renaming its
   * node: no bytes are read or sent. Another account: undefined, and the
   * engine copies instead.
   */
  async moveFrom(src: Backend, srcPath: string, dstPath: string, options: { signal?: AbortSignal } = {}): Promise<Entry | undefined> {
    if (!this.sameAccount(src)) return undefined;
    options.signal?.throwIfAborted();
    return this.moveNodeFrom(src, src.full(srcPath), this.full(dstPath), dstPath, 'file');
  }

  /**
   * A whole folder of the same account, moved with its content by one
   * reparent (and a rename when the last name differs), when the destination
   * does not exist yet.
   */
  async moveDirFrom(src: Backend, srcDir: string, dstDir: string): Promise<DirMoveResult> {
    if (!this.sameAccount(src)) return { moved: false, why: "can't move directory to another account" };
    const srcFull = src.full(srcDir);
    const dstFull = this.full(dstDir);
    if (srcFull === '' || dstFull === '') return { moved: false, why: "can't move the root folder of the drive" };
    const there = await this.lookup(dstFull);
    // rclone's words (fs.ErrorDirExists).
    if (there) return { moved: false, why: "can't copy directory - destination already exists" };
    await this.moveNodeFrom(src, srcFull, dstFull, dstDir);
    return { moved: true };
  }

  /** Whether `src` is a remote of this account, whose node ids are valid here. */
  private sameAccount(src: Backend): src is AcdBackend {
    return src instanceof AcdBackend && this.deps.account !== undefined && src.deps.account === this.deps.account;
  }

  /** Move the node at `srcFull` of `from` (this or a remote of the same account) to `dstFull` here. */
  private async moveNodeFrom(from: AcdBackend, srcFull: string, dstFull: string, dstRel: string, only?: 'file'): Promise<Entry> {
    from.fileIds.delete(srcFull);
    this.fileIds.delete(dstFull);
    if (srcFull === '' || dstFull === '') throw new AlreadyExistsError(`${this.name}: cannot move the root folder of the drive`);
    const hit = await from.lookup(srcFull);
    if (!hit) throw new NotFoundError(`${from.describe(srcFull)}: not found`);
    if (only === 'file' && hit.node.kind === 'FOLDER') throw new IsADirectoryError(`${from.describe(srcFull)}: is a directory, not a file`);
    const dstParentId = await this.dirId(parentOf(dstFull), true);
    const dstName = this.stored(baseName(dstFull));
    const existing = await this.api.findChild(dstParentId, dstName);
    if (existing && existing.id !== hit.node.id) {
      if (existing.kind === 'FOLDER' || hit.node.kind === 'FOLDER') {
        throw new AlreadyExistsError(`${this.describe(dstFull)}: already exists`);
      }
      // Like rclone's core: an existing destination file is replaced (into the trash, where it can be restored).
      await this.api.trash(existing.id);
    }
    const moved = await moveNode(this.api, {
      node: hit.node,
      srcParentId: hit.parentId,
      dstParentId,
      srcName: from.stored(baseName(srcFull)),
      dstName,
      attempts: this.deps.lowLevelRetries,
      internals: this.deps.internals,
      logger: this.deps.logger,
      what: from.describe(srcFull),
    });
    this.childNames.get(dstParentId)?.add(dstName.toLowerCase());
    if (hit.node.kind === 'FOLDER') {
      from.dirs.forget(srcFull);
      this.dirs.forget(dstFull);
      this.dirs.set(dstFull, moved.id);
    }
    return nodeToEntry(moved, cleanRemotePath(dstRel));
  }

  /**
   * Read the changes feed since the saved checkpoint, drop cached folder ids
   * the changes touch (everything on a reset), and save the new checkpoint as
   * rclone does (config key `checkpoint`). Returns the changed nodes.
   */
  async pollChanges(): Promise<{ reset: boolean; nodes: AcdNode[]; truncated: boolean }> {
    const batch = await this.api.changes(this.checkpoint);
    if (batch.reset) this.dirs.forget('');
    for (const node of batch.nodes) {
      if (node.kind === 'FOLDER') this.dirs.forgetId(node.id);
    }
    if (batch.checkpoint && batch.checkpoint !== this.checkpoint) {
      this.checkpoint = batch.checkpoint;
      await this.deps.saveCheckpoint(batch.checkpoint);
    }
    return { reset: batch.reset, nodes: batch.nodes, truncated: batch.truncated };
  }

  async close(): Promise<void> {
    await this.deps.close();
  }
}

/** The node id a 409 NAME_ALREADY_EXISTS names, if this error is one. */
function conflictNodeId(err: unknown): string | undefined {
  if (!(err instanceof AlreadyExistsError)) return undefined;
  const failure = err.cause as HttpFailure | undefined;
  try {
    const body = JSON.parse(failure?.body ?? '') as AcdConflictBody;
    return body.info?.nodeId || undefined;
  } catch {
    return undefined;
  }
}
