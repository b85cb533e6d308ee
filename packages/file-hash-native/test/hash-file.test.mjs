import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

const native = createRequire(import.meta.url)('../index.cjs');
// tmpfs where there is one: the truncation test needs writes faster than the hash.
const dir = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'file-hash-native-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const WINDOW = 8 * 1024 * 1024;
const digest = (type, data) => createHash(type).update(data).digest('hex');

test('the addon is built (CI builds it at npm ci; elsewhere its absence is allowed)', { skip: !process.env.CI && !native.available && native.unavailable }, () => {
  assert.equal(native.available, true, native.unavailable);
});

test('md5 and sha1 of files around the mapping window match node:crypto', { skip: !native.available }, async () => {
  const data = randomBytes(2 * WINDOW + 5);
  for (const size of [0, 1, 4096, WINDOW - 1, WINDOW, WINDOW + 1, 2 * WINDOW + 5]) {
    const file = join(dir, `f${size}`);
    writeFileSync(file, data.subarray(0, size));
    const result = await native.hashFile(file, ['md5', 'sha1']);
    assert.deepEqual(result, { digests: [digest('md5', data.subarray(0, size)), digest('sha1', data.subarray(0, size))], bytes: size }, `size ${size}`);
  }
});

test('a file that cannot be mapped (a character device) is read instead', { skip: !native.available || process.platform === 'win32' }, async () => {
  assert.deepEqual(await native.hashFile('/dev/null', ['md5']), { digests: ['d41d8cd98f00b204e9800998ecf8427e'], bytes: 0 });
});

test('a pipe is read as a stream', { skip: !native.available || process.platform === 'win32' }, async () => {
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const data = randomBytes(3 * 128 * 1024 + 17);
  // Opening either end waits for the other: both opens run on the thread pool.
  const hashed = native.hashFile(fifo, ['md5']);
  await writeFile(fifo, data);
  assert.deepEqual(await hashed, { digests: [digest('md5', data)], bytes: data.length });
});

test('failures are Node-style errors with the errno code and the path', { skip: !native.available }, async () => {
  const missing = join(dir, 'missing');
  await assert.rejects(native.hashFile(missing, ['md5']), (err) => {
    assert.equal(err.code, 'ENOENT');
    assert.equal(err.syscall, 'open');
    assert.equal(err.path, missing);
    return true;
  });
  await assert.rejects(native.hashFile(dir, ['md5']), { code: 'EISDIR' });
  await assert.rejects(native.hashFile(missing, ['crc32']), TypeError);
  await assert.rejects(native.hashFile(missing, []), TypeError);
});

test('a file cut short while it is mapped and hashed: no crash, and the digest is of the bytes it got', { skip: !native.available }, async () => {
  // Cutting a mapped file raises SIGBUS on its lost pages; the addon must
  // catch it and read on. Cuts at different moments: some land mid-window.
  const data = randomBytes(8 * WINDOW);
  const file = join(dir, 'cut');
  const lengths = new Set();
  const midHash = () => [...lengths].some((n) => n > 4096 && n < data.length);
  // Cut later and later until one cut falls while the file is being hashed
  // (not before it began or after it ended): on a busy machine the hash may
  // start late, so no fixed delay is sure to land inside it.
  for (let i = 0; i < 60 && !(i >= 12 && midHash()); i++) {
    writeFileSync(file, data);
    const pending = native.hashFile(file, ['md5']);
    await sleep(i * 4);
    truncateSync(file, 4096);
    const { digests, bytes } = await pending;
    assert.equal(digests[0], digest('md5', data.subarray(0, bytes)), `cut after ${i * 4} ms: ${bytes} bytes`);
    lengths.add(bytes);
  }
  assert.ok(midHash(), `no cut fell while the file was hashed; lengths seen: ${[...lengths].join(', ')}`);
});
