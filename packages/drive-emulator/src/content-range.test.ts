import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRange } from '@rsyncish/emulator-kit';
import { parseContentRange } from './content-range.js';

test('resumable chunk ranges: bytes, unknown totals, status queries', () => {
  assert.deepEqual(parseContentRange('bytes 0-262143/1000000'), { kind: 'bytes', start: 0, end: 262143, total: 1000000 });
  assert.deepEqual(parseContentRange('bytes 262144-524287/*'), { kind: 'bytes', start: 262144, end: 524287, total: undefined });
  assert.deepEqual(parseContentRange('bytes */1000000'), { kind: 'status', total: 1000000 });
  assert.deepEqual(parseContentRange('bytes */*'), { kind: 'status', total: undefined });
  for (const bad of ['bytes 5-4/10', 'bytes 0-10/10', 'items 0-1/2', 'bytes 0-/10', 'bytes=0-1/2', '']) {
    assert.equal(parseContentRange(bad), undefined, bad);
  }
  assert.equal(parseContentRange(undefined), undefined);
});

test('download ranges: first-last, open-ended, suffix, unsatisfiable, ignored', () => {
  assert.deepEqual(parseRange('bytes=10-19', 100), { start: 10, end: 19 });
  assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 99 });
  assert.deepEqual(parseRange('bytes=95-200', 100), { start: 95, end: 99 });
  assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 99 });
  assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
  assert.equal(parseRange('bytes=0-1,5-6', 100), undefined, 'several ranges: the whole body');
  assert.equal(parseRange(undefined, 100), undefined);
});
