import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { crc32ByTable, Crc32Hash } from './crc32.js';

test('CRC-32 gives the standard check value and rclone\'s spelling: 8 lowercase hex digits', () => {
  assert.equal(new Crc32Hash().update(Buffer.from('123456789')).digest('hex'), 'cbf43926');
  assert.equal(new Crc32Hash().update(Buffer.from('hello\n')).digest('hex'), '363a3020');
  assert.equal(new Crc32Hash().digest('hex'), '00000000');
  // A value under 0x10000000 keeps its leading zero.
  assert.equal(new Crc32Hash().update(Buffer.from('a')).digest('hex'), 'e8b7be43');
  assert.equal(new Crc32Hash().update(Buffer.from('ab')).digest('hex'), '9e83486d');
});

test('CRC-32 fed in pieces equals CRC-32 of the whole, and the table matches zlib', () => {
  const data = randomBytes(100_003);
  const whole = new Crc32Hash().update(data).digest('hex');
  const pieces = new Crc32Hash();
  for (let at = 0; at < data.length; at += 7919) pieces.update(data.subarray(at, at + 7919));
  assert.equal(pieces.digest('hex'), whole);
  assert.equal(crc32ByTable(data).toString(16).padStart(8, '0'), whole);
  assert.equal(crc32ByTable(data.subarray(50_000), crc32ByTable(data.subarray(0, 50_000))).toString(16).padStart(8, '0'), whole);
});
