import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BACKEND_API_VERSION, BackendRegistry, reveal, type BackendDefinition } from '@rsyncish/core';
import { parseKeyValues } from './key-values.js';
import { redact } from './render.js';

// An sftp-like backend: rclone obscures its `pass` in the config file.
const def: BackendDefinition = {
  apiVersion: BACKEND_API_VERSION,
  type: 'vault',
  description: 'a backend with a password option',
  options: [
    { name: 'user', help: 'user', type: 'string' },
    { name: 'pass', help: 'password', type: 'string', password: true },
  ],
  capabilities: { hashes: [], modTime: { read: false, write: false, precisionMs: 1000 }, caseInsensitive: false, deleteIsTrash: false, emptyDirs: false },
  create() {
    throw new Error('not opened in this test');
  },
};
// rclone obscure's vector for "potato" (fs/config/obscure/obscure_test.go).
const POTATO = 'YWFhYWFhYWFhYWFhYWFhYXMaGgIlEQ';

test('a password given in the clear is stored obscured; one already obscured is stored as given', () => {
  const plain = parseKeyValues(['user=u', 'pass=hunter2'], def, 'r');
  assert.equal(plain.user, 'u');
  assert.notEqual(plain.pass, 'hunter2');
  assert.equal(reveal(plain.pass), 'hunter2');
  assert.equal(parseKeyValues([`pass=${POTATO}`], def, 'r').pass, POTATO);
  assert.equal(parseKeyValues(['pass='], def, 'r').pass, '');
});

test('--obscure obscures even a value that looks obscured; --no-obscure refuses one that is not', () => {
  const forced = parseKeyValues([`pass=${POTATO}`], def, 'r', 'obscure').pass;
  assert.equal(reveal(forced), POTATO);
  assert.equal(parseKeyValues([`pass=${POTATO}`], def, 'r', 'as-given').pass, POTATO);
  assert.throws(() => parseKeyValues(['pass=not obscured!'], def, 'r', 'as-given'), /the value of "pass" is not obscured, but --no-obscure says it is/);
});

test('a password option is masked like a secret when a section is shown', () => {
  const registry = new BackendRegistry();
  registry.add(def, 'test');
  assert.deepEqual(redact({ type: 'vault', user: 'u', pass: POTATO }, registry), { type: 'vault', user: 'u', pass: 'XXX' });
});
