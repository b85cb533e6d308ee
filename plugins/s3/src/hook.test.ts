import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BACKEND_API_VERSION, type BackendDefinition } from '@rsyncish/core';

// Loaded the way the CLI loads it: the file package.json names (the bundle
// scripts/bundle.mjs builds from dist/hooks/backends.js), with require, as oclif loads a CommonJS hook.
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { oclif: { hooks: Record<string, string> } };
const require = createRequire(import.meta.url);
const hookUrl = new URL(`../${pkg.oclif.hooks['rsyncish:backends']}`, import.meta.url);

test('the rsyncish:backends hook returns the s3 definition with apiVersion 2 and rclone option names', async () => {
  const hook = require(fileURLToPath(hookUrl)) as { default: () => Promise<BackendDefinition[]> };
  const defs = await hook.default();
  assert.equal(defs.length, 1);
  assert.equal(defs[0]!.apiVersion, BACKEND_API_VERSION);
  assert.equal(defs[0]!.type, 's3');
  assert.deepEqual(defs[0]!.capabilities.hashes, ['md5']);
  assert.equal(defs[0]!.capabilities.emptyDirs, false);
  assert.equal(pkg.oclif.hooks['rsyncish:backends'], './dist/hooks/backends.bundle.cjs');
});

/** Every module reached by static imports from a file in dist. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    const spec = m[1]!;
    if (spec.startsWith('.')) staticImports(fileURLToPath(new URL(spec, `file://${file}`)), seen);
    else seen.add(spec);
  }
  return seen;
}

test('loading the hook does not load the backend implementation (it is imported inside create())', () => {
  // Checked on the modules the bundle is built from: esbuild keeps a dynamic import's module unevaluated until called.
  const reached = [...staticImports(fileURLToPath(new URL('./hooks/backends.js', import.meta.url)))];
  assert.ok(!reached.some((m) => m.includes('@smithy')), `static imports reach ${reached.filter((m) => m.includes('@smithy')).join(', ')}`);
  assert.ok(!reached.some((m) => m.endsWith('-backend.js')), 'the backend class is not statically imported by the hook');
});
