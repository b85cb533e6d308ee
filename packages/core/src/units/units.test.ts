import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDuration, parseDurationNs, formatDuration } from './duration.js';
import { parseSize, formatSize } from './size.js';
import { UsageError } from '../errors/index.js';

// rclone 1.60's fs/sizesuffix_test.go TestSizeSuffixSet, case for case:
// a bare number is KiB, B is bytes, 1MB is refused.
const RCLONE_SIZES: Array<[string, number | 'error']> = [
  ['0', 0], ['1b', 1], ['102B', 102], ['0.1k', 102], ['0.1', 102], ['1K', 1024], ['1k', 1024],
  ['1KI', 1024], ['1Ki', 1024], ['1kI', 1024], ['1ki', 1024], ['1KiB', 1024], ['1kib', 1024],
  ['1', 1024], ['2.5', 1024 * 2.5], ['1M', 2 ** 20], ['1Mi', 2 ** 20], ['1MiB', 2 ** 20],
  ['1.g', 2 ** 30], ['10G', 10 * 2 ** 30], ['10T', 10 * 2 ** 40], ['10P', 10 * 2 ** 50],
  ['off', -1], ['OFF', -1],
  ['', 'error'], ['1q', 'error'], ['1.q', 'error'], ['-1K', 'error'], ['1i', 'error'], ['1iB', 'error'], ['1MB', 'error'],
];

test('sizes parse as rclone parses them', () => {
  for (const [text, want] of RCLONE_SIZES) {
    if (want === 'error') assert.throws(() => parseSize(text), UsageError, text);
    else assert.equal(parseSize(text), want, text);
  }
  assert.equal(parseSize('50000M'), 52_428_800_000);
  assert.equal(parseSize('100'), 100 * 1024);
  assert.equal(parseSize('100B'), 100);
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
