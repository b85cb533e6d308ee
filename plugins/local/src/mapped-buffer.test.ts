import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LocalBackend } from './local-backend.js';
import { OWN_MAPPING_BYTES } from './io-policy.js';
import { mappedBuffer } from './mapped-buffer.js';
import { readAll, tempDir } from './testing/support.js';

test('big whole-file buffers get a mapping of their own (a resizable ArrayBuffer), small ones come from malloc', () => {
  const big = mappedBuffer(OWN_MAPPING_BYTES + 1);
  assert.ok(Buffer.isBuffer(big));
  assert.equal(big.length, OWN_MAPPING_BYTES + 1);
  assert.equal(big.byteOffset, 0);
  assert.equal((big.buffer as ArrayBuffer & { resizable: boolean }).resizable, true);
  assert.equal(big.buffer.byteLength, OWN_MAPPING_BYTES + 1);
  assert.equal((mappedBuffer(OWN_MAPPING_BYTES - 1).buffer as ArrayBuffer & { resizable: boolean }).resizable, false);
});

test('a file read whole into its own mapping reads back byte for byte, the sizes around the limits included', async () => {
  const root = tempDir();
  const b = new LocalBackend({ root });
  for (const size of [OWN_MAPPING_BYTES - 2, OWN_MAPPING_BYTES - 1, OWN_MAPPING_BYTES, 1024 * 1024 - 1, 1024 * 1024]) {
    const content = randomBytes(size);
    writeFileSync(join(root, `f${size}`), content);
    assert.ok((await readAll(await b.get(`f${size}`))).equals(content), `size ${size}`);
  }
});
