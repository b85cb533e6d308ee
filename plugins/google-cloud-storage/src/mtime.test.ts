import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRfc3339Nano, modTimeOf, mtimeMetadata, parseRfc3339Nano } from './mtime.js';

test('modtimes are written as Go writes time.RFC3339Nano: no trailing zeros, no fraction when whole', () => {
  const ms = Date.parse('2020-01-02T03:04:05.123Z');
  assert.equal(formatRfc3339Nano(ms, 456789), '2020-01-02T03:04:05.123456789Z');
  assert.equal(formatRfc3339Nano(ms, 400000), '2020-01-02T03:04:05.1234Z');
  assert.equal(formatRfc3339Nano(Date.parse('2020-01-02T03:04:05.100Z')), '2020-01-02T03:04:05.1Z');
  assert.equal(formatRfc3339Nano(Date.parse('2020-01-02T03:04:05Z')), '2020-01-02T03:04:05Z');
  assert.deepEqual(mtimeMetadata(ms, 456789), { mtime: '2020-01-02T03:04:05.123456789Z', 'goog-reserved-file-mtime': '1577934245' });
});

test('modtimes read back to the nanosecond, in any zone', () => {
  assert.deepEqual(parseRfc3339Nano('2020-01-02T03:04:05.123456789Z'), { ms: Date.parse('2020-01-02T03:04:05.123Z'), nanos: 456789 });
  assert.deepEqual(parseRfc3339Nano('2020-01-02T04:04:05.5+01:00'), { ms: Date.parse('2020-01-02T03:04:05.500Z'), nanos: 0 });
  assert.equal(parseRfc3339Nano('yesterday'), undefined);
});

test('a modtime is read as rclone 1.60 reads it: mtime, else the gsutil key, else updated', () => {
  const updated = '2024-01-01T00:00:00.000Z';
  assert.equal(modTimeOf({ mtime: '2020-01-02T03:04:05Z', 'goog-reserved-file-mtime': '1' }, updated)?.ms, Date.parse('2020-01-02T03:04:05Z'));
  assert.equal(modTimeOf({ mtime: 'garbage', 'goog-reserved-file-mtime': '1577934245' }, updated)?.ms, 1577934245000);
  assert.equal(modTimeOf(undefined, updated)?.ms, Date.parse(updated));
});
