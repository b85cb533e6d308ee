// The build cannot lie: the published entry (bin/run.cjs) runs what was built,
// the dev entry (bin/dev.cjs, `npm run dev --`) rebuilds what changed first,
// and a bundle's bytes do not depend on where the build ran. The edit happens
// in a copy of the checkout, so the tests running beside this one never see it.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROOT, runProgram, tempDir } from './helpers.mjs';

const SOURCE = join('packages', 'core', 'src', 'registry', 'open-remote.ts');
const MESSAGE = "didn't find section in config file for remote";
const EDITED = 'no such remote in this build (edited by dev-build.test)';

/**
 * A copy of the checkout's packages, plugins and scripts with their builds,
 * whose node_modules links the workspace packages to the copy and everything
 * else to the checkout's installed dependencies.
 */
function copyCheckout() {
  const copy = tempDir('rsyncish-dev-build-');
  const skipNodeModules = (src) => !relative(ROOT, src).split('/').includes('node_modules');
  for (const part of ['packages', 'plugins', 'scripts', 'package.json', 'tsconfig.json', 'tsconfig.base.json']) {
    cpSync(join(ROOT, part), join(copy, part), { recursive: true, preserveTimestamps: true, filter: skipNodeModules });
  }
  mkdirSync(join(copy, 'node_modules', '@rsyncish'), { recursive: true });
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== '@rsyncish') symlinkSync(join(ROOT, 'node_modules', name), join(copy, 'node_modules', name));
  }
  for (const group of ['packages', 'plugins']) {
    for (const dir of readdirSync(join(copy, group))) {
      const { name } = JSON.parse(readFileSync(join(copy, group, dir, 'package.json'), 'utf8'));
      if (name.startsWith('@rsyncish/')) symlinkSync(join(copy, group, dir), join(copy, 'node_modules', name));
    }
  }
  return copy;
}

test('after an edit to core, bin/run.cjs runs the last build and bin/dev.cjs rebuilds and runs the new code', { timeout: 10 * 60_000 }, async () => {
  const copy = copyCheckout();
  const file = join(copy, SOURCE);
  const before = readFileSync(file, 'utf8');
  assert.ok(before.includes(MESSAGE), `${SOURCE} no longer says "${MESSAGE}": pick another line for this test`);
  writeFileSync(file, before.replace(MESSAGE, EDITED));
  const env = { ...process.env, RSYNCISH_CONFIG: join(copy, 'none.conf') };
  const cli = join(copy, 'packages', 'cli', 'bin');

  const published = await runProgram(process.execPath, [join(cli, 'run.cjs'), 'ls', 'nosuch:'], { env });
  assert.equal(published.code, 1, published.stderr);
  assert.match(published.stderr, new RegExp(MESSAGE), 'the published entry rebuilt something');

  const dev = await runProgram(process.execPath, [join(cli, 'dev.cjs'), 'ls', 'nosuch:'], { env });
  assert.equal(dev.code, 1, dev.stderr);
  assert.ok(dev.stderr.includes(EDITED), `the dev entry ran the old code:\n${dev.stderr}`);

  const again = await runProgram(process.execPath, [join(cli, 'run.cjs'), 'ls', 'nosuch:'], { env });
  assert.ok(again.stderr.includes(EDITED), `the published entry does not run the rebuilt bundle:\n${again.stderr}`);
});

test('two builds of each bundle from different working directories give the same bytes', { timeout: 5 * 60_000 }, async () => {
  const script = `
    const { bundleText } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'scripts', 'bundle.mjs')).href)});
    const { BUNDLES } = (await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(join(ROOT, 'scripts', 'bundles.cjs'))});
    const { createHash } = await import('node:crypto');
    for (const name of Object.keys(BUNDLES)) console.log(name, createHash('sha256').update(await bundleText(name)).digest('hex'));
  `;
  const digests = [];
  for (const cwd of [ROOT, tempDir('rsyncish-bundle-cwd-')]) {
    const run = await runProgram(process.execPath, ['--input-type=module', '-e', script], { cwd });
    assert.equal(run.code, 0, run.stderr);
    digests.push(run.stdout);
  }
  assert.ok(digests[0].split('\n').length > 5, `no bundles were built:\n${digests[0]}`);
  assert.equal(digests[1], digests[0]);
});
