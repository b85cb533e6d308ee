// purge of a symlink to a directory is refused before anything is deleted
// (rclone: "can't purge non directory"), and so is rmdir of one; purge of a
// real directory removes links inside it without following them.
import assert from 'node:assert/strict';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from '../helpers.mjs';
import { assertOneLineError, treeState } from './support/paths.mjs';

function setup() {
  const dir = tempDir('rsyncish-purge-');
  makeTree(join(dir, 'target'), { 'keep.txt': 'keep', 'sub/deep.txt': 'deep', 'empty/': '' });
  makeTree(join(dir, 'outside'), { 'precious.txt': 'precious' });
  symlinkSync(join(dir, 'target'), join(dir, 'link'));
  return { dir, run: (args) => rsyncish(args, { config: join(dir, 'c.conf'), cwd: dir }) };
}

describe('purge and symlinks', { concurrency: 3 }, () => {
  for (const path of ['link', 'link/']) {
    test(`purge ${path} (a symlink to a directory): refused, exit 1, nothing deleted`, async () => {
      const s = setup();
      const before = treeState(s.dir);
      const r = await s.run(['purge', path]);
      assertOneLineError(r, 1, /^ERROR : can't purge non directory: ".*link" is a symlink/);
      assert.deepEqual(treeState(s.dir), before);
    });
  }

  test('rmdir of a symlink to an empty directory: refused, exit 3, the link and the directory kept', async () => {
    const s = setup();
    symlinkSync(join(s.dir, 'target/empty'), join(s.dir, 'link-to-empty'));
    const before = treeState(s.dir);
    const r = await s.run(['rmdir', 'link-to-empty']);
    assertOneLineError(r, 3, /^ERROR : ".*link-to-empty": is a symlink, not a directory; not removing it or what it points to/);
    assert.deepEqual(treeState(s.dir), before);
  });

  test('purge of a file: refused, exit 1, the file kept', async () => {
    const s = setup();
    const before = treeState(s.dir);
    const r = await s.run(['purge', 'target/keep.txt']);
    assertOneLineError(r, 1, /^ERROR : can't purge non directory: /);
    assert.deepEqual(treeState(s.dir), before);
  });

  test('purge of a real directory removes it; a link inside is removed, not followed', async () => {
    const s = setup();
    symlinkSync(join(s.dir, 'outside'), join(s.dir, 'target/sub/to-outside'));
    const outside = treeState(join(s.dir, 'outside'));
    const r = await s.run(['purge', '-L', 'target']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!existsSync(join(s.dir, 'target')));
    assert.deepEqual(treeState(join(s.dir, 'outside')), outside);
  });
});
