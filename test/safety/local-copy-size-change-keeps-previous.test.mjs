// A local to local copy is made by the kernel (copy_file_range, or read whole
// for small files), not streamed, so the engine has no bytes to verify: the
// local backend checks the copy's size against the listed size before the
// rename. To change a source file between its listing and its copy without
// racing anything, the source holds a symlink (followed with -L) to the
// destination's a.txt, which the copy of a.txt (first, with --transfers 1)
// replaces with a file of another size before z.log is copied.
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, patterned, rsyncish, snapshot, tempDir } from '../helpers.mjs';

/** src/a.txt of `newSize` bytes over dst/a.txt of `oldSize`, and src/z.log -> dst/a.txt over a previous dst/z.log. */
function setUp(oldSize, newSize) {
  const dir = tempDir();
  const src = join(dir, 'src');
  const dst = join(dir, 'dst');
  makeTree(src, { 'a.txt': { size: newSize, seed: 1 } });
  makeTree(dst, { 'a.txt': { size: oldSize, seed: 2 }, 'z.log': 'the previous z.log\n' });
  symlinkSync(join(dst, 'a.txt'), join(src, 'z.log'));
  return { src, dst, previousLog: snapshot(dst)['z.log'] };
}

const copy = (src, dst, ...flags) => rsyncish(['copy', src, dst, '-L', '--transfers', '1', '--retries', '1', '--stats', '0', ...flags]);

// 100 bytes go through blocking calls, 300 KB through the kernel's copy (past the 256 KiB blocking limit).
for (const size of [100, 300_000]) {
  test(`a ${size}-byte source that grew between listing and copy is refused and the destination keeps its previous version`, async () => {
    const { src, dst, previousLog } = setUp(size, size + 5000);
    const r = await copy(src, dst);
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, new RegExp(`z\\.log": can't copy - source file is being updated \\(size changed from ${size} to ${size + 5000}\\); the previous version was kept`));
    const after = snapshot(dst);
    assert.deepEqual(after['z.log'], previousLog);
    assert.deepEqual(Object.keys(after), ['a.txt', 'z.log'], 'no temp file left');
  });

  test(`with --local-no-check-updated a ${size}-byte source that shrank is still refused and the previous version kept`, async () => {
    const { src, dst, previousLog } = setUp(size + 5000, size);
    const r = await copy(src, dst, '--local-no-check-updated');
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /z\.log": can't copy - source file is being updated \(size changed from \d+ to \d+\); the previous version was kept/);
    const after = snapshot(dst);
    assert.deepEqual(after['z.log'], previousLog);
    assert.deepEqual(Object.keys(after), ['a.txt', 'z.log'], 'no temp file left');
  });
}

test('with --local-no-check-updated a source that grew is copied at its listed size, as rclone reads it', async () => {
  const { src, dst } = setUp(300_000, 400_000);
  const r = await copy(src, dst, '--local-no-check-updated');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readFileSync(join(dst, 'z.log')), patterned(400_000, 1).subarray(0, 300_000));
});
