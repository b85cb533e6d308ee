import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { NotADirectoryError, IsADirectoryError } from './errors.js';
import { LocalBackend } from './local-backend.js';
import { recordingLogger, startEndlessPut, tempDir } from './testing/support.js';
import { WORKER_HASH_BYTES } from './io-policy.js';

const ABC_MD5 = '900150983cd24fb0d6963f7d28e17f72';
const ABC_SHA1 = 'a9993e364706816aba3e25717850c26c9cd0d89d';

/** A stream that yields `good` and then fails, like a dropped network source. */
function failingHalfway(good: string): Readable {
  return Readable.from(
    (async function* () {
      yield Buffer.from(good);
      throw new Error('source went away');
    })(),
  );
}

test('put creates parent directories and returns the stored entry', async () => {
  const root = join(tempDir(), 'not-yet');
  const b = new LocalBackend({ root });
  const e = await b.put('a/b c/new.txt', Readable.from([Buffer.from('abc')]), { size: 3, modTime: 1_600_000_000_000 });
  assert.deepEqual(e, { path: 'a/b c/new.txt', kind: 'file', size: 3, modTime: 1_600_000_000_000 });
  assert.equal(readFileSync(join(root, 'a/b c/new.txt'), 'utf8'), 'abc');
});

test('put computes md5 and sha1 of the bytes as they are written when asked', async () => {
  const b = new LocalBackend({ root: tempDir() });
  const e = await b.put('abc', Readable.from([Buffer.from('a'), Buffer.from('bc')]), { size: 3, computeHashes: ['md5', 'sha1', 'quickxor'] });
  assert.deepEqual(e.hashes, { md5: ABC_MD5, sha1: ABC_SHA1 });
  const plain = await b.put('abc2', Readable.from([Buffer.from('abc')]), { size: 3 });
  assert.equal(plain.hashes, undefined);
});

/** `count` chunks of 1 MiB, each of one byte value; `failAfter` chunks in, the stream fails. */
function mebibytes(count: number, failAfter = Infinity): Readable {
  return Readable.from(
    (async function* () {
      for (let i = 0; i < count; i++) {
        if (i === failAfter) throw new Error('source went away');
        yield Buffer.alloc(1024 * 1024, i & 0xff);
      }
    })(),
  );
}

test('a big file (hashed on a worker thread where there are CPUs for it) gets the hashes of every byte written', async () => {
  const root = tempDir();
  const b = new LocalBackend({ root });
  const count = WORKER_HASH_BYTES / (1024 * 1024) + 1;
  const e = await b.put('big', mebibytes(count), { size: count * 1024 * 1024, computeHashes: ['md5', 'sha1'] });
  const md5 = createHash('md5');
  const sha1 = createHash('sha1');
  for (let i = 0; i < count; i++) {
    md5.update(Buffer.alloc(1024 * 1024, i & 0xff));
    sha1.update(Buffer.alloc(1024 * 1024, i & 0xff));
  }
  assert.deepEqual(e.hashes, { md5: md5.digest('hex'), sha1: sha1.digest('hex') });
  assert.equal(e.size, count * 1024 * 1024);
  assert.deepEqual(readdirSync(root), ['big']);
});

test('a big hashed put whose source fails, or that is short, keeps the previous version and leaves no temp file', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'big'), 'previous');
  const b = new LocalBackend({ root });
  const count = WORKER_HASH_BYTES / (1024 * 1024) + 1;
  const size = count * 1024 * 1024;
  await assert.rejects(b.put('big', mebibytes(count, 40), { size, computeHashes: ['md5'] }), /source went away/);
  await assert.rejects(b.put('big', mebibytes(count - 1), { size, computeHashes: ['md5'] }), new RegExp(`received ${size - 1024 * 1024} bytes, expected ${size}`));
  const ac = new AbortController();
  const endless = new Readable({ read() { this.push(Buffer.alloc(1024 * 1024)); } });
  setTimeout(() => ac.abort(), 20);
  await assert.rejects(b.put('big', endless, { size, computeHashes: ['md5'], signal: ac.signal }), { name: 'AbortError' });
  assert.equal(readFileSync(join(root, 'big'), 'utf8'), 'previous');
  assert.deepEqual(readdirSync(root), ['big']);
});

test('put replaces an existing file and leaves no temp file behind', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'f'), 'old content');
  const b = new LocalBackend({ root });
  await b.put('f', Readable.from([Buffer.from('new')]), { size: 3 });
  assert.equal(readFileSync(join(root, 'f'), 'utf8'), 'new');
  assert.deepEqual(readdirSync(root), ['f']);
});

test('a stream that errors half-way keeps the previous version and leaves no temp file', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'f'), 'previous');
  const b = new LocalBackend({ root });
  await assert.rejects(b.put('f', failingHalfway('partial data'), { size: 100 }), /source went away/);
  assert.equal(readFileSync(join(root, 'f'), 'utf8'), 'previous');
  assert.deepEqual(readdirSync(root), ['f']);

  await assert.rejects(b.put('fresh', failingHalfway('partial'), { size: 100 }), /source went away/);
  assert.deepEqual(readdirSync(root), ['f']);
});

test('an aborted put keeps the previous version and leaves no temp file', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'f'), 'previous');
  const b = new LocalBackend({ root });
  const ac = new AbortController();
  const endless = new Readable({ read() { this.push(Buffer.alloc(1024)); } });
  setTimeout(() => ac.abort(), 20);
  await assert.rejects(b.put('f', endless, { size: -1, signal: ac.signal }), { name: 'AbortError' });
  assert.equal(readFileSync(join(root, 'f'), 'utf8'), 'previous');
  assert.deepEqual(readdirSync(root), ['f']);
});

test('a put aborted before it starts, or whose source fails at once, leaves nothing behind', async () => {
  const root = tempDir();
  const b = new LocalBackend({ root });
  for (let i = 0; i < 20; i++) {
    await assert.rejects(
      b.put('f', Readable.from([Buffer.from('x')]), { size: 1, signal: AbortSignal.abort() }),
      { name: 'AbortError' },
    );
    const failing = new Readable({ read() { this.destroy(new Error('no source')); } });
    await assert.rejects(b.put('g', failing, { size: 1 }), /no source/);
  }
  assert.deepEqual(readdirSync(root), []);
});

test('a stream shorter than the declared size is refused and the previous version kept', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'f'), 'previous');
  const b = new LocalBackend({ root });
  await assert.rejects(b.put('f', Readable.from([Buffer.from('abc')]), { size: 10 }), /received 3 bytes, expected 10/);
  assert.equal(readFileSync(join(root, 'f'), 'utf8'), 'previous');
  assert.deepEqual(readdirSync(root), ['f']);
});

test('a SIGKILLed writer leaves only the .partial temp name, never a truncated file', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'target'), 'previous');
  // Wait until the temp file has real content, then kill without warning.
  const child = await startEndlessPut(root);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  assert.equal(readFileSync(join(root, 'target'), 'utf8'), 'previous');
  const names = readdirSync(root).sort();
  assert.equal(names.length, 2);
  assert.match(names[0]!, /^\.target\.[0-9a-f]{6}\.partial$/);
  assert.equal(names[1], 'target');
});

test('modification times round-trip to the millisecond', async () => {
  const root = tempDir();
  const b = new LocalBackend({ root });
  const times = [1_700_000_000_123, 1_700_000_000_999, 1_600_000_000_001, 946_684_799_999, 0, 4_102_444_800_007];
  for (let i = 0; i < 200; i++) times.push(1_500_000_000_000 + Math.floor(Math.random() * 500_000_000_000));
  for (const [i, t] of times.entries()) {
    const e = await b.put(`t${i}`, Readable.from([Buffer.from('x')]), { size: 1, modTime: t });
    assert.equal(e.modTime, t, `put ${t}`);
    assert.equal(Math.floor(statSync(join(root, `t${i}`)).mtimeMs), t, `on disk ${t}`);
    assert.equal((await b.stat(`t${i}`)).modTime, t, `stat ${t}`);
  }
});

test('1700000000123 ms is stored as exactly that many nanoseconds, no float residue', async () => {
  const root = tempDir();
  await new LocalBackend({ root }).put('f', Readable.from([Buffer.from('x')]), { size: 1, modTime: 1_700_000_000_123 });
  assert.equal(statSync(join(root, 'f'), { bigint: true }).mtimeNs, 1_700_000_000_123_000_000n);
});

test('with no_set_modtime the stored file keeps the time it was written, and modtimes are not writable', async () => {
  const b = new LocalBackend({ root: tempDir(), options: { noSetModTime: true } });
  assert.equal(b.capabilities.modTime.write, false);
  const before = Date.now() - 1000;
  const e = await b.put('f', Readable.from([Buffer.from('x')]), { size: 1, modTime: 1_000_000_000_000 });
  assert.ok(e.modTime! >= before);
});

test('put onto a directory name fails before reading the content', async () => {
  const root = tempDir();
  mkdirSync(join(root, 'taken'));
  const content = Readable.from([Buffer.from('x')]);
  await assert.rejects(new LocalBackend({ root }).put('taken', content, { size: 1 }), IsADirectoryError);
  assert.ok(content.destroyed);
});

test('put below a path that is a file says a file is in the way', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'file'), '');
  await assert.rejects(
    new LocalBackend({ root }).put('file/child', Readable.from([Buffer.from('x')]), { size: 1 }),
    (err: unknown) => err instanceof NotADirectoryError && /a file is in the way/.test(err.message),
  );
});

test('put("") writes a root that does not exist yet as a single file', async () => {
  const root = join(tempDir(), 'out.bin');
  const e = await new LocalBackend({ root }).put('', Readable.from([Buffer.from('solo')]), { size: 4 });
  assert.equal(e.kind, 'file');
  assert.equal(readFileSync(root, 'utf8'), 'solo');
});

test('a filesystem that keeps exact times gets no precision notice', async () => {
  const logger = recordingLogger();
  const b = new LocalBackend({ root: tempDir(), logger });
  await b.put('f', Readable.from([Buffer.from('x')]), { size: 1, modTime: 1_700_000_000_123 });
  await b.setModTime('f', 1_700_000_000_777);
  assert.deepEqual(logger.lines, []);
});

// hashesOnPut's promise: given the source's hash, put() checks what it wrote before the rename.
for (const [label, size] of [['small', 100_000], ['streamed', 2 * 1024 * 1024], ['hashed on a worker', WORKER_HASH_BYTES + 1024 * 1024]] as const) {
  test(`a ${label} put whose bytes differ from the stated md5 is refused and the previous version kept, no temp file left`, async () => {
    const dir = tempDir();
    const b = new LocalBackend({ root: dir });
    writeFileSync(join(dir, 'f'), 'previous');
    const data = Buffer.alloc(size, 3);
    const stated = createHash('md5').update(Buffer.alloc(size, 4)).digest('hex');
    await assert.rejects(b.put('f', Readable.from([data]), { size, hashes: { md5: stated }, computeHashes: ['md5'] }), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'ERR_HASH_MISMATCH');
      assert.match(err.message, new RegExp(`md5 of the bytes received is ${createHash('md5').update(data).digest('hex')}, expected ${stated}`));
      return true;
    });
    assert.equal(readFileSync(join(dir, 'f'), 'utf8'), 'previous');
    assert.deepEqual(readdirSync(dir), ['f']);
  });
}
