// `npm init @rsyncish/backend` scaffolds a plugin whose tests pass on first
// run and whose tarball holds no tests. npm init runs the bin of
// @rsyncish/create-backend through `npm exec`; here npm exec runs it from the
// packed tarball, as it would from the registry. The plugin is then installed
// against core and testkit packed from this checkout, offline: registry
// packages come from npm's cache as this repository's `npm ci` left it,
// pinned by a lockfile (support/offline-lockfile.mjs explains why).
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, runProgram, tempDir } from './helpers.mjs';
import { offlineLockfile } from './support/offline-lockfile.mjs';

/**
 * npm's own settings from an enclosing `npm test` would steer the inner npm
 * runs, and NODE_TEST_CONTEXT would make the plugin's node --test report to
 * this test runner instead of printing its results.
 */
function npmEnv() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE_TEST_CONTEXT'));
  return { ...env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

const npm = (args, cwd) => runProgram('npm', args, { cwd, env: npmEnv() });

/** Packs a workspace package into dir; resolves the tarball's path. */
async function pack(pkg, dir) {
  const packed = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], join(ROOT, 'packages', pkg));
  assert.equal(packed.code, 0, packed.stderr);
  return join(dir, JSON.parse(packed.stdout)[0].filename);
}

/** What `npm init @rsyncish/backend ...args` runs, from the packed creator. */
function createBackend(creator, args, cwd) {
  return npm(['exec', '--offline', '--yes', `--package=${creator}`, '--', 'create-backend', ...args], cwd);
}

let packing;
/** core, testkit and create-backend packed once for this file, into their own folder. */
function packed() {
  if (!packing) {
    const dir = tempDir('rsyncish-create-backend-packs-');
    packing = Promise.all(['core', 'testkit', 'create-backend'].map((p) => pack(p, dir)));
  }
  return packing;
}

const TEST_ONLY = /(\.test\.|(^|\/)testing\/|^src\/)/;

test('npm init @rsyncish/backend writes a plugin whose tests pass on first run, offline, and whose tarball holds no tests', { timeout: 240_000 }, async (t) => {
  const base = tempDir('rsyncish-create-backend-');
  const [core, testkit, creator] = await packed();

  const dir = join(base, 'rsyncish-backend-mystore');
  mkdirSync(dir);
  const created = await createBackend(creator, ['mystore'], dir);
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stdout, /^Created rsyncish-backend-mystore in /);
  for (const f of ['package.json', 'tsconfig.json', 'README.md', '.gitignore', 'src/definition.ts', 'src/options.ts', 'src/backend.ts', 'src/conformance.test.ts']) {
    assert.match(created.stdout, new RegExp(`^  ${f.replace('.', '\\.')}$`, 'm'));
  }

  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  assert.deepEqual(manifest.oclif.hooks, { 'rsyncish:backends': './dist/hooks/backends.js' });
  const repoVersion = (pkg) => `^${JSON.parse(readFileSync(join(ROOT, 'packages', pkg, 'package.json'), 'utf8')).version}`;
  assert.equal(manifest.peerDependencies['@rsyncish/core'], repoVersion('core'));
  assert.equal(manifest.devDependencies['@rsyncish/core'], repoVersion('core'));
  assert.equal(manifest.devDependencies['@rsyncish/testkit'], repoVersion('testkit'));

  // The packed core and testkit stand in for the published ones.
  manifest.devDependencies['@rsyncish/core'] = `file:${core}`;
  manifest.devDependencies['@rsyncish/testkit'] = `file:${testkit}`;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const read = (pkg) => JSON.parse(readFileSync(join(ROOT, 'packages', pkg, 'package.json'), 'utf8'));
  const lock = offlineLockfile(dir, manifest, {
    '@rsyncish/core': { tarball: core, manifest: read('core') },
    '@rsyncish/testkit': { tarball: testkit, manifest: read('testkit') },
  });
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);

  const install = await npm(['install', '--offline'], dir);
  if (install.code !== 0 && /ENOTCACHED/.test(install.stderr)) {
    t.skip(`npm cannot install offline here: ${install.stderr.split('\n').find((l) => /ENOTCACHED|request to/.test(l))}`);
    return;
  }
  assert.equal(install.code, 0, install.stderr);

  const tested = await npm(['test'], dir);
  assert.equal(tested.code, 0, tested.stdout + tested.stderr);
  assert.match(tested.stdout, /^# Subtest: rsyncish backend conformance: mystore$/m);
  assert.match(tested.stdout, /^# fail 0$/m);
  const passed = Number(/^# pass (\d+)$/m.exec(tested.stdout)?.[1]);
  assert.ok(passed >= 40, `only ${passed} tests passed:\n${tested.stdout}`);

  const dryRun = await npm(['pack', '--dry-run', '--json'], dir);
  assert.equal(dryRun.code, 0, dryRun.stderr);
  const files = JSON.parse(dryRun.stdout)[0].files.map((f) => f.path);
  assert.ok(files.includes('dist/hooks/backends.js'), `the tarball lacks the hook: ${files.join(', ')}`);
  assert.ok(files.includes('dist/backend.js'), `the tarball lacks the backend: ${files.join(', ')}`);
  assert.deepEqual(files.filter((f) => TEST_ONLY.test(f)), []);
});

test('npm init @rsyncish/backend refuses a folder that is not empty, in one line with a hint, and writes nothing', async () => {
  const base = tempDir('rsyncish-create-backend-');
  const creator = (await packed())[2];
  const dir = join(base, 'taken');
  mkdirSync(dir);
  writeFileSync(join(dir, 'notes.txt'), 'mine\n');
  const refused = await createBackend(creator, ['mystore'], dir);
  assert.equal(refused.code, 1, refused.stdout + refused.stderr);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /^ERROR : \S+taken is not empty \(it holds "notes\.txt"\); the scaffold writes only into an empty folder \(hint: make a new folder, cd into it and run npm init @rsyncish\/backend again\)$/m);
  // npm exec may add lines of its own (a notice that it installed the package); ours is one line.
  const ours = refused.stderr.trimEnd().split('\n').filter((l) => !/^npm (warn|notice|error) /.test(l));
  assert.equal(ours.length, 1, `one line, no stack trace: ${refused.stderr}`);
  assert.deepEqual(readdirSync(dir), ['notes.txt']);
});
