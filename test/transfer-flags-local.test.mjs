// The local flags rclone has as global ones: --skip-links and -x/--one-file-system,
// run by rsyncish and by Debian's rclone on the same trees.
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from './helpers.mjs';
import { logLinesOf, noLocalRclone, rclone } from './support/local-rclone.mjs';
import { twin } from './support/rclone-side.mjs';

for (const flags of [[], ['--skip-links']]) {
  test(`copy ${flags.join(' ') || 'without --skip-links'} of a tree with a symlink: as rclone`, { skip: noLocalRclone }, async () => {
    const dir = tempDir();
    const ours = join(dir, 'ours');
    makeTree(join(ours, 's'), { a: 'aaa', 'sub/b': 'bbb' });
    symlinkSync('a', join(ours, 's/link'));
    symlinkSync('../a', join(ours, 's/sub/link2'));
    const theirs = twin(ours, join(dir, 'theirs'));
    const args = ['copy', 's', 'd', ...flags];
    const r = await rsyncish(args, { cwd: ours, config: join(dir, 'x.conf') });
    const g = await rclone(args, { cwd: theirs });
    assert.equal(r.code, g.code, `${r.stderr}\n${g.stderr}`);
    assert.deepEqual(snapshot(join(ours, 'd')), snapshot(join(theirs, 'd')));
    const notices = (s) => logLinesOf(s).filter((l) => /symlink/.test(l)).sort();
    assert.deepEqual(notices(r.stderr), notices(g.stderr));
    assert.equal(notices(r.stderr).length, flags.length === 0 ? 2 : 0);
  });
}

/** A directory here whose child is a mount point (cgroups under /sys/fs in most Linux systems). */
const mounts = (() => {
  try {
    return readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1]);
  } catch {
    return [];
  }
})();
const noMountInside = mounts.includes('/sys/fs/cgroup') ? noLocalRclone : 'no mount point at /sys/fs/cgroup to list across';

test('ls -x does not descend into another filesystem: as rclone', { skip: noMountInside }, async () => {
  const dir = tempDir();
  const lines = (out) => out.split('\n').filter(Boolean).sort();
  const r = await rsyncish(['ls', '-x', '/sys/fs'], { config: join(dir, 'x.conf') });
  const g = await rclone(['ls', '-x', '/sys/fs']);
  assert.equal(r.code, g.code, `${r.stderr}\n${g.stderr}`);
  assert.deepEqual(lines(r.stdout), lines(g.stdout));
  assert.ok(!lines(r.stdout).some((l) => / cgroup\//.test(l)), 'nothing under the mount point');
  const all = await rsyncish(['ls', '/sys/fs'], { config: join(dir, 'x.conf') });
  assert.ok(lines(all.stdout).some((l) => / cgroup\//.test(l)), 'without -x, the mount point is listed');
});
