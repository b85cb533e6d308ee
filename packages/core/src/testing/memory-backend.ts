import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import type { Backend, Capabilities, Entry, GetOptions, PutOptions } from '../contract/index.js';
import { NotFoundError } from '../errors/index.js';
import { parentOf } from '../paths/index.js';

/**
 * A small in-memory Backend for core's own unit tests of the engine. Not exported
 * from the package: plugin authors copy plugins/memory instead.
 */
export class TestMemoryBackend implements Backend {
  readonly files = new Map<string, { data: Buffer; modTime: number }>();
  readonly dirs = new Set<string>(['']);
  readonly capabilities: Capabilities;
  /** Paths whose get() fails, to test error accounting. */
  readonly failGet = new Set<string>();
  /** Names list() returns verbatim in the root, to test hostile servers. */
  rawNames: string[] = [];
  puts = 0;
  /** Set by a test to act as a backend that copies on its own. */
  copyFrom?: Backend['copyFrom'];

  constructor(readonly name = 'memory', caps: Partial<Capabilities> = {}) {
    this.capabilities = {
      hashes: ['md5'],
      modTime: { read: true, write: true, precisionMs: 1 },
      caseInsensitive: false,
      deleteIsTrash: false,
      emptyDirs: true,
      ...caps,
    };
  }

  addFile(path: string, content: string | Buffer, modTime = 1_700_000_000_000): void {
    this.files.set(path, { data: Buffer.from(content), modTime });
    for (let p = parentOf(path); ; p = parentOf(p)) {
      this.dirs.add(p);
      if (p === '') break;
    }
  }

  async *list(dir: string): AsyncIterable<Entry> {
    if (!this.dirs.has(dir)) throw new NotFoundError(`directory not found: ${dir}`, { isDir: true });
    const prefix = dir === '' ? '' : `${dir}/`;
    for (const d of this.dirs) {
      if (d !== '' && d !== dir && parentOf(d) === dir) yield { path: d, kind: 'dir', size: -1 };
    }
    for (const [p, f] of this.files) {
      if (parentOf(p) === dir) yield this.entry(p, f);
    }
    if (dir === '') for (const n of this.rawNames) yield { path: prefix + n, kind: 'file', size: 1 };
  }

  private entry(path: string, f: { data: Buffer; modTime: number }): Entry {
    const hashes = this.capabilities.hashes.includes('md5')
      ? { md5: createHash('md5').update(f.data).digest('hex') }
      : undefined;
    return { path, kind: 'file', size: f.data.length, modTime: this.capabilities.modTime.read ? f.modTime : undefined, hashes };
  }

  async stat(path: string): Promise<Entry> {
    const f = this.files.get(path);
    if (f) return this.entry(path, f);
    if (this.dirs.has(path)) return { path, kind: 'dir', size: -1 };
    throw new NotFoundError(`not found: ${path}`);
  }

  async get(path: string, options: GetOptions = {}): Promise<Readable> {
    const f = this.files.get(path);
    if (!f) throw new NotFoundError(`not found: ${path}`);
    if (this.failGet.has(path)) throw new Error(`permission denied: ${path}`);
    const { start = 0, end = f.data.length } = options.range ?? {};
    return Readable.from([f.data.subarray(start, end)]);
  }

  async put(path: string, content: Readable, options: PutOptions): Promise<Entry> {
    const chunks: Buffer[] = [];
    for await (const c of content) chunks.push(c as Buffer);
    this.puts++;
    this.addFile(path, Buffer.concat(chunks), options.modTime ?? Date.now());
    return this.stat(path);
  }

  async delete(path: string): Promise<void> {
    if (!this.files.delete(path)) throw new NotFoundError(`not found: ${path}`);
  }

  async mkdir(path: string): Promise<void> {
    for (let p = path; ; p = parentOf(p)) {
      this.dirs.add(p);
      if (p === '') break;
    }
  }

  async rmdir(path: string): Promise<void> {
    this.dirs.delete(path);
  }

  async setModTime(path: string, modTime: number): Promise<void> {
    const f = this.files.get(path);
    if (!f) throw new NotFoundError(`not found: ${path}`);
    f.modTime = modTime;
  }
}
