import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  AlreadyExistsError,
  NotFoundError,
  RetryableError,
  type Backend,
  type Entry,
  type GetOptions,
  type HashType,
  type PutOptions,
} from '@rsyncish/core';
import { memoryCapabilities } from './capabilities.js';
import { receive } from './receive.js';
import { MemoryTree, type FileNode, type Node } from './tree.js';

export interface MemoryBackendInit {
  /** Shared by every remote of the same name in this process; a fresh one by default. */
  tree?: MemoryTree;
  /** Path inside the tree this remote is rooted at (`backup` of `mem:backup`). */
  root?: string;
  name?: string;
  now?: () => number;
}

/**
 * A Backend over a MemoryTree. Each method maps the remote-relative path below
 * the root, does its work, and reports problems only with core's typed errors:
 * the engine decides about retries from those types alone.
 */
export class MemoryBackend implements Backend {
  readonly capabilities = memoryCapabilities;
  readonly name: string;
  private readonly tree: MemoryTree;
  private readonly root: string;
  private readonly now: () => number;

  constructor(init: MemoryBackendInit = {}) {
    this.now = init.now ?? Date.now;
    this.tree = init.tree ?? new MemoryTree(this.now());
    this.root = init.root ?? '';
    this.name = init.name ?? `memory:${this.root}`;
  }

  async *list(dir: string): AsyncIterable<Entry> {
    // Snapshot first: the caller may put into this folder while iterating.
    const children = [...this.tree.dir(this.at(dir)).children];
    for (const [name, node] of children) yield toEntry(dir === '' ? name : `${dir}/${name}`, node);
  }

  /** The whole tree below `dir`, depth first, from one snapshot of each folder taken as it is reached. */
  async *listRecursive(dir: string, options: { signal?: AbortSignal } = {}): AsyncIterable<Entry> {
    const folders = [{ path: dir, node: this.tree.dir(this.at(dir)) }];
    for (let folder = folders.pop(); folder; folder = folders.pop()) {
      options.signal?.throwIfAborted();
      for (const [name, node] of [...folder.node.children]) {
        const path = folder.path === '' ? name : `${folder.path}/${name}`;
        yield toEntry(path, node);
        if (node.kind === 'dir') folders.push({ path, node });
      }
    }
  }

  async stat(path: string): Promise<Entry> {
    return toEntry(path, this.node(path));
  }

  async get(path: string, options: GetOptions = {}): Promise<Readable> {
    const file = this.file(path);
    const { start = 0, end = file.data.length } = options.range ?? {};
    // subarray shares memory; the stream never copies the stored file.
    return Readable.from([file.data.subarray(start, end)], { signal: options.signal });
  }

  async put(path: string, content: Readable, options: PutOptions): Promise<Entry> {
    const data = await receive(content, options.signal);
    if (options.size >= 0 && data.length !== options.size) {
      // A short stream means the source went wrong; storing it would plant a truncated file.
      throw new RetryableError(`${JSON.stringify(path)}: received ${data.length} bytes, expected ${options.size}`);
    }
    const now = this.now();
    const { parent, name } = this.tree.placeFor(this.at(path), now);
    if (parent.children.get(name)?.kind === 'dir') throw new AlreadyExistsError(`${JSON.stringify(path)}: is a directory`);
    const file: FileNode = { kind: 'file', data, modTime: options.modTime ?? now, md5: md5(data) };
    if (options.modTime !== undefined && options.modTimeNanos) file.modTimeNanos = options.modTimeNanos;
    parent.children.set(name, file);
    return toEntry(path, file);
  }

  async delete(path: string): Promise<void> {
    this.file(path);
    const { parent, name } = this.tree.placeFor(this.at(path), this.now());
    parent.children.delete(name);
  }

  async mkdir(path: string): Promise<void> {
    this.tree.makeDirs(this.at(path), this.now());
  }

  async rmdir(path: string): Promise<void> {
    const dir = this.tree.dir(this.at(path));
    if (dir.children.size > 0) throw new AlreadyExistsError(`${JSON.stringify(path)}: directory not empty`);
    if (dir === this.tree.root) return;
    const { parent, name } = this.tree.placeFor(this.at(path), this.now());
    parent.children.delete(name);
  }

  async setModTime(path: string, modTime: number, modTimeNanos = 0): Promise<void> {
    const node = this.node(path);
    node.modTime = modTime;
    if (node.kind === 'file') node.modTimeNanos = modTimeNanos;
  }

  async hash(path: string, type: HashType): Promise<string | undefined> {
    return type === 'md5' ? this.file(path).md5 : undefined;
  }

  /**
   * A file of another remote on the same tree (or this one): the new node
   * shares the bytes, which are never mutated after put.
   */
  async copyFrom(src: Backend, srcPath: string, dstPath: string, options: { size: number; modTime?: number; modTimeNanos?: number; signal?: AbortSignal }): Promise<Entry | undefined> {
    if (!(src instanceof MemoryBackend) || src.tree !== this.tree) return undefined;
    options.signal?.throwIfAborted();
    const from = src.file(srcPath);
    if (options.size >= 0 && from.data.length !== options.size) {
      // As put refuses a short stream: the target keeps its previous version.
      throw new RetryableError(`${JSON.stringify(srcPath)}: is ${from.data.length} bytes, expected ${options.size}`);
    }
    const copy: FileNode = { ...from };
    if (options.modTime !== undefined) {
      copy.modTime = options.modTime;
      if (options.modTimeNanos) copy.modTimeNanos = options.modTimeNanos;
      else delete copy.modTimeNanos;
    }
    const { parent, name } = this.tree.placeFor(this.at(dstPath), this.now());
    if (parent.children.get(name)?.kind === 'dir') throw new AlreadyExistsError(`${JSON.stringify(dstPath)}: is a directory`);
    parent.children.set(name, copy);
    return toEntry(dstPath, copy);
  }

  /** A file of another remote on the same tree: the node changes place, the bytes stay. */
  async moveFrom(src: Backend, srcPath: string, dstPath: string, options: { signal?: AbortSignal } = {}): Promise<Entry | undefined> {
    if (!(src instanceof MemoryBackend) || src.tree !== this.tree) return undefined;
    options.signal?.throwIfAborted();
    const node = src.file(srcPath);
    if (src.at(srcPath) === this.at(dstPath)) return toEntry(dstPath, node);
    const { parent, name } = this.tree.placeFor(this.at(dstPath), this.now());
    if (parent.children.get(name)?.kind === 'dir') throw new AlreadyExistsError(`${JSON.stringify(dstPath)}: is a directory`);
    parent.children.set(name, node);
    await src.delete(srcPath);
    return toEntry(dstPath, node);
  }

  async close(): Promise<void> {
    // Nothing to release: the data belongs to the process, not to this object.
  }

  private at(path: string): string {
    return this.root === '' ? path : path === '' ? this.root : `${this.root}/${path}`;
  }

  private node(path: string): Node {
    const node = this.tree.find(this.at(path));
    if (!node) throw new NotFoundError(`not found: ${JSON.stringify(path)}`);
    return node;
  }

  private file(path: string): FileNode {
    const node = this.node(path);
    // A directory where a file was expected is "no such file" to the engine.
    if (node.kind !== 'file') throw new NotFoundError(`${JSON.stringify(path)}: is a directory, not a file`);
    return node;
  }
}

function toEntry(path: string, node: Node): Entry {
  if (node.kind === 'dir') return { path, kind: 'dir', size: -1, modTime: node.modTime };
  const e: Entry = { path, kind: 'file', size: node.data.length, modTime: node.modTime, hashes: { md5: node.md5 } };
  if (node.modTimeNanos) e.modTimeNanos = node.modTimeNanos;
  return e;
}

function md5(data: Buffer): string {
  return createHash('md5').update(data).digest('hex');
}
