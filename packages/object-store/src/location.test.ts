import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeStoreLocation, locateInStore } from './location.js';

test('the first segment of root and path is the store, the rest the key', () => {
  assert.deepEqual(locateInStore('', ''), { store: '', key: '' });
  assert.deepEqual(locateInStore('bucket', ''), { store: 'bucket', key: '' });
  assert.deepEqual(locateInStore('bucket/dir', 'a/b.txt'), { store: 'bucket', key: 'dir/a/b.txt' });
  assert.deepEqual(locateInStore('', 'bucket/x'), { store: 'bucket', key: 'x' });
});

test('a location reads as store/key in messages', () => {
  assert.equal(describeStoreLocation({ store: 'b', key: '' }), 'b');
  assert.equal(describeStoreLocation({ store: 'b', key: 'k/x' }), 'b/k/x');
});
