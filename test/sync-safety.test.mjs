// Issue "The full sync engine": sync's deletions and their safety rules, dry
// runs, exit codes, and the output modes (--json, --log-file, -P).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CLI, makeTree, rsyncish, snapshot, tempDir } from './helpers.mjs';

const SRC = { 'a.txt': 'alpha', 'sub/b.txt': 'bravo', 'big.bin': { size: 300_000, seed: 3 } };
const EXTRA = { 'extra1.txt': 'x1', 'old/extra2.txt': 'x2', 'old/deeper/extra3.txt': 'x3', 'a.txt': 'stale version' };

function setup() {
  const dir = tempDir();
  const src = join(dir, 'src');
  const dst = join(dir, 'dst');
  makeTree(src, SRC);
  makeTree(dst, EXTRA);
  return { dir, src, dst, config: join(dir, 'c.conf') };
}
const events = (stdout) => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('sync safety and output', { concurrency: 6 }, () => {
  for (const mode of ['--delete-after', '--delete-during', '--delete-before']) {
    test(`sync ${mode} makes the destination identical, deleting extraneous files and directories`, async () => {
      const s = setup();
      const r = await rsyncish(['sync', '-v', mode, s.src, s.dst], { config: s.config });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(snapshot(s.dst), snapshot(s.src));
      assert.ok(!existsSync(join(s.dst, 'old')), 'emptied extraneous directories are removed');
      assert.match(r.stderr, /INFO {2}: extra1\.txt: Deleted/);
      assert.match(r.stderr, /Deleted: +3 \(files\), 2 \(dirs\)/);
    });
  }

  test('dry-run sync leaves both sides untouched and says what it would do', async () => {
    const s = setup();
    const before = [snapshot(s.src), snapshot(s.dst)];
    const r = await rsyncish(['sync', '-v', '--dry-run', s.src, s.dst], { config: s.config });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual([snapshot(s.src), snapshot(s.dst)], before);
    assert.match(r.stderr, /NOTICE: big\.bin: Skipped copy as --dry-run is set \(size 292\.969Ki\)/);
    assert.match(r.stderr, /NOTICE: old\/extra2\.txt: Skipped delete as --dry-run is set \(size 2\)/);
    assert.match(r.stderr, /NOTICE: old: Skipped remove directory as --dry-run is set/);
    assert.match(r.stderr, /Deleted: +3 \(files\), 2 \(dirs\)/);
    const move = await rsyncish(['move', '-n', s.src, s.dst], { config: s.config });
    assert.equal(move.code, 0, move.stderr);
    assert.deepEqual([snapshot(s.src), snapshot(s.dst)], before);
  });

  test('--max-delete stops deleting at the limit and fails with exit 7', async () => {
    const s = setup();
    const r = await rsyncish(['sync', '--max-delete', '1', '--retries', '1', s.src, s.dst], { config: s.config });
    assert.equal(r.code, 7, r.stderr);
    assert.match(r.stderr, /--max-delete threshold \(1\) reached/);
    const left = ['extra1.txt', 'old/extra2.txt', 'old/deeper/extra3.txt'].filter((p) => existsSync(join(s.dst, p)));
    assert.equal(left.length, 2, 'exactly one file was deleted');
  });

  test('an unreadable source file: sync deletes nothing and the summary says so; whole-run retries are announced',
    { skip: process.getuid?.() !== 0 && 'needs root to switch to an unprivileged user' }, async () => {
      const s = setup();
      chmodSync(s.dir, 0o777);
      chmodSync(join(s.src, 'sub/b.txt'), 0o000);
      for (const d of [s.dst, join(s.dst, 'old'), join(s.dst, 'old/deeper')]) chmodSync(d, 0o777);
      const r = await rsyncish(['sync', '-v', '--retries', '2', '--retries-sleep', '10ms', s.src, s.dst],
        { config: s.config, uid: 65534, gid: 65534, env: { HOME: s.dir } });
      assert.notEqual(r.code, 0, r.stderr);
      assert.match(r.stderr, /ERROR : Attempt 1\/2 failed with 1 errors and: .*sub\/b\.txt/);
      assert.match(r.stderr, /not deleting files as there were IO errors/);
      assert.match(r.stderr, /Deleted: +0 \(not deleting: there were I\/O errors\)/);
      for (const p of ['extra1.txt', 'old/extra2.txt', 'old/deeper/extra3.txt']) assert.ok(existsSync(join(s.dst, p)), `${p} kept`);
      assert.equal(readFileSync(join(s.dst, 'big.bin')).length, 300_000, 'the readable files were still copied');
    });

  test('--error-on-no-transfer exits 9 when nothing was transferred, 0 when something was', async () => {
    const s = setup();
    const first = await rsyncish(['copy', '--error-on-no-transfer', s.src, s.dst], { config: s.config });
    assert.equal(first.code, 0, first.stderr);
    const second = await rsyncish(['copy', '--error-on-no-transfer', s.src, s.dst], { config: s.config });
    assert.equal(second.code, 9, second.stderr);
    assert.doesNotMatch(second.stderr, /ERROR/);
  });

  test('--json writes one event per line on stdout: transfers, deletes, final stats', async () => {
    const s = setup();
    const r = await rsyncish(['sync', '--json', s.src, s.dst], { config: s.config });
    assert.equal(r.code, 0, r.stderr);
    const ev = events(r.stdout);
    for (const e of ev) assert.ok(typeof e.time === 'string' && typeof e.event === 'string', JSON.stringify(e));
    const started = ev.filter((e) => e.event === 'transfer-start').map((e) => e.path).sort();
    assert.deepEqual(started, ['a.txt', 'big.bin', 'sub/b.txt']);
    assert.deepEqual(ev.find((e) => e.event === 'transfer-done' && e.path === 'a.txt'),
      { ...ev.find((e) => e.event === 'transfer-done' && e.path === 'a.txt'), size: 5, action: 'updated' });
    assert.deepEqual(ev.filter((e) => e.event === 'deleted' && e.side === 'dst').map((e) => e.path).sort(),
      ['extra1.txt', 'old/deeper/extra3.txt', 'old/extra2.txt']);
    const final = ev.at(-1);
    assert.equal(final.event, 'stats');
    assert.equal(final.final, true);
    assert.equal(final.transfers, 3);
    assert.equal(final.bytes, 300_010);
    assert.equal(final.deletedFiles, 3);
    assert.equal(final.errors, 0);
  });

  test('--json error events carry the code, hint and exit code', async () => {
    const s = setup();
    const r = await rsyncish(['sync', '--json', '--max-delete', '0', '--retries', '1', s.src, s.dst], { config: s.config });
    assert.equal(r.code, 7);
    const err = events(r.stdout).find((e) => e.event === 'error');
    assert.equal(err.code, 'ERR_MAX_DELETE');
    assert.equal(err.exitCode, 7);
    assert.match(err.hint, /--max-delete/);
  });

  test('--log-file takes the log lines instead of stderr', async () => {
    const s = setup();
    const log = join(s.dir, 'run.log');
    const r = await rsyncish(['sync', '-v', '--log-file', log, s.src, s.dst], { config: s.config });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const text = readFileSync(log, 'utf8');
    assert.match(text, /INFO {2}: big\.bin: Copied \(new\)/);
    assert.match(text, /Transferred: +3 \/ 3, 100%/);
  });

  test('-P without a terminal prints stats blocks on stdout, on a terminal it redraws a live view in place', async () => {
    const s = setup();
    makeTree(s.src, { 'huge.bin': { size: 200 * 1024 * 1024, seed: 5 } });
    const r = await rsyncish(['copy', '-P', '--transfers', '1', s.src, s.dst], { config: s.config });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /Transferred: +4 \/ 4, 100%\nElapsed time: +\d+\.\ds\n$/);
    // A pseudo-terminal through script(1): the block is erased (ESC[nF ESC[J) and redrawn.
    const tty = spawnSync('script', ['-qec', `${process.execPath} ${CLI} copy -P --ignore-times ${s.src} ${join(s.dir, 'dst2')}`, '/dev/null'],
      { env: { ...process.env, RSYNCISH_CONFIG: s.config, COLUMNS: '120' }, encoding: 'utf8' });
    assert.equal(tty.status, 0, tty.stdout);
    assert.match(tty.stdout, /\x1b\[\d+F\x1b\[J/);
    assert.match(tty.stdout, /Transferred: +\d+ \/ \d+/);
    assert.match(tty.stdout, /Elapsed time:/);
  });
});
