// Paths that cannot work get one precise line: an on-the-fly ":local:" remote
// works as in rclone, a FIFO root says what it is, and a path over PATH_MAX is
// told apart from a name over NAME_MAX.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from '../helpers.mjs';
import { assertOneLineError, treeState } from './support/paths.mjs';

function setup() {
  const dir = tempDir('rsyncish-pathmsg-');
  makeTree(join(dir, 'src'), { 'a.txt': 'alpha', 'sub/b.txt': 'bravo' });
  makeTree(join(dir, 'dst'), { 'old.txt': 'old' });
  return { dir, run: (args) => rsyncish(args, { config: join(dir, 'c.conf'), cwd: dir }) };
}

describe('path error messages', { concurrency: 4 }, () => {
  test(':local:path is the local backend with its defaults, as in rclone', async () => {
    const s = setup();
    const ls = await s.run(['ls', `:local:${join(s.dir, 'src')}`]);
    assert.equal(ls.code, 0, ls.stderr);
    assert.deepEqual(ls.stdout.split('\n').filter(Boolean).map((l) => l.trim()).sort(), ['5 a.txt', '5 sub/b.txt']);
    const copy = await s.run(['copy', ':local:src', ':local:dst']);
    assert.equal(copy.code, 0, copy.stderr);
    assert.deepEqual(treeState(join(s.dir, 'dst')), { ...treeState(join(s.dir, 'src')), 'old.txt': treeState(join(s.dir, 'dst'))['old.txt'] });
  });

  test('an on-the-fly remote with ,key=value options or of an unknown type: one line, exit 1', async () => {
    const s = setup();
    assertOneLineError(await s.run(['ls', ':local,links=true:src']), 1, /options in an on-the-fly remote \(",key=value"\) are not supported/);
    assertOneLineError(await s.run(['ls', ':nosuch:x']), 1, /backend type "nosuch" for on-the-fly remote ":nosuch:x" is not installed/);
  });

  test('a FIFO as the source root says it is a named pipe, exit 3, and the destination is untouched', async (t) => {
    const s = setup();
    if (spawnSync('mkfifo', [join(s.dir, 'fifo')]).status !== 0) return t.skip('mkfifo is not available');
    const before = treeState(join(s.dir, 'dst'));
    for (const args of [['ls', 'fifo'], ['copy', 'fifo', 'dst'], ['sync', 'fifo', 'dst']]) {
      assertOneLineError(await s.run(args), 3, /: is a named pipe \(FIFO\), not a file or directory \(hint: name a directory or a regular file/);
    }
    assert.deepEqual(treeState(join(s.dir, 'dst')), before);
  });

  test('a path over PATH_MAX says "path too long" with its length; a name over 255 bytes says "file name too long"', async () => {
    const s = setup();
    const deep = Array.from({ length: 1100 }, () => 'abcd').join('/');
    const long = await s.run(['ls', deep]);
    assertOneLineError(long, 7, /: path too long \(\d+ bytes\) \(hint: the system allows 4095 bytes for a whole path/);
    // A destination root that cannot be made: the last line names the name that is too long.
    const name = await s.run(['copy', 'src', join('dst', 'n'.repeat(300))]);
    assert.equal(name.code, 7, name.stderr);
    assert.match(name.stderr.trim().split('\n').at(-1), /^ERROR : .*: file name too long \(a name of 300 bytes\) \(hint: most filesystems allow 255 bytes per name/);
  });
});
