// A download that fails its hash check must never replace the file already
// at the destination: the real name keeps the previous version, and no temp
// file is left beside it. The ACD emulator's blobs are damaged in place (same
// size, one byte flipped), so the MD5 ACD reports no longer matches the bytes
// it sends. Sizes cover each way the local backend writes a file: blocking
// calls (100 KB), one write of a gathered small file (300 KB), a stream (2 MiB),
// and a stream hashed on a worker thread (70 MiB).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTree, patterned, rsyncish, snapshot, tempDir } from '../helpers.mjs';
import { startAcdRemote } from '../support/acd-remote.mjs';
import { damageBlobs } from './support/damaged-blobs.mjs';

const SIZES = { 'blocking.bin': 100_000, 'small.bin': 300_000, 'streamed.bin': 2 * 1024 * 1024, 'worker.bin': 70 * 1024 * 1024 };

let emu;
let config;
before(async () => {
  ({ emu, config } = await startAcdRemote());
  const folder = await emu.control.plantNode({ name: 'x', kind: 'FOLDER' });
  let seed = 1;
  for (const [name, size] of Object.entries(SIZES)) {
    await emu.control.plantNode({ parentId: folder.id, name, content: patterned(size, seed++) });
  }
  await emu.control.plantNode({ parentId: folder.id, name: 'new.bin', content: patterned(50_000, 9) });
  // Every planted blob has a size of its own: damage each.
  const damaged = damageBlobs(emu);
  assert.deepEqual(damaged, [50_000, ...Object.values(SIZES)].sort((a, b) => a - b));
});
after(async () => {
  await emu?.stop();
});

test('copy from ACD of damaged blobs fails with exit code 5 and every local file keeps its previous bytes', async () => {
  const dst = join(tempDir(), 'dst');
  // Different files under the same names: other sizes, so each one is transferred.
  makeTree(dst, Object.fromEntries(Object.keys(SIZES).map((name, i) => [name, `previous version ${i}\n`])));
  const before = snapshot(dst);
  const r = await rsyncish(['copy', 'acd:x', dst, '--retries', '1', '--low-level-retries', '1', '--stats', '0'], { config });
  // 5: a temporary error (docs/exit-codes.md); the next run may read good bytes.
  assert.equal(r.code, 5, r.stderr);
  for (const name of Object.keys(SIZES)) {
    assert.match(r.stderr, new RegExp(`${name.replace('.', '\\.')}: .*md5 of the bytes (read|received) is [0-9a-f]{32}, expected [0-9a-f]{32}; the copy was not stored and the previous version was kept`), name);
  }
  assert.match(r.stderr, /new\.bin: .*md5 of the bytes (read|received) is [0-9a-f]{32}, expected [0-9a-f]{32}; the copy was not stored\b/);
  assert.doesNotMatch(r.stderr, /bad copy was removed/);
  // The same names, sizes and bytes as before; nothing else (no temp name, no new.bin).
  assert.deepEqual(snapshot(dst), before);
});

test('copyto of one damaged file onto an existing local file keeps it, with -I too', async () => {
  const dir = tempDir();
  makeTree(dir, { 'keep.bin': 'the good local copy\n' });
  const before = snapshot(dir);
  const r = await rsyncish(['copyto', 'acd:x/streamed.bin', join(dir, 'keep.bin'), '-I', '--retries', '1', '--low-level-retries', '1', '--stats', '0'], { config });
  assert.equal(r.code, 5, r.stderr);
  assert.match(r.stderr, /the copy was not stored and the previous version was kept/);
  assert.deepEqual(snapshot(dir), before);
});
