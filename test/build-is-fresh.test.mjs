// The CLI runs its bundles (scripts/bundle.mjs), and the published entry never
// rebuilds them: a bundle older than its sources would run old code. These
// fail until `npm run build` (or the dev entry, `npm run dev`) has run.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers.mjs';

const { BUNDLES, staleBundles } = createRequire(import.meta.url)(join(ROOT, 'scripts', 'bundles.cjs'));

test('every bundle is newer than its package\'s sources and tsc\'s last output', () => {
  const stale = staleBundles();
  assert.deepEqual(stale, [], `older than their sources: ${stale.map((n) => join(BUNDLES[n].dir, BUNDLES[n].out)).join(', ')}; run "npm run build"`);
});

test('the command manifest is newer than the CLI bundle it describes', () => {
  const cli = join(ROOT, 'packages', 'cli');
  const manifest = statSync(join(cli, 'oclif.manifest.json')).mtimeMs;
  const bundle = statSync(join(cli, 'dist', 'bundle.cjs')).mtimeMs;
  assert.ok(manifest >= bundle, 'packages/cli/oclif.manifest.json is older than dist/bundle.cjs; run "npm run build"');
});
