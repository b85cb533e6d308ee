import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NameCodec, type Entry } from '@rsyncish/core';
import { listedName } from './listed-name.js';
import { recursiveEntries } from './recursive-listing.js';

async function entriesOf(pages: string[][], prefix: string, dir: string): Promise<{ entries: string[]; skipped: string[]; seen: boolean }> {
  const names = NameCodec.parse('Slash,InvalidUtf8,Dot');
  const skipped: string[] = [];
  const seen = { any: false };
  const out: Entry[] = [];
  async function* source() { yield* pages; }
  for await (const e of recursiveEntries(source(), {
    prefix,
    dir,
    keyOf: (k) => k,
    name: (stored) => listedName(stored, names, (n) => skipped.push(n)),
    file: async (k, path) => (k.endsWith('gone') ? undefined : { path, kind: 'file', size: k.length }),
    concurrency: 2,
  }, seen)) out.push(e);
  return { entries: out.map((e) => `${e.kind}:${e.path}`), skipped, seen: seen.any };
}

test('keys below a prefix become the files and the folders a walk of the delimiter listing shows', async () => {
  const { entries, skipped, seen } = await entriesOf([['p/a', 'p/b/c', 'p/b/d/e'], ['p/b/d/f', 'p/marker/', 'p/x/gone', 'p/']], 'p/', 'in');
  assert.deepEqual(entries, [
    'dir:in/b', 'dir:in/b/d', 'file:in/a', 'file:in/b/c', 'file:in/b/d/e',
    'dir:in/marker', 'dir:in/x', 'file:in/b/d/f',
  ]);
  assert.deepEqual(skipped, []);
  assert.equal(seen, true);
});

test('a folder segment that cannot be a name leaves out everything below it, told once', async () => {
  const { entries, skipped } = await entriesOf([['ok', 'a//b', 'a//c', 'a/d']], '', '');
  assert.deepEqual(entries, ['dir:a', 'file:ok', 'file:a/d']);
  assert.deepEqual(skipped, ['']);
});

test('an empty listing yields nothing and says nothing was seen', async () => {
  assert.deepEqual(await entriesOf([], 'p/', 'p'), { entries: [], skipped: [], seen: false });
});
