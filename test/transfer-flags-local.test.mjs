// The local flags rclone has as global ones: -l/--links, --skip-links and -x/--one-file-system,
// run by rsyncish and by Debian's rclone on the same trees.
import assert from 'node:assert/strict';
import { lstatSync, lutimesSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
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

/** Every entry under root by lstat: a symlink as `-> target` with its modtime, a file by content. */
function linkTree(root) {
  const out = {};
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[r] = { link: readlinkSync(p), mtimeMs: Math.floor(st.mtimeMs) };
      else if (st.isDirectory()) walk(p, r);
      else out[r] = { content: readFileSync(p, 'utf8'), mtimeMs: Math.floor(st.mtimeMs) };
    }
  };
  walk(root, '');
  return out;
}

function treeWithLinks(root) {
  makeTree(join(root, 's'), { a: 'aaa', 'sub/b': 'bbb' });
  symlinkSync('a', join(root, 's/link'));
  symlinkSync('../a', join(root, 's/sub/up'));
  symlinkSync('/nonexistent/target', join(root, 's/broken'));
  const t = new Date('2024-01-01T00:00:00Z');
  for (const l of ['link', 'sub/up', 'broken']) lutimesSync(join(root, 's', l), t, t);
}

test('copy -l keeps symlinks as .rclonelink files and makes them links again: as rclone', { skip: noLocalRclone }, async () => {
  const dir = tempDir();
  const ours = join(dir, 'ours');
  // Built twice rather than copied: a copy would make the relative links absolute.
  const theirs = join(dir, 'theirs');
  treeWithLinks(ours);
  treeWithLinks(theirs);
  const both = async (args) => [
    await rsyncish(args, { cwd: ours, config: join(dir, 'x.conf') }),
    await rclone(args, { cwd: theirs }),
  ];
  const [r, g] = await both(['copy', '-l', 's', 'd', '-v']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(g.code, 0, g.stderr);
  assert.deepEqual(linkTree(join(ours, 'd')), linkTree(join(theirs, 'd')));
  assert.equal(readlinkSync(join(ours, 'd/sub/up')), '../a');
  const copied = (s) => logLinesOf(s).filter((l) => /Copied/.test(l)).sort();
  assert.deepEqual(copied(r.stderr), copied(g.stderr));
  assert.ok(copied(r.stderr).includes('INFO  : sub/up.rclonelink: Copied (new)'));

  const [again, againRclone] = await both(['copy', '-l', 's', 'd', '-v']);
  assert.deepEqual(copied(again.stderr), [], 'a second run finds every link up to date');
  assert.deepEqual(copied(againRclone.stderr), []);

  for (const cmd of [['ls', '-l', 's'], ['md5sum', '-l', 's'], ['sha1sum', '-l', 's']]) {
    const [x, y] = await both(cmd);
    assert.equal(x.code, y.code, cmd.join(' '));
    assert.deepEqual(x.stdout.split('\n').sort(), y.stdout.split('\n').sort(), cmd.join(' '));
  }
});

// Deliberate difference (docs/rclone-differences.md, "Transfer flags").
test('copy -l of a regular file named x.rclonelink makes the link x; rclone fails to read it', { skip: noLocalRclone }, async () => {
  const dir = tempDir();
  const ours = join(dir, 'ours');
  makeTree(join(ours, 'staging'), { 'x.rclonelink': 'target/of/x' });
  const theirs = twin(ours, join(dir, 'theirs'));
  const args = ['copy', '-l', 'staging', 'd'];
  const r = await rsyncish(args, { cwd: ours, config: join(dir, 'x.conf') });
  const g = await rclone(args, { cwd: theirs });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readlinkSync(join(ours, 'd/x')), 'target/of/x');
  assert.notEqual(g.code, 0);
  assert.match(g.stderr, /Failed to copy: failed to open source object: readlink/);
});

test('without -l a .rclonelink file is an ordinary file', async () => {
  const dir = tempDir();
  makeTree(join(dir, 'staging'), { 'x.rclonelink': 'target/of/x' });
  const r = await rsyncish(['copy', 'staging', 'd'], { cwd: dir, config: join(dir, 'x.conf') });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(join(dir, 'd/x.rclonelink'), 'utf8'), 'target/of/x');
});
