// Issue "Backends from third parties": a backend plugin that lives outside the
// workspace is packed with npm, installed with `rsyncish plugins install`,
// used by every command with no change to rsyncish, and uninstalled again.
// No network: npm runs offline against a temp data dir (fixtures/plugin-env.mjs);
// the plugin's peer dependency on @rsyncish/core is met by the CLI's own core,
// which rsyncish links into the data dir before npm runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** A copy of the fixture plugin as version 2.0.0, changed by `edit`, packed into its own folder. */
function packVersion2(base, env, name, edit) {
  const folder = join(base, name);
  cpSync(join(FIXTURES, 'plugin-fixture'), folder, { recursive: true });
  const pjsonPath = join(folder, 'package.json');
  const pjson = JSON.parse(readFileSync(pjsonPath, 'utf8'));
  writeFileSync(pjsonPath, JSON.stringify(edit({ ...pjson, version: '2.0.0' }), null, 2));
  const out = join(base, `${name}-packed`);
  mkdirSync(out);
  const tarball = execFileSync('npm', ['pack', folder, '--pack-destination', out, '--silent'], { cwd: base, env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
  return join(out, tarball);
}

test('a plugins install that fails leaves the installed version working and names the cause; one that works replaces it', async () => {
  const base = tempDir('rsyncish-plugins-');
  const env = isolatedPluginEnv(base);
  const run = (args) => rsyncish(args, { env, cwd: base });
  const good = execFileSync('npm', ['pack', join(FIXTURES, 'plugin-fixture'), '--pack-destination', base, '--silent'], {
    cwd: base, env: { ...process.env, ...env }, encoding: 'utf8',
  }).trim();
  const first = await run(['plugins', 'install', `./${good}`]);
  assert.equal(first.code, 0, first.stderr + first.stdout);

  // npm itself fails: a dependency it cannot fetch offline.
  const unfetchable = packVersion2(base, env, 'unfetchable', (p) => ({ ...p, dependencies: { 'rsyncish-no-such-dependency': '^1.0.0' } }));
  // npm succeeds, but what it installed is no plugin: oclif refuses to load it.
  const notAPlugin = packVersion2(base, env, 'not-a-plugin', ({ oclif, ...p }) => p);
  const causes = [
    /npm ENOTCACHED: request to https:\/\/registry\.npmjs\.org\/rsyncish-no-such-dependency failed: cache mode is 'only-if-cached'/,
    /plugin is invalid \(Plugin failed to install because it does not appear to be a valid CLI plugin\)/,
  ];
  for (const [i, tarball] of [unfetchable, notAPlugin].entries()) {
    const failed = await run(['plugins', 'install', tarball]);
    assert.equal(failed.code, 1, failed.stderr + failed.stdout);
    const errors = failed.stderr.split('\n').filter((l) => l.startsWith('ERROR : '));
    assert.equal(errors.length, 1, failed.stderr);
    assert.match(errors[0], new RegExp(`^ERROR : plugins install file:${tarball.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} failed: `));
    assert.match(errors[0], causes[i]);
    assert.match(errors[0], /; the installed plugins were left as they were \(hint: /);

    assert.match((await run(['plugins'])).stdout, /^rsyncish-backend-folder 1\.0\.0$/m, 'the working version is still installed');
    const backends = await run(['backends']);
    assert.match(backends.stdout, /^folder: .*\(from rsyncish-backend-folder\)$/m);
    assert.equal(backends.stderr, '', 'and it loads without a warning');
    assert.deepEqual(readdirSync(dirname(env.RSYNCISH_DATA_DIR)).filter((n) => n.startsWith('data.')), [], 'no staging copy is left behind');
  }
  const store = join(base, 'store');
  assert.equal((await run(['config', 'create', 'fx', 'folder', `dir=${store}`])).code, 0);
  makeTree(join(base, 'src'), { 'a.txt': 'still works\n' });
  const copy = await run(['copy', join(base, 'src'), 'fx:x']);
  assert.equal(copy.code, 0, copy.stderr);
  assert.deepEqual(snapshot(join(store, 'x')), snapshot(join(base, 'src')));

  // A version that installs and loads takes the old one's place.
  const upgrade = await run(['plugins', 'install', packVersion2(base, env, 'upgrade', (p) => p)]);
  assert.equal(upgrade.code, 0, upgrade.stderr + upgrade.stdout);
  assert.match((await run(['plugins'])).stdout, /^rsyncish-backend-folder 2\.0\.0$/m);
  assert.match((await run(['backends'])).stdout, /^folder: .*\(from rsyncish-backend-folder\)$/m);
});
