// With -L (--copy-links), a symlink whose target is gone is one error for
// that link alone, as in rclone: the directory that holds it is still
// copied, the run exits 6 (retrying will not fix it), and sync deletes
// nothing on the destination after it.
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from '../helpers.mjs';
import { assertNothingLost } from './support/local.mjs';

function setup() {
  const dir = tempDir();
  const src = join(dir, 'src');
  const dst = join(dir, 'dst');
  makeTree(src, { 'top.txt': 'top', 'd/a.txt': 'alpha', 'd/b.txt': 'bravo', 'd/deeper/c.txt': 'charlie' });
  symlinkSync(join(dir, 'nowhere'), join(src, 'd/dangle'));
  symlinkSync('a.txt', join(src, 'd/good-link'));
  return { dir, src, dst, config: join(dir, 'c.conf') };
}

// Per-file errors; the run loop's own line (rclone's "Can't retry any of the errors") is not one.
const errorLines = (stderr) => stderr.split('\n').filter((l) => / ERROR : /.test(l) && !/ ERROR : Can't retry any of the errors/.test(l));

describe('-L and a dangling symlink', { concurrency: 2 }, () => {
  test('copy -L copies every other file of the directory and reports the one link, exit 6', async () => {
    const s = setup();
    const r = await rsyncish(['copy', '-L', '--retries', '1', s.src, s.dst], { config: s.config });
    assert.equal(r.code, 6, r.stderr);
    assert.deepEqual(Object.keys(snapshot(s.dst)).sort(), ['d/a.txt', 'd/b.txt', 'd/deeper/c.txt', 'd/good-link', 'top.txt']);
    assert.equal(readFileSync(join(s.dst, 'd/good-link'), 'utf8'), 'alpha', 'a good link is copied as its target');
    const errors = errorLines(r.stderr);
    assert.equal(errors.length, 1, r.stderr);
    assert.match(errors[0], /ERROR : d\/dangle: .*"[^"]*\/src\/d\/dangle": broken symlink to "[^"]*nowhere": its target does not exist \(hint: remove or fix the links, or drop -L\/--copy-links to skip symlinks\)/);
    assert.match(r.stderr, /failed to copy: /);
    assert.match(r.stderr, /ERROR : Can't retry any of the errors - not attempting retries\n/, 'a broken link is not worth another attempt');
  });

  test('sync -L deletes nothing on the destination after the link error, and keeps every byte there', async () => {
    const s = setup();
    makeTree(s.dst, { 'extra.txt': 'only on the destination', 'd/old.txt': 'old', 'd/a.txt': 'stale' });
    const before = snapshot(s.dst);
    const r = await rsyncish(['sync', '-L', '--retries', '1', s.src, s.dst], { config: s.config });
    assert.equal(r.code, 6, r.stderr);
    assert.match(r.stderr, /not deleting files as there were IO errors/);
    const after = assertNothingLost(before, s.dst, ['d/a.txt']);
    assert.equal(readFileSync(join(s.dst, 'd/a.txt'), 'utf8'), 'alpha', 'the changed file was still updated');
    assert.ok(after['d/b.txt'] && after['d/deeper/c.txt'], 'the rest of the directory was copied');
  });

  test('ls -L lists the directory and names the link as the one error', async () => {
    const s = setup();
    const r = await rsyncish(['ls', '-L', s.src], { config: s.config });
    assert.equal(r.code, 6, r.stderr);
    for (const p of ['top.txt', 'd/a.txt', 'd/b.txt', 'd/good-link', 'd/deeper/c.txt']) assert.match(r.stdout, new RegExp(` ${p}\\n`));
    assert.equal(errorLines(r.stderr).length, 1, r.stderr);
    assert.match(r.stderr, /ERROR : d\/dangle: error listing: "[^"]*\/src\/d\/dangle": broken symlink to "[^"]*nowhere"/);
  });
});
