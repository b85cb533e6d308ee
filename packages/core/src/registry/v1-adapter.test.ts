import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Backend, BackendDefinition, Entry } from '../contract/index.js';
import { capabilitiesOf } from '../contract/index.js';
import { TestMemoryBackend } from '../testing/memory-backend.js';
import { BackendRegistry } from './backend-registry.js';

/** A backend as version 1 had it: copy(src, dst) and move(src, dst) within the remote. */
class V1Backend extends TestMemoryBackend {
  async copy(src: string, dst: string): Promise<Entry> {
    const f = this.files.get(src)!;
    this.addFile(dst, f.data, f.modTime);
    return this.stat(dst);
  }

  async move(src: string, dst: string): Promise<Entry> {
    const e = await this.copy(src, dst);
    await this.delete(src);
    return e;
  }
}

function v1Definition(type: string, opened: V1Backend[] = []): BackendDefinition {
  return {
    apiVersion: 1,
    type,
    description: `${type}, built for version 1`,
    options: [],
    capabilities: { ...new V1Backend().capabilities, serverSideCopy: true, serverSideMove: true, recursiveList: false } as BackendDefinition['capabilities'],
    create() {
      const b = new V1Backend(type);
      opened.push(b);
      return b;
    },
  };
}

const ctx = { remoteName: 'r', root: '', rawRoot: '', options: {}, logger: { error() {}, notice() {}, info() {}, debug() {} }, saveOptions: async () => {}, now: () => 0, globals: { lowLevelRetries: 1, tpsLimit: 0, copyLinks: false, timeoutMs: 0 } };

test('a version 1 definition loads through the compatibility layer, with one notice for its plugin', () => {
  const r = new BackendRegistry();
  assert.equal(r.add(v1Definition('olda'), 'plugin-old'), undefined);
  assert.equal(r.add(v1Definition('oldb'), 'plugin-old'), undefined);
  assert.equal(r.get('olda')!.apiVersion, 2);
  assert.equal('recursiveList' in r.get('olda')!.capabilities, false);
  assert.deepEqual(r.compatibilityNotices(), [
    'plugin plugin-old uses backend API version 1; it works through a compatibility layer - upgrade it for backend API version 2 (see docs/writing-a-backend.md)',
  ]);
  assert.match(r.add({ ...v1Definition('future'), apiVersion: 3 }, 'plugin-new')!.reason, /built for backend API version 3, this rsyncish supports version 2/);
});

test("a version 1 backend's copy and move answer as copyFrom and moveFrom within its remote, can't from another", async () => {
  const r = new BackendRegistry();
  const opened: V1Backend[] = [];
  r.add(v1Definition('old', opened), 'plugin-old');
  const b: Backend = await r.get('old')!.create(ctx);
  const raw = opened[0]!;
  raw.addFile('a.txt', 'abc', 1_600_000_000_000);
  assert.equal('copy' in b, false);
  assert.equal(b.capabilities.serverSideCopy, true);
  assert.deepEqual(capabilitiesOf(b), b.capabilities);

  const copied = await b.copyFrom!(b, 'a.txt', 'c.txt', { size: 3, modTime: 1_600_000_000_000 });
  assert.equal(copied?.path, 'c.txt');
  assert.equal(raw.files.get('c.txt')?.data.toString(), 'abc');
  assert.equal(await b.copyFrom!(b, 'a.txt', 'd.txt', { size: 99 }), undefined, "a size that is not the listed one: can't");
  assert.equal(raw.files.has('d.txt'), false);

  const other = new TestMemoryBackend('other');
  other.addFile('a.txt', 'xyz');
  assert.equal(await b.copyFrom!(other, 'a.txt', 'e.txt', { size: 3 }), undefined);
  assert.equal(await b.moveFrom!(other, 'a.txt', 'e.txt', {}), undefined);
  assert.equal(other.files.has('a.txt'), true);

  raw.addFile('dir/inside.txt', 'keep');
  assert.equal(await b.moveFrom!(b, 'a.txt', 'dir', {}), undefined, 'never over a directory');
  assert.equal((await b.moveFrom!(b, 'a.txt', 'm.txt', {}))?.path, 'm.txt');
  assert.equal(raw.files.has('a.txt'), false);
  assert.equal(raw.files.get('dir/inside.txt')?.data.toString(), 'keep');
});
