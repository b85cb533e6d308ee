import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRange } from './range.js';

test('single ranges of three forms; past the end is unsatisfiable; other forms send the whole file', () => {
  assert.deepEqual(parseRange('bytes=2-5', 10), { start: 2, end: 5 });
  assert.deepEqual(parseRange('bytes=7-', 10), { start: 7, end: 9 });
  assert.deepEqual(parseRange('bytes=-3', 10), { start: 7, end: 9 });
  assert.deepEqual(parseRange('bytes=5-100', 10), { start: 5, end: 9 });
  assert.equal(parseRange('bytes=10-', 10), 'unsatisfiable');
  assert.equal(parseRange('bytes=0-1,4-5', 10), undefined);
  assert.equal(parseRange(undefined, 10), undefined);
});

test('an empty file is sent whole whatever the range', () => {
  assert.equal(parseRange('bytes=0-', 0), undefined);
});
