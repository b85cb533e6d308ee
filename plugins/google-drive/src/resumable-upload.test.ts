// Resumable uploads against a real drive emulator process: a stream of unknown size, and
// chunks the emulator fails, end as exactly the bytes sent.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { failingAtOnce } from '@rsyncish/testkit';
import { readAll, startHarness, type Harness } from './testing/support.js';

let harness: Harness;
const KiB = 1024;
const CHUNKED = { chunk_size: 256 * KiB, upload_cutoff: 256 * KiB };

before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness.stop();
});

function data(size: number, seed: number): Buffer {
  const buf = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buf[i] = (i * 131 + seed) & 0xff;
  return buf;
}

/** Uneven pieces, so chunk edges never fall on a source buffer's edge. */
function pieces(buf: Buffer): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += 10_000) parts.push(buf.subarray(i, i + 10_000));
  return Readable.from(parts);
}

async function uploadRequests(): Promise<{ method: string; url: string; status: number }[]> {
  const res = await fetch(`${harness.emu.url}/_emulator/requests`);
  const { requests } = (await res.json()) as { requests: { method: string; url: string; status: number }[] };
  return requests.filter((r) => r.url.includes('upload_id='));
}

test('a stream of unknown size goes up chunk by chunk, its size given with the last chunk', async () => {
  const b = await harness.open({ root: 'unknown-size', options: CHUNKED });
  const content = data(600 * KiB + 5, 1);
  const before = (await uploadRequests()).length;
  const entry = await b.put('streamed.bin', pieces(content), { size: -1 });
  assert.equal(entry.size, content.length);
  assert.equal(entry.hashes?.md5, createHash('md5').update(content).digest('hex'));
  assert.deepEqual(await readAll(await b.get('streamed.bin')), content);
  assert.equal((await uploadRequests()).length - before, 3, 'three chunks: 256 KiB, 256 KiB, 88 KiB + 5');
});

test('a chunk the server fails is sent again from where the session stands, and the file is whole', async () => {
  const b = await harness.open({ root: 'failed-chunk', options: CHUNKED, lowLevelRetries: 5 });
  const res = await fetch(`${harness.emu.url}/_emulator/faults/inject`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'PUT', path: '/upload/drive/v3/files', status: 503, count: 2 }),
  });
  assert.ok(res.ok, await res.text());
  const content = data(700 * KiB, 2);
  const entry = await b.put('resumed.bin', pieces(content), { size: content.length });
  assert.equal(entry.hashes?.md5, createHash('md5').update(content).digest('hex'));
  assert.deepEqual(await readAll(await b.get('resumed.bin')), content);
  const failed = (await uploadRequests()).filter((r) => r.status === 503);
  assert.equal(failed.length, 2, 'the two injected failures were served');
  assert.ok(harness.logs.some((l) => /asking the server where to resume/.test(l)), harness.logs.join('\n'));
});

for (const [kind, size] of [['multipart', 10], ['resumable', 600 * KiB]] as const) {
  test(`a source that fails before a ${kind} upload reads it makes put reject, and nothing is stored`, async () => {
    const b = await harness.open({ root: `early-failure-${kind}`, options: CHUNKED });
    await assert.rejects(b.put('early.bin', failingAtOnce(), { size }), /simulated source failure before the first byte/);
    await assert.rejects(b.stat('early.bin'), { code: 'ERR_NOT_FOUND' });
  });
}
