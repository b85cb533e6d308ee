// Issue "Backends from third parties": a backend plugin that lives outside the
// workspace is packed with npm, installed with `rsyncish plugins install`,
// used by every command with no change to rsyncish, and uninstalled again.
// No network: npm runs offline against a temp data dir (fixtures/plugin-env.mjs);
// the plugin's peer dependency on @rsyncish/core is met by the CLI's own core,
// which rsyncish links into the data dir before npm runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURES, isolatedPluginEnv } from './fixtures/plugin-env.mjs';
import { makeTree, ROOT, rsyncish, snapshot, tempDir } from './helpers.mjs';

const PLUGIN = 'rsyncish-backend-folder';

test('a packed backend plugin installs from its tarball, shows in plugins and backends, copies both ways, and uninstalls', async () => {
  const base = tempDir('rsyncish-plugins-');
  const env = isolatedPluginEnv(base);
  const run = (args) => rsyncish(args, { env, cwd: base });
  const tarball = execFileSync('npm', ['pack', join(FIXTURES, 'plugin-fixture'), '--pack-destination', base, '--silent'], {
    cwd: base, env: { ...process.env, ...env }, encoding: 'utf8',
  }).trim();
  assert.equal(tarball, `${PLUGIN}-1.0.0.tgz`);

  // A path relative to where the user stands, as npm would take it.
  const install = await run(['plugins', 'install', `./${tarball}`]);
  assert.equal(install.code, 0, install.stderr + install.stdout);
  assert.match(install.stderr, /Installing plugin file:.*rsyncish-backend-folder-1\.0\.0\.tgz\.\.\. installed v1\.0\.0/);
  assert.ok(existsSync(join(base, 'data/node_modules', PLUGIN, 'lib/hooks/backends.js')));
  assert.equal(realpathSync(join(base, 'data/node_modules/@rsyncish/core')), join(ROOT, 'packages/core'), 'the peer is the CLI\'s own core');

  const listed = await run(['plugins']);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /^rsyncish-backend-folder 1\.0\.0$/m);

  const backends = await run(['backends']);
  assert.equal(backends.code, 0, backends.stderr);
  assert.match(backends.stdout, /^folder: Files kept in a directory named by the dir option \(test fixture\) \(from rsyncish-backend-folder\)$/m);
  assert.match(backends.stdout, /flag --folder-dir, env RSYNCISH_FOLDER_DIR/);
  assert.equal(backends.stderr, '', 'a good plugin produces no warning');

  const store = join(base, 'store');
  const created = await run(['config', 'create', 'fx', 'folder', `dir=${store}`]);
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stdout, /\[fx\]\ntype = folder\ndir = /);

  const src = join(base, 'src');
  makeTree(src, {
    'top.txt': 'top level\n',
    'empty': '',
    'nested/deeper/leaf.md': '# leaf\n',
    'spaces and ünïcödé.txt': 'names\n',
    'big.bin': { size: 3 * 1024 * 1024, seed: 7 },
  });
  const up = await run(['copy', '-v', src, 'fx:backup']);
  assert.equal(up.code, 0, up.stderr);
  assert.match(up.stderr, /Transferred:\s+5 \/ 5, 100%/);
  assert.deepEqual(snapshot(join(store, 'backup')), snapshot(src), 'the plugin stored every file, modtimes included');

  const ls = await run(['ls', 'fx:backup']);
  assert.equal(ls.code, 0, ls.stderr);
  assert.deepEqual(ls.stdout.trim().split('\n').map((l) => l.trim()).sort(), [
    '0 empty', '10 top.txt', '3145728 big.bin', '6 spaces and ünïcödé.txt', '7 nested/deeper/leaf.md',
  ]);

  const back = join(base, 'back');
  const down = await run(['copy', 'fx:backup', back]);
  assert.equal(down.code, 0, down.stderr);
  assert.deepEqual(snapshot(back), snapshot(src), 'local -> plugin -> local is identical');

  const uninstall = await run(['plugins', 'uninstall', PLUGIN]);
  assert.equal(uninstall.code, 0, uninstall.stderr + uninstall.stdout);
  assert.match((await run(['plugins'])).stdout, /No plugins installed/);
  const after = await run(['backends']);
  assert.equal(after.code, 0, after.stderr);
  assert.doesNotMatch(after.stdout, /^folder:/m);
  assert.match(after.stdout, /^local:/m);
  const orphan = await run(['ls', 'fx:backup']);
  assert.notEqual(orphan.code, 0);
  assert.match(orphan.stderr, /folder/);
});

test('plugins link uses a plugin folder in place; plugins install of a folder points to link', async () => {
  const base = tempDir('rsyncish-plugins-');
  const env = isolatedPluginEnv(base);
  const run = (args) => rsyncish(args, { env, cwd: base });
  const folder = join(FIXTURES, 'plugin-fixture');

  const link = await run(['plugins', 'link', folder, '--no-install']);
  assert.equal(link.code, 0, link.stderr + link.stdout);
  assert.match((await run(['plugins'])).stdout, new RegExp(`^${PLUGIN} 1\\.0\\.0 \\(link\\) ${folder.replace(/\/$/, '')}$`, 'm'));
  makeTree(join(base, 'src'), { 'a.txt': 'linked\n' });
  assert.equal((await run(['config', 'create', 'ln', 'folder', `dir=${join(base, 'store')}`])).code, 0);
  const copy = await run(['copy', join(base, 'src'), 'ln:x']);
  assert.equal(copy.code, 0, copy.stderr);
  assert.deepEqual(snapshot(join(base, 'store/x')), snapshot(join(base, 'src')));
  assert.equal((await run(['plugins', 'uninstall', PLUGIN])).code, 0);
  assert.match((await run(['plugins'])).stdout, /No plugins installed/);

  const install = await run(['plugins', 'install', folder]);
  assert.equal(install.code, 1);
  assert.equal(install.stderr, `ERROR : ${folder} is a folder, not a package tarball (hint: use "rsyncish plugins link ${folder}", or "npm pack" it and install the .tgz)\n`);
});
