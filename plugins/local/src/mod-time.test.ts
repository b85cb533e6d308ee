import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { LocalBackend } from './local-backend.js';
import { canSetNanoseconds, modTimeOfStats, settablePrecisionMs, writeMicroseconds, writeNanoseconds } from './mod-time.js';
import { tempDir } from './testing/support.js';

const mtimeNs = (p: string) => statSync(p, { bigint: true }).mtimeNs;
const MS = 1_709_287_200_123;

test('a bigint stat splits into whole milliseconds and the nanoseconds past them, before 1970 too', () => {
  // As Node fills a BigIntStats: mtimeMs is mtimeNs / 1e6, truncated toward zero.
  const of = (ns: bigint) => modTimeOfStats({ mtimeNs: ns, mtimeMs: ns / 1_000_000n } as never);
  assert.deepEqual(of(1_709_287_200_123_456_789n), { modTime: MS, modTimeNanos: 456_789 });
  assert.deepEqual(of(-1n), { modTime: -1, modTimeNanos: 999_999 });
  assert.deepEqual(of(-1_000_000n), { modTime: -1, modTimeNanos: 0 });
  assert.deepEqual(of(-1_000_001n), { modTime: -2, modTimeNanos: 999_999 });
});

test('utimes alone keeps the microsecond exactly, and no finer', async () => {
  const f = join(tempDir(), 'f');
  writeFileSync(f, 'x');
  await writeMicroseconds(f, MS, 456_789);
  assert.equal(mtimeNs(f), 1_709_287_200_123_456_000n);
});

test('the declared precision is 1 ns exactly where nanoseconds can be set', () => {
  assert.equal(settablePrecisionMs(), canSetNanoseconds() ? 1e-6 : 1e-3);
});

test('nanoseconds are set exactly, atime too, before 1970 too; a failure rejects with its code', { skip: !canSetNanoseconds() && 'the addon is not built' }, async () => {
  const dir = tempDir();
  const files = Array.from({ length: 20 }, (_, i) => join(dir, `f ${i}\tx`));
  for (const f of files) writeFileSync(f, 'x');
  await Promise.all(files.map((f, i) => writeNanoseconds(f, MS, 456_700 + i)));
  files.forEach((f, i) => {
    const st = statSync(f, { bigint: true });
    assert.equal(st.mtimeNs, 1_709_287_200_123_456_700n + BigInt(i));
    assert.equal(st.atimeNs, st.mtimeNs);
  });
  await writeNanoseconds(files[0], -1, 999_999);
  assert.equal(mtimeNs(files[0]), -1n);
  await assert.rejects(writeNanoseconds(join(dir, 'missing'), MS, 1), { code: 'ENOENT' });
});

test('put, setModTime and copy keep the nanoseconds, small files and big', { skip: !canSetNanoseconds() && 'the addon is not built' }, async () => {
  const root = tempDir();
  const b = new LocalBackend({ root });
  const big = Buffer.alloc(3 << 20, 7);
  for (const [name, data] of [['small', Buffer.from('small')], ['big', big]] as const) {
    const put = await b.put(name, Readable.from([data]), { size: data.length, modTime: MS, modTimeNanos: 456_789 });
    assert.equal(put.modTimeNanos, 456_789);
    assert.equal(mtimeNs(join(root, name)), 1_709_287_200_123_456_789n, name);
    assert.deepEqual(await b.stat(name), { path: name, kind: 'file', size: data.length, modTime: MS, modTimeNanos: 456_789 });
  }
  await b.setModTime('small', MS + 1000, 1);
  assert.equal(mtimeNs(join(root, 'small')), 1_709_287_201_123_000_001n);
  await b.copyFrom(b, 'small', 'copied', { size: 5, modTime: MS + 1000, modTimeNanos: 1 });
  assert.equal(mtimeNs(join(root, 'copied')), 1_709_287_201_123_000_001n);
  const other = new LocalBackend({ root: tempDir() });
  await other.copyFrom(b, 'big', 'big', { size: big.length, modTime: MS, modTimeNanos: 5 });
  assert.equal(mtimeNs(join(other.fsPath('big'))), 1_709_287_200_123_000_005n);
});
