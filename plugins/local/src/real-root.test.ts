import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { realRoot } from './real-root.js';

test('a root is located by its real path: through .., a symlinked directory, and below names not made yet', async () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'real-root-')));
  mkdirSync(join(dir, 'a/b'), { recursive: true });
  symlinkSync(join(dir, 'a'), join(dir, 'link'));
  assert.equal(await realRoot(join(dir, 'a/b/../b')), join(dir, 'a/b'));
  assert.equal(await realRoot(join(dir, 'link/b')), join(dir, 'a/b'));
  assert.equal(await realRoot(join(dir, 'link/new/deeper')), join(dir, 'a/new/deeper'));
});
