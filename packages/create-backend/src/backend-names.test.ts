import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backendNames } from './backend-names.js';

test('one type name gives the package, class and env names', () => {
  assert.deepEqual(backendNames('mystore'), {
    type: 'mystore',
    className: 'MystoreBackend',
    packageName: 'rsyncish-backend-mystore',
    envName: 'MYSTORE',
  });
});

test('a type rsyncish would refuse is refused before anything is written', () => {
  for (const bad of ['', 'My', 'my-store', '2go', 'my store']) {
    assert.throws(() => backendNames(bad), { code: 'ERR_BAD_TYPE_NAME', hint: /npm init @rsyncish\/backend mystore/ });
  }
});
