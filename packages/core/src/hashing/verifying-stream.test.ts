import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { test } from 'node:test';
import { VerifyingStream, type ExpectedContent } from './verifying-stream.js';

const md5 = (b: Buffer | string) => createHash('md5').update(b).digest('hex');

/** Everything a reader gets from the stream, and the error that ended it, if one did. */
function readAll(stream: VerifyingStream): Promise<{ data: Buffer; error?: Error }> {
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.once('end', () => resolve({ data: Buffer.concat(chunks) }));
    stream.once('error', (error) => resolve({ data: Buffer.concat(chunks), error }));
  });
}

/** A stream fed `chunks` one by one as a reader takes them, then ended. */
function feed(expected: ExpectedContent, chunks: string[]): { s: VerifyingStream; read: Promise<{ data: Buffer; error?: Error }> } {
  const s = new VerifyingStream(expected, []);
  const read = readAll(s);
  (async () => {
    for (const c of chunks) {
      s.write(Buffer.from(c));
      await new Promise((r) => setImmediate(r));
    }
    s.end();
  })();
  return { s, read };
}

test('bytes that match the expected size and hash pass through unchanged, and the stream says verified', async () => {
  const { s, read } = feed({ size: 9, hash: { type: 'md5', value: md5('abcdefghi') } }, ['abc', 'def', 'ghi']);
  const { data, error } = await read;
  assert.equal(error, undefined);
  assert.equal(data.toString(), 'abcdefghi');
  assert.equal(s.verified, true);
  assert.equal(s.failure, undefined);
  assert.equal(s.bytes, 9);
});

test('the last chunk is held back until the input has ended', async () => {
  const s = new VerifyingStream({ size: 6 }, []);
  s.write(Buffer.from('abc'));
  s.write(Buffer.from('def'));
  // Both writes are transformed synchronously; only the first chunk may be readable.
  const first = s.read() as Buffer | null;
  assert.equal(first?.toString(), 'abc');
  assert.equal(s.read(), null, 'the last chunk is not readable before end of input');
  s.end();
  await once(s, 'readable');
  assert.equal((s.read() as Buffer).toString(), 'def');
});

test('a hash mismatch errors the stream instead of releasing the last chunk', async () => {
  const { s, read } = feed({ size: 6, hash: { type: 'md5', value: md5('abcdeX') } }, ['abc', 'def']);
  const { data, error } = await read;
  assert.equal(data.toString(), 'abc', 'the reader never had every byte');
  assert.equal((error as Error & { code?: string }).code, 'ERR_HASH_MISMATCH');
  assert.match(error!.message, new RegExp(`md5 of the bytes read is ${md5('abcdef')}, expected ${md5('abcdeX')}`));
  assert.deepEqual(s.failure?.kind, 'hash');
  assert.equal(s.verified, false);
});

test('a stated hash in upper case is compared without regard to case', async () => {
  const { s, read } = feed({ size: 3, hash: { type: 'md5', value: md5('abc').toUpperCase() } }, ['abc']);
  assert.equal((await read).error, undefined);
  assert.equal(s.verified, true);
});

test('fewer bytes than expected fail at end of input, after a reader got all but the last chunk', async () => {
  const { s, read } = feed({ size: 10 }, ['abc', 'def']);
  const { data, error } = await read;
  assert.equal(data.toString(), 'abc');
  assert.equal((error as Error & { code?: string }).code, 'ERR_SOURCE_CHANGED');
  assert.match(error!.message, /read 6 bytes, expected 10/);
  assert.equal(s.failure?.kind, 'size');
});

test('more bytes than expected fail as soon as they arrive', async () => {
  const s = new VerifyingStream({ size: 4 }, []);
  s.write(Buffer.from('abc'));
  s.write(Buffer.from('def'));
  const { data, error } = await readAll(s);
  assert.equal(data.toString(), '', 'the held chunk is dropped');
  assert.match(error!.message, /read more than the 4 bytes expected/);
  assert.equal(s.failure?.kind, 'size');
});

test('an empty input verifies against size 0 and the hash of nothing', async () => {
  const { s, read } = feed({ size: 0, hash: { type: 'md5', value: md5('') } }, []);
  const { data, error } = await read;
  assert.equal(error, undefined);
  assert.equal(data.length, 0);
  assert.equal(s.verified, true);
});

test('an unknown size (-1) is not checked; other hashes are computed alongside for the caller', async () => {
  const s = new VerifyingStream({ size: -1 }, ['sha1']);
  s.end(Buffer.from('hello'));
  const { data, error } = await readAll(s);
  assert.equal(error, undefined);
  assert.equal(data.toString(), 'hello');
  assert.equal(s.digests().sha1, createHash('sha1').update('hello').digest('hex'));
  assert.deepEqual(s.digests(), s.digests(), 'digests() answers the same when asked again');
});
