// sync, copy and move between roots that are the same tree or nest one in the
// other are refused before anything is touched (rclone: exit 7), however the
// local root is spelled; a filter that excludes a destination inside the
// source lets the run go ahead, as in rclone.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from '../helpers.mjs';
import { acdState, assertOneLineError, startAcdWith, treeState } from './support/paths.mjs';

const TREE = { 'f1.txt': 'one', 'sub/f2.txt': 'two', 'backup/old.txt': 'old backup' };
const OVERLAP = /^ERROR : can't sync or move files on overlapping remotes: /;

function setup() {
  const dir = tempDir('rsyncish-overlap-');
  makeTree(join(dir, 'a'), TREE);
  symlinkSync(join(dir, 'a'), join(dir, 'link-to-a'));
  return { dir, config: join(dir, 'c.conf'), run: (args) => rsyncish(args, { config: join(dir, 'c.conf'), cwd: dir }) };
}

describe('overlapping local roots', { concurrency: 4 }, () => {
  const refusals = [
    ['sync', 'a/backup', 'a', /the source is inside the destination \(at "backup"\)/],
    ['sync', 'a', 'a/backup', /the destination is inside the source \(at "backup"\)/],
    ['sync', 'a', 'a', /source and destination are the same directory/],
    ['sync', './a/../a', 'link-to-a/backup', /the destination is inside the source \(at "backup"\)/],
    ['move', 'a', 'a/backup', /the destination is inside the source/],
    ['move', 'link-to-a/backup', 'a', /the source is inside the destination/],
  ];
  for (const [cmd, src, dst, why] of refusals) {
    test(`${cmd} ${src} ${dst}: refused with exit 7, nothing touched`, async () => {
      const s = setup();
      const before = treeState(s.dir);
      const r = await s.run([cmd, src, dst]);
      assertOneLineError(r, 7, OVERLAP);
      assert.match(r.stderr, why);
      assert.deepEqual(treeState(s.dir), before);
    });
  }

  test('copy into a directory inside its source is refused (it would copy the copy on every run)', async () => {
    const s = setup();
    const before = treeState(s.dir);
    const r = await s.run(['copy', 'a', 'a/backup']);
    assertOneLineError(r, 7, /^ERROR : can't copy files on overlapping remotes: the destination is inside the source/);
    assert.match(r.stderr, /--exclude "\/backup\/\*\*"/);
    assert.deepEqual(treeState(s.dir), before);
  });

  test('copy and move of a directory onto itself are nothing to do, exit 0, nothing touched', async () => {
    const s = setup();
    const before = treeState(s.dir);
    for (const [cmd, dst] of [['copy', 'a'], ['move', './a/'], ['move', 'link-to-a']]) {
      const r = await s.run([cmd, 'a', dst]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /NOTICE: .*a: Nothing to do as source and destination are the same/);
    }
    assert.deepEqual(treeState(s.dir), before);
  });

  test('sync into a directory inside the source goes ahead when a filter excludes it; the source is kept', async () => {
    const s = setup();
    mkdirSync(join(s.dir, 'a/backup/kept'));
    const before = treeState(join(s.dir, 'a'));
    const r = await s.run(['sync', 'a', 'a/backup', '--exclude', '/backup/**']);
    assert.equal(r.code, 0, r.stderr);
    const after = treeState(join(s.dir, 'a'));
    for (const p of ['f1.txt', 'sub/f2.txt']) assert.deepEqual(after[p], before[p], `${p} is still in the source`);
    assert.deepEqual(after['backup/f1.txt'], before['f1.txt']);
    assert.deepEqual(after['backup/sub/f2.txt'], before['sub/f2.txt']);
  });

  test('copy from a directory inside the destination works as in rclone', async () => {
    const s = setup();
    const before = treeState(join(s.dir, 'a'));
    const r = await s.run(['copy', 'a/backup', 'a']);
    assert.equal(r.code, 0, r.stderr);
    const after = treeState(join(s.dir, 'a'));
    for (const [p, v] of Object.entries(before)) assert.deepEqual(after[p], v, p);
    assert.deepEqual(after['old.txt'], before['backup/old.txt']);
  });

  test('copy from inside the destination is refused when the source holds its own path there', async () => {
    const s = setup();
    makeTree(join(s.dir, 'a/backup/backup'), { 'old.txt': 'an older backup, which would overwrite the newer one' });
    const before = treeState(s.dir);
    const r = await s.run(['copy', 'a/backup', 'a']);
    assertOneLineError(r, 7, /^ERROR : can't copy files on overlapping remotes: the source is at "backup" in the destination and holds a "backup" of its own/);
    assert.deepEqual(treeState(s.dir), before);
    const excluded = await s.run(['copy', 'a/backup', 'a', '--exclude', '/backup/**']);
    assert.equal(excluded.code, 0, excluded.stderr);
    const after = treeState(join(s.dir, 'a'));
    assert.deepEqual(after['backup/old.txt'], before['a/backup/old.txt'], 'the source file is not overwritten');
    assert.deepEqual(after['old.txt'], before['a/backup/old.txt']);
  });
});

describe('overlapping roots on the ACD emulator (case-insensitive names)', () => {
  let acd;
  before(async () => {
    acd = await startAcdWith(TREE, 'acd:Photos');
  });
  after(async () => {
    await acd?.emu.stop();
  });

  for (const [cmd, src, dst] of [['sync', 'acd:Photos/backup', 'acd:Photos'], ['sync', 'acd:photos', 'acd:PHOTOS/Backup'], ['move', 'acd:Photos', 'acd:photos/backup'], ['copy', 'acd:Photos', 'acd:Photos/backup']]) {
    test(`${cmd} ${src} ${dst}: refused with exit 7, nothing trashed or written`, async () => {
      const before = acdState(acd.emu);
      const r = await rsyncish([cmd, src, dst], { config: acd.config });
      assertOneLineError(r, 7, /overlapping remotes: /);
      assert.deepEqual(acdState(acd.emu), before);
      assert.deepEqual(acd.emu.control.trash(), []);
    });
  }
});
