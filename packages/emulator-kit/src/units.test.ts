import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDuration, parseProbability, parseSize } from './units.js';

test('sizes use binary multiples whatever the spelling', () => {
  assert.equal(parseSize('10G'), 10 * 2 ** 30);
  assert.equal(parseSize('50GB'), 50 * 2 ** 30);
  assert.equal(parseSize('50GiB'), 50 * 2 ** 30);
  assert.equal(parseSize('1.5M'), 1.5 * 2 ** 20);
  assert.equal(parseSize('1k'), 1024);
  assert.equal(parseSize('123'), 123);
  assert.equal(parseSize('7B'), 7);
  assert.equal(parseSize(42), 42);
  for (const bad of ['', 'G', '-1', '10X', '1.2.3M', '10 GiBs']) assert.throws(() => parseSize(bad), RangeError, bad);
});

test('durations accept ms/s/m/h/d, combinations, and bare seconds', () => {
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('5s'), 5000);
  assert.equal(parseDuration('3m'), 180_000);
  assert.equal(parseDuration('1h'), 3_600_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('2d'), 172_800_000);
  assert.equal(parseDuration('2'), 2000);
  assert.equal(parseDuration(250), 250);
  for (const bad of ['', 'h', '5x', '1h 2m', '-5s']) assert.throws(() => parseDuration(bad), RangeError, bad);
});

test('probabilities must lie in [0, 1]', () => {
  assert.equal(parseProbability('0.25', 'p'), 0.25);
  assert.throws(() => parseProbability('1.5', 'p'), RangeError);
  assert.throws(() => parseProbability('', 'p'), RangeError);
});
