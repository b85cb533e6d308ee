import assert from 'node:assert/strict';
import { test } from 'node:test';
import { didYouMean, editDistance } from './did-you-mean.js';

test('edit distance counts insertions, deletions and substitutions', () => {
  assert.equal(editDistance('cpy', 'copy'), 1);
  assert.equal(editDistance('cpy', 'cat'), 2);
  assert.equal(editDistance('', 'ls'), 2);
  assert.equal(editDistance('sync', 'sync'), 0);
});

test('suggestions are what rclone suggests: near names and names the text begins', () => {
  const names = ['cat', 'check', 'copy', 'copyto', 'ls', 'lsd', 'lsl', 'sync'];
  // rclone cpy: "Did you mean this? cat copy"
  assert.deepEqual(didYouMean('cpy', names), ['cat', 'copy']);
  assert.deepEqual(didYouMean('SNYC', names), ['sync']);
  assert.deepEqual(didYouMean('copyt', names), ['copy', 'copyto']);
  assert.deepEqual(didYouMean('frobnicate', names), []);
});
