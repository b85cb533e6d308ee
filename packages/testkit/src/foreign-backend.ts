import { Readable } from 'node:stream';
import { NotFoundError, type Backend, type Capabilities, type Entry } from '@rsyncish/core';
import { readAll } from './streams.js';

/**
 * A remote of another storage system, as far as the backend under test can
 * tell: its copyFrom, moveFrom and moveDirFrom must answer "can't" for it and
 * leave it untouched. Files only, held in memory; directories are implied.
 */
export class ForeignBackend implements Backend {
  readonly name = 'testkit-foreign';
  readonly capabilities: Capabilities = {
    hashes: [],
    modTime: { read: true, write: true, precisionMs: 1 },
    caseInsensitive: false,
    deleteIsTrash: false,
    emptyDirs: false,
  };
  readonly files = new Map<string, Buffer>();

  async *list(dir: string): AsyncIterable<Entry> {
    const prefix = dir === '' ? '' : `${dir}/`;
    const seen = new Set<string>();
    for (const [path, data] of this.files) {
      if (!path.startsWith(prefix)) continue;
      const [name, ...deeper] = path.slice(prefix.length).split('/');
      if (seen.has(name)) continue;
      seen.add(name);
      yield deeper.length > 0 ? { path: `${prefix}${name}`, kind: 'dir', size: -1 } : { path, kind: 'file', size: data.length, modTime: 0 };
    }
    if (seen.size === 0 && dir !== '') throw new NotFoundError(`no directory ${dir}`, { isDir: true });
  }

  async stat(path: string): Promise<Entry> {
    const data = this.files.get(path);
    if (data) return { path, kind: 'file', size: data.length, modTime: 0 };
    if ([...this.files.keys()].some((p) => p.startsWith(`${path}/`))) return { path, kind: 'dir', size: -1 };
    throw new NotFoundError(`no such file ${path}`);
  }

  async get(path: string): Promise<Readable> {
    const data = this.files.get(path);
    if (!data) throw new NotFoundError(`no such file ${path}`);
    return Readable.from([data]);
  }

  async put(path: string, content: Readable): Promise<Entry> {
    this.files.set(path, await readAll(content));
    return this.stat(path);
  }

  async delete(path: string): Promise<void> {
    if (!this.files.delete(path)) throw new NotFoundError(`no such file ${path}`);
  }

  async mkdir(): Promise<void> {}

  async rmdir(): Promise<void> {}
}
