// Issue "The full sync engine": a sync killed with SIGKILL and run again leaves
// the destination identical to the source, extraneous files deleted.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, rsyncish, snapshot, startRsyncish, tempDir } from './helpers.mjs';

test('SIGKILL mid-sync, then a re-run: destination identical to the source', async () => {
  const dir = tempDir();
  const src = join(dir, 'src');
  const dst = join(dir, 'dst');
  const spec = { 'small/a.txt': 'a', 'small/b.txt': 'b' };
  for (let i = 0; i < 4; i++) spec[`large/part-${i}.bin`] = { size: 120 * 1024 * 1024, seed: 10 + i };
  makeTree(src, spec);
  makeTree(dst, { 'stale.txt': 'delete me', 'old/dir/gone.bin': 'and me', 'large/part-0.bin': 'an older, shorter version' });
  const config = join(dir, 'c.conf');

  const child = startRsyncish(['sync', '--transfers', '2', src, dst], { config });
  // Kill while the large files are being written (a temporary file exists beside them).
  const deadline = Date.now() + 60_000;
  let sawTemp = false;
  while (Date.now() < deadline && !sawTemp) {
    const names = existsSync(join(dst, 'large')) ? readdirSync(join(dst, 'large')) : [];
    sawTemp = names.some((n) => !/^part-\d\.bin$/.test(n));
    if (!sawTemp) await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.on('close', r));
  assert.ok(sawTemp, 'the kill came while a large file was being written');
  assert.ok(existsSync(join(dst, 'stale.txt')), 'deletions come after the transfers, so the kill preceded them');

  const again = await rsyncish(['sync', src, dst], { config });
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(snapshot(dst), snapshot(src));
  assert.ok(!existsSync(join(dst, 'old')), 'extraneous directories are gone too');
  const leftovers = readdirSync(join(dst, 'large')).filter((n) => !/^part-\d\.bin$/.test(n));
  assert.deepEqual(leftovers, [], 'no temporary files left behind');
});
