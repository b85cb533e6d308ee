import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isListable, nodeToEntry } from './entry.js';

const file = { id: 'f1', name: 'a', kind: 'FILE', status: 'AVAILABLE', parents: ['p'], modifiedDate: '2014-03-07T22:31:12.173Z', contentProperties: { size: 3, md5: 'ABC', contentType: 'text/plain' } };

test('an entry takes modTime from modifiedDate, md5 lowercased, mimeType and id', () => {
  assert.deepEqual(nodeToEntry(file, 'x/a'), {
    path: 'x/a', kind: 'file', size: 3, id: 'f1', modTime: Date.UTC(2014, 2, 7, 22, 31, 12, 173), hashes: { md5: 'abc' }, mimeType: 'text/plain',
  });
});

test('an absent md5 is unknown and an absent size is 0 (likely PENDING) (C82)', () => {
  const e = nodeToEntry({ ...file, contentProperties: {} }, 'a');
  assert.equal(e.hashes, undefined);
  assert.equal(e.size, 0);
});

test('listings skip ASSET, PENDING, TRASH, nameless and foreign-parent nodes (C37)', () => {
  assert.equal(isListable(file, 'p'), true);
  assert.equal(isListable({ ...file, kind: 'ASSET' }, 'p'), false);
  assert.equal(isListable({ ...file, status: 'PENDING' }, 'p'), false);
  assert.equal(isListable({ ...file, status: 'TRASH' }, 'p'), false);
  assert.equal(isListable({ ...file, name: null }, 'p'), false);
  assert.equal(isListable({ ...file, parents: ['other'] }, 'p'), false);
  assert.equal(isListable({ ...file, name: '' }, 'p'), true, 'an empty name goes on, for the engine to refuse');
});
