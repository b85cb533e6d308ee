import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTouchTime } from './touch-time.js';

test('touch -t reads rclone\'s three layouts as UTC', () => {
  assert.deepEqual(parseTouchTime('170102', false), { ms: Date.UTC(2017, 0, 2), nanos: 0 });
  assert.deepEqual(parseTouchTime('690102', false), { ms: Date.UTC(1969, 0, 2), nanos: 0 });
  assert.deepEqual(parseTouchTime('2006-01-02T15:04:05', false), { ms: Date.UTC(2006, 0, 2, 15, 4, 5), nanos: 0 });
  assert.deepEqual(parseTouchTime('2006-01-02T15:04:05.123456789', false), { ms: Date.UTC(2006, 0, 2, 15, 4, 5, 123), nanos: 456789 });
  assert.deepEqual(parseTouchTime('2006-01-02T15:04:05.5', false), { ms: Date.UTC(2006, 0, 2, 15, 4, 5, 500), nanos: 0 });
});

test('touch -t refuses what is not a date, and a day the month does not have', () => {
  for (const bad of ['2020-01-02', '2020-13-01T00:00:00', '2023-02-30T00:00:00', 'yesterday', '17010']) {
    assert.throws(() => parseTouchTime(bad, false), { code: 'ERR_BAD_TIMESTAMP' }, bad);
  }
});
