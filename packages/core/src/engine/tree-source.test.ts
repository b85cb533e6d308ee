import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../contract/index.js';
import { Filter } from '../filter/index.js';
import { TestMemoryBackend } from '../testing/memory-backend.js';
import { Accounting } from './accounting.js';
import { DEFAULT_ENGINE_OPTIONS } from './options.js';
import { sync } from './sync.js';
import { walk } from './walk.js';

/** A test backend with listRecursive(), counting both kinds of listing; `folders: false` leaves folders implied. */
class RecursiveBackend extends TestMemoryBackend {
  lists = 0;
  recursiveLists = 0;
  constructor(name: string, private readonly folders = true) {
    super(name);
  }
  override async *list(dir: string): AsyncIterable<Entry> {
    this.lists++;
    yield* super.list(dir);
  }
  async *listRecursive(dir: string): AsyncIterable<Entry> {
    this.recursiveLists++;
    const prefix = dir === '' ? '' : `${dir}/`;
    if (this.folders) for (const d of this.dirs) if (d !== dir && d.startsWith(prefix)) yield { path: d, kind: 'dir', size: -1 };
    for (const path of this.files.keys()) if (path.startsWith(prefix)) yield (await this.stat(path));
  }
}

function tree<T extends TestMemoryBackend>(b: T): T {
  for (const d of ['a', 'a/b', 'c', 'skip']) for (const f of ['1.txt', '2.log']) b.addFile(`${d}/${f}`, `${d}/${f}`);
  b.addFile('top.txt', 'top');
  return b;
}

async function paths(b: TestMemoryBackend, o: { fastList?: boolean; filter?: Filter; dir?: string } = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const e of walk(b, { ...o, onError: (p, err) => assert.fail(`${p}: ${err.message}`) })) out.push(`${e.kind}:${e.path}`);
  return out.sort();
}

test('--fast-list reads the tree with one recursive listing and yields what the walk of list yields', async () => {
  const b = tree(new RecursiveBackend('r'));
  const walked = await paths(b);
  assert.equal(b.lists, 5);
  b.lists = 0;
  assert.deepEqual(await paths(b, { fastList: true }), walked);
  assert.equal(b.recursiveLists, 1);
  assert.equal(b.lists, 0);
  assert.deepEqual(await paths(b, { fastList: true, dir: 'a' }), walked.filter((p) => p.includes(':a/')));
});

test('without --fast-list, or on a backend without listRecursive, each folder is listed as before', async () => {
  const b = tree(new RecursiveBackend('r'));
  await paths(b);
  assert.equal(b.recursiveLists, 0);
  const plain = tree(new TestMemoryBackend('plain'));
  assert.deepEqual(await paths(plain, { fastList: true }), await paths(b));
});

test('filters prune the recursive listing exactly as they prune the walk', async () => {
  const b = tree(new RecursiveBackend('r'));
  for (const rules of [{ exclude: ['skip/**', '*.log'] }, { filter: ['+ a/**', '- *'] }, { include: ['/a/b/**'] }]) {
    const filter = () => new Filter(rules);
    assert.deepEqual(await paths(b, { fastList: true, filter: filter() }), await paths(b, { filter: filter() }), JSON.stringify(rules));
  }
});

test('folders a recursive listing leaves implied by the paths below them are walked all the same', async () => {
  const b = tree(new RecursiveBackend('r', false));
  assert.deepEqual(await paths(b, { fastList: true }), await paths(tree(new TestMemoryBackend('plain'))));
});

test('sync --fast-list lists each side once and copies the same tree', async () => {
  const src = tree(new RecursiveBackend('src'));
  const dst = new RecursiveBackend('dst');
  dst.addFile('c/old.txt', 'extraneous');
  const stats = new Accounting();
  await sync({ src, dst, options: { ...DEFAULT_ENGINE_OPTIONS, fastList: true } }, stats);
  assert.equal(stats.errors, 0);
  assert.equal(src.lists + dst.lists, 0);
  assert.deepEqual([src.recursiveLists, dst.recursiveLists], [1, 1]);
  assert.deepEqual([...dst.files.keys()].sort(), [...src.files.keys()].sort());
});
