// Whole-run retries (--retries) as rclone's run loop: another attempt only
// while some error may be fixed by it; otherwise one line says why not, and
// the counts of the run are not multiplied by attempts.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';
import { messages, noRclone, rclone, tree, twin } from './support/rclone-side.mjs';

/** The lines of rclone's run loop (cmd.Run), in order. */
const runLoop = (stderr) => messages(stderr).filter((l) => /^ERROR : (Attempt \d|Can't retry|Fatal error)/.test(l)).map((l) => l.replace(/ and: .*/, ''));
const statsLine = (stderr, name) => messages(stderr).find((l) => l.startsWith(`${name}:`));

describe('whole-run retries', { concurrency: 3 }, () => {
  test('errors that retrying will not fix: one attempt, rclone\'s "Can\'t retry" line, each dry-run delete once', async () => {
    const dir = tempDir();
    makeTree(join(dir, 's'), { 'Hello.txt': 'a', 'hello.txt': 'b' });
    makeTree(join(dir, 'd'), { 'extra.txt': 'z' });
    const r = await rsyncish(['sync', '--dry-run', '-v', '--ignore-case-sync', join(dir, 's'), join(dir, 'd')], { config: join(dir, 'c.conf') });
    assert.equal(r.code, 6, r.stderr);
    assert.deepEqual(runLoop(r.stderr), ["ERROR : Can't retry any of the errors - not attempting retries"]);
    assert.equal(messages(r.stderr).filter((l) => l === 'NOTICE: extra.txt: Skipped delete as --dry-run is set (size 1)').length, 1, r.stderr);
    assert.equal(statsLine(r.stderr, 'Deleted'), 'Deleted:                1 (files), 0 (dirs)');
    assert.equal(statsLine(r.stderr, 'Errors'), 'Errors:                 2 (no need to retry)');
    assert.deepEqual(tree(join(dir, 'd')), ['extra.txt=z'], 'a dry run changes nothing');
  });

  for (const retries of ['3', '1']) {
    test(`an error worth retrying (a file onto a directory), --retries ${retries}: every attempt, each failure logged, checks as rclone counts them`, { skip: noRclone }, async () => {
      const dir = tempDir();
      const ours = join(dir, 'ours');
      mkdirSync(ours);
      makeTree(join(ours, 's'), { a: 'a', b: 'b', x: 'file' });
      makeTree(join(ours, 'd'), { 'x/inner': 'dir' });
      const theirs = twin(ours, join(dir, 'theirs'));
      const args = (root) => ['copy', '--retries', retries, '-v', join(root, 's'), join(root, 'd')];
      const r = await rsyncish(args(ours), { config: join(dir, 'c.conf') });
      const c = await rclone(args(theirs), dir);
      assert.notEqual(r.code, 0, r.stderr);
      assert.deepEqual(runLoop(r.stderr), runLoop(c.stderr), `rsyncish:\n${r.stderr}\nrclone:\n${c.stderr}`);
      assert.equal(runLoop(r.stderr).length, Number(retries));
      assert.equal(statsLine(r.stderr, 'Errors'), statsLine(c.stderr, 'Errors'));
      assert.equal(statsLine(r.stderr, 'Checks'), statsLine(c.stderr, 'Checks'));
      assert.deepEqual(tree(ours), tree(theirs));
      // The documented difference: the clash is named before anything is tried.
      assert.match(r.stderr, /ERROR : x: Failed to copy: "x" is a file on the source but a directory on /);
    });
  }

  test('a dry run retried for an error worth retrying counts what it would do once, not once per attempt', async () => {
    const dir = tempDir();
    makeTree(join(dir, 's'), { a: 'a', b: 'bb', x: 'file' });
    makeTree(join(dir, 'd'), { a: 'a', 'x/inner': 'dir' });
    const r = await rsyncish(['copy', '--dry-run', '-v', join(dir, 's'), join(dir, 'd')], { config: join(dir, 'c.conf') });
    assert.notEqual(r.code, 0, r.stderr);
    assert.equal(runLoop(r.stderr).length, 3, r.stderr);
    assert.equal(statsLine(r.stderr, 'Transferred').replace(/,.*/, ''), 'Transferred:   \t          2 B / 2 B');
    assert.equal(messages(r.stderr).filter((l) => /^Transferred: +\d+ \/ \d+/.test(l))[0], 'Transferred:            1 / 1, 100%');
    assert.equal(statsLine(r.stderr, 'Checks'), 'Checks:                 1 / 1, 100%');
  });

  test('a fatal error (--max-delete reached): rclone\'s "Fatal error received" line, no other attempt', { skip: noRclone }, async () => {
    const dir = tempDir();
    const ours = join(dir, 'ours');
    mkdirSync(ours);
    makeTree(join(ours, 's'), { a: 'a' });
    makeTree(join(ours, 'd'), { a: 'a', gone1: '1', gone2: '2' });
    const theirs = twin(ours, join(dir, 'theirs'));
    const args = (root) => ['sync', '--max-delete', '1', join(root, 's'), join(root, 'd')];
    const r = await rsyncish(args(ours), { config: join(dir, 'c.conf') });
    const c = await rclone(args(theirs), dir);
    assert.equal(r.code, 7, r.stderr);
    assert.equal(r.code, c.code);
    assert.deepEqual(runLoop(r.stderr), ['ERROR : Fatal error received - not attempting retries']);
    assert.deepEqual(runLoop(r.stderr), runLoop(c.stderr));
  });
});
