import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDuration, parseDurationNs, formatDuration } from './duration.js';
import { parseSize, formatSize } from './size.js';
import { UsageError } from '../errors/index.js';

test('sizes parse with binary multiples whatever the suffix spelling', () => {
  assert.equal(parseSize('9G'), 9 * 2 ** 30);
  assert.equal(parseSize('50G'), 50 * 2 ** 30);
  assert.equal(parseSize('50GB'), 50 * 2 ** 30);
  assert.equal(parseSize('50GiB'), 50 * 2 ** 30);
  assert.equal(parseSize('1.5M'), 1.5 * 2 ** 20);
  assert.equal(parseSize('50000M'), 52_428_800_000);
  assert.equal(parseSize('100'), 100);
  assert.equal(parseSize('100B'), 100);
  assert.equal(parseSize('4k'), 4096);
  assert.equal(parseSize('off'), -1);
});

test('a malformed size is a usage error naming the value and the flag', () => {
  for (const bad of ['lots', '', '5X', 'G', '1.2.3M', '-5M', '5iB']) {
    assert.throws(() => parseSize(bad, 'flag --max-size'), (e: unknown) => {
      assert.ok(e instanceof UsageError);
      assert.equal(e.exitCode, 1);
      assert.match(e.message, /--max-size/);
      assert.ok(e.hint);
      return true;
    }, bad);
  }
});

test('durations parse Go style plus rclone units', () => {
  assert.equal(parseDuration('3m'), 180_000);
  assert.equal(parseDuration('90s'), 90_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('2d'), 172_800_000);
  assert.equal(parseDuration('1.5h'), 5_400_000);
  assert.equal(parseDuration('10'), 10_000);
  assert.throws(() => parseDuration('3 minutes'), UsageError);
  assert.throws(() => parseDuration('m3'), UsageError);
  assert.throws(() => parseDuration(''), UsageError);
});

test('sizes and durations format for humans', () => {
  assert.equal(formatSize(512), '512 B');
  assert.equal(formatSize(1536), '1.5 KiB');
  assert.equal(formatSize(100 * 2 ** 20), '100 MiB');
  assert.equal(formatDuration(180_000), '3m0s');
  assert.equal(formatDuration(5_400_000), '1h30m0s');
  assert.equal(formatDuration(250), '250ms');
});

test('durations below the millisecond parse to nanoseconds (--modify-window)', () => {
  assert.equal(parseDurationNs('1ns'), 1);
  assert.equal(parseDurationNs('1.5us'), 1500);
  assert.equal(parseDurationNs('2µs'), 2000);
  assert.equal(parseDurationNs('1s'), 1_000_000_000);
  assert.equal(parseDurationNs('2'), 2_000_000_000);
  assert.equal(parseDuration('1500us'), 2);
  assert.throws(() => parseDurationNs('1xs', 'flag --modify-window'), /invalid flag --modify-window "1xs"/);
});
