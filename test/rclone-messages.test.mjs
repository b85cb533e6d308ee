// Log lines and exit codes, side by side with rclone: each case runs Debian's
// rclone and rsyncish on identical copies of one tree, with relative paths so
// the names in the lines are the same, and compares what they print (without
// timestamps) and how they exit. Deliberate differences are pinned at the end
// (docs/rclone-differences.md, "Log lines and exit codes").
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { makeTree, rsyncish, runProgram, tempDir } from './helpers.mjs';

const hasRclone = !spawnSync('rclone', ['version'], { stdio: 'ignore' }).error;
const skip = hasRclone ? false : 'rclone is not installed (apt-get install rclone)';

function runRclone(args, cwd) {
  return runProgram('rclone', ['--config', '/dev/null', ...args], { cwd });
}

/** The same tree twice; run both tools in their own copy. */
async function both(spec, args) {
  const rc = tempDir('msg-rclone-');
  const rs = tempDir('msg-rsyncish-');
  makeTree(rc, spec);
  makeTree(rs, spec);
  const [a, b] = await Promise.all([
    runRclone(args, rc),
    rsyncish(args, { cwd: rs, config: join(rs, 'no.conf') }),
  ]);
  return { rclone: a, ours: b };
}

/** Log lines about files, without timestamps and without the stats block or the final error. */
function fileLines(stderr) {
  return stderr
    .split('\n')
    .map((l) => l.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /, ''))
    .filter((l) => /^(DEBUG|INFO|NOTICE|ERROR) *: \S/.test(l) && !/^ERROR : failed to /.test(l))
    .sort();
}

const TREE = { 's/f': 'a\n', 's/sub/g': 'b\n', 'd/x': 'c\n', 'd/old/y': 'o\n', 'e/': null };

describe('log lines and exit codes as rclone 1.60', { skip }, () => {
  test('copyto -v names the source and the new name: "f: Copied (new) to: g"', async () => {
    const { rclone, ours } = await both(TREE, ['copyto', '-v', 's/f', 's/h']);
    assert.deepEqual(fileLines(rclone.stderr), ['INFO  : f: Copied (new) to: h']);
    assert.deepEqual(fileLines(ours.stderr), fileLines(rclone.stderr));
    assert.equal(ours.code, rclone.code);
  });

  test('copyto --dry-run names the source file', async () => {
    const { rclone, ours } = await both(TREE, ['copyto', '--dry-run', 's/f', 's/h']);
    assert.deepEqual(fileLines(rclone.stderr), ['NOTICE: f: Skipped copy as --dry-run is set (size 2)']);
    assert.deepEqual(fileLines(ours.stderr), fileLines(rclone.stderr));
  });

  test('moveto --dry-run is one step: "f: Skipped move as --dry-run is set"', async () => {
    const { rclone, ours } = await both(TREE, ['moveto', '--dry-run', 's/f', 'e/h']);
    assert.deepEqual(fileLines(rclone.stderr), ['NOTICE: f: Skipped move as --dry-run is set (size 2)']);
    assert.deepEqual(fileLines(ours.stderr), fileLines(rclone.stderr));
    assert.equal(ours.code, 0);
  });

  test('sync -v: the same copied, deleted and removed-directory lines', async () => {
    const { rclone, ours } = await both(TREE, ['sync', '-v', 's', 'd']);
    assert.deepEqual(fileLines(ours.stderr), fileLines(rclone.stderr));
    assert.ok(fileLines(ours.stderr).includes('INFO  : old: Removing directory'));
    assert.equal(ours.code, 0);
    assert.equal(rclone.code, 0);
  });

  test('sync --dry-run: the same "Skipped ..." lines', async () => {
    const { rclone, ours } = await both(TREE, ['sync', '--dry-run', 's', 'd']);
    assert.equal(fileLines(rclone.stderr).length, 5);
    assert.deepEqual(fileLines(ours.stderr), fileLines(rclone.stderr));
  });

  test('--max-delete: "Got fatal error on delete", "fatal error encountered", exit 7, never "Failed to copy"', async () => {
    const { rclone, ours } = await both({ 's/f': 'a\n', 'd/x1': 'x\n', 'd/x2': 'y\n' }, ['sync', '-v', '--max-delete', '1', 's', 'd']);
    assert.equal(rclone.code, 7);
    assert.equal(ours.code, 7, ours.stderr);
    for (const r of [rclone, ours]) {
      assert.match(r.stderr, /ERROR : Got fatal error on delete: --max-delete threshold/);
      assert.match(r.stderr, /Errors: +\d+ \(fatal error encountered\)/);
      assert.doesNotMatch(r.stderr, /Failed to copy/);
    }
  });

  test('--log-level WARNING is accepted and shows errors only', async () => {
    const { rclone, ours } = await both(TREE, ['copy', '--log-level', 'WARNING', 's', 'd2']);
    assert.equal(rclone.code, 0);
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(ours.stderr, rclone.stderr);
    assert.equal(ours.stderr, '');
  });

  test('--log-level CRITICAL hides the log lines, yet a failure still prints its one final line', async () => {
    const { rclone, ours } = await both(TREE, ['copy', '--log-level', 'CRITICAL', 's/nope', 'd2']);
    assert.equal(rclone.code, 3);
    assert.equal(ours.code, 3);
    assert.equal(ours.stderr.trim().split('\n').length, 1, ours.stderr);
    assert.match(ours.stderr, /directory not found/);
  });

  test('mkdir logs "Making directory" at DEBUG only, naming the directory by its path', async () => {
    const v = await both(TREE, ['mkdir', '-v', 'd/new']);
    assert.deepEqual(fileLines(v.ours.stderr), fileLines(v.rclone.stderr));
    assert.deepEqual(fileLines(v.ours.stderr), []);
    const vv = await both(TREE, ['mkdir', '-vv', 'd/new']);
    assert.ok(fileLines(vv.rclone.stderr).some((l) => /^DEBUG : Local file system at \/.*\/d\/new: Making directory$/.test(l)), vv.rclone.stderr);
    assert.deepEqual(fileLines(vv.ours.stderr).filter((l) => /Making directory/.test(l)).map((l) => l.replace(/\/.*\/d\/new/, 'D')), ['DEBUG : D: Making directory']);
    assert.equal(vv.ours.code, 0);
  });

  test('the final line: "failed to copy: <error>" for one error, "with N errors: last error was:" for more', async () => {
    const clash = { 's/f': 'a\n', 's/h': 'b\n', 'd/f/': null, 'd/h/': null };
    const one = await both({ 's/f': 'a\n', 'd/f/': null }, ['copy', '--retries', '1', 's', 'd']);
    assert.match(one.rclone.stderr.trim().split('\n').at(-1), /^[\d/]+ [\d:]+ Failed to copy: /);
    assert.match(one.ours.stderr.trim().split('\n').at(-1), /^ERROR : failed to copy: "f" is a file on the source but a directory/);
    const two = await both(clash, ['copy', '--retries', '1', 's', 'd']);
    assert.match(two.rclone.stderr.trim().split('\n').at(-1), /^[\d/]+ [\d:]+ Failed to copy with 2 errors: last error was: /);
    assert.match(two.ours.stderr.trim().split('\n').at(-1), /^ERROR : failed to copy with 2 errors: last error was: /);
  });

  for (const args of [['copy', 's', 'd/x'], ['sync', 's', 'd/x'], ['move', 's', 'd/x'], ['check', 's', 'd/x'], ['copy', 's/f', 'd/x']]) {
    test(`${args[0]} ${args[1]} onto a file is refused at once: one line, exit 1, nothing retried`, async () => {
      const { rclone, ours } = await both(TREE, args);
      assert.equal(rclone.code, 1);
      assert.match(rclone.stderr, /is a file not a directory/);
      assert.equal(ours.code, 1, ours.stderr);
      assert.equal(ours.stderr, 'ERROR : destination "d/x" is a file, not a directory (hint: name a directory to put the files in (copyto copies one file under a new name))\n');
    });
  }
});

describe('deliberate differences from rclone (docs/rclone-differences.md)', { skip }, () => {
  test('rmdir of a missing directory: rclone retries and exits 1; rsyncish says "directory not found", exit 3', async () => {
    const { rclone, ours } = await both(TREE, ['rmdir', 'nope']);
    assert.equal(rclone.code, 1);
    assert.match(rclone.stderr, /Attempt 3\/3 failed with 1 errors and: remove .*: no such file or directory/);
    assert.equal(ours.code, 3);
    assert.equal(ours.stderr.trim().split('\n').length, 1, ours.stderr);
    assert.match(ours.stderr, /^ERROR : directory not found: nope/);
  });

  test('rmdir of a non-empty directory: rclone retries and exits 1; rsyncish says so once, exit 6', async () => {
    const { rclone, ours } = await both(TREE, ['rmdir', 's']);
    assert.equal(rclone.code, 1);
    assert.match(rclone.stderr, /Attempt 3\/3 failed with 1 errors and: remove .*: directory not empty/);
    assert.equal(ours.code, 6);
    assert.equal(ours.stderr.trim().split('\n').length, 1, ours.stderr);
    assert.match(ours.stderr, /^ERROR : ".*\/s": directory not empty/);
  });

  test('rmdirs of a missing directory: rclone retries and exits 1; rsyncish says "directory not found", exit 3', async () => {
    const { rclone, ours } = await both(TREE, ['rmdirs', 'nope']);
    assert.equal(rclone.code, 1);
    assert.match(rclone.stderr, /Attempt 3\/3 failed/);
    assert.equal(ours.code, 3);
    assert.equal(ours.stderr.trim().split('\n').length, 1, ours.stderr);
    assert.match(ours.stderr, /^ERROR : directory not found: nope/);
  });

  test('mkdir under a file: rclone retries and exits 1; rsyncish says "not a directory" once, exit 3', async () => {
    const { rclone, ours } = await both(TREE, ['mkdir', 'd/x/y']);
    assert.equal(rclone.code, 1);
    assert.match(rclone.stderr, /Attempt 3\/3 failed with 1 errors and: mkdir .*\/d\/x: not a directory/);
    assert.equal(ours.code, 3);
    assert.equal(ours.stderr.trim().split('\n').length, 1, ours.stderr);
    assert.match(ours.stderr, /^ERROR : ".*\/d\/x\/y": not a directory/);
  });

  test('moveto of a missing file: rclone tries a directory rename and exits 1; rsyncish exits 3 like copyto', async () => {
    const { rclone, ours } = await both(TREE, ['moveto', 's/nope', 's/h']);
    assert.equal(rclone.code, 1);
    assert.match(rclone.stderr, /Server side directory move failed/);
    const copyto = await both(TREE, ['copyto', 's/nope', 's/h']);
    assert.equal(copyto.rclone.code, 3);
    assert.equal(ours.code, 3);
    assert.equal(ours.stderr.trim().split('\n').length, 1, ours.stderr);
    assert.match(ours.stderr, /^ERROR : directory not found: s\/nope/);
  });

  test('move F F: rclone says "is a file not a directory", exit 1; rsyncish refuses it as overlapping, exit 7', async () => {
    const { rclone, ours } = await both(TREE, ['move', 's/f', 's/f']);
    assert.equal(rclone.code, 1);
    assert.match(rclone.stderr, /is a file not a directory/);
    assert.equal(ours.code, 7, ours.stderr);
    assert.match(ours.stderr, /the destination directory is the source file itself/);
  });

  test('a failed run logs every attempt\'s failure, the last included, as rclone does', async () => {
    const { rclone, ours } = await both({ 's/f': 'a\n', 'd/f/': null }, ['copy', '--retries', '2', 's', 'd']);
    const attempts = (r) => fileLines(r.stderr).filter((l) => /Attempt/.test(l)).map((l) => l.replace(/ and: .*/, ''));
    assert.deepEqual(attempts(rclone), ['ERROR : Attempt 1/2 failed with 1 errors', 'ERROR : Attempt 2/2 failed with 1 errors']);
    assert.deepEqual(attempts(ours), attempts(rclone), ours.stderr);
    assert.notEqual(ours.code, 0);
  });
});
