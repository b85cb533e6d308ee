// A path naming a file is a root holding that one file, in every command that
// reads a tree, as in rclone: each case runs rclone and rsyncish on identical
// copies of one tree and compares exit codes, stdout, log lines and the tree after.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from './helpers.mjs';
import { logLinesOf, noLocalRclone, rclone } from './support/local-rclone.mjs';

const TREE = {
  's/f.txt': 'hello\n',
  's/sub/g.txt': 'world\n',
  'd/f.txt': 'hello\n',
  'd/x.txt': 'other\n',
};

/** Run one command line in a fresh tree with each tool; args name paths relative to the tree. */
async function both(args) {
  const run = async (tool) => {
    const dir = tempDir(`rsyncish-file-root-${tool}-`);
    makeTree(dir, TREE);
    const r = tool === 'rclone' ? await rclone(args, { cwd: dir }) : await rsyncish(args, { cwd: dir, config: join(dir, 'none.conf') });
    return { ...r, logs: logLinesOf(r.stderr).map((l) => l.replaceAll(dir, '<dir>')), tree: snapshot(dir), dir };
  };
  return { rc: await run('rclone'), rs: await run('rsyncish') };
}

const SAME = [
  ['delete', 's/f.txt'],
  ['delete', '--dry-run', 's/f.txt'],
  ['delete', '-v', 's/sub/g.txt'],
  ['check', 's/f.txt', 'd'],
  ['check', 's/sub/g.txt', 'd'],
  ['size', 's/f.txt'],
  ['md5sum', 's/f.txt'],
  ['sha1sum', 's/f.txt'],
  ['ls', 's/f.txt'],
  ['lsl', 's/f.txt'],
  ['lsd', 's/f.txt'],
  ['cat', 's/f.txt'],
  ['copy', 's/sub/g.txt', 'd'],
  ['sync', 's/sub/g.txt', 'd'],
  ['move', 's/sub/g.txt', 'd'],
];

for (const args of SAME) {
  test(`${args.join(' ')}: a file path is a one-file root, as in rclone`, { skip: noLocalRclone }, async () => {
    const { rc, rs } = await both(args);
    assert.equal(rs.code, rc.code, `exit code (rclone: ${rc.stderr})\n${rs.stderr}`);
    assert.equal(rs.stdout, rc.stdout);
    assert.deepEqual(rs.logs, rc.logs);
    assert.deepEqual(rs.tree, rc.tree);
  });
}

for (const args of [['delete', '--exclude', 'x', 's/f.txt'], ['ls', '--exclude', 'x', 's/f.txt'], ['size', '--min-size', '1', 's/f.txt'],
  ['md5sum', '--exclude', 'x', 's/f.txt'], ['cat', '--exclude', 'x', 's/f.txt'], ['check', '--exclude', 'x', 's/f.txt', 'd']]) {
  test(`${args.join(' ')}: filters with a file root are refused, as in rclone`, { skip: noLocalRclone }, async () => {
    const { rc, rs } = await both(args);
    assert.equal(rc.code, 1);
    assert.equal(rs.code, 1);
    assert.match(rc.stderr, /can't limit to single files when using filters: s\/f\.txt/);
    assert.match(rs.stderr, /^ERROR : can't limit to single files when using filters: s\/f\.txt \(hint: .+\)\n$/);
    assert.deepEqual(rs.tree, rc.tree);
  });
}

test('purge of a file path refuses, as in rclone, and keeps the file', { skip: noLocalRclone }, async () => {
  const { rc, rs } = await both(['purge', 's/f.txt']);
  assert.equal(rc.code, 1);
  assert.equal(rs.code, 1);
  assert.match(rs.stderr, /^ERROR : can't purge non directory: .*f\.txt" \(hint: purge removes a directory; use delete for a file\)\n$/);
  assert.ok(existsSync(join(rs.dir, 's/f.txt')));
  assert.deepEqual(rs.tree, rc.tree);
});

test('delete --rmdirs of a file path deletes the file and succeeds (rclone deletes it, then fails)', { skip: noLocalRclone }, async () => {
  const { rc, rs } = await both(['delete', '--rmdirs', 's/sub/g.txt']);
  // The difference is written down in docs/rclone-differences.md.
  assert.equal(rc.code, 1);
  assert.equal(rs.code, 0, rs.stderr);
  assert.deepEqual(rs.tree, rc.tree);
  assert.ok(existsSync(join(rs.dir, 's/sub')), 'the folder that held the file stays');
});
