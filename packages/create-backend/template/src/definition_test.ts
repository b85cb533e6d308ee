import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { createTestContext } from '@rsyncish/testkit';
import { __TYPE__Backend } from './definition.js';

test('a remote without root_dir is refused with a hint naming the option', async () => {
  // Without the definition's option check (which refuses it first), as a script could open it.
  await assert.rejects(async () => __TYPE__Backend.create(createTestContext({ options: {} })), (err: { code?: string; hint?: string }) => {
    assert.equal(err.code, 'ERR_FATAL');
    assert.match(err.hint ?? '', /root_dir=/);
    return true;
  });
});

test('a remote opened at a sub-path keeps its files in that folder of root_dir', async (t) => {
  const rootDir = mkdtempSync(join(tmpdir(), '__TYPE__-definition-'));
  t.after(() => rmSync(rootDir, { recursive: true, force: true }));
  const backend = await __TYPE__Backend.create(createTestContext({ definition: __TYPE__Backend, options: { root_dir: rootDir }, root: 'backup' }));
  await backend.put('a.txt', Readable.from([Buffer.from('hello')]), { size: 5 });
  assert.equal(readFileSync(join(rootDir, 'backup', 'a.txt'), 'utf8'), 'hello');
});

test('the definition is built for backend API version 2, the contract of the core it was made with', () => {
  assert.equal(__TYPE__Backend.apiVersion, 2);
});
