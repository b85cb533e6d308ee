// Resumable uploads on the emulator with 256 KiB chunks: failed chunks are
// resumed from what the server kept, and an upload that cannot be what it
// claims stores nothing and leaves the previous version.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import type { Backend } from '@rsyncish/core';
import { gcsBackend } from './definition.js';
import { startHarness, uniqueBucket, type GcsHarness } from './testing/support.js';

const KiB = 1024;
let harness: GcsHarness;
let backend: Backend;
before(async () => {
  harness = await startHarness();
  backend = await gcsBackend.create(harness.context({ upload_cutoff: '256Ki', chunk_size: '256Ki' }, uniqueBucket('resumable'), 5));
  await backend.put('f.bin', Readable.from([Buffer.from('previous')]), { size: 8 });
});
after(async () => {
  await backend?.close?.();
  await harness?.stop();
});

function bytes(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

async function stored(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await backend.get(path)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

test('chunks that fail after keeping part of their bytes are resumed, and the object verifies', async () => {
  const data = bytes(1024 * KiB + 7, 1);
  const before = harness.emulator.stats().chunkFailures;
  harness.emulator.setFaults({ failEveryNthChunk: 2 });
  try {
    const entry = await backend.put('ok.bin', Readable.from([data]), { size: data.length });
    assert.equal(entry.hashes?.md5, md5(data));
  } finally {
    harness.emulator.setFaults({ failEveryNthChunk: 0 });
  }
  assert.ok(harness.emulator.stats().chunkFailures - before >= 2);
  assert.equal(md5(await stored('ok.bin')), md5(data));
});

test('a stream of unknown size goes up resumably and its end closes the upload', async () => {
  const data = bytes(700 * KiB, 2);
  const entry = await backend.put('unknown.bin', Readable.from([data.subarray(0, 300 * KiB), data.subarray(300 * KiB)]), { size: -1 });
  assert.equal(entry.size, data.length);
  assert.equal(md5(await stored('unknown.bin')), md5(data));
});

test('a source that fails midway, or gives more bytes than stated, stores nothing over the previous version', async () => {
  async function* failing() {
    yield bytes(600 * KiB, 3);
    throw new Error('disk read failed');
  }
  await assert.rejects(backend.put('f.bin', Readable.from(failing()), { size: 1024 * KiB }), /disk read failed/);
  await assert.rejects(backend.put('f.bin', Readable.from([bytes(900 * KiB, 4)]), { size: 600 * KiB }), /more than the 614400 bytes expected/);
  assert.equal((await stored('f.bin')).toString(), 'previous');
});
