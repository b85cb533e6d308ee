// Issue: a copy killed with SIGKILL leaves no partial file under the real name;
// re-running completes it.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, rsyncish, snapshot, startRsyncish, tempDir } from './helpers.mjs';

test('SIGKILL mid-copy never leaves a truncated file under the real name, and a re-run completes', async () => {
  const dir = tempDir();
  const src = join(dir, 'src');
  const dst = join(dir, 'dst');
  const size = 400 * 1024 * 1024;
  makeTree(src, { 'large.bin': { size, seed: 9 } });
  const config = join(dir, 'c.conf');

  const child = startRsyncish(['copy', src, dst, '--transfers', '1'], { config });
  // Kill once some bytes have landed in the temporary file.
  const deadline = Date.now() + 60_000;
  let partial = 0;
  while (Date.now() < deadline) {
    const names = existsSync(dst) ? readdirSync(dst) : [];
    const tmp = names.find((n) => n !== 'large.bin');
    partial = tmp ? statSync(join(dst, tmp)).size : 0;
    if (partial > 0 && partial < size) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.on('close', r));
  assert.ok(partial > 0, 'the copy should have started writing before the kill');
  assert.ok(!existsSync(join(dst, 'large.bin')) || statSync(join(dst, 'large.bin')).size === size,
    'no truncated file under the real name');

  const again = await rsyncish(['copy', src, dst], { config });
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(snapshot(dst, { content: true })['large.bin'], snapshot(src)['large.bin']);
});
