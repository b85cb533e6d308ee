import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { receivedFromRange } from './api/drive-api.js';
import { ChunkReader } from './chunk-reader.js';

async function chunks(parts: Buffer[], size: number) {
  const reader = new ChunkReader(Readable.from(parts), size);
  const out: { bytes: string; last: boolean }[] = [];
  for (;;) {
    const { chunk, last } = await reader.next();
    out.push({ bytes: chunk.toString(), last });
    if (last) return out;
  }
}

test('chunks are cut at the chunk size across source buffers, the last one marked', async () => {
  assert.deepEqual(await chunks([Buffer.from('abc'), Buffer.from('defgh')], 3), [
    { bytes: 'abc', last: false }, { bytes: 'def', last: false }, { bytes: 'gh', last: true },
  ]);
});

test('a stream of exactly whole chunks ends with its last full chunk, not an empty one', async () => {
  assert.deepEqual(await chunks([Buffer.from('abcdef')], 3), [{ bytes: 'abc', last: false }, { bytes: 'def', last: true }]);
});

test('an empty stream is one empty last chunk', async () => {
  assert.deepEqual(await chunks([], 3), [{ bytes: '', last: true }]);
});

test('a source that fails after its last byte fails before the last chunk is handed out', async () => {
  const failing = Readable.from((async function* () {
    yield Buffer.from('abcd');
    throw new Error('read failed');
  })());
  const reader = new ChunkReader(failing, 3);
  assert.deepEqual((await reader.next()).chunk.toString(), 'abc');
  await assert.rejects(reader.next(), /read failed/);
});

test('a 308 Range header gives the bytes the session holds', () => {
  assert.equal(receivedFromRange('bytes=0-262143'), 262144);
  assert.equal(receivedFromRange(undefined), 0);
});
