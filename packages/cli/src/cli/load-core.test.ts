import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCore } from './load-core.js';

const src = fileURLToPath(new URL('../../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []);
}

test('loadCore gives the same core module as a static import', async () => {
  const viaImport = await import('@rsyncish/core');
  assert.equal(loadCore().Filter, viaImport.Filter);
});

test('no CLI source loads core with import(): that would scan the core bundle at every start', () => {
  const offenders = sources(src).filter((f) => /(?<!typeof )import\(\s*['"]@rsyncish\/core['"]\s*\)/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
});
