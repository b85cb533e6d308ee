import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lsdLine, lslLine, lsLine } from './ls-lines.js';

test('ls, lsl and lsd lines have rclone widths', () => {
  const t = new Date(2024, 0, 2, 3, 4, 5, 123).getTime();
  assert.equal(lsLine({ path: 'a/b.txt', kind: 'file', size: 5 }), '        5 a/b.txt');
  assert.equal(lslLine({ path: 'a.txt', kind: 'file', size: 1234567890, modTime: t }, 0), '1234567890 2024-01-02 03:04:05.123000000 a.txt');
  assert.equal(lsdLine({ path: 'sub', kind: 'dir', size: -1, modTime: t }, 0), '          -1 2024-01-02 03:04:05        -1 sub');
});

test('lsl prints the nanoseconds past the millisecond, as rclone does', () => {
  const t = new Date(2024, 2, 1, 10, 0, 0, 123).getTime();
  assert.equal(lslLine({ path: 'f', kind: 'file', size: 6, modTime: t, modTimeNanos: 456789 }, 0), '        6 2024-03-01 10:00:00.123456789 f');
  assert.equal(lslLine({ path: 'f', kind: 'file', size: 6, modTime: t, modTimeNanos: 7 }, 0), '        6 2024-03-01 10:00:00.123000007 f');
});
