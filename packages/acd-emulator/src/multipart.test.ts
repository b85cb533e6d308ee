import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunksOf, multipart } from './harness.js';
import { boundaryFrom, MultipartError, MultipartReader } from './multipart.js';

async function* feed(chunks: Buffer[]): AsyncGenerator<Buffer> {
  for (const c of chunks) yield c;
}

async function readAll(chunks: Buffer[], boundary: string): Promise<Array<{ name?: string; filename?: string; data: string }>> {
  const reader = new MultipartReader(feed(chunks), boundary);
  const out = [];
  for (let part = await reader.nextPart(); part; part = await reader.nextPart()) {
    const bufs: Buffer[] = [];
    for await (const b of reader.body()) bufs.push(b);
    out.push({ name: part.name, filename: part.filename, data: Buffer.concat(bufs).toString('latin1') });
  }
  return out;
}

const boundary = 'a'.repeat(60);
// The content deliberately contains boundary look-alikes and CRLFs.
const tricky = `\r\n--${'a'.repeat(59)}\r\n--${boundary.slice(0, 30)}x\r\n\r\nend`;
const body = multipart([
  { headers: ['Content-Disposition: form-data; name="metadata"'], data: '{"name":"x"}' },
  { headers: ['Content-Disposition: form-data; name="content"; filename="q\\"uote.txt"', 'Content-Type: text/plain'], data: tricky },
], boundary).body;

test('boundaries split at every possible chunk position are found', async () => {
  for (const size of [1, 2, 3, 5, 13, 61, 62, 63, 64, 100, body.length]) {
    const parts = await readAll(chunksOf(body, size), boundary);
    assert.deepEqual(parts, [
      { name: 'metadata', filename: undefined, data: '{"name":"x"}' },
      { name: 'content', filename: 'q"uote.txt', data: tricky },
    ], `chunk size ${size}`);
  }
});

test('a body cut short is an error, not a silent partial part', async () => {
  await assert.rejects(readAll([body.subarray(0, body.length - 10)], boundary), MultipartError);
  await assert.rejects(readAll([Buffer.from('no boundary at all')], boundary), MultipartError);
});

test('boundary is taken from the Content-Type, quoted or not', () => {
  assert.equal(boundaryFrom(`multipart/form-data; boundary=${boundary}`), boundary);
  assert.equal(boundaryFrom('multipart/form-data; boundary="x y"'), 'x y');
  assert.equal(boundaryFrom('application/json'), undefined);
  assert.equal(boundaryFrom(undefined), undefined);
});
