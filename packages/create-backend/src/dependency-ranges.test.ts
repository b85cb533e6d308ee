import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DEPENDENCY_RANGES } from './dependency-ranges.js';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));

test('a generated plugin depends on the core and testkit of this release and builds with its TypeScript', () => {
  const root = read('../../../package.json');
  assert.equal(DEPENDENCY_RANGES['@rsyncish/core'], `^${read('../../core/package.json').version}`);
  assert.equal(DEPENDENCY_RANGES['@rsyncish/testkit'], `^${read('../../testkit/package.json').version}`);
  assert.equal(DEPENDENCY_RANGES.typescript, root.devDependencies.typescript);
  assert.equal(DEPENDENCY_RANGES['@types/node'], root.devDependencies['@types/node']);
});
