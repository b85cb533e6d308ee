// The CLI bundle matches oclif's plugin list with scripts/shims/minimatch-literal.cjs
// in place of minimatch (scripts/bundles.cjs, `substitute`): it must answer as
// minimatch does, for literal names and globs alike.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const require = createRequire(import.meta.url);
const shim = require(join(ROOT, 'scripts', 'shims', 'minimatch-literal.cjs'));
const { minimatch } = require('minimatch');

const PATHS = ['@rsyncish/plugin-local', '@rsyncish/plugin-s3', '@oclif/plugin-help', '@oclif/core', 'plugin-local', 'a', 'a/b', 'a//b', 'a/', '', '#x', '.hidden', 'x.y', '@x', 'abc', '.', '..', './a', 'a/..', '@a/b/c', '@a//b'];
const PATTERNS = ['@rsyncish/plugin-local', '@rsyncish/plugin-*', '@oclif/plugin-{help,plugins}', '@oclif/*', '!@oclif/core', 'plugin-local', 'a', 'a/b', 'a/', '', '#x', '.hidden', '*', '**', 'x.y', '@(x|y)', '+(a)', 'a?c', '[ab]bc', '\\a', '@x', '.', './a', '@a/b/c', '@a//b', '@a/b'];

test('the literal-first minimatch answers as minimatch for every pair of a table of names and patterns', () => {
  for (const path of PATHS) {
    for (const pattern of PATTERNS) {
      assert.equal(shim.minimatch(path, pattern), minimatch(path, pattern), `minimatch(${JSON.stringify(path)}, ${JSON.stringify(pattern)})`);
      assert.equal(shim.minimatch(path, pattern, { dot: true }), minimatch(path, pattern, { dot: true }), `with options: ${JSON.stringify(path)}, ${JSON.stringify(pattern)}`);
    }
  }
  // The CLI's own plugin list and dependencies, as oclif matches them at every start.
  const pjson = JSON.parse(readFileSync(join(ROOT, 'packages', 'cli', 'package.json'), 'utf8'));
  for (const dep of Object.keys(pjson.dependencies)) {
    for (const pattern of pjson.oclif.plugins) assert.equal(shim.minimatch(dep, pattern), minimatch(dep, pattern), `${dep} against ${pattern}`);
  }
});

test('the CLI bundle carries the literal-first minimatch', () => {
  const bundle = readFileSync(join(ROOT, 'packages', 'cli', 'dist', 'bundle.cjs'), 'utf8');
  assert.match(bundle, /scripts\/shims\/minimatch-literal\.cjs/);
});
