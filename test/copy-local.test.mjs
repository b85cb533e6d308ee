// Issue: a local tree copied with `rsyncish copy` arrives identical, and a
// second run transfers nothing and says so.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from './helpers.mjs';

test('copy of a tree with nested folders, an empty file, a 100 MB file and non-ASCII names is identical to the ms, and a re-run transfers nothing', async () => {
  const dir = tempDir();
  const src = join(dir, 'src');
  const dst = join(dir, 'dst');
  makeTree(src, {
    'top.txt': 'top level\n',
    'empty file': '',
    'nested/deeper/deepest/leaf.md': '# leaf\n',
    'nested/sibling with spaces.txt': 'spaces\n',
    'Ünïcödé földer/naïve café — ñ.txt': 'non-ascii\n',
    '日本語/ファイル 名.txt': 'japanese\n',
    'big/hundred-mb.bin': { size: 100 * 1024 * 1024, seed: 42 },
  });
  const config = join(dir, 'rsyncish.conf');

  const first = await rsyncish(['copy', '-v', src, dst], { config });
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(snapshot(dst), snapshot(src));
  assert.match(first.stderr, /Transferred:\s+7 \/ 7, 100%/);

  const second = await rsyncish(['copy', '-v', src, dst], { config });
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stderr, /There was nothing to transfer/);
  assert.match(second.stderr, /Checks:\s+7 \/ 7/);
  assert.deepEqual(snapshot(dst), snapshot(src));
});

test('copy of a single file puts it inside the destination folder', async () => {
  const dir = tempDir();
  makeTree(join(dir, 'src'), { 'one.txt': 'just one\n' });
  const r = await rsyncish(['copy', join(dir, 'src/one.txt'), join(dir, 'dst')], { config: join(dir, 'c.conf') });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(snapshot(join(dir, 'dst')), snapshot(join(dir, 'src')));
});
