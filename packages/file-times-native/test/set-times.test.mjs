import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const native = createRequire(import.meta.url)('../index.cjs');
const dir = mkdtempSync(join(tmpdir(), 'file-times-native-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const times = (p) => {
  const st = statSync(p, { bigint: true });
  return { atimeNs: st.atimeNs, mtimeNs: st.mtimeNs };
};

test('the addon is built (CI builds it at npm ci; elsewhere its absence is allowed)', { skip: !process.env.CI && !native.available && native.unavailable }, () => {
  assert.equal(native.available, true, native.unavailable);
});

test('atime and mtime are set to the nanosecond, each its own', { skip: !native.available }, async () => {
  const file = join(dir, 'f');
  writeFileSync(file, 'x');
  assert.equal(await native.setTimes(file, 1_709_287_100, 1, 1_709_287_200, 123_456_789), undefined);
  assert.deepEqual(times(file), { atimeNs: 1_709_287_100_000_000_001n, mtimeNs: 1_709_287_200_123_456_789n });
  await native.setTimes(file, 0, 999_999_999, 1_709_287_202, 999_999_999);
  assert.deepEqual(times(file), { atimeNs: 999_999_999n, mtimeNs: 1_709_287_202_999_999_999n });
});

test('times before 1970 and a directory', { skip: !native.available }, async () => {
  await native.setTimes(dir, -2, 500, -1, 999_999_999);
  assert.deepEqual(times(dir), { atimeNs: -1_999_999_500n, mtimeNs: -1n });
});

test('many at once, names with tabs and newlines', { skip: !native.available }, async () => {
  const files = Array.from({ length: 50 }, (_, i) => join(dir, `f ${i}\t\nx`));
  for (const f of files) writeFileSync(f, 'x');
  await Promise.all(files.map((f, i) => native.setTimes(f, 1_709_287_200, i, 1_709_287_200, 123_456_700 + i)));
  files.forEach((f, i) => assert.deepEqual(times(f), { atimeNs: 1_709_287_200_000_000_000n + BigInt(i), mtimeNs: 1_709_287_200_123_456_700n + BigInt(i) }));
});

test('a symlink is followed: its target gets the times', { skip: !native.available }, async () => {
  const target = join(dir, 'target');
  const link = join(dir, 'link');
  writeFileSync(target, 'x');
  symlinkSync(target, link);
  await native.setTimes(link, 1, 2, 3, 4);
  assert.deepEqual(times(target), { atimeNs: 1_000_000_002n, mtimeNs: 3_000_000_004n });
});

test('failures are Node-style errors with the errno code and the path', { skip: !native.available }, async () => {
  const missing = join(dir, 'missing');
  await assert.rejects(native.setTimes(missing, 1, 0, 1, 0), (err) => {
    assert.ok(err instanceof Error);
    assert.equal(err.code, 'ENOENT');
    assert.equal(err.syscall, 'utimensat');
    assert.equal(err.path, missing);
    return true;
  });
  const file = join(dir, 'plain');
  writeFileSync(file, 'x');
  await assert.rejects(native.setTimes(join(file, 'below'), 1, 0, 1, 0), { code: 'ENOTDIR' });
});

test('bad arguments are refused before any call: a NUL in the path, nanoseconds out of range, fractions', { skip: !native.available }, async () => {
  const file = join(dir, 'kept');
  writeFileSync(file, 'x');
  const before = times(file);
  await assert.rejects(native.setTimes(`${file}\0ignored`, 1, 0, 1, 0), TypeError);
  await assert.rejects(native.setTimes(file, 1, 0, 1, 1_000_000_000), RangeError);
  await assert.rejects(native.setTimes(file, 1, -1, 1, 0), RangeError);
  await assert.rejects(native.setTimes(file, 1.5, 0, 1, 0), RangeError);
  await assert.rejects(native.setTimes(file, 1, 0, Number.NaN, 0), RangeError);
  // The C side refuses them too, for a caller that goes around index.cjs.
  const raw = createRequire(import.meta.url)('../build/Release/file_times.node');
  assert.throws(() => raw.setTimes(`${file}\0ignored`, 1, 0, 1, 0), TypeError);
  assert.throws(() => raw.setTimes(file, 1, 0, 1, 1_000_000_000), TypeError);
  assert.throws(() => raw.setTimes(file, 1, 0, 1), TypeError);
  assert.deepEqual(times(file), before);
});
