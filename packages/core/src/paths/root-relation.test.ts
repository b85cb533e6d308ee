import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rootRelation } from './root-relation.js';

const at = (path: string, store = 'local', caseInsensitive = false) => ({ store, path, caseInsensitive });

test('roots in different stores never overlap, whatever their paths', () => {
  assert.deepEqual(rootRelation(at('a', 'acd:one'), at('a', 'acd:two')), { kind: 'apart' });
});

test('one root inside the other is found by whole segments', () => {
  assert.deepEqual(rootRelation(at('/tmp/a'), at('/tmp/a/backup/x')), { kind: 'dst-inside-src', rel: 'backup/x' });
  assert.deepEqual(rootRelation(at('/tmp/a/backup'), at('/tmp/a')), { kind: 'src-inside-dst', rel: 'backup' });
  assert.deepEqual(rootRelation(at('/tmp/a'), at('/tmp/a/')), { kind: 'same' });
  assert.deepEqual(rootRelation(at('/tmp/a'), at('/tmp/ab')), { kind: 'apart' });
  assert.deepEqual(rootRelation(at(''), at('x')), { kind: 'dst-inside-src', rel: 'x' });
});

test('a case-insensitive store compares folded, and reports the inner root as spelled', () => {
  assert.deepEqual(rootRelation(at('Photos', 'acd:', true), at('photos/Backup', 'acd:', true)), { kind: 'dst-inside-src', rel: 'Backup' });
  assert.deepEqual(rootRelation(at('Photos', 'acd:', true), at('photos', 'acd:', true)), { kind: 'same' });
  assert.deepEqual(rootRelation(at('Photos'), at('photos')), { kind: 'apart' });
});
