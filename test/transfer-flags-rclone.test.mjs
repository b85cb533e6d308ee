// The transfer flags rclone scripts use, run by rsyncish and by Debian's
// rclone on identical copies of one tree: the final trees (names, bytes and
// modtimes), the exit codes and the log lines the flag is about must agree.
import assert from 'node:assert/strict';
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from './helpers.mjs';
import { logLinesOf, noLocalRclone, rclone } from './support/local-rclone.mjs';
import { twin } from './support/rclone-side.mjs';

const OLD = new Date('2024-01-01T00:00:00Z');
const LATER = new Date('2024-02-01T00:00:00Z');

/** A source and a destination: `a.txt` replaced, `b` equal, `c.txt` extraneous, `n` new. */
function standardTree(root) {
  makeTree(join(root, 's'), { 'a.txt': 'new a', b: 'same', n: 'brand new', 'sub/x.tar.gz': 'new x' });
  makeTree(join(root, 'd'), { 'a.txt': 'old a!', b: 'same', 'c.txt': 'extra', 'sub/x.tar.gz': 'old x!' });
  for (const side of ['s', 'd']) utimesSync(join(root, side, 'b'), OLD, OLD);
}

/** `b` equal in content, its destination modtime later than the source's. */
function modtimeOnlyTree(root) {
  standardTree(root);
  utimesSync(join(root, 'd', 'b'), LATER, LATER);
}

/** `prev` holds `a` and `b` as in the source, and another `c`. */
function previousRun(root) {
  makeTree(join(root, 's'), { a: 'aaa', b: 'bbb', c: 'ccc' });
  makeTree(join(root, 'd'), { b: 'an older b', z: 'zzz' });
  makeTree(join(root, 'prev'), { a: 'aaa', b: 'bbb', c: 'old c' });
  for (const n of ['a', 'b']) utimesSync(join(root, 'prev', n), OLD, OLD);
  for (const n of ['a', 'b']) utimesSync(join(root, 's', n), OLD, OLD);
}

/** Files renamed or moved on the source since the destination was made, and one really new. */
function renamedTree(root) {
  makeTree(join(root, 'd'), { 'old.txt': 'renamed content', 'dir1/leaf.bin': 'moved across dirs', 'gone.txt': 'deleted', same: 'same' });
  makeTree(join(root, 's'), { 'new.txt': 'renamed content', 'dir2/leaf.bin': 'moved across dirs', fresh: 'fresh', same: 'same' });
  for (const [side, names] of [['d', ['old.txt', 'dir1/leaf.bin', 'same']], ['s', ['new.txt', 'dir2/leaf.bin', 'same']]]) {
    for (const n of names) utimesSync(join(root, side, n), OLD, OLD);
  }
}

/** Four new files of 1 KiB each, for --max-transfer. */
function kibFiles(root) {
  makeTree(join(root, 's'), Object.fromEntries(['a', 'b', 'c', 'd'].map((n, i) => [n, { size: 1024, seed: i + 1 }])));
}

const cases = [
  { name: 'sync --backup-dir moves replaced and deleted files there', tree: standardTree, args: ['sync', 's', 'd', '--backup-dir', 'bk'], lines: /Moved|backup dir|Copied/ },
  { name: 'copy --backup-dir --suffix --suffix-keep-extension', tree: standardTree, args: ['copy', 's', 'd', '--backup-dir', 'bk', '--suffix', '-old', '--suffix-keep-extension'], lines: /Moved|backup dir|Copied/ },
  { name: 'sync --suffix alone renames next to the file', tree: standardTree, args: ['sync', 's', 'd', '--suffix', '.bak'], lines: /Moved|backup dir|Copied/ },
  // rclone moves local files by rename and logs each as moved; rsyncish copies and deletes: only the backup lines compare.
  { name: 'move --backup-dir', tree: standardTree, args: ['move', 's', 'd', '--backup-dir', 'bk'], lines: /backup dir/ },
  { name: '--backup-dir inside the destination, left out by a filter', tree: standardTree, args: ['sync', 's', 'd', '--backup-dir', 'd/bk', '--exclude', '/bk/**'], lines: /Moved|backup dir|Copied/ },
  { name: '--backup-dir inside the destination is refused', tree: standardTree, args: ['sync', 's', 'd', '--backup-dir', 'd/bk'], message: "destination and parameter to --backup-dir mustn't overlap" },
  { name: '--backup-dir inside the source is refused', tree: standardTree, args: ['copy', 's', 'd', '--backup-dir', 's/bk'], message: "source and parameter to --backup-dir mustn't overlap" },
  { name: 'copy --immutable reports differing files and replaces none', tree: modtimeOnlyTree, args: ['copy', 's', 'd', '--immutable'], lines: /immutable|Copied/ },
  { name: 'sync --immutable deletes nothing after the error', tree: standardTree, args: ['sync', 's', 'd', '--immutable'], lines: /immutable|Copied|Deleted/ },
  { name: 'sync --immutable --ignore-errors deletes all the same', tree: standardTree, args: ['sync', 's', 'd', '--immutable', '--ignore-errors'], lines: /immutable|Copied|Deleted/ },
  { name: 'copy --no-update-modtime leaves an equal file\'s modtime', tree: modtimeOnlyTree, args: ['copy', 's', 'd', '--no-update-modtime'], lines: /Copied|modification time/ },
  { name: 'copy without --no-update-modtime updates it', tree: modtimeOnlyTree, args: ['copy', 's', 'd'], lines: /Copied|modification time/ },
  ...['hard', 'soft', 'cautious'].map((mode) => ({
    name: `copy --max-transfer --cutoff-mode ${mode} exits 8`,
    tree: kibFiles,
    args: ['copy', 's', 'd', '--max-transfer', '1500B', '--cutoff-mode', mode, '--transfers', '1'],
    lines: /Copied|Failed to copy: max|Cancelling|stopping transfers/,
    // Deliberate differences (docs/rclone-differences.md, "Transfer flags").
    differences(r, g) {
      if (mode === 'hard') {
        assert.match(g.stderr, /Removing partially written file on error/);
        assert.doesNotMatch(r.stderr, /Removing partially written/);
      } else {
        assert.match(g.stderr, /Failed to copy with 2 errors: last error was: max transfer limit reached/);
        assert.match(r.stderr, /^ERROR : failed to copy: max transfer limit reached as set by --max-transfer \(hint: /m);
      }
    },
  })),
  ...['hard', 'soft'].map((mode) => ({
    name: `copy --max-duration 1ns --cutoff-mode ${mode} transfers nothing, exit 7`,
    tree: kibFiles,
    args: ['copy', 's', 'd', '--max-duration', '1ns', '--cutoff-mode', mode],
    lines: /Copied|deadline|max transfer duration/,
  })),
  { name: 'sync --max-duration 1h changes nothing', tree: standardTree, args: ['sync', 's', 'd', '--max-duration', '1h'], lines: /Copied|Deleted|deadline|max transfer duration/ },
  ...['4M', '10M:1M', '00:00,4M', 'Mon-00:00,4M', 'off'].map((bw) => ({
    name: `copy --bwlimit ${bw}`, tree: kibFiles, args: ['copy', 's', 'd', '--bwlimit', bw], lines: /bandwidth|Copied/,
  })),
  ...['25:00,1M', 'Mo-08:00,1M', '08:00,xx', '1Mx', '08:00,1M  12:00,off'].map((bw) => ({
    name: `--bwlimit ${JSON.stringify(bw)} is refused`, tree: kibFiles, args: ['copy', 's', 'd', '--bwlimit', bw],
    message: `invalid argument ${JSON.stringify(bw).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} for "--bwlimit" flag: `,
  })),
  ...['hash', 'modtime', 'leaf', 'modtime,leaf', 'hash,leaf'].map((strategy) => ({
    name: `sync --track-renames --track-renames-strategy ${strategy}`, tree: renamedTree,
    args: ['sync', 's', 'd', '--track-renames', '--track-renames-strategy', strategy], lines: /Moved|Renamed|Copied|Deleted|track-renames/,
  })),
  { name: 'copy --track-renames is ignored, as rclone says', tree: renamedTree, args: ['copy', 's', 'd', '--track-renames'], lines: /Moved|Renamed|Copied|track-renames/ },
  { name: 'an unknown --track-renames-strategy is refused', tree: renamedTree, args: ['sync', 's', 'd', '--track-renames', '--track-renames-strategy', 'bogus'], message: 'unknown track renames strategy "bogus"' },
  { name: 'a file of exactly --max-transfer is copied', tree: (root) => makeTree(join(root, 's'), { a: { size: 1024 } }), args: ['copy', 's', 'd', '--max-transfer', '1K'], lines: /Copied|max transfer/ },
  { name: 'copy --compare-dest skips files found equal there', tree: previousRun, args: ['copy', 's', 'd', '--compare-dest', 'prev'], lines: /Copied|compare-dest/ },
  { name: 'sync --compare-dest, two directories', tree: previousRun, args: ['sync', 's', 'd', '--compare-dest', 'nowhere', '--compare-dest', 'prev'], lines: /Copied|Deleted|compare-dest/ },
  { name: '--compare-dest with --copy-dest is refused', tree: previousRun, args: ['copy', 's', 'd', '--compare-dest', 'prev', '--copy-dest', 'prev'], message: "[Cc]an't use --compare-dest with --copy-dest" },
  { name: 'sync --fast-list --no-traverse on local disks: --no-traverse ignored, --fast-list a plain walk', tree: standardTree, args: ['sync', 's', 'd', '--fast-list', '--no-traverse'], lines: /Copied|Deleted|Ignoring --no-traverse/ },
];

/** The log lines a case is about, timestamps, the case's own folder and our hints removed, in a stable order. */
const about = (stderr, re, root) => logLinesOf(stderr)
  .map((l) => l.replace(/ \(hint: .*\)$/, '').replaceAll(root, '<root>').replace(/deadline: .*/, 'deadline: <time>'))
  .filter((l) => re.test(l))
  .sort();

for (const c of cases) {
  test(`${c.name}: as rclone`, { skip: noLocalRclone }, async () => {
    const dir = tempDir();
    const ours = join(dir, 'ours');
    c.tree(ours);
    const theirs = twin(ours, join(dir, 'theirs'));
    const r = await rsyncish([...c.args, '-v'], { cwd: ours, config: join(dir, 'x.conf') });
    const g = await rclone([...c.args, '-v'], { cwd: theirs });
    assert.equal(r.code, g.code, `exit codes differ\nrsyncish:\n${r.stderr}\nrclone:\n${g.stderr}`);
    assert.deepEqual(snapshot(ours), snapshot(theirs), 'the trees differ');
    if (c.message) {
      assert.match(g.stderr, new RegExp(c.message));
      assert.match(r.stderr, new RegExp(`^ERROR : ${c.message}.* \\(hint: `, 'm'), r.stderr);
    }
    if (c.lines) assert.deepEqual(about(r.stderr, c.lines, ours), about(g.stderr, c.lines, theirs), 'the log lines differ');
    c.differences?.(r, g);
  });
}

// Deliberate difference (docs/rclone-differences.md, "Transfer flags"): rclone's
// local backend has no server-side copy, so rclone refuses --copy-dest there;
// rsyncish's copies from another local root (the kernel copies the bytes).
test('copy --copy-dest on local disks copies equal files from there; rclone refuses it', { skip: noLocalRclone }, async () => {
  const dir = tempDir();
  const ours = join(dir, 'ours');
  previousRun(ours);
  const theirs = twin(ours, join(dir, 'theirs'));
  const args = ['copy', 's', 'd', '--copy-dest', 'prev', '-v'];
  const r = await rsyncish(args, { cwd: ours, config: join(dir, 'x.conf') });
  const g = await rclone(args, { cwd: theirs });
  assert.equal(g.code, 7, g.stderr);
  assert.match(g.stderr, /can't use --copy-dest on a remote which doesn't support server side copy/);
  assert.equal(r.code, 0, r.stderr);
  const prev = snapshot(join(ours, 'prev'));
  const d = snapshot(join(ours, 'd'));
  assert.deepEqual([d.a, d.b], [prev.a, prev.b], 'a and b come from prev, modtimes included');
  assert.deepEqual(d.c, snapshot(join(ours, 's')).c, 'c differs in prev and comes from the source');
  assert.equal(readFileSync(join(ours, 'd/z'), 'utf8'), 'zzz', 'copy keeps the rest');
});
