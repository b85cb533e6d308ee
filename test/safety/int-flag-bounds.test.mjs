// Integer flags have bounds: a value past them, or one a number cannot hold
// exactly, is refused in one line (exit 1) before anything is done.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from '../helpers.mjs';

function assertRefused(r, flag, pattern) {
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], new RegExp(`^ERROR : --${flag}: `));
  assert.match(lines[0], pattern);
  assert.match(lines[0], /\(hint: /);
  assert.equal(r.stdout, '');
}

test('--transfers and --checkers above 1000, or too big for a number, are refused and nothing is copied', async () => {
  const dir = tempDir('rsyncish-bounds-');
  makeTree(join(dir, 'src'), { 'a.txt': 'a', 'b/c.txt': 'c' });
  for (const flag of ['transfers', 'checkers']) {
    for (const value of ['99999999999999999999', '1001']) {
      const r = await rsyncish(['copy', join(dir, 'src'), join(dir, 'dst'), `--${flag}`, value]);
      assertRefused(r, flag, new RegExp(`less than or equal to 1000 but received: ${value} `));
    }
    for (const value of ['1e20', '0']) {
      const r = await rsyncish(['copy', join(dir, 'src'), join(dir, 'dst'), `--${flag}`, value]);
      assertRefused(r, flag, new RegExp(`received: ${value.replace('.', '\\.')} `));
    }
  }
  assert.equal(existsSync(join(dir, 'dst')), false);
});

test('--transfers 1000 and --checkers 1000, the bounds themselves, are accepted', async () => {
  const dir = tempDir('rsyncish-bounds-');
  makeTree(join(dir, 'src'), { 'a.txt': 'a', 'b/c.txt': 'c' });
  const r = await rsyncish(['copy', join(dir, 'src'), join(dir, 'dst'), '--transfers', '1000', '--checkers', '1000']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(snapshot(join(dir, 'dst')), snapshot(join(dir, 'src')));
});

test('every other integer flag refuses a value a number cannot hold exactly', async () => {
  const dir = tempDir('rsyncish-bounds-');
  makeTree(dir, { 'f.txt': 'hello' });
  const huge = '99999999999999999999';
  const cases = [
    ['copy', dir, join(dir, 'out'), '--retries', huge],
    ['copy', dir, join(dir, 'out'), '--low-level-retries', huge],
    ['sync', dir, join(dir, 'out'), '--max-delete', huge],
    ['ls', dir, '--max-depth', huge],
    ['cat', join(dir, 'f.txt'), '--head', huge],
    ['cat', join(dir, 'f.txt'), '--offset', `-${huge}`],
  ];
  for (const args of cases) {
    const flag = args.find((a) => a.startsWith('--')).slice(2);
    const r = await rsyncish(args);
    assertRefused(r, flag, /(less|greater) than or equal to -?9007199254740991 but received: -?99999999999999999999 /);
  }
  assert.equal(existsSync(join(dir, 'out')), false);
});
