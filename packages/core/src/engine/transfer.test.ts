import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import type { Entry, PutOptions } from '../contract/index.js';
import { HashMismatchError } from '../errors/index.js';
import { TestMemoryBackend } from '../testing/memory-backend.js';
import { Accounting } from './accounting.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './options.js';
import { copy } from './sync.js';

// One attempt per file: a failed verification is retried otherwise, and each retry waits.
const options: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, fileRetries: 1 };

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/**
 * A destination that declares hashesOnPut: it records what put() was asked
 * for and answers with the hash `stored` gives for the bytes it received.
 */
function hashingDestination(stored: (data: Buffer) => string | undefined) {
  const dst = new TestMemoryBackend('dst', { hashesOnPut: ['md5'] });
  const asked: PutOptions[] = [];
  dst.put = async (path: string, content: Readable, options: PutOptions): Promise<Entry> => {
    asked.push(options);
    const chunks: Buffer[] = [];
    for await (const c of content) chunks.push(c as Buffer);
    const data = Buffer.concat(chunks);
    dst.addFile(path, data, options.modTime);
    const md5 = options.computeHashes?.includes('md5') ? stored(data) : undefined;
    return { path, kind: 'file', size: data.length, hashes: md5 ? { md5 } : undefined };
  };
  return { dst, asked };
}

function source(): TestMemoryBackend {
  const src = new TestMemoryBackend('src');
  src.addFile('a.txt', 'hello');
  return src;
}

test('a source that states its hash and a destination that hashes on put: the stored hash is asked for and compared', async () => {
  const { dst, asked } = hashingDestination((data) => createHash('md5').update(data).digest('hex'));
  const stats = new Accounting();
  await copy({ src: source(), dst, options }, stats);
  assert.equal(stats.errors, 0);
  assert.equal(stats.transfers, 1);
  assert.deepEqual(asked.map((o) => o.computeHashes), [['md5']]);
  assert.equal(asked[0]!.hashes?.md5, md5('hello'));
  assert.equal(dst.files.get('a.txt')?.data.toString(), 'hello');
});

test('a stored hash other than the source states fails the transfer, naming both, and the copy is removed', async () => {
  const { dst } = hashingDestination(() => '0'.repeat(32));
  const stats = new Accounting();
  await copy({ src: source(), dst, options }, stats);
  assert.equal(stats.errors, 1);
  assert.equal(dst.files.size, 0);
  assert.match(stats.lastError!.message, new RegExp(`md5 mismatch: src reports ${md5('hello')}, dst stored 0{32}`));
});

test('a destination that declares hashesOnPut but reports no hash fails the transfer: it could not be verified', async () => {
  const { dst } = hashingDestination(() => undefined);
  const stats = new Accounting();
  await copy({ src: source(), dst, options }, stats);
  assert.equal(stats.errors, 1);
  assert.equal(dst.files.size, 0);
  assert.match(stats.lastError!.message, /dst did not report the md5 of what it stored/);
});

test('without a hash from the source, the engine hashes in flight and asks the destination too', async () => {
  const src = new TestMemoryBackend('src', { hashes: ['md5'] });
  src.addFile('a.txt', 'hello');
  // Entries without a hash, as from a local listing: the hash is read on demand only.
  const stat = src.stat.bind(src);
  src.stat = async (path) => ({ ...(await stat(path)), hashes: undefined });
  const list = src.list.bind(src);
  src.list = async function* (dir) {
    for await (const e of list(dir)) yield { ...e, hashes: undefined };
  };
  const { dst, asked } = hashingDestination(() => '0'.repeat(32));
  const stats = new Accounting();
  await copy({ src, dst, options }, stats);
  assert.deepEqual(asked.map((o) => o.computeHashes), [['md5']]);
  // What was sent (hashed here) and what was stored differ: caught.
  assert.equal(stats.errors, 1);
  assert.match(stats.lastError!.message, new RegExp(`md5 mismatch: sent ${md5('hello')}, dst stored 0{32}`));
});

test('a source whose bytes differ from its stated hash never replaces the file at the destination, and the error says so', async () => {
  const src = source();
  // Same size, other bytes: what a damaged blob on the server sends.
  src.get = async () => Readable.from([Buffer.from('hel'), Buffer.from('lX')]);
  const dst = new TestMemoryBackend('dst');
  dst.addFile('a.txt', 'previous');
  const stats = new Accounting();
  await copy({ src, dst, options }, stats);
  assert.equal(stats.errors, 1);
  assert.equal(dst.files.get('a.txt')?.data.toString(), 'previous');
  assert.equal((stats.lastError as Error & { code?: string }).code, 'ERR_HASH_MISMATCH');
  assert.match(stats.lastError!.message,
    new RegExp(`^a\\.txt: hash mismatch: md5 of the bytes read is ${md5('hellX')}, expected ${md5('hello')}; the copy was not stored and the previous version was kept$`));
});

test('a source that sends fewer bytes than listed fails before the destination stores anything', async () => {
  const src = source();
  src.get = async () => Readable.from([Buffer.from('hell')]);
  const dst = new TestMemoryBackend('dst');
  const stats = new Accounting();
  await copy({ src, dst, options }, stats);
  assert.equal(stats.errors, 1);
  assert.equal(dst.files.size, 0);
  assert.equal(dst.puts, 0, 'put() never completed');
  assert.match(stats.lastError!.message, /^a\.txt: source changed during transfer: read 4 bytes, expected 5; the copy was not stored$/);
});

test('a destination that hashes on put and refuses a mismatch before committing keeps its file; the error says so', async () => {
  const dst = new TestMemoryBackend('dst', { hashesOnPut: ['md5'] });
  dst.addFile('a.txt', 'previous');
  const asked: PutOptions[] = [];
  dst.put = async (_path: string, content: Readable, options: PutOptions): Promise<Entry> => {
    asked.push(options);
    for await (const _ of content) { /* received, then found to differ */ }
    throw new HashMismatchError(`md5 of the bytes received is ${'0'.repeat(32)}, expected ${options.hashes?.md5}`);
  };
  const stats = new Accounting();
  await copy({ src: source(), dst, options }, stats);
  assert.equal(asked[0]!.hashes?.md5, md5('hello'), 'put() was given the hash to check');
  assert.equal(dst.files.get('a.txt')?.data.toString(), 'previous');
  assert.match(stats.lastError!.message, /md5 of the bytes received is 0{32}, expected [0-9a-f]{32}; the copy was not stored and the previous version was kept$/);
});

test('an empty file is stored by a destination that never reads an empty stream', async () => {
  const src = new TestMemoryBackend('src');
  src.addFile('empty', '');
  const dst = new TestMemoryBackend('dst');
  dst.put = async (path: string, _content: Readable, options: PutOptions): Promise<Entry> => {
    dst.addFile(path, '', options.modTime);
    return dst.stat(path);
  };
  const stats = new Accounting();
  await copy({ src, dst, options }, stats);
  assert.equal(stats.errors, 0, stats.lastError?.message);
  assert.equal(dst.files.get('empty')?.data.length, 0);
});

test('a destination that stores a file before its input ended fails the transfer, and its copy is removed', async () => {
  const dst = new TestMemoryBackend('dst');
  dst.put = async (path: string, _content: Readable, options: PutOptions): Promise<Entry> => {
    dst.addFile(path, 'hello', options.modTime);
    return dst.stat(path);
  };
  const src = source();
  // All five bytes, then the source stays open: the input never ends, so it is never verified.
  const open = new Readable({ read() {} });
  open.push('hello');
  src.get = async () => open;
  const stats = new Accounting();
  await copy({ src, dst, options }, stats);
  assert.equal(stats.errors, 1);
  assert.equal(dst.files.size, 0);
  assert.equal(open.destroyed, true, 'the source is released');
  assert.match(stats.lastError!.message, /^a\.txt: dst stored the file before reading all of it \(\d+ bytes read\); the bad copy was removed$/);
});
