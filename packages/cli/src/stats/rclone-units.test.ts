import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byteRateUnit, byteUnit, elapsed, percent, readableSeconds, sizeSuffix } from './rclone-units.js';

test('sizes print as rclone prints them', () => {
  assert.equal(byteUnit(0), '0 B');
  assert.equal(byteUnit(4), '4 B');
  assert.equal(byteUnit(2011), '1.964 KiB');
  assert.equal(byteUnit(2 ** 20), '1 MiB');
  assert.equal(sizeSuffix(2000), '1.953Ki');
  assert.equal(sizeSuffix(5), '5');
  assert.equal(byteRateUnit(0), '0 B/s');
  assert.equal(byteRateUnit(1536.9), '1.500 KiB/s');
});

test('percent rounds half up and is - without a total', () => {
  assert.equal(percent(4, 4), '100%');
  assert.equal(percent(1, 3), '33%');
  assert.equal(percent(0, 0), '-');
});

test('durations print Go style', () => {
  assert.equal(readableSeconds(0), '0s');
  assert.equal(readableSeconds(90), '1m30s');
  assert.equal(readableSeconds(3661), '1h1m1s');
  assert.equal(elapsed(100), '0.1s');
  assert.equal(elapsed(65_000), '1m5.0s');
  assert.equal(elapsed(3_605_000), '1h0m5.0s');
  assert.equal(elapsed(600_000), '10m0.0s');
});
