import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFields, FieldsError, parseFields } from './fields.js';

const list = {
  kind: 'drive#fileList',
  nextPageToken: 't',
  files: [
    { id: 'a', name: 'A', size: '3', owners: [{ displayName: 'x', me: true }] },
    { id: 'b', name: 'B', owners: [] },
  ],
};

test('files(...) selects inside each element; other keys drop out', () => {
  assert.deepEqual(applyFields(list, parseFields('files(id,name),nextPageToken')), {
    nextPageToken: 't',
    files: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }],
  });
});

test('slash paths, nested selections, * and repeated keys merge', () => {
  assert.deepEqual(applyFields(list, parseFields('files/id,files/owners(me)')), {
    files: [{ id: 'a', owners: [{ me: true }] }, { id: 'b', owners: [] }],
  });
  assert.deepEqual(applyFields(list, parseFields('*')), list);
  assert.deepEqual(applyFields(list, parseFields('files(*)')), { files: list.files });
  assert.deepEqual(applyFields({ storageQuota: { limit: '1', usage: '0' }, user: { me: true } }, parseFields('storageQuota(limit), user')), {
    storageQuota: { limit: '1' },
    user: { me: true },
  });
});

test('absent keys are simply absent', () => {
  assert.deepEqual(applyFields({ id: 'x' }, parseFields('id,md5Checksum')), { id: 'x' });
});

test('malformed selections are FieldsErrors', () => {
  for (const bad of ['', 'files(id', 'files)', 'a,,b', 'files(id))', 'a b']) assert.throws(() => parseFields(bad), FieldsError, bad);
});
