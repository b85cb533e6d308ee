// A move deletes a source file only once the destination holds its content.
// rclone deletes a file that --update skipped (the destination's is newer),
// losing the source's bytes; rsyncish keeps it (docs/rclone-differences.md).
import assert from 'node:assert/strict';
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';
import { noRclone, rclone, tree, twin } from './support/rclone-side.mjs';

test('move --update keeps a source file whose destination is newer; rclone deletes it', { skip: noRclone }, async () => {
  const dir = tempDir();
  const ours = join(dir, 'ours');
  makeTree(join(ours, 's'), { f: 'older source bytes' });
  makeTree(join(ours, 'd'), { f: 'newer destination bytes' });
  utimesSync(join(ours, 's/f'), new Date('2024-01-01T00:00:00Z'), new Date('2024-01-01T00:00:00Z'));
  utimesSync(join(ours, 'd/f'), new Date('2024-06-01T00:00:00Z'), new Date('2024-06-01T00:00:00Z'));
  const theirs = twin(ours, join(dir, 'theirs'));
  const args = (root) => ['move', '--update', join(root, 's'), join(root, 'd')];

  const r = await rsyncish(args(ours), { config: join(dir, 'c.conf') });
  const c = await rclone(args(theirs), dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(c.code, 0, c.stderr);
  assert.equal(readFileSync(join(ours, 's/f'), 'utf8'), 'older source bytes', 'rsyncish keeps the skipped source file');
  assert.equal(readFileSync(join(ours, 'd/f'), 'utf8'), 'newer destination bytes');
  assert.ok(!tree(theirs).some((e) => e.startsWith('s/f')), `rclone deletes it: ${tree(theirs).join(', ')}`);
});
