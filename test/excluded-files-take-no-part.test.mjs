// A file a filter excludes takes no part in copy, sync or check: as in
// rclone, each side is listed through the filter (the destination unfiltered
// only with --delete-excluded) before names are matched, so an excluded file
// never clashes with a directory of its name. Each case runs rclone on an
// identical copy and compares the final trees, exit codes and check reports.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';
import { noRclone, rclone, tree, twin } from './support/rclone-side.mjs';

const BIG = 'x'.repeat(300);

/** s/skip.log is a file, d/skip.log a directory: the clash of the issue. */
function clash(dir) {
  makeTree(join(dir, 's'), { 'skip.log': BIG, 'keep.txt': 'keep' });
  makeTree(join(dir, 'd'), { 'skip.log/inner.txt': 'inner', 'old.txt': 'old' });
}

/** The source's big.bin is excluded by --max-size; the destination holds a small one. */
function sizes(dir) {
  makeTree(join(dir, 's'), { 'big.bin': BIG, 'small.txt': 'small' });
  makeTree(join(dir, 'd'), { 'big.bin': 'tiny', 'small.txt': 'small' });
}

/** A report file's lines in order: rclone writes them as its checkers finish. */
const sortedLines = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).sort();

const CASES = [
  ['copy', clash, ['--exclude', '*.log']],
  ['copy', clash, ['--max-size', '100B']],
  ['sync', clash, ['--exclude', '*.log']],
  ['sync', clash, ['--max-size', '100B']],
  ['sync', clash, ['--exclude', '*.log', '--delete-excluded']],
  ['sync', clash, ['--include', '*.txt']],
  ['copy', sizes, ['--max-size', '100B']],
  ['sync', sizes, ['--max-size', '100B']],
  ['sync', sizes, ['--max-size', '100B', '--delete-excluded']],
  ['sync', sizes, ['--min-size', '100B']],
  ['check', clash, ['--exclude', '*.log']],
  ['check', clash, ['--max-size', '100B']],
  ['check', sizes, ['--max-size', '100B']],
  ['check', sizes, ['--min-size', '100B']],
];

describe('excluded files take no part, as in rclone', { concurrency: 4, skip: noRclone }, () => {
  for (const [cmd, setup, flags] of CASES) {
    test(`${cmd} ${flags.join(' ')} (${setup.name})`, async () => {
      const dir = tempDir();
      const ours = join(dir, 'ours');
      mkdirSync(ours);
      setup(ours);
      const theirs = twin(ours, join(dir, 'theirs'));
      const combined = (root) => (cmd === 'check' ? ['--combined', `${root}.combined`] : []);
      const r = await rsyncish([cmd, ...flags, ...combined(ours), join(ours, 's'), join(ours, 'd')], { config: join(dir, 'c.conf') });
      const c = await rclone([cmd, ...flags, ...combined(theirs), join(theirs, 's'), join(theirs, 'd')], dir);
      assert.equal(r.code, c.code, `rsyncish:\n${r.stderr}\nrclone:\n${c.stderr}`);
      assert.deepEqual(tree(ours), tree(theirs));
      if (cmd === 'check') assert.deepEqual(sortedLines(`${ours}.combined`), sortedLines(`${theirs}.combined`));
      assert.doesNotMatch(r.stderr, /is a (file|directory) on the source/);
    });
  }

  test('sync without --delete-excluded keeps an excluded destination file; with it, deletes it', async () => {
    const dir = tempDir();
    makeTree(join(dir, 's'), { 'a.txt': 'a' });
    makeTree(join(dir, 'd'), { 'a.txt': 'a', 'b.log': 'kept?' });
    const config = join(dir, 'c.conf');
    writeFileSync(config, '');
    const keep = await rsyncish(['sync', '--exclude', '*.log', join(dir, 's'), join(dir, 'd')], { config });
    assert.equal(keep.code, 0, keep.stderr);
    assert.deepEqual(tree(join(dir, 'd')), ['a.txt=a', 'b.log=kept?']);
    const del = await rsyncish(['sync', '--exclude', '*.log', '--delete-excluded', join(dir, 's'), join(dir, 'd')], { config });
    assert.equal(del.code, 0, del.stderr);
    assert.deepEqual(tree(join(dir, 'd')), ['a.txt=a']);
  });
});
