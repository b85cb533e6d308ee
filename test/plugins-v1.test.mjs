// A plugin built for backend API version 1 (the memory backend as it was,
// with copy()/move() and no copyFrom/moveFrom) keeps working: it passes the
// version 1 subset of the testkit through core's compatibility layer, and the
// CLI loads it with one notice per run suggesting the upgrade.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runConformanceSuite } from '../packages/testkit/dist/index.js';
import { memoryBackend } from './fixtures/plugin-v1-memory/lib/definition.js';
import { MemoryBackend } from './fixtures/plugin-v1-memory/lib/memory-backend.js';
import { FIXTURES, isolatedPluginEnv } from './fixtures/plugin-env.mjs';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';

const PLUGIN = 'rsyncish-backend-memory-v1';
const NOTICE = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d NOTICE: plugin rsyncish-backend-memory-v1 uses backend API version 1; it works through a compatibility layer - upgrade it for backend API version 2 \(see docs\/writing-a-backend\.md\)$/;

runConformanceSuite({
  name: 'memory built for backend API version 1',
  apiVersion: 1,
  definition: memoryBackend,
  create: async () => new MemoryBackend(),
  skip: [{ check: 'bounded-memory', reason: 'an in-memory backend holds every file it stores' }],
});

test('a linked version 1 plugin shows its server-side copy and move, copies a tree, and costs one notice per run', async () => {
  const base = tempDir('rsyncish-plugins-v1-');
  const env = isolatedPluginEnv(base);
  const run = (args) => rsyncish(args, { env, cwd: base });
  const link = await run(['plugins', 'link', join(FIXTURES, 'plugin-v1-memory'), '--no-install']);
  assert.equal(link.code, 0, link.stderr + link.stdout);

  const backends = await run(['backends']);
  assert.equal(backends.code, 0, backends.stderr);
  assert.match(backends.stdout, new RegExp(`^memoryv1: In-memory storage built for backend API version 1 \\(test fixture\\) \\(from ${PLUGIN}\\)$`, 'm'));
  const section = backends.stdout.slice(backends.stdout.indexOf('memoryv1:'));
  assert.match(section, /server-side copy:\s+yes/);
  assert.match(section, /server-side move:\s+yes/);
  assert.deepEqual(backends.stderr.trimEnd().split('\n').filter((l) => /NOTICE/.test(l)).map((l) => NOTICE.test(l)), [true]);

  assert.equal((await run(['config', 'create', 'old', 'memoryv1'])).code, 0);
  const src = join(base, 'src');
  makeTree(src, { 'a.txt': 'alpha\n', 'sub/b.txt': 'bravo!\n' });
  // The store lives as long as the process: the copy's own verification (md5 of every file) is the check.
  const copy = await run(['copy', '-v', src, 'old:x']);
  assert.equal(copy.code, 0, copy.stderr);
  assert.match(copy.stderr, /Transferred:\s+2 \/ 2, 100%/);
  const notices = copy.stderr.split('\n').filter((l) => NOTICE.test(l));
  assert.equal(notices.length, 1, copy.stderr);
  assert.equal(copy.stderr.split('\n').filter((l) => / NOTICE: /.test(l)).length, 1, 'no other notice');

  // Unlinked, it is gone and so is the notice.
  assert.equal((await run(['plugins', 'uninstall', PLUGIN])).code, 0);
  const after = await run(['backends']);
  assert.doesNotMatch(after.stdout + after.stderr, /memoryv1|API version 1/);
});
