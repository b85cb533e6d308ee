// ls, lsl and lsd honour the filter flags, as rclone's do.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';

test('ls/lsl/lsd leave out excluded files and never list excluded directories', async () => {
  const dir = tempDir();
  const src = join(dir, 'src');
  makeTree(src, { 'a/x.txt': 'x', 'a/y.log': 'yy', 'cache/z.txt': 'z', 'top.txt': 't' });
  const config = join(dir, 'c.conf');
  const ls = await rsyncish(['ls', src, '--exclude', '*.log', '--exclude', 'cache/'], { config });
  assert.equal(ls.code, 0, ls.stderr);
  assert.deepEqual(ls.stdout.trim().split('\n').map((l) => l.trim()).sort(), ['1 a/x.txt', '1 top.txt']);
  const lsl = await rsyncish(['lsl', src, '--include', '*.log'], { config });
  assert.match(lsl.stdout, /a\/y\.log\n$/);
  assert.equal(lsl.stdout.trim().split('\n').length, 1);
  const lsd = await rsyncish(['lsd', src, '--exclude', 'cache/'], { config });
  assert.match(lsd.stdout, / a\n$/);
  assert.doesNotMatch(lsd.stdout, /cache/);
});
