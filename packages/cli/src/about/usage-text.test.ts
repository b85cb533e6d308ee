import assert from 'node:assert/strict';
import { test } from 'node:test';
import { usageJson, usageLines } from './usage-text.js';

test('about lines use rclone\'s binary units, three decimals unless whole, and leave out what is unknown', () => {
  assert.equal(usageLines({ total: 5 * 1024 ** 4, used: 2019, free: 5 * 1024 ** 4 - 2019, objects: 5 }, false),
    'Total:   5 TiB\nUsed:    1.972 KiB\nFree:    5.000 TiB\nObjects: 5\n');
  assert.equal(usageLines({ used: 0, objects: 1500 }, false), 'Used:    0 B\nObjects: 1.500k\n');
  assert.equal(usageLines({ total: 1536, free: 1 }, true), 'Total:   1536\nFree:    1\n');
});

test('about --json keeps rclone\'s field order, tab-indented', () => {
  assert.equal(usageJson({ objects: 2, free: 1, total: 3 }), '{\n\t"total": 3,\n\t"free": 1,\n\t"objects": 2\n}\n');
});
