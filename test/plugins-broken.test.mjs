// Issue "Backends from third parties": a plugin whose hook throws, one built
// for another backend API version (offering two backends) and one that claims
// a type already taken each cost ONE warning line naming the plugin and the
// reason; rsyncish and the good plugins keep working.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURES, isolatedPluginEnv } from './fixtures/plugin-env.mjs';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';

const WARNINGS = [
  /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d NOTICE: plugin rsyncish-backend-dup-type not loaded: backend type "local" is already registered by @rsyncish\/plugin-local$/,
  /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d NOTICE: plugin rsyncish-backend-old-api not loaded: built for backend API version 3, this rsyncish supports version 2$/,
  /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d NOTICE: plugin rsyncish-backend-throws not loaded: its rsyncish:backends hook failed: licence server unreachable$/,
];

test('each broken plugin is one warning line naming it and the reason, and commands keep working', async () => {
  const base = tempDir('rsyncish-plugins-');
  const env = isolatedPluginEnv(base);
  const run = (args) => rsyncish(args, { env, cwd: base });
  for (const name of ['plugin-throws', 'plugin-old-api', 'plugin-dup-type', 'plugin-fixture']) {
    const link = await run(['plugins', 'link', join(FIXTURES, name), '--no-install']);
    assert.equal(link.code, 0, link.stderr + link.stdout);
  }

  const dir = join(base, 'files');
  makeTree(dir, { 'a.txt': 'alpha\n', 'sub/b.txt': 'bravo!\n' });
  const ls = await run(['ls', dir]);
  assert.equal(ls.code, 0, ls.stderr);
  assert.equal(ls.stdout, '        6 a.txt\n        7 sub/b.txt\n');
  const lines = ls.stderr.trimEnd().split('\n');
  assert.equal(lines.length, WARNINGS.length, ls.stderr);
  WARNINGS.forEach((pattern, i) => assert.match(lines[i], pattern));

  // The good plugin beside them is unaffected, and so is the built-in `local` the impostor wanted.
  const backends = await run(['backends']);
  assert.equal(backends.code, 0, backends.stderr);
  assert.match(backends.stdout, /^folder: .*\(from rsyncish-backend-folder\)$/m);
  assert.match(backends.stdout, /^local: .*\(from @rsyncish\/plugin-local\)$/m);
  assert.doesNotMatch(backends.stdout, /futurea|futureb|impostor/);
  assert.equal(backends.stderr.trimEnd().split('\n').length, WARNINGS.length);

  // Commands that do not load backends (plugin management, help, --version) print no warning at all.
  for (const args of [['plugins'], ['--version'], ['--help']]) {
    const r = await run(args);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '', `${args.join(' ')} printed: ${r.stderr}`);
  }

  // -q hides notices, as in rclone.
  const quiet = await run(['ls', dir, '-q']);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.equal(quiet.stderr, '');
});
