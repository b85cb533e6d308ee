// move and moveto rename where the storage can, as rclone does: a whole tree
// in one operation when the destination does not exist yet, otherwise file
// by file ("Moved (server-side)"). Local runs are compared with Debian's
// rclone line for line; ACD runs count the emulator's requests.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from './helpers.mjs';
import { useAcdRemote } from './support/acd-remote.mjs';
import { logLinesOf, noLocalRclone, rclone } from './support/local-rclone.mjs';

const TREE = { 's/f': 'a\n', 's/sub/g': 'bb\n', 's/sub/deep/h': 'ccc\n', 'd/x': 'x\n' };

/** The same tree twice; each tool runs `args` in its own copy, with paths relative to it. */
async function both(spec, args) {
  const rc = tempDir('move-rclone-');
  const rs = tempDir('move-rsyncish-');
  makeTree(rc, spec);
  makeTree(rs, spec);
  const [a, b] = await Promise.all([rclone(args, { cwd: rc }), rsyncish(args, { cwd: rs, config: join(rs, 'no.conf') })]);
  const lines = (r, dir) => logLinesOf(r.stderr).map((l) => l.replaceAll(`${dir}/`, '')).sort();
  return { rclone: { ...a, lines: lines(a, rc), tree: snapshot(rc) }, ours: { ...b, lines: lines(b, rs), tree: snapshot(rs) }, rc, rs };
}

const renamed = (stderr) => /Renamed: +(\d+)/.exec(stderr)?.[1];

describe('server-side move between local directories, as rclone', { skip: noLocalRclone }, () => {
  test('into a new directory: the whole tree in one rename', async () => {
    const { rclone: r, ours, rs } = await both(TREE, ['move', '-v', 's', 'new/place']);
    assert.deepEqual(ours.lines, r.lines);
    assert.ok(ours.lines.includes('INFO  : new/place: Server side directory move succeeded'), ours.lines.join('\n'));
    assert.deepEqual(ours.tree, r.tree);
    assert.ok(!existsSync(join(rs, 's')), 'the source directory itself is gone, as after a rename');
    assert.equal(ours.code, 0);
  });

  test('the renamed tree keeps its inodes: nothing was copied', async () => {
    const dir = tempDir();
    makeTree(dir, TREE);
    const before = statSync(join(dir, 's/sub/deep/h')).ino;
    const r = await rsyncish(['move', join(dir, 's'), join(dir, 'moved')], { config: join(dir, 'no.conf') });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(statSync(join(dir, 'moved/sub/deep/h')).ino, before);
  });

  test('into an existing directory: each file renamed, counted as checks and renames', async () => {
    const { rclone: r, ours } = await both(TREE, ['move', '-v', 's', 'd']);
    assert.deepEqual(ours.lines, r.lines);
    assert.ok(ours.lines.includes('INFO  : sub/g: Moved (server-side)'), ours.lines.join('\n'));
    assert.ok(ours.lines.includes("INFO  : d: Server side directory move failed - fallback to file moves: can't copy directory - destination already exists"));
    assert.deepEqual(ours.tree, r.tree);
    assert.equal(renamed(ours.stderr), '3');
    assert.equal(renamed(ours.stderr), renamed(r.stderr));
    assert.equal(ours.code, r.code);
  });

  test('with a filter: no directory move, the excluded file stays behind', async () => {
    const { rclone: r, ours } = await both(TREE, ['move', '-v', '--exclude', 'g', 's', 'new']);
    assert.deepEqual(ours.lines, r.lines);
    assert.deepEqual(ours.tree, r.tree);
    assert.ok('s/sub/g' in ours.tree);
  });

  test('moveto renames one file: "f: Moved (server-side) to: f2"', async () => {
    const { rclone: r, ours } = await both(TREE, ['moveto', '-v', 's/f', 'd/f2']);
    assert.deepEqual(ours.lines, r.lines);
    assert.ok(ours.lines.includes('INFO  : f: Moved (server-side) to: f2'), ours.lines.join('\n'));
    assert.deepEqual(ours.tree, r.tree);
  });

  test('moveto over an existing file replaces it', async () => {
    const { rclone: r, ours } = await both({ ...TREE, 'd/f': 'older\n' }, ['moveto', '-v', 's/f', 'd/f']);
    assert.deepEqual(ours.tree, r.tree);
    assert.equal(ours.tree['d/f'].size, 2);
    assert.deepEqual(ours.lines, r.lines);
  });

  test('--dry-run: one notice for the directory move, nothing changed', async () => {
    const { rclone: r, ours } = await both(TREE, ['move', '--dry-run', 's', 'new']);
    assert.deepEqual(ours.lines, r.lines);
    assert.ok(ours.lines.includes('NOTICE: new: Skipped server-side directory move as --dry-run is set'));
    assert.deepEqual(ours.tree, r.tree);
    assert.deepEqual(Object.keys(ours.tree).sort(), Object.keys(TREE).sort(), 'nothing moved');
  });
});

describe('across filesystems a move falls back to copy and delete', () => {
  const shm = '/dev/shm';
  const other = existsSync(shm) && statSync(shm).dev !== statSync(tmpdir()).dev;
  test('nothing is lost; the lines say copied and deleted', { skip: other ? false : 'no second filesystem (/dev/shm) here' }, async () => {
    const src = join(shm, `rsyncish-move-${process.pid}`);
    makeTree(src, { 'f': 'a\n', 'sub/g': 'bb\n' });
    const before = snapshot(src);
    const dst = join(tempDir(), 'dst');
    try {
      const r = await rsyncish(['move', '-v', src, dst], { config: join(tempDir(), 'no.conf') });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /Server side directory move failed - fallback to file moves: can't move directory - incompatible remotes/);
      assert.match(r.stderr, /sub\/g: Copied \(new\)/);
      assert.deepEqual(snapshot(dst), before);
      assert.deepEqual(snapshot(src), {});
    } finally {
      await import('node:fs').then((fs) => fs.rmSync(src, { recursive: true, force: true }));
    }
  });
});

describe('server-side move on Amazon Drive (the emulator)', () => {
  let emu;
  let config;
  useAcdRemote((remote) => ({ emu, config } = remote));
  const run = (args) => rsyncish(args, { config });
  /** What the emulator was asked since the last call, as `METHOD path`. */
  const asked = () => {
    const list = emu.control.requests().map((q) => `${q.method} ${new URL(q.url, 'http://x').pathname}`);
    emu.control.clearRequests();
    return list;
  };
  const changes = (list) => list.filter((q) => !q.startsWith('GET '));

  test('moveto within a folder is one PATCH: no download, no upload', async () => {
    const src = join(tempDir(), 'src');
    makeTree(src, { 'a.txt': 'alpha' });
    assert.equal((await run(['copy', src, 'acd:mv1'])).code, 0);
    asked();
    const r = await run(['moveto', '-v', 'acd:mv1/a.txt', 'acd:mv1/b.txt']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /INFO {2}: a\.txt: Moved \(server-side\) to: b\.txt/);
    const list = asked();
    assert.deepEqual(changes(list).map((q) => q.split(' ')[0]), ['PATCH'], list.join('\n'));
    assert.ok(!list.some((q) => q.endsWith('/content')), 'no content was read or sent');
    const ls = await run(['ls', 'acd:mv1']);
    assert.equal(ls.stdout.trim(), '5 b.txt');
  });

  test('move of a folder of 1,000 files to a new name takes a handful of requests', async () => {
    const src = join(tempDir(), 'many');
    mkdirSync(src);
    for (let i = 0; i < 1000; i++) writeFileSync(join(src, `f${i}.txt`), `file ${i}\n`);
    assert.equal((await run(['copy', '--transfers', '16', src, 'acd:many'])).code, 0);
    asked();
    const r = await run(['move', '-v', 'acd:many', 'acd:renamed']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /acd:renamed: Server side directory move succeeded/);
    const list = asked();
    assert.ok(list.length <= 20, `${list.length} requests:\n${list.join('\n')}`);
    assert.deepEqual(changes(list).map((q) => q.split(' ')[0]), ['PATCH'], list.join('\n'));
    const ls = await run(['ls', 'acd:renamed']);
    assert.equal(ls.stdout.split('\n').filter(Boolean).length, 1000);
    const gone = await run(['ls', 'acd:many']);
    assert.equal(gone.code, 3, gone.stderr);
  });

  test('move into an existing folder moves each file by node, never by content', async () => {
    const src = join(tempDir(), 'src');
    makeTree(src, { 'a.txt': 'alpha', 'sub/b.txt': 'bravo' });
    assert.equal((await run(['copy', src, 'acd:mv3'])).code, 0);
    assert.equal((await run(['mkdir', 'acd:mv3dst'])).code, 0);
    asked();
    const r = await run(['move', '-v', 'acd:mv3', 'acd:mv3dst']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /sub\/b\.txt: Moved \(server-side\)/);
    assert.match(r.stderr, /Renamed: +2/);
    const list = asked();
    assert.ok(!list.some((q) => q.endsWith('/content')), `no content was read or sent:\n${list.join('\n')}`);
    const ls = await run(['ls', 'acd:mv3dst']);
    assert.deepEqual(ls.stdout.split('\n').filter(Boolean).map((l) => l.trim()).sort(), ['5 a.txt', '5 sub/b.txt']);
  });
});
