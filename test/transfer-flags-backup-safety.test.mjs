// --backup-dir never leaves a file in neither place: the destination's old
// version is moved into the backup before its replacement is copied, so a copy
// that fails, or a process killed mid-copy, leaves it in the backup dir.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, patterned, rsyncish, snapshot, startRsyncish, tempDir } from './helpers.mjs';
import { noLocalRclone, rclone } from './support/local-rclone.mjs';
import { twin } from './support/rclone-side.mjs';

test('a replacement cut by --max-transfer leaves the old version in --backup-dir, as rclone', { skip: noLocalRclone }, async () => {
  const dir = tempDir();
  const ours = join(dir, 'ours');
  makeTree(join(ours, 's'), { f: { size: 4096, seed: 3 } });
  makeTree(join(ours, 'd'), { f: 'the only copy of the old version' });
  const theirs = twin(ours, join(dir, 'theirs'));
  const args = ['copy', 's', 'd', '--backup-dir', 'bk', '--max-transfer', '1K'];

  const r = await rsyncish(args, { cwd: ours, config: join(dir, 'x.conf') });
  const g = await rclone(args, { cwd: theirs });
  assert.equal(r.code, 8, r.stderr);
  assert.equal(g.code, 8, g.stderr);
  assert.equal(readFileSync(join(ours, 'bk/f'), 'utf8'), 'the only copy of the old version');
  assert.deepEqual(readdirSync(join(ours, 'd')), [], 'no partial copy and no temp file is left');
  assert.deepEqual(snapshot(ours), snapshot(theirs));
});

test('killed mid-copy, the old version is still in the destination or in --backup-dir (or both)', async () => {
  const dir = tempDir();
  const src = join(dir, 's');
  const dst = join(dir, 'd');
  const bk = join(dir, 'bk');
  const big = 80 * 1024 * 1024;
  makeTree(src, { f: { size: big, seed: 7 } });
  makeTree(dst, { f: 'old version' });
  const child = startRsyncish(['copy', src, dst, '--backup-dir', bk, '--transfers', '1'], { config: join(dir, 'x.conf') });
  // Kill once the copy has begun: the old version has left its place, or a temp file is being written.
  const deadline = Date.now() + 60_000;
  const begun = () => existsSync(join(bk, 'f')) || (existsSync(dst) && readdirSync(dst).some((n) => n !== 'f'));
  while (Date.now() < deadline && !begun()) await new Promise((r) => setTimeout(r, 2));
  child.kill('SIGKILL');
  await new Promise((r) => child.on('close', r));

  const places = [join(dst, 'f'), join(bk, 'f')].filter((p) => existsSync(p));
  const old = places.filter((p) => readFileSync(p, 'utf8') === 'old version');
  // Both, when the kill fell between the backup's copy and the removal that follows it.
  assert.ok(old.length >= 1, `the old version is somewhere: ${places.join(', ')}`);
  if (existsSync(join(dst, 'f')) && !old.includes(join(dst, 'f'))) {
    assert.ok(readFileSync(join(dst, 'f')).equals(patterned(big, 7)), 'a new version in the destination is complete');
  }
});
