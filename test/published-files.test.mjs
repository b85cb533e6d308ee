// What `npm publish` would put in each package's tarball: the code users run,
// no tests, test helpers or dev entry, and no import of a package that an
// install leaves out (a devDependency).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, runProgram } from './helpers.mjs';

/** Not for users: tests, their helpers and fixtures, the checkout's dev entry. */
const TEST_ONLY = /(\.test\.|(^|\/)testing\/|(^|\/)fixtures\/|^bin\/dev\.cjs$)/;

/** Plugins import core from the CLI that loads them (packages/cli's offer-core hook installs it beside them), so they list it as a dev dependency. */
const PROVIDED_BY_HOST = new Set(['@rsyncish/core']);

const packages = ['packages', 'plugins'].flatMap((group) => readdirSync(join(ROOT, group)).map((dir) => join(ROOT, group, dir)));

for (const dir of packages) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  test(`${manifest.name}'s tarball holds no tests and imports no dev dependency`, async () => {
    const pack = await runProgram('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir });
    assert.equal(pack.code, 0, pack.stderr);
    const files = JSON.parse(pack.stdout)[0].files.map((f) => f.path);
    assert.ok(files.includes('package.json'), 'npm pack listed no package.json');
    assert.deepEqual(files.filter((f) => TEST_ONLY.test(f)), []);
    const devOnly = Object.keys(manifest.devDependencies ?? {}).filter((name) => !(manifest.dependencies ?? {})[name] && !PROVIDED_BY_HOST.has(name));
    const imports = [];
    for (const file of files.filter((f) => /\.(c|m)?js$/.test(f))) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const name of devOnly) {
        const quoted = new RegExp(`(from|import\\(|require\\()\\s*['"]${name.replace(/[/.]/g, '\\$&')}(/[^'"]*)?['"]`);
        if (quoted.test(text)) imports.push(`${file} imports ${name}`);
      }
    }
    assert.deepEqual(imports, []);
  });
}

/** The module format of a file: its extension, else the package's "type". */
function formatOf(file, type) {
  if (/\.(d\.)?c(js|ts)$/.test(file)) return 'commonjs';
  if (/\.(d\.)?m(js|ts)$/.test(file)) return 'module';
  return type === 'module' ? 'module' : 'commonjs';
}

for (const dir of packages) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!manifest.main) continue;
  test(`${manifest.name}'s main, types and exports name existing files of one module format`, () => {
    const pairs = [[manifest.main, manifest.types]];
    const root = manifest.exports?.['.'];
    if (root) pairs.push([root.default ?? root.require ?? root.import, root.types]);
    for (const [code, types] of pairs) {
      assert.ok(types, `${manifest.name} names no types for ${code}`);
      for (const file of [code, types]) assert.ok(existsSync(join(dir, file)), `${manifest.name}: ${file} does not exist (did the build run?)`);
      assert.equal(formatOf(types, manifest.type), formatOf(code, manifest.type), `${manifest.name}: ${code} and its types ${types} are of different module formats`);
    }
  });
}
